"""Date-marked text: ``date YYYY-MM-DD`` then the body; several records per file, each after a blank line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from newsline.ingest.records import RawRecord, Rejection

# A marker: "date" and a date-shaped token at the start of a record. The token's validity is checked per record,
# so "date 2023-02-30" is reported as an invalid marker rather than silently read as body text.
MARKER = re.compile(r"^[ \t]*date[ \t]+(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})(?=\s|$)[ \t]*")


def looks_date_marked(head: str) -> bool:
    return MARKER.match(head.lstrip("\ufeff\r\n\t ")) is not None


def read_date_marked(label: str, lines: Iterable[str]) -> Iterator[RawRecord | Rejection]:
    """Split a stream of lines into records at markers that start the file or follow a blank line."""
    current: tuple[int, str, list[str]] | None = None
    previous_blank = True
    stray_reported = False
    for number, line in enumerate(lines, start=1):
        match = MARKER.match(line.lstrip("\ufeff")) if previous_blank else None
        if match:
            if current:
                yield _record(label, *current)
            current = (number, match.group(1), [line.lstrip("\ufeff")[match.end():]])
        elif current:
            current[2].append(line)
        elif line.strip() and not stray_reported:
            yield Rejection(f"{label}:{number}", "text before the first 'date YYYY-MM-DD' marker")
            stray_reported = True
        previous_blank = not line.strip()
    if current:
        yield _record(label, *current)


def _record(label: str, line: int, token: str, body: list[str]) -> RawRecord | Rejection:
    origin = f"{label}:{line}"
    try:
        published = date.fromisoformat(token).isoformat()
    except ValueError:
        return Rejection(origin, f"invalid date marker 'date {token}': expected a real date as YYYY-MM-DD")
    text = "".join(body).strip()
    if not text:
        return Rejection(origin, "empty record: a date marker with no text after it")
    return RawRecord(origin=origin, text=text, published=published)
