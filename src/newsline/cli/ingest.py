"""``newsline ingest`` and ``newsline analyze``."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.progress import (
    BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeRemainingColumn,
)
from rich.table import Table

from newsline.analysis.pipeline import Analyzer, new_article
from newsline.cli.common import DbOption, fail, read_options, user_errors
from newsline.cli.output import as_plain, console, err_console, print_article, print_json
from newsline.errors import InvalidArgument
from newsline.ingest import IngestAborted, IngestReport, Rejection, ingest, read_inputs
from newsline.model import Article
from newsline.query import open_store
from newsline.store import location_name

SHOWN_REJECTIONS = 100


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("analyze")(analyze_command)


def ingest_command(
    paths: list[str] = typer.Argument(..., help="Files or folders (recursed); '-' reads standard input."),
    db: str = DbOption,
    published: str = typer.Option(None, help="Publication date (YYYY-MM-DD) for plain-text files, which carry none."),
    field: list[str] = typer.Option([], "--field", help="JSON Lines field mapping, e.g. --field text=body."),
    workers: int = typer.Option(1, min=1, help="Analysis processes (each loads the model; they end with this one)."),
    batch_size: int = typer.Option(32, min=1, help="Documents per spaCy batch."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary; errors and exit status only."),
    report_file: Path = typer.Option(None, "--report", help="Also write the full report (all rejections) as JSON."),
) -> None:
    """Ingest articles: date-marked text, plain text, JSON Lines, HTML, WARC(.gz); exit 1 if any record was rejected."""
    options = read_options(published, field)
    aborted: IngestAborted | None = None
    with user_errors(), open_store(db) as store:  # a missing folder, a foreign or read-only file: said now
        try:
            if quiet:
                report = ingest(paths, store, options=options, analyzer=Analyzer(), workers=workers,
                                batch_size=batch_size)
            else:
                with _progress_bar() as update:
                    report = ingest(paths, store, options=options, analyzer=Analyzer(), workers=workers,
                                    batch_size=batch_size, progress=update)
        except IngestAborted as exc:  # the store failed midway: say what was done before saying why
            aborted, report = exc, exc.report
    if report_file:
        with user_errors():
            _write_report(report_file, report)
    _print_rejections(report.rejections, quiet)
    if not quiet:
        _print_summary(report, db)
    if aborted is not None:
        raise fail(str(aborted), aborted.exit_code)
    if report.rejections:
        raise typer.Exit(1)


def _write_report(path: Path, report: IngestReport) -> None:
    try:
        path.write_text(json.dumps(as_plain(report) | {"rate": report.rate}, indent=2, ensure_ascii=False))
    except OSError as exc:
        raise InvalidArgument("report_file", str(path), f"cannot be written ({exc.strerror})") from None


@contextmanager
def _progress_bar() -> Iterator[Callable[[IngestReport], None]]:
    """A progress display on stderr: counts and rate from the first article, and once the input's size is known
    (files, not standard input) a bar of the bytes read with the time remaining."""
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=16), TaskProgressColumn(),
                  TimeRemainingColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task("loading the language model", total=None)

        def update(r: IngestReport) -> None:
            counts = [f"{r.read:,} read", f"{r.analysed:,} analysed", f"{r.added:,} stored"]
            counts += [f"{r.already_stored:,} already stored"] if r.already_stored else []
            counts += [f"{len(r.rejections):,} rejected"] if r.rejections else []
            rate = r.analysed / r.seconds if r.seconds else 0.0
            bar.update(task, total=r.input_bytes, completed=r.read_bytes,
                       description=", ".join(counts) + f"  {rate:.1f}/s")

        yield update


def _print_rejections(rejections: list[Rejection], quiet: bool) -> None:
    for rejection in rejections[:SHOWN_REJECTIONS]:
        err_console.print(f"rejected {rejection}", highlight=False, markup=False, soft_wrap=True)
    if len(rejections) > SHOWN_REJECTIONS:
        err_console.print(f"... and {len(rejections) - SHOWN_REJECTIONS:,} more (--report FILE lists all)")
    if rejections and not quiet:
        reasons = Counter(r.reason.split(":")[0].split(" (")[0] for r in rejections)
        table = Table("rejected because", "records", title="Rejections")
        for reason, n in reasons.most_common():
            table.add_row(reason, f"{n:,}")
        err_console.print(table)


def _print_summary(report: IngestReport, db: str) -> None:
    table = Table("", "articles", title=f"Ingested into {location_name(db)} in {report.seconds:.1f}s")
    table.add_row("stored now", f"{report.added:,}")
    table.add_row("already stored (skipped)", f"{report.already_stored:,}")
    table.add_row("repeated in this input (skipped)", f"{report.repeated:,}")
    table.add_row("stored, not analysed (language)", f"{report.not_analysed:,}")
    table.add_row("rejected", f"{len(report.rejections):,}")
    console.print(table)
    if report.skipped_files:
        kinds = Counter(Path(f).suffix or "(none)" for f in report.skipped_files)
        console.print(f"Skipped {len(report.skipped_files):,} files in folders that are not an input format ("
                      + ", ".join(f"{n} {k}" for k, n in kinds.most_common()) + "); name a file to read it anyway.")
    if report.added == 0 and report.already_stored and not report.rejections:
        console.print("Nothing new: every article in this input is already stored.")


def analyze_command(
    file: str = typer.Argument(..., help="One input file in any supported format, or '-' for standard input."),
    published: str = typer.Option(None, help="Publication date (YYYY-MM-DD) when the input carries none."),
    field: list[str] = typer.Option([], "--field", help="JSON Lines field mapping, e.g. --field text=body."),
    as_json: bool = typer.Option(False, "--json", help="Print the article JSON (newsline.article/1)."),
) -> None:
    """Analyse articles without a database; several records in FILE give one JSON object per line."""
    options = read_options(published, field)
    records, rejections = [], []
    for item in read_inputs([file], options):
        (rejections if isinstance(item, Rejection) else records).append(item)
    for rejection in rejections:
        err_console.print(f"rejected {rejection}", highlight=False, markup=False)
    if not records:
        raise fail(f"{file}: no article to analyse")
    origins: dict[str, str] = {}

    def failed(article: Article, error: str) -> None:
        rejections.append(Rejection(origins[article.id], f"analysis failed ({error}); this is a newsline bug"))
        err_console.print(f"rejected {rejections[-1]}", highlight=False, markup=False)

    def fresh() -> Iterator[Article]:
        for r in records:
            article = new_article(r.text, url=r.url, outlet=r.outlet, published=r.published, title=r.title,
                                  fetched=r.fetched)
            origins[article.id] = r.origin
            yield article

    for article in Analyzer().analyze_many(fresh(), on_error=failed):
        if as_json and len(records) == 1:
            print_json(article)
        elif as_json:
            print(json.dumps(article.to_dict(), ensure_ascii=False))
        else:
            print_article(article)
    if rejections:
        raise typer.Exit(1)
