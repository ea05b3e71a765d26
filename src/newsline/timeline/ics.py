"""A timeline as an iCalendar file (RFC 5545): one all-day VEVENT per timeline entry."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

from newsline.timeline.dates import UNDATED_DAY
from newsline.timeline.query import TimelineEntry


def to_ics(entries: Iterable[TimelineEntry], *, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//newsline//timeline//EN", "CALSCALE:GREGORIAN"]
    for entry in entries:
        if entry.day == UNDATED_DAY:
            continue  # nothing dates it: it has no place in a calendar
        day = date.fromisoformat(entry.day)
        summary = f"{entry.actor or '(unnamed)'} {entry.category}: {entry.predicate}"
        if entry.target:
            summary += f" -> {entry.target}"
        when = "reported on" if entry.reported_on else f"date {entry.date} ({entry.date_source})"
        sources = "\n".join(f"{r.outlet or 'unknown outlet'} {r.published or ''} {r.url or r.article_id}"
                            for r in entry.reports)
        description = "\n".join((entry.evidence, when, sources))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{entry.reports[0].article_id}-{entry.reports[0].event_id}@newsline",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            f"CATEGORIES:{_escape(entry.category)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a leading space (never splitting a UTF-8 character)."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)
