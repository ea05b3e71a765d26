"""Publication dates as given by the input, normalised to ISO 8601; never guessed.

A publication date must fall within :data:`EARLIEST` .. :data:`LATEST`: the first printed newspapers (1605) to
well past any article written today. Anything outside is a broken field (``0001-01-01``, ``9999-12-31`` are
placeholders of databases and crawlers, not dates), and would not survive date arithmetic across time zones.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from newsline.errors import InvalidArgument

EARLIEST = date(1600, 1, 1)
LATEST = date(2199, 12, 31)
_DATE_ONLY = re.compile(r"^[\d-]+$|^\d{4}-?W")  # 2023-02-13, 20230213, 2023-W07-1: a day without a time
_EXPECTED = "expected ISO 8601 (YYYY-MM-DD[THH:MM[:SS][+HH:MM]])"


def normalize_published(value: object, param: str = "published") -> str | None:
    """``"2023-02-13"`` (or a ``date``) stays a date; datetimes become ISO 8601 with their offset, if any.

    Raises :class:`InvalidArgument` naming ``param`` and the value when it is malformed or outside
    :data:`EARLIEST` .. :data:`LATEST`.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed: date = value
        text = value.isoformat()
    elif isinstance(value, date):
        parsed = value
        text = value.isoformat()
    elif isinstance(value, str):
        parsed, text = _parse(value.strip(), param, value)
    else:
        raise InvalidArgument(param, value, f"a publication date must be a string, got {type(value).__name__}")
    day = parsed.date() if isinstance(parsed, datetime) else parsed
    if not EARLIEST <= day <= LATEST:
        raise InvalidArgument(param, value, f"outside the plausible range of publication dates "
                                            f"{EARLIEST.isoformat()} to {LATEST.isoformat()}")
    return text


def _parse(text: str, param: str, value: str) -> tuple[date, str]:
    try:
        if _DATE_ONLY.match(text):
            day = date.fromisoformat(text)
            return day, day.isoformat()
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return moment, moment.isoformat()
    except ValueError as exc:
        problem = "" if str(exc).startswith("Invalid isoformat") else f"{exc}; "  # "day is out of range for month"
        raise InvalidArgument(param, value, f"invalid publication date: {problem}{_EXPECTED}") from None
