"""``newsline articles``, ``show``, ``search``, ``quotes`` and ``stats``."""

from __future__ import annotations

import dataclasses

import typer

from newsline import query as api
from newsline.cli.common import CsvFlag, DbOption, FormatOption, JsonFlag, OutletOption, pick_format, user_errors
from newsline.cli.output import Format, console, plural, print_article, print_json, print_rows
from newsline.transliteration import beside

SUMMARY_COLUMNS = ("id", "published", "outlet", "language", "chars", "title")
TABLE_COLUMNS = ("id", "published", "outlet", "language", "title")  # what fits 80 columns


def register(app: typer.Typer) -> None:
    app.command("articles")(articles_command)
    app.command("show")(show_command)
    app.command("search")(search_command)
    app.command("quotes")(quotes_command)
    app.command("stats")(stats_command)


def articles_command(
    db: str = DbOption,
    outlet: str = OutletOption,
    since: str = typer.Option(None, "--since", "--from", help="Published on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", "--to", help="Published on or before this date (YYYY-MM-DD)."),
    speaker: str = typer.Option(None, help="Only articles quoting this entity (id, name or alias)."),
    limit: int = typer.Option(50, min=1), offset: int = typer.Option(0, min=0),
    fmt: Format = FormatOption, as_json: bool = JsonFlag, as_csv: bool = CsvFlag,
) -> None:
    """List stored articles in publication order (undated last)."""
    with user_errors(), api.open_store(db, readonly=True) as store:
        rows = api.articles(store, outlet=outlet, since=since, until=until, speaker=speaker, limit=limit,
                              offset=offset)
    fmt = pick_format(fmt, as_json, as_csv)
    columns = TABLE_COLUMNS if fmt is Format.table else SUMMARY_COLUMNS + ("url", "origin")
    print_rows([dataclasses.asdict(r) for r in rows], columns, fmt)


def show_command(
    article_id: str = typer.Argument(..., help="Article id, or a unique prefix of at least 4 digits."),
    db: str = DbOption, as_json: bool = JsonFlag,
) -> None:
    """Show one article: where it came from, its exact copies, its text, and its annotations (entities, quotes
    with their speakers, dates with their values, events)."""
    with user_errors(), api.open_store(db, readonly=True) as store:
        view = api.show(store, article_id)
    if as_json:
        print_json(view.to_dict())
    else:
        print_article(view.article, view.origin, view.copies)


def search_command(
    query: str = typer.Argument(..., help=(
        'Words to find, all required and stemmed (sanction finds sanctions); "a phrase"; prefix*; OR; NOT or'
        " -word to exclude; (grouping).")),
    db: str = DbOption,
    outlet: str = OutletOption,
    since: str = typer.Option(None, "--since", "--from", help="Published on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", "--to", help="Published on or before this date (YYYY-MM-DD)."),
    speaker: str = typer.Option(None, help="Only articles quoting this entity (id, name or alias)."),
    sort: api.SearchSort = typer.Option(api.SearchSort.relevance,
                                        help="relevance: best match first; date: newest first, undated last."),
    limit: int = typer.Option(20, min=1), offset: int = typer.Option(0, min=0),
    fmt: Format = FormatOption, as_json: bool = JsonFlag, as_csv: bool = CsvFlag,
) -> None:
    """Full-text search over titles and texts, with snippets and the number of matching articles."""
    with user_errors(), api.open_store(db, readonly=True) as store:
        filters = {"outlet": outlet, "since": since, "until": until, "speaker": speaker}
        hits = api.search(store, query, sort=sort, limit=limit, offset=offset, **filters)
        total = api.count_matches(store, query, **filters)
    rows = [dataclasses.asdict(h.article) | {"snippet": h.snippet, "score": round(h.score, 3)} for h in hits]
    fmt = pick_format(fmt, as_json, as_csv)
    if fmt is Format.table:
        shown = f"; {offset + 1:,}-{offset + len(hits):,} shown" if hits and len(hits) < total else ""
        print_rows(rows, ("id", "published", "outlet", "snippet"), fmt,
                   title=f"{plural(total, 'matching article')}{shown}")
    else:
        print_rows(rows, ("id", "published", "outlet", "title", "url", "score", "snippet"), fmt)


QUOTE_COLUMNS = ("published", "outlet", "speaker", "kind", "text", "reports", "article_id", "quote_id")


def quotes_command(
    db: str = DbOption,
    speaker: str = typer.Option(None, help="Only quotes of this entity (id, name or alias, as `newsline entity`)."),
    outlet: str = typer.Option(None, help="Only quotes reported by this outlet."),
    since: str = typer.Option(None, help="Published on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, help="Published on or before this date (YYYY-MM-DD)."),
    story: str = typer.Option(None, help="Only quotes in this story (story id or the id of an article in it)."),
    kind: str = typer.Option(None, help=f"Only this kind of quote: {', '.join(api.QUOTE_KINDS)}."),
    limit: int = typer.Option(50, min=1), offset: int = typer.Option(0, min=0),
    fmt: Format = FormatOption, as_json: bool = JsonFlag, as_csv: bool = CsvFlag,
) -> None:
    """What was said, in publication order: one row per statement, with the reports of it by several outlets."""
    with user_errors(), api.open_store(db, readonly=True) as store:
        entries = api.quotes(store, speaker=speaker, outlet=outlet, since=since, until=until, story=story,
                               kind=kind, limit=limit, offset=offset)
    fmt = pick_format(fmt, as_json, as_csv)
    if fmt is Format.json:
        print_json([e.to_dict() for e in entries])
        return
    rows = [dataclasses.asdict(e.first) | {
        "speaker": beside(e.first.speaker) if e.first.speaker else e.first.speaker,
        "reports": len(e.reports),
        "also_in": "; ".join(f"{r.outlet or r.article_id} ({r.published or 'undated'})" for r in e.reports[1:]),
    } for e in entries]
    print_rows(rows, QUOTE_COLUMNS if fmt is Format.table else QUOTE_COLUMNS + ("source", "cue", "url", "also_in"),
               fmt)


def stats_command(db: str = DbOption, as_json: bool = JsonFlag) -> None:
    """Counts: articles, outlets, dates, languages, exact copies."""
    with user_errors(), api.open_store(db, readonly=True) as store:
        s = api.stats(store)
    if as_json:
        print_json(s)
        return
    print_rows([{"": k, "value": v} for k, v in (
        ("articles", s.articles), ("outlets", s.outlets), ("undated articles", s.undated),
        ("not English", s.non_english), ("exact copies", s.exact_copies),
        ("first published", s.first_published), ("last published", s.last_published),
        ("events (distinct)", s.distinct_events), ("event reports", s.event_reports), ("entities", s.entities),
    )], ("", "value"), Format.table, title="newsline store")
    print_rows([{"outlet": o, "articles": n} for o, n in s.by_outlet], ("outlet", "articles"), Format.table)
    console.print()
