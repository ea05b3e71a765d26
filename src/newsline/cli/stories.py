"""``newsline stories`` (and ``stories rebuild``), ``newsline story`` and ``newsline outlets``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from newsline.bench.stories import parse_topics, run as run_ecbplus
from newsline.cli.bench import bench_app
from newsline.cli.common import (
    CsvFlag, DbOption, FormatOption, JsonFlag, OriginsOption, load_origins, pick_format, user_errors,
)
from newsline.cli.output import Format, console, plural, print_json, print_rows
from newsline.errors import InvalidArgument
from newsline.query import open_store
from newsline.stories import StoryConfig, rebuild
from newsline.stories.query import StoryArticle, StoryView, outlets, stories, story
from newsline.store.base import OutletStats
from newsline.transliteration import beside

stories_app = typer.Typer(help="Stories across outlets: list them, or rebuild them all.")
STORY_COLUMNS = ("id", "articles", "outlets", "first_published", "first_outlet", "uncredited", "title")


def register(app: typer.Typer) -> None:
    app.add_typer(stories_app, name="stories")
    app.command("story")(story_command)
    app.command("outlets")(outlets_command)


@stories_app.callback(invoke_without_command=True)
def stories_command(
    ctx: typer.Context,
    db: str = DbOption,
    since: str = typer.Option(None, "--from", "--since",
                              help="Stories with an article on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--to", "--until", help="Stories that began on or before this date (YYYY-MM-DD)."),
    outlet: str = typer.Option(None, help="Only stories this outlet published in (case ignored)."),
    min_outlets: int = typer.Option(1, "--min-outlets", min=1, help="Only stories carried by this many outlets."),
    limit: int = typer.Option(50, min=1), offset: int = typer.Option(0, min=0),
    fmt: Format = FormatOption, as_json: bool = JsonFlag, as_csv: bool = CsvFlag,
) -> None:
    """List stories, most outlets first, with the first publisher and the count of uncredited copies."""
    if ctx.invoked_subcommand is not None:
        return
    with user_errors(), open_store(db, readonly=True) as store:
        rows = stories(store, since=since, until=until, outlet=outlet, min_outlets=min_outlets, limit=limit,
                       offset=offset)
    print_rows([dataclasses.asdict(r) for r in rows], STORY_COLUMNS, pick_format(fmt, as_json, as_csv),
               title="Stories")


@stories_app.command("rebuild")
def rebuild_command(
    db: str = DbOption,
    window: str = typer.Option("7", help="Time window in days for joining a story, or 'off' (undated collections)."),
    missing: bool = typer.Option(False, "--missing", help="Keep stories; assign only articles in none."),
    origins: list[Path] = OriginsOption,
) -> None:
    """Reassign every stored article to stories (publication order) and recompute their provenance.

    One transaction: until it ends, and if it fails, the stories stay as they were."""
    with user_errors():
        config = StoryConfig(window_days=_window(window), origins=load_origins(origins))
        open_store(db, readonly=True).close()  # an existing newsline store: rebuilding a new file makes no sense
        with open_store(db) as store:
            report = rebuild(store, config, missing_only=missing)
    console.print(f"{plural(report.articles, 'article')} assigned, {plural(report.stories, 'story', 'stories')}"
                  f" touched (window: {window}{'' if window == 'off' else ' days'})")


@bench_app.command("stories")
def bench_stories_command(
    path: Path = typer.Argument(..., help="ECB+ JSON lines (doc_id, topic, cluster, sentences)."),
    topics: str = typer.Option(None, help="Only these topics, e.g. 21-35 or 1,4,7-9 (default: all)."),
    as_json: bool = JsonFlag,
) -> None:
    """Cluster ECB+ documents into stories (time window off) and score against the gold clusters."""
    with user_errors():
        if not path.is_file():
            raise InvalidArgument("path", str(path), "no such file")
        scores = run_ecbplus(path, parse_topics(topics) if topics else None)
    if as_json:
        print_json(scores)
        return
    print_rows([{"": k.replace("_", " "), "value": round(v, 4) if isinstance(v, float) else v}
                for k, v in dataclasses.asdict(scores).items()], ("", "value"), Format.table,
               title=f"Stories vs ECB+ gold clusters ({path.name}, topics {topics or 'all'})")


def story_command(
    story_or_article_id: str = typer.Argument(..., metavar="STORY",
                                              help="A story id, or an article id (its story); unique prefixes work."),
    db: str = DbOption, as_json: bool = JsonFlag,
    spans: bool = typer.Option(False, "--spans", help="Also print each reused sentence beside its source."),
    origins: list[Path] = OriginsOption,
) -> None:
    """One story: outlets on a time line, first publisher, each article's relation, reuse, credit, quote links."""
    with user_errors(), open_store(db, readonly=True) as store:
        view = story(store, story_or_article_id, origins=load_origins(origins))
    if as_json:
        print_json(view)
    else:
        _print_story(view, spans)


