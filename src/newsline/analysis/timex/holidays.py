"""Named days and the dates derived from calendars: fixed-date days, days counted from Easter (Western and
Orthodox), Islamic days (the Umm al-Qura calendar, ``hijridate``), Jewish days (``convertdate.hebrew``), US
federal days (weekday rules counted with ``convertdate.holidays.nth_day_of_month``), and periods that "the first Sunday of Lent" or "the last Friday of
Ramadan" count within.

The calendars come from maintained libraries (see docs/timex.md, "Calendars"): ``convertdate`` for Easter, the
Hebrew calendar and the US days defined by weekday rules, ``hijridate`` for Islamic dates, which follow the
official Saudi calendar (the arithmetical Islamic calendar is a day off in about one year in three). A day a
calendar cannot place (an Islamic date outside 1924-2077) is None, and the expression stays unresolved.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from datetime import date, timedelta

from convertdate import hebrew, holidays as us_days
from hijridate import Gregorian, Hijri

Day = Callable[[int], date | None]  # a Gregorian year -> the day in it (None: the calendar cannot say)
Period = Callable[[int], tuple[date, date] | None]  # a Gregorian year -> first and last day of the period in it


def _tuple(found: tuple[int, int, int]) -> date:
    return date(*found)


def _easter(year: int, church: str = "western") -> date:
    return _tuple(us_days.easter(year, church))


def _from_easter(days: int, church: str = "western") -> Day:
    return lambda year: _easter(year, church) + timedelta(days=days)


def _fixed(month: int, day: int) -> Day:
    return lambda year: date(year, month, day)


def _islamic(month: int, day: int) -> Day:
    """The Islamic day ``month``/``day`` falling in Gregorian ``year`` (the first, should two)."""
    def found(year: int) -> date | None:
        first = int((year - 622) * 33 / 32)  # a Hijri year is about 11 days shorter than a Gregorian one
        for hijri_year in (first - 1, first, first + 1):
            try:
                day_ = Hijri(hijri_year, month, day).to_gregorian()
            except (OverflowError, ValueError):  # outside the Umm al-Qura tables, or no such day
                continue
            if day_.year == year:
                return date(day_.year, day_.month, day_.day)
        return None
    return found


def _hebrew(month: int, day: int) -> Day:
    """The Hebrew day ``month``/``day`` (Nisan = 1 ... Adar = 12, Tishri = 7) falling in Gregorian ``year``."""
    def found(year: int) -> date | None:
        with warnings.catch_warnings():  # convertdate calls its own deprecated month_days
            warnings.simplefilter("ignore", DeprecationWarning)
            days = [_tuple(hebrew.to_gregorian(h, month, day)) for h in (year + 3760, year + 3761)]
        inside = [d for d in days if d.year == year]
        return inside[0] if inside else None
    return found


def _nth(n: int, weekday: int, month: int) -> Day:
    """The ``n``-th ``weekday`` (Monday = 0) of ``month``; ``n`` = 0 is the last one."""
    return lambda year: _tuple(us_days.nth_day_of_month(n, weekday, month, year))


def _election_day(year: int) -> date:
    """US Election Day: the Tuesday after the first Monday of November."""
    return _nth(1, 0, 11)(year) + timedelta(days=1)  # type: ignore[operator]


DAYS: dict[str, Day] = {
    # fixed dates
    "new year's day": _fixed(1, 1), "new year's eve": _fixed(12, 31), "christmas": _fixed(12, 25),
    "christmas day": _fixed(12, 25), "christmas eve": _fixed(12, 24), "boxing day": _fixed(12, 26),
    "epiphany": _fixed(1, 6), "orthodox christmas": _fixed(1, 7), "valentine's day": _fixed(2, 14),
    "international women's day": _fixed(3, 8), "may day": _fixed(5, 1), "victory day": _fixed(5, 9),
    "independence day": _fixed(7, 4), "bastille day": _fixed(7, 14), "halloween": _fixed(10, 31),
    "all saints' day": _fixed(11, 1), "guy fawkes night": _fixed(11, 5), "armistice day": _fixed(11, 11),
    "remembrance day": _fixed(11, 11), "veterans day": _fixed(11, 11), "juneteenth": _fixed(6, 19),
    "canada day": _fixed(7, 1), "australia day": _fixed(1, 26), "anzac day": _fixed(4, 25),
    # counted from Easter
    "easter": _from_easter(0), "easter sunday": _from_easter(0), "easter monday": _from_easter(1),
    "good friday": _from_easter(-2), "holy saturday": _from_easter(-1), "maundy thursday": _from_easter(-3),
    "palm sunday": _from_easter(-7), "ash wednesday": _from_easter(-46), "ascension day": _from_easter(39),
    "pentecost": _from_easter(49), "whit sunday": _from_easter(49), "whitsun": _from_easter(49),
    "orthodox easter": _from_easter(0, "orthodox"),
    # US days defined by weekday rules (convertdate.holidays.thanksgiving takes the last Thursday of November,
    # which is the fourth only most years: the rules are written out here)
    "thanksgiving": _nth(4, 3, 11), "thanksgiving day": _nth(4, 3, 11), "labor day": _nth(1, 0, 9),
    "memorial day": _nth(0, 0, 5), "election day": _election_day, "martin luther king day": _nth(3, 0, 1),
    "martin luther king jr. day": _nth(3, 0, 1), "presidents day": _nth(3, 0, 2), "presidents' day": _nth(3, 0, 2),
    "columbus day": _nth(2, 0, 10),
    # Islamic (Hijri month, day)
    "eid al-fitr": _islamic(10, 1), "eid ul-fitr": _islamic(10, 1), "eid al-adha": _islamic(12, 10),
    "eid ul-adha": _islamic(12, 10), "islamic new year": _islamic(1, 1), "ashura": _islamic(1, 10),
    "mawlid": _islamic(3, 12), "laylat al-qadr": _islamic(9, 27), "day of arafah": _islamic(12, 9),
    # Jewish (Hebrew month, day; holidays begin at the previous sundown)
    "rosh hashanah": _hebrew(7, 1), "yom kippur": _hebrew(7, 10), "sukkot": _hebrew(7, 15),
    "simchat torah": _hebrew(7, 23), "passover": _hebrew(1, 15), "shavuot": _hebrew(3, 6),
    "hanukkah": _hebrew(9, 25), "purim": _hebrew(12, 14),
}


def _islamic_month(month: int) -> Period:
    def found(year: int) -> tuple[date, date] | None:
        first = _islamic(month, 1)(year)
        if first is None:
            return None
        length = Gregorian(first.year, first.month, first.day).to_hijri().month_length()
        return first, first + timedelta(days=length - 1)
    return found


PERIODS: dict[str, Period] = {
    "lent": lambda year: (_easter(year) - timedelta(days=46), _easter(year) - timedelta(days=1)),
    "holy week": lambda year: (_easter(year) - timedelta(days=7), _easter(year) - timedelta(days=1)),
    "easter week": lambda year: (_easter(year), _easter(year) + timedelta(days=6)),
    "advent": lambda year: (date(year, 12, 25) - timedelta(days=date(year, 12, 25).isoweekday() % 7 + 21),
                            date(year, 12, 24)),
    "ramadan": _islamic_month(9),
    "passover": lambda year: (d, d + timedelta(days=7)) if (d := DAYS["passover"](year)) else None,
    "hanukkah": lambda year: (d, d + timedelta(days=7)) if (d := DAYS["hanukkah"](year)) else None,
}


def day_key(written: str) -> str:
    """The ``DAYS``/``PERIODS`` key of a name as written: "Eid-ul-Fitr" = "eid al-fitr", "New Year’s Day"."""
    key = " ".join(written.lower().replace("’", "'").replace("‘", "'").split())
    key = key.replace("eid-", "eid ").replace("eid el", "eid al").replace("eid ul", "eid al").replace("al fitr", "al-fitr")
    return key.replace("al adha", "al-adha").replace("ul-", "al-").replace("el-", "al-")


def _pattern(names: list[str]) -> str:
    """An alternation matching each name with flexible spaces, hyphens and apostrophes."""
    alternatives = []
    for name in sorted(names, key=len, reverse=True):
        words = [re.escape(w).replace("'", "['’]").replace(r"\-", r"[\s-]") for w in name.split()]
        alternatives.append(r"[\s-]+".join(words))
    return "|".join(alternatives)


_EID_VARIANTS = ["eid el-fitr", "eid ul-fitr", "eid el-adha", "eid ul-adha"]
DAY_NAMES = _pattern([*DAYS, *_EID_VARIANTS])
PERIOD_NAMES = _pattern(list(PERIODS))
