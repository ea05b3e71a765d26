"""Calendar periods and their TIMEX3 values: a day, an ISO week, a month, a quarter, a season, a year..."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

# Finest first; a period can be shifted by a unit no finer than its own granularity.
GRANULARITIES = ("time", "day", "week", "month", "quarter", "half", "season", "year", "decade", "century")
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period: its granularity and its first day; ``part`` is a season code or a time ("T08:02", "TMO")."""

    granularity: str
    start: date
    part: str | None = None

    @property
    def value(self) -> str:
        y, d = self.start.year, self.start
        match self.granularity:
            case "time":
                return f"{d.isoformat()}{self.part or ''}"
            case "day":
                return d.isoformat()
            case "week":
                iy, iw, _ = d.isocalendar()
                return f"{iy:04d}-W{iw:02d}"
            case "month":
                return f"{y:04d}-{d.month:02d}"
            case "quarter":
                return f"{y:04d}-Q{(d.month - 1) // 3 + 1}"
            case "half":
                return f"{y:04d}-H{1 if d.month <= 6 else 2}"
            case "season":
                return f"{y:04d}-{self.part}"
            case "year":
                return f"{y:04d}"
            case "decade":
                return f"{y // 10:03d}X"
            case "century":
                return f"{y // 100:02d}"
        raise ValueError(f"unknown granularity {self.granularity!r}")


def day(d: date) -> Period:
    return Period("day", d)


def period_of(granularity: str, d: date, part: str | None = None) -> Period:
    """The period of ``granularity`` containing day ``d``."""
    match granularity:
        case "time" | "day":
            return Period(granularity, d, part)
        case "week":
            return Period("week", d - timedelta(days=d.isoweekday() - 1))
        case "month":
            return Period("month", d.replace(day=1))
        case "quarter":
            return Period("quarter", date(d.year, (d.month - 1) // 3 * 3 + 1, 1))
        case "half":
            return Period("half", date(d.year, 1 if d.month <= 6 else 7, 1))
        case "season":
            code = part or ("WI" if d.month in (12, 1, 2) else "SP" if d.month <= 5 else "SU" if d.month <= 8 else "FA")
            year = d.year - 1 if code == "WI" and d.month <= 2 else d.year
            return season(year, code)
        case "year":
            return Period("year", date(d.year, 1, 1))
        case "decade":
            return Period("decade", date(d.year // 10 * 10, 1, 1))
        case "century":
            return Period("century", date(max(1, d.year // 100 * 100), 1, 1))
    raise ValueError(f"unknown granularity {granularity!r}")


def season(year: int, code: str) -> Period:
    return Period("season", date(year, _SEASON_MONTH[code], 1), code)


def add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    last = (date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month + 1, min(d.day, last))


def shift(p: Period, n: int, unit: str) -> Period:
    """``p`` moved by ``n`` units ("day", "week", "month", "quarter", "half", "year", "decade", "century")."""
    match unit:
        case "day":
            start = p.start + timedelta(days=n)
        case "week":
            start = p.start + timedelta(weeks=n)
        case "month":
            start = add_months(p.start, n)
        case "quarter":
            start = add_months(p.start, 3 * n)
        case "half":
            start = add_months(p.start, 6 * n)
        case "year":
            start = add_months(p.start, 12 * n)
        case "decade":
            start = add_months(p.start, 120 * n)
        case "century":
            start = add_months(p.start, 1200 * n)
        case _:
            raise ValueError(f"cannot shift by {unit!r}")
    return replace(p, start=start)


def finer_or_equal(a: str, b: str) -> bool:
    """Whether granularity ``a`` is at least as fine as ``b``."""
    return GRANULARITIES.index(a) <= GRANULARITIES.index(b)
