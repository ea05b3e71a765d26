"""Checking what callers pass to the Python API (the CLI and the web app pass it on unchanged): a bad value raises
:class:`~newsline.errors.InvalidArgument` naming the keyword, the value and what to give instead."""

from __future__ import annotations

import re
from datetime import date, datetime

from newsline.errors import InvalidArgument

MAX_INTEGER = 2**63 - 1  # SQLite's largest integer: limits, offsets and ids beyond it cannot be stored or asked for
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_HEX_ID = re.compile(r"[0-9a-f]+")
ID_DIGITS = 16  # article and story ids: 16 hex digits
MIN_PREFIX = 4  # the shortest id prefix accepted


def day(param: str, value: str | date | None) -> str | None:
    """``value`` as an ISO calendar day ``YYYY-MM-DD`` (a ``datetime.date`` is accepted too); None stays None.

    Only that form: ``20191119`` or ``2019-W47-2`` would compare as text against stored dates and silently
    select the wrong articles.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise InvalidArgument(param, value, f"expected a date (YYYY-MM-DD), not {type(value).__name__}")
    text = value.strip()
    if not _DAY.fullmatch(text):
        hint = ""
        try:  # ISO forms Python reads but the store cannot compare: say which day was probably meant
            hint = f"; did you mean {date.fromisoformat(text).isoformat()}?"
        except ValueError:
            pass
        raise InvalidArgument(param, value, f"not a date; write it as YYYY-MM-DD{hint}")
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise InvalidArgument(param, value, f"no such day ({exc})") from None


def day_range(since: str | date | None, until: str | date | None, *, since_param: str = "since",
              until_param: str = "until") -> tuple[str | None, str | None]:
    """Both ends checked with :func:`day`; a start after the end is an error, not an empty result."""
    first, last = day(since_param, since), day(until_param, until)
    if first is not None and last is not None and first > last:
        raise InvalidArgument(since_param, since, f"is after the end of the range ({last}); swap the two dates")
    return first, last


def page(limit: int, offset: int) -> None:
    """``limit`` rows from ``offset``: 1 <= limit and 0 <= offset, both within SQLite's integers."""
    integer("limit", limit, minimum=1)
    integer("offset", offset, minimum=0)


def integer(param: str, value: int, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(param, value, "expected a whole number")
    if value < minimum:
        raise InvalidArgument(param, value, f"must be at least {minimum}")
    if value > MAX_INTEGER:
        raise InvalidArgument(param, value, f"must be at most {MAX_INTEGER}")
    return value


def is_number(text: str) -> bool:
    """Whether a reference such as an entity's is a numeric id (ASCII digits) rather than a name."""
    text = text.strip()
    return text.isascii() and text.isdigit()


def id_prefix(param: str, value: str, what: str) -> str:
    """An id or a unique prefix of one, lower-cased: 4 to 16 hex digits."""
    key = value.strip().lower() if isinstance(value, str) else ""
    if not _HEX_ID.fullmatch(key):
        raise InvalidArgument(param, value, f"not a valid {what} id: ids are {ID_DIGITS} hex digits (0-9, a-f), and"
                                            f" a unique prefix of at least {MIN_PREFIX} works")
    if len(key) < MIN_PREFIX:
        raise InvalidArgument(param, value, f"give at least {MIN_PREFIX} digits of the {what} id")
    if len(key) > ID_DIGITS:
        raise InvalidArgument(param, value, f"too long: {what} ids are {ID_DIGITS} hex digits")
    return key