def outlets_command(
    db: str = DbOption, limit: int = typer.Option(100, min=1), offset: int = typer.Option(0, min=0),
    sort: str = typer.Option("articles", help="articles | laundering | uncredited: the largest first."),
    origins: list[Path] = OriginsOption,
    fmt: Format = FormatOption, as_json: bool = JsonFlag, as_csv: bool = CsvFlag,
) -> None:
    """Per outlet: articles, stories published first, reuse and the uncredited share, and the laundering signal
    (articles reusing wire, agency or state-media text without credit, with those origins named)."""
    with user_errors(), open_store(db, readonly=True) as store:
        rows = outlets(store, sort=sort, limit=limit, offset=offset, origins=load_origins(origins))
    chosen = pick_format(fmt, as_json, as_csv)
    print_rows([outlet_row(r, chosen is Format.json) for r in rows], OUTLET_COLUMNS, chosen, title="Outlets")


OUTLET_COLUMNS = ("outlet", "articles", "stories", "first_published", "copies", "uncredited", "uncredited_share",
                  "reused_origins", "laundered", "laundering_share", "laundered_from")


def outlet_row(row: OutletStats, nested: bool) -> dict[str, object]:
    """An outlet's figures, shares rounded; ``laundered_from`` as an object (JSON) or "TASS 3; Reuters 1"."""
    share = row.uncredited_share
    return dataclasses.asdict(row) | {
        "uncredited_share": None if share is None else round(share, 3),
        "laundering_share": round(row.laundering_share, 3),
        "laundered_from": (row.laundered_from if nested
                           else "; ".join(f"{k} {v}" for k, v in row.laundered_from.items())),
    }


def _window(value: str) -> int | None:
    if value.strip().lower() == "off":
        return None
    if not value.strip().isdigit():
        raise InvalidArgument("window", value, "give a number of days (0 or more) or 'off'")
    return int(value)


def _relation(a: StoryArticle, positions: dict[str, int]) -> str:
    if a.relation == "first":
        return "first" + ("" if a.order == "earlier" else f" ({a.order})")
    source = f"#{positions[a.source_id]}" if a.source_id in positions else "?"
    order = "" if a.order == "earlier" else f"; {a.order}"
    reuse = f"{plural(a.reused_spans, 'sentence')}, {a.similarity or 0:.0%} reused"
    sure = "" if a.confidence is None else f", confidence {a.confidence:.2f}"
    if a.relation in ("related", "independent"):
        return f"{a.relation} {'to' if a.relation == 'related' else 'of'} {source}: {reuse}{sure}{order}"
    credit = {True: ", credited", False: ", [bold red]uncredited[/]", None: ""}[a.credited]
    if a.credit is not None:
        credit += f" ({escape(a.credit.text)!r})"
    if a.relation == "sibling":
        named = f" ({source} credits {escape(a.source_credit.text)!r})" if a.source_credit else ""
        return (f"sibling of {source}, both from {escape(a.origin_name or '?')}: {reuse}{sure}{credit}{named}"
                f"{order}")
    origin = f"; text from {escape(a.origin_name)}" if a.origin_name else ""
    return f"{a.relation} of {source}: {reuse}{sure}{credit}{origin}{order}"


def _print_story(view: StoryView, with_spans: bool) -> None:
    firsts = ", ".join(f"{a.outlet or '(unknown)'} ({a.published or 'undated'})" for a in view.first_publishers)
    note = "" if len(view.first_publishers) == 1 else " - order unknown between these"
    conflicts = f", [bold red]{plural(len(view.conflicts), 'quote conflict')}[/]" if view.conflicts else ""
    console.print(f"[bold]story {view.id}[/]: {plural(len(view.articles), 'article')},"
                  f" {plural(len(view.outlets), 'outlet')}{conflicts}")
    console.print(f"first published by: {escape(firsts)}{note}", highlight=False)
    table = Table("#", "published", "outlet", "article", "relation to its closest earlier source")
    for column in table.columns[:4]:
        column.no_wrap = True
    positions = {a.id: a.position for a in view.articles}
    for a in view.articles:
        table.add_row(str(a.position), (a.published or "undated")[:16].replace("T", " "),
                      escape(a.outlet or "(unknown)"), a.id[:8], _relation(a, positions))
    console.print(table)
    if view.quote_links:
        quotes = Table("quote link", "article", "speaker", "other article", "other speaker", "overlap",
                       title="Quotes across the story")
        for q in view.quote_links:
            kind = "[bold red]conflict[/]" if q.kind == "conflict" else q.kind
            quotes.add_row(kind, q.article_id[:8], escape(beside(q.speaker or "?")), q.other_article[:8],
                           escape(beside(q.other_speaker or "?")), f"{q.similarity:.0%}")
        console.print(quotes)
    if with_spans:
        for a in view.articles:
            for s in a.spans:
                console.print(f"[bold]{a.id[:8]}[/] {s.start}-{s.end} <- {a.source_id[:8] if a.source_id else ''}"
                              f" {s.source_start}-{s.source_end} ({s.similarity:.2f})")
                console.print(f"  {escape(s.text)}\n  [dim]{escape(s.source_text)}[/]", highlight=False)
