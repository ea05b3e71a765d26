"""``newsline timeline``, ``entities``, ``entity``, ``merge``, ``split``, ``reindex`` and ``bench events``."""

from __future__ import annotations

import dataclasses
import sys
from enum import Enum

import typer
from rich.markup import escape

from newsline import query
from newsline.cli.bench import bench_app
from newsline.cli.common import CsvFlag, DbOption, FormatOption, JsonFlag, pick_format, user_errors
from newsline.cli.output import Format, console, plural, print_json, print_rows
from newsline.errors import InvalidArgument
from newsline.registry import api
from newsline.timeline import TimelineEntry, timeline, to_ics


@bench_app.command("events")
def bench_events_command(
    gold: str = typer.Argument(..., help="PLOVER gold records, e.g. ../shared/bench/plover/PLOVER_GSR_CAMEO.json"),
    errors: int = typer.Option(10, min=0, help="How many misclassified sentences to show."),
    as_json: bool = JsonFlag,
) -> None:
    """Category accuracy, macro F1, actor/target match and spurious events per sentence on PLOVER records."""
    from newsline.analysis.pipeline import load_model
    from newsline.bench.events import load_gold, run, score

    with user_errors():
        records = load_gold(gold)
        scores = score(run(load_model(), records), sample_errors=errors)
    if as_json:
        print_json(scores)
        return
    print_rows([{"": k, "value": v} for k, v in (
        ("coded sentences", scores.sentences),
        ("category accuracy (primary event)", f"{scores.accuracy:.1%}"),
        ("gold category among extracted events", f"{scores.any_match:.1%}"),
        ("macro F1 over categories", f"{scores.macro_f1:.3f}"),
        ("spurious events per sentence", f"{scores.spurious_per_sentence:.2f}"),
        ("actor match", f"{scores.actor_match:.1%} of {scores.actor_cases}"),
        ("target match", f"{scores.target_match:.1%} of {scores.target_cases}"),
    )], ("", "value"), Format.table, title="PLOVER events (entities from spaCy NER)")
    print_rows([{"category": c, "P": f"{p:.2f}", "R": f"{r:.2f}", "F1": f"{f:.2f}", "n": n}
                for c, (p, r, f, n) in scores.per_category.items()], ("category", "P", "R", "F1", "n"), Format.table)
    print_rows([{"gold": g, "predicted": p, "count": n} for g, p, n in scores.confusions],
               ("gold", "predicted", "count"), Format.table, title="most frequent confusions")
    for error in scores.errors:
        console.print(f"[bold]{error['id']}[/] gold {error['gold']}, got {error['predicted']}"
                      f" {error['events']}: {error['text']}", highlight=False)


class TimelineFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    ics = "ics"


TIMELINE_COLUMNS = ("date", "actor", "category", "predicate", "target", "evidence", "reports")
TIMELINE_TABLE = ("date", "event", "evidence", "reported by")  # what fits 80 columns


def register(app: typer.Typer) -> None:
    app.command("timeline")(timeline_command)
    app.command("entities")(entities_command)
    app.command("entity")(entity_command)
    app.command("merge")(merge_command)
    app.command("split")(split_command)
    app.command("reindex")(reindex_command)


def timeline_command(
    actor: str = typer.Option(None, help="Only events of this entity (name, alias or id)."),
    category: str = typer.Option(None, help="Only this category (PLOVER, STATEMENT or OTHER)."),
    since: str = typer.Option(None, "--from", "--since", help="Events dated on or after this day (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--to", "--until", help="Events dated on or before this day (YYYY-MM-DD)."),
    story: str = typer.Option(None, help="Only events reported by this story's articles (story or article id)."),
    undated: bool = typer.Option(False, "--undated", help="Also events nothing places in time."),
    actorless: bool = typer.Option(False, "--actorless", help="Also events whose actor is not named."),
    limit: int = typer.Option(1000, min=1), offset: int = typer.Option(0, min=0, help="Skip this many entries."),
    db: str = DbOption,
    fmt: TimelineFormat = typer.Option(TimelineFormat.table, "--format", "-f", help="table, json, csv or ics."),
    as_json: bool = JsonFlag, as_csv: bool = CsvFlag,
) -> None:
    """Events in event-date order, one entry per event with every article that reports it."""
    with user_errors(), query.open_store(db, readonly=True) as store:
        entries = timeline(store, actor=actor, category=category, since=since, until=until, story=story,
                           undated=undated, actorless=actorless, limit=limit, offset=offset)
    fmt = TimelineFormat.json if as_json else TimelineFormat.csv if as_csv else fmt
    if fmt is TimelineFormat.ics:
        sys.stdout.write(to_ics(entries))
    elif fmt is TimelineFormat.json:
        print_json([e.to_dict() for e in entries])
    elif fmt is TimelineFormat.csv:
        print_rows([_timeline_row(e) for e in entries], TIMELINE_COLUMNS, Format.csv)
    else:
        rows = [{"date": _when(e), "evidence": e.evidence,
                 "event": f"{e.actor or '?'} {_category(e)}" + (f" → {e.target}" if e.target else ""),
                 "reported by": (e.reports[0].outlet or e.reports[0].article_id)
                 + (f" +{len(e.reports) - 1}" if len(e.reports) > 1 else "")} for e in entries]
        print_rows(rows, TIMELINE_TABLE, Format.table, title="timeline")


