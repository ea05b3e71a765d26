"""``newsline claims`` (outlet-voice sentences); ``newsline bench attribution`` and ``bench speakers`` (PolNeAR)."""

from __future__ import annotations

import dataclasses
from itertools import islice
from pathlib import Path

import typer
from rich.markup import escape

from newsline import query
from newsline.analysis import default_analyzer
from newsline.bench import speakers as speaker_bench
from newsline.bench.attribution import ROLES, error_sample, score_attribution
from newsline.claims import Claim, outlet_claims, stored_claims
from newsline.cli.bench import bench_app
from newsline.cli.common import CsvFlag, DbOption, FormatOption, JsonFlag, fail, pick_format, read_options, user_errors
from newsline.cli.output import Format, console, err_console, print_json, print_rows
from newsline.identity import new_article
from newsline.ingest import Rejection, read_inputs

CLAIM_COLUMNS = ("article", "outlet", "published", "text")


def register(app: typer.Typer) -> None:
    app.command("claims")(claims_command)


def claims_command(
    file: str = typer.Argument(None, help="Analyse this input file (any supported format, '-' for stdin) instead of --db."),
    db: str = DbOption,
    outlet: str = typer.Option(None, help="With --db: only this outlet."),
    since: str = typer.Option(None, help="With --db: published on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, help="With --db: published on or before this date (YYYY-MM-DD)."),
    published: str = typer.Option(None, help="With FILE: publication date when the input carries none."),
    limit: int = typer.Option(1000, min=1, help="At most this many claims."),
    fmt: Format = FormatOption, as_json: bool = JsonFlag, as_csv: bool = CsvFlag,
) -> None:
    """List the sentences each article asserts in its own voice (not inside any quote or reported speech)."""
    if file is not None:
        claims = list(islice(_file_claims(file, published), limit))
    else:
        with user_errors(), query.open_store(db, readonly=True) as store:
            claims = list(islice(stored_claims(store, outlet=outlet, since=since, until=until), limit))
    fmt = pick_format(fmt, as_json, as_csv)
    columns = CLAIM_COLUMNS if fmt is Format.table else CLAIM_COLUMNS + ("start", "end")
    print_rows([dataclasses.asdict(c) for c in claims], columns, fmt, title="Outlet-voice sentences")


def _file_claims(file: str, published: str | None) -> list[Claim]:
    records, rejected = [], 0
    for item in read_inputs([file], read_options(published, [])):
        if isinstance(item, Rejection):
            err_console.print(f"rejected {item}", highlight=False, markup=False)
            rejected += 1
        else:
            records.append(item)
    if not records:
        raise fail(f"{file}: no article to analyse" + (f" ({rejected} rejected)" if rejected else ""))
    articles = default_analyzer().analyze_many(new_article(r.text, url=r.url, outlet=r.outlet, published=r.published,
                                                   title=r.title) for r in records)
    return [claim for article in articles for claim in outlet_claims(article)]


@bench_app.command("attribution")
def bench_attribution_command(
    data_dir: Path = typer.Argument(..., help="A PolNeAR split directory with text/ and attributions/ (e.g. ../shared/bench/polnear/dev)."),
    limit: int = typer.Option(None, min=1, help="Only the first N articles (quick runs)."),
    errors: int = typer.Option(12, min=0, help="How many exact-match errors to show."),
    as_json: bool = JsonFlag,
) -> None:
    """Source/cue/content span precision, recall and F1 (exact and overlap match) against PolNeAR."""
    with user_errors():
        scores = score_attribution(data_dir, limit=limit)
    rows = [
        {"role": role, "match": match, "P": f"{c.precision:.1%}", "R": f"{c.recall:.1%}", "F1": f"{c.f1:.1%}",
         "predicted": c.predicted, "gold": c.gold}
        for match, table in (("exact", scores.exact), ("overlap", scores.overlap))
        for role in ROLES for c in [table[role]]
    ]
    sample = error_sample(scores, errors)
    if as_json:
        print_json({"articles": scores.articles, "scores": rows, "errors": [dataclasses.asdict(e) for e in sample]})
        return
    print_rows(rows, ("role", "match", "P", "R", "F1", "predicted", "gold"), Format.table,
               title=f"PolNeAR attribution, {scores.articles} articles ({data_dir})")
    for e in sample:
        console.print(f"[bold]{e.kind} {e.role}[/] {escape(e.article)}: [yellow]{escape(e.text[:120])}[/]"
                      f"\n    … {escape(e.context[:260])} …", highlight=False)


@bench_app.command("speakers")
def bench_speakers_command(
    data_dir: Path = typer.Argument(..., help="The PolNeAR split the speaker gold annotates (its dev split)."),
    gold: Path = typer.Option(None, help="Speaker gold TSV (default: this checkout's "
                                         "benchmarks/data/polnear-dev-speakers.tsv)."),
    errors: int = typer.Option(12, min=0, help="How many errors to show."),
    as_json: bool = JsonFlag,
) -> None:
    """Speaker resolution accuracy: given the gold source, and end to end over the predicted quotes."""
    with user_errors():
        scores = speaker_bench.score_speakers(data_dir, gold)
    given, e2e = scores.given_source, scores.end_to_end
    rows = [
        {"figure": "given gold source", "accuracy": f"{given.accuracy:.1%}", "correct": given.correct,
         "of": given.total, **{k: given.outcomes[k] for k in (speaker_bench.WRONG, speaker_bench.UNRESOLVED,
                                                               speaker_bench.NOT_FOUND)}},
        {"figure": "given found source", "accuracy": f"{scores.given_source_found:.1%}", "correct": given.correct,
         "of": given.total - given.outcomes[speaker_bench.NOT_FOUND],
         **{k: given.outcomes[k] for k in (speaker_bench.WRONG, speaker_bench.UNRESOLVED)}},
        {"figure": "end to end", "accuracy": f"{e2e.accuracy:.1%}", "correct": e2e.correct,
         "of": e2e.total, **{k: e2e.outcomes[k] for k in (speaker_bench.WRONG, speaker_bench.UNRESOLVED,
                                                           speaker_bench.SPURIOUS)}},
    ]
    sample = speaker_bench.error_sample(scores, errors)
    if as_json:
        print_json({"articles": scores.articles, "scores": rows, "errors": [dataclasses.asdict(e) for e in sample]})
        return
    columns = ("figure", "accuracy", "correct", "of", speaker_bench.WRONG, speaker_bench.UNRESOLVED,
               speaker_bench.NOT_FOUND, speaker_bench.SPURIOUS)
    print_rows([{c: r.get(c, "") for c in columns} for r in rows], columns, Format.table,
               title=f"Speaker resolution, {scores.articles} annotated PolNeAR articles ({data_dir})")
    for e in sample:
        console.print(f"[bold]{e.kind}[/] ({e.figure}) {escape(e.article)}: [yellow]{escape(e.source[:80])}[/] "
                      f"expected {escape(e.expected or '(none)')}, got {escape(e.got or '(none)')}"
                      f"\n    … {escape(e.context[:240])} …", highlight=False)
