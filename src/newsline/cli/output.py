"""Rendering results for people (rich tables) and for machines (JSON, CSV)."""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsline.model import Article
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


def print_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: Format, title: str | None = None) -> None:
    """A list of flat records as a table, JSON array or CSV with a header row."""
    if fmt is Format.json:
        print_json(list(rows))
    elif fmt is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=title, show_lines=False)
        cells = [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows]
        for i, column in enumerate(columns):  # short columns (ids, dates, names) stay on one line; long ones wrap
            short = max([len(column), *(len(r[i]) for r in cells)]) <= 30
            table.add_column(column, no_wrap=short, min_width=min(len(column), 12))
        for r in cells:
            table.add_row(*map(escape, r))
        console.print(table)


def print_article(article: Article, origin: str | None = None, copies: Sequence[ArticleSummary] = ()) -> None:
    """An article for a person: its metadata, exact copies, text and annotation counts."""
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
        head.add_row("analysis", escape(status))
    counts = ", ".join(f"{len(getattr(article, name))} {name}"
                       for name in ("sentences", "entities", "timexes", "quotes", "events"))
    head.add_row("annotations", counts)
    for copy in copies:
        head.add_row("exact copy", escape(f"{copy.id} ({copy.outlet or 'unknown outlet'}, {copy.url or 'no url'})"))
    console.print(head)
    console.print()
    console.print(escape(article.text), highlight=False)