def entities_command(
    type_: str = typer.Option(None, "--type", help="Only this type (PERSON, ORG, GPE, ...)."),
    search: str = typer.Option(None, help="Part of a name or alias (case and diacritics ignored)."),
    article_id: str = typer.Option(None, "--article",
                                   help="Instead: the entities of this article, by their id in it (e1, ...)."),
    limit: int = typer.Option(50, min=1), offset: int = typer.Option(0, min=0), db: str = DbOption,
    fmt: Format = FormatOption, as_json: bool = JsonFlag, as_csv: bool = CsvFlag,
) -> None:
    """Corpus entities, most active first."""
    columns = ("id", "name", "type", "articles", "events", "key")
    with user_errors(), query.open_store(db, readonly=True) as store:
        if article_id is not None:
            if type_ or search:
                raise InvalidArgument("article_id", article_id, "lists one article's entities; it cannot be"
                                                                " combined with --type or --search")
            rows = [{"local": local} | dataclasses.asdict(e) for local, e in api.article_entities(store, article_id)]
            columns = ("local", *columns)
        else:
            rows = [dataclasses.asdict(e) for e in api.entities(store, type_=type_, search=search, limit=limit,
                                                                 offset=offset)]
    print_rows(rows, columns, pick_format(fmt, as_json, as_csv))


def entity_command(
    name_or_id: str = typer.Argument(..., help="Entity id, name or alias."), db: str = DbOption,
    as_json: bool = JsonFlag,
) -> None:
    """One entity: aliases, roles over time, quote and event counts, outlets that quote it."""
    with user_errors(), query.open_store(db, readonly=True) as store:
        detail = api.entity(store, name_or_id)
    if as_json:
        print_json(detail)
        return
    e = detail.entity
    console.print(f"[bold]{escape(e.name)}[/] ({e.type}, id {e.id}): {plural(e.articles, 'article')},"
                  f" {plural(e.events, 'event')} as actor, {plural(detail.quotes, 'quote')}", highlight=False)
    console.print("aliases: " + ", ".join(detail.aliases), highlight=False)
    print_rows([dataclasses.asdict(r) for r in detail.roles], ("date", "role", "article_id"), Format.table,
               title="roles stated in the text")
    print_rows([{"outlet": o, "quotes": n} for o, n in detail.quoted_by], ("outlet", "quotes"), Format.table,
               title="outlets quoting")


def merge_command(
    keep: str = typer.Argument(..., help="The entity to keep (id, name or alias)."),
    other: str = typer.Argument(..., help="The entity merged into it."), db: str = DbOption,
) -> None:
    """Merge two entities; the correction persists and applies again after re-analysis."""
    with user_errors(), query.open_store(db) as store:
        kept = api.merge(store, keep, other)
    console.print(f"merged into {kept.id} {kept.name}", highlight=False)


def split_command(
    entity: str = typer.Argument(..., help="The entity (id, name or alias)."),
    alias: str = typer.Argument(..., help="The spelling whose mentions become their own entity."),
    db: str = DbOption,
) -> None:
    """Split the mentions written as ALIAS off ENTITY; the correction persists."""
    with user_errors(), query.open_store(db) as store:
        new = api.split(store, entity, alias)
    console.print(f"split off as {new.id} {new.name}", highlight=False)


def reindex_command(db: str = DbOption) -> None:
    """Rebuild events and the entity registry from the stored articles, replaying merge/split corrections."""
    with user_errors(), query.open_store(db) as store:
        count = api.reindex(store)
    console.print(f"{plural(count, 'event report')} indexed", highlight=False)


def _timeline_row(e: TimelineEntry) -> dict[str, object]:
    return {"date": _when(e), "actor": e.actor, "category": _category(e), "predicate": e.predicate,
            "target": e.target, "evidence": e.evidence,
            "reports": "; ".join(f"{r.outlet or r.article_id} {r.published or ''}".strip() for r in e.reports)}


def _category(e: TimelineEntry) -> str:
    """The category with what qualifies it: "AGREE (negated)", "CONSULT (planned)", "FIGHT (hypothetical)"."""
    status = e.status if e.status != "occurred" else "hypothetical" if e.hypothetical else None
    return e.category + (" (negated)" if e.negated else "") + (f" ({status})" if status else "")


def _when(entry: TimelineEntry) -> str:
    """The date in words (the value is in --json): "24 November 2023, 07:00 GMT", "reported on 3 May 2024"."""
    return f"reported on {entry.when}" if entry.reported_on else entry.when
