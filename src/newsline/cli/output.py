"""Rendering results for people (rich tables) and for machines (JSON, CSV)."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsline.model import ANNOTATIONS, Article
from newsline.store.base import ArticleSummary

console = Console()
err_console = Console(stderr=True)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def as_plain(value: Any) -> Any:
    """Dataclasses (also nested) as dicts, ready for JSON."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return value.to_dict()
        return {f.name: as_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [as_plain(v) for v in value]
    return value


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(as_plain(value), ensure_ascii=False, indent=2) + "\n")


SHORT = 30  # a column whose cells are all at most this wide stays on one line; longer ones wrap
ID_COLUMNS = frozenset({"id", "article", "article_id", "first_article", "source_id"})
TIME_COLUMNS = frozenset({"published", "first_published", "last_published"})
_ID = re.compile(r"[0-9a-f]{16}")


def print_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: Format, title: str | None = None,
               caption: str | None = None) -> None:
    """A list of flat records as a table, JSON array or CSV with a header row.

    A table fits the terminal: ids show as their first 8 digits (commands take unique prefixes) and publication
    times as their day, short columns stay on one line (cut with … when the terminal is narrow) and long ones (titles,
    texts) wrap in the room left, at least a third of the width. JSON and CSV give every value whole.
    """
    if fmt is Format.json:
        print_json(list(rows))
    elif fmt is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        cells = [[_cell(c, row.get(c)) for c in columns] for row in rows]
        natural = [max([cell_len(c), *(cell_len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
        widths = _fit(natural, console.width - 3 * len(columns) - 1)
        table = Table(title=title, caption=caption, show_lines=False)
        for column, width, wide in zip(columns, widths, natural):
            if wide <= SHORT:
                table.add_column(column, width=width, no_wrap=True, overflow="ellipsis")
            else:
                table.add_column(column, min_width=width, overflow="fold")
        for r in cells:
            table.add_row(*map(escape, r))
        console.print(table)


def _cell(column: str, value: Any) -> str:
    text = "" if value is None else str(value)
    if column in ID_COLUMNS and _ID.fullmatch(text):
        return text[:8]
    if column in TIME_COLUMNS and text[10:11] == "T":
        return text[:10]
    return text


def _fit(natural: list[int], room: int) -> list[int]:
    """Column widths within ``room``: each long column gets at least a third of it (or what it needs); short
    columns share the rest, the widest cut first, none below 4."""
    long = [i for i, w in enumerate(natural) if w > SHORT]
    floor = max(20, room // 3) if long else 0
    widths = [min(w, floor) if i in long else w for i, w in enumerate(natural)]
    short_room = room - sum(widths[i] for i in long)
    short = sorted((i for i in range(len(natural)) if i not in long), key=lambda i: natural[i])
    for position, i in enumerate(short):  # water-filling: the narrow ones keep their width
        share = max(4, (short_room - sum(widths[j] for j in short[:position])) // (len(short) - position))
        widths[i] = min(natural[i], share)
    return widths


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``1 article``, ``2 articles`` (``plural_form`` for irregular nouns: ``1 story``, ``2 stories``)."""
    return f"{count:,} {noun if count == 1 else plural_form or noun + 's'}"


def print_article(article: Article, origin: str | None = None, copies: Sequence[ArticleSummary] = ()) -> None:
    """An article for a person: its metadata, exact copies and text, then its annotations: entities, quotes with
    their speakers, dates with their values, events."""
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    for label, value in (
        ("id", article.id), ("title", article.title), ("outlet", article.outlet or "(unknown)"),
        ("published", article.published or "(unknown)"), ("url", article.url), ("language", article.language),
        ("fetched", article.fetched), ("from", origin),
    ):
        if value:
            head.add_row(label, escape(str(value)))
    if article.analysis:
        status = article.analysis.status + (f": {article.analysis.reason}" if article.analysis.reason else "")
        status += f" (only the stages {', '.join(article.analysis.stages)})" if article.analysis.stages else ""
        head.add_row("analysis", escape(status))
    head.add_row("annotations", ", ".join(
        plural(len(getattr(article, name)), *_COUNTED.get(name, (name, name))) for name in ANNOTATIONS))
    for copy in copies:
        head.add_row("exact copy", escape(f"{copy.id} ({copy.outlet or 'unknown outlet'}, {copy.url or 'no url'})"))
    console.print(head)
    console.print()
    console.print(escape(article.text), highlight=False)
    for rows, columns, title in _annotation_tables(article):
        if rows:
            console.print()
            print_rows(rows, columns, Format.table, title=title)


# How the annotations are counted for a person ("1 date expression"); another list is counted by its field name.
_COUNTED: dict[str, tuple[str, str | None]] = {
    "sentences": ("sentence", None), "entities": ("entity", "entities"), "timexes": ("date expression", None),
    "quotes": ("quote", None), "events": ("event", None), "credits": ("credit", None), "zones": ("zone", None)}


def _annotation_tables(article: Article) -> list[tuple[list[dict[str, Any]], tuple[str, ...], str]]:
    names = {e.id: e.name for e in article.entities}

    def who(entity_id: str | None) -> str:
        return f"{names.get(entity_id, '?')} ({entity_id})" if entity_id else ""

    entities = [{"id": e.id, "name": e.name, "type": e.type, "mentions": len(e.mentions),
                 "roles": "; ".join(e.roles)} for e in article.entities]
    quotes = [{"id": q.id, "kind": q.kind, "speaker": who(q.speaker) or (q.source.text if q.source else "?"),
               "cue": q.cue.text if q.cue else "", "content": q.content.text} for q in article.quotes]
    dates = [{"id": t.id, "text": t.span.text, "type": t.type,
              "value": (t.value or "") + (f" ({t.mod})" if t.mod else ""),
              "resolved": "yes" if t.resolved else f"no: {t.reason or 'no anchor'}"} for t in article.timexes]
    events = [{"id": e.id, "date": (e.date.value or "(undated)") + ("" if e.date.source == "timex"
                                                                     else f" ({e.date.source})"),
               "actor": who(e.actor), "category": e.category + (" (negated)" if e.negated else "")
               + (" (hypothetical)" if e.hypothetical else ""), "target": who(e.target),
               "evidence": e.evidence.text} for e in article.events]
    return [(entities, ("id", "name", "type", "mentions", "roles"), "Entities"),
            (quotes, ("id", "kind", "speaker", "cue", "content"), "Quotes"),
            (dates, ("id", "text", "type", "value", "resolved"), "Dates and times"),
            (events, ("id", "date", "actor", "category", "target", "evidence"), "Events")]
