"""Date-marked text: ``date YYYY-MM-DD`` then the body; several records per file, each after a blank line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from newsline.errors import InvalidArgument
from newsline.publication import normalize_published
from newsline.ingest.decode import BadLine
from newsline.ingest.records import RawRecord, Rejection

# A marker: "date" and a date-shaped token at the start of a record. The token's validity is checked per record,
# so "date 2023-02-30" is reported as an invalid marker rather than silently read as body text.
MARKER = re.compile(r"^[ \t]*date[ \t]+(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})(?=\s|$)[ \t]*")


def looks_date_marked(head: str) -> bool:
    return MARKER.match(head.lstrip("\ufeff\r\n\t ")) is not None


@dataclass(slots=True)
class _Record:
    line: int
    token: str
    body: list[str] = field(default_factory=list)
    size: int = 0
    problem: Rejection | None = None  # the first line that cannot be read; the record is rejected with it


def read_date_marked(label: str, lines: Iterable[str | BadLine], max_chars: int) -> Iterator[RawRecord | Rejection]:
    """Split a stream of lines into records at markers that start the file or follow a blank line.

    A record with an unreadable line (:class:`BadLine`) or longer than ``max_chars`` is rejected whole."""
    current: _Record | None = None
    previous_blank = True
    stray_reported = False
    for number, item in enumerate(lines, start=1):
        line = item.start if isinstance(item, BadLine) else item
        match = MARKER.match(line.lstrip("\ufeff")) if previous_blank else None
        body = line
        if match:
            if current:
                yield _record(label, current)
            current = _Record(number, match.group(1))
            body = line.lstrip("\ufeff")[match.end():]
        if isinstance(item, BadLine):
            if current is None:
                yield Rejection(f"{label}:{number}", item.reason)
            elif current.problem is None:
                record = "this record" if current.line == number else f"the record starting at line {current.line}"
                current.problem = Rejection(f"{label}:{number}", f"{item.reason}; {record} was skipped")
        elif current:
            current.size += len(body)
            if current.size > max_chars and current.problem is None:
                current.problem = Rejection(f"{label}:{current.line}",
                                            f"record longer than {max_chars:,} characters: not one article")
            if current.problem is None:
                current.body.append(body)
        elif line.strip() and not stray_reported:
            yield Rejection(f"{label}:{number}", "text before the first 'date YYYY-MM-DD' marker")
            stray_reported = True
        previous_blank = not isinstance(item, BadLine) and not line.strip()
    if current:
        yield _record(label, current)


def _record(label: str, record: _Record) -> RawRecord | Rejection:
    origin = f"{label}:{record.line}"
    if record.problem is not None:
        return record.problem
    try:
        published = normalize_published(date.fromisoformat(record.token))
    except InvalidArgument as exc:
        return Rejection(origin, f"invalid date marker 'date {record.token}': {exc.problem}")
    except ValueError:
        return Rejection(origin, f"invalid date marker 'date {record.token}': expected a real date as YYYY-MM-DD")
    text = "".join(record.body).strip()
    if not text:
        return Rejection(origin, "empty record: a date marker with no text after it")
    return RawRecord(origin=origin, text=text, published=published)
