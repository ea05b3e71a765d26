"""Publication dates: one value (:class:`PublicationDate`) for the ISO 8601 string the contract keeps.

The rule, everywhere: an article's **publication day is the day written in its date**, the publisher's own local
day. ``2025-03-10T23:30-05:00`` was published on the 10th (04:30 UTC on the 11th): "today" in it is the 10th, an
event dated by its publication falls on the 10th, and its story window is centred on the 10th, as ``--since`` and
``--until`` select it. Only the order of two timed articles uses the instant (naive times read as UTC).

A publication date must fall within :data:`EARLIEST` .. :data:`LATEST`: the first printed newspapers (1605) to
well past any article written today. Anything outside is a broken field (``0001-01-01``, ``9999-12-31`` are
placeholders of databases and crawlers, not dates), and would not survive date arithmetic across time zones.
Dates come from the input only, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone, tzinfo
from functools import lru_cache
from typing import Literal

from newsline.errors import InvalidArgument

EARLIEST = date(1600, 1, 1)
LATEST = date(2199, 12, 31)
_DATE_ONLY = re.compile(r"^[\d-]+$|^\d{4}-?W")  # 2023-02-13, 20230213, 2023-W07-1: a day without a time
_EXPECTED = "expected ISO 8601 (YYYY-MM-DD[THH:MM[:SS][+HH:MM]])"


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """A publication date as the input gives it: the ``day`` written, and the clock ``time`` when given (aware when
    the input states its UTC offset). ``str()`` is the contract's ISO 8601 string."""

    day: date
    time: time | None = None

    @property
    def precision(self) -> Literal["day", "time"]:
        return "day" if self.time is None else "time"

    @property
    def tz(self) -> tzinfo | None:
        """The stated UTC offset of the time; None for a day, or a time given without one."""
        return self.time.tzinfo if self.time is not None else None

    @property
    def instant(self) -> datetime | None:
        """The moment of a timed date, for ordering (a time without an offset is read as UTC); None for a day."""
        if self.time is None:
            return None
        moment = datetime.combine(self.day, self.time)
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)

    def __str__(self) -> str:
        return self.day.isoformat() if self.time is None else datetime.combine(self.day, self.time).isoformat()

    @staticmethod
    @lru_cache(maxsize=65536)  # every stage and story step asks again for the same few dates
    def of(published: str, param: str = "published") -> PublicationDate:
        """The date an ISO 8601 string states (``2023-02-13``, ``20230213``, ``2023-W07-1``, a datetime with or
        without an offset, ``Z`` for UTC). Raises InvalidArgument naming ``param`` when it is malformed."""
        text = published.strip()
        try:
            if _DATE_ONLY.match(text):
                return PublicationDate(date.fromisoformat(text))
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            problem = "" if str(exc).startswith("Invalid isoformat") else f"{exc}; "  # "day is out of range for month"
            raise InvalidArgument(param, published, f"invalid publication date: {problem}{_EXPECTED}") from None
        return PublicationDate(moment.date(), moment.timetz())


def publication_day(published: str | None) -> date | None:
    """The publication day of an article's ``published`` (see the module's rule), None when it is unknown."""
    return PublicationDate.of(published).day if published else None


def normalize_published(value: object, param: str = "published") -> str | None:
    """``"2023-02-13"`` (or a ``date``) stays a date; datetimes become ISO 8601 with their offset, if any.

    Raises :class:`InvalidArgument` naming ``param`` and the value when it is malformed or outside
    :data:`EARLIEST` .. :data:`LATEST`.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = PublicationDate(value.date(), value.timetz())
    elif isinstance(value, date):
        parsed = PublicationDate(value)
    elif isinstance(value, str):
        parsed = PublicationDate.of(value, param)
    else:
        raise InvalidArgument(param, value, f"a publication date must be a string, got {type(value).__name__}")
    if not EARLIEST <= parsed.day <= LATEST:
        raise InvalidArgument(param, value, f"outside the plausible range of publication dates "
                                            f"{EARLIEST.isoformat()} to {LATEST.isoformat()}")
    return str(parsed)
