"""Publication dates as given by the input, normalised to ISO 8601; never guessed."""

from __future__ import annotations

import re
from datetime import date, datetime

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def normalize_published(value: object) -> str | None:
    """``"2023-02-13"`` stays a date; datetimes become ISO 8601 with their offset. Raises ValueError."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"publication date must be a string, got {type(value).__name__}")
    text = value.strip()
    if _DATE_ONLY.match(text):
        return date.fromisoformat(text).isoformat()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise ValueError(f"invalid publication date {value!r}: expected ISO 8601 (YYYY-MM-DD[THH:MM[:SS][+HH:MM]])") from None
