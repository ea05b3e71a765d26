"""``newsline ingest`` and ``newsline analyze``."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from enum import Enum
from pathlib import Path

import typer
from rich.progress import (
    BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn,
)
from rich.table import Table

from newsline.analysis import default_analyzer
from newsline.cli.common import DbOption, OriginsOption, fail, load_origins, read_options, user_errors
from newsline.cli.output import as_plain, console, err_console, print_article, print_json
from newsline.errors import InvalidArgument
from newsline.identity import new_article
from newsline.indexing import IndexReport, index
from newsline.ingest import IngestAborted, IngestReport, ReadOptions, Rejection, ingest, read_inputs
from newsline.ingest.load import LoadReport, load_shards
from newsline.ingest.shards import SHARD_SIZE, AnalyzeReport, analyze_to_shards, local_engine
from newsline.model import Article
from newsline.origins import Origins
from newsline.parallel import default_workers
from newsline.query import open_store
from newsline.store import location_name
from newsline.stories import StoryConfig
from newsline.store.base import Store


class Engine(str, Enum):
    local = "local"
    dask = "dask"


SHOWN_REJECTIONS = 100
WorkersOption = typer.Option(None, min=1, show_default="all cores",
                             help="Analysis processes (each loads the model once; they end with this one).")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("analyze")(analyze_command)
    app.command("load")(load_command)
    app.command("index")(index_command)


def ingest_command(
    paths: list[str] = typer.Argument(..., help="Files or folders (recursed); '-' reads standard input."),
    db: str = DbOption,
    published: str = typer.Option(None, help="Publication date (YYYY-MM-DD) for plain-text files, which carry none."),
    field: list[str] = typer.Option([], "--field", help="JSON Lines field mapping, e.g. --field text=body."),
    workers: int = WorkersOption,
    batch_size: int = typer.Option(32, min=1, help="Documents per spaCy batch."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary; errors and exit status only."),
    report_file: Path = typer.Option(None, "--report", help="Also write the full report (all rejections) as JSON."),
    origins: list[Path] = OriginsOption,
) -> None:
    """Ingest articles: date-marked text, plain text, JSON Lines, HTML, WARC(.gz); exit 1 if any record was rejected."""
    options = read_options(published, field)
    aborted: IngestAborted | None = None
    with user_errors(), open_store(db) as store:  # a missing folder, a foreign or read-only file: said now
        table = load_origins(origins)
        analyzer, stories = default_analyzer(origins=table), StoryConfig(origins=table)
        try:
            if quiet:
                report = ingest(paths, store, options=options, analyzer=analyzer, workers=workers,
                                batch_size=batch_size, stories=stories)
            else:
                with _progress_bar() as update:
                    report = ingest(paths, store, options=options, analyzer=analyzer, workers=workers,
                                    batch_size=batch_size, progress=update, stories=stories)
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


Update = Callable[[str, "int | None", int], None]


@contextmanager
def progress_display(start: str, shown: bool = True) -> Iterator[Update]:
    """A progress display on stderr for long runs: ``update(counts and rate, total, done)``; with a total, a bar
    with the elapsed time and the time remaining. Not ``shown``: nothing."""
    if not shown:
        yield lambda description, total, done: None
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=16), TaskProgressColumn(),
                  TimeElapsedColumn(), TimeRemainingColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task(start, total=None)
        yield lambda description, total, done: bar.update(task, description=description, total=total,
                                                          completed=done)


@contextmanager
def _progress_bar() -> Iterator[Callable[[IngestReport], None]]:
    """Counts and rate from the first article, and once the input's size is known (files, not standard input) a
    bar of the bytes read."""
    with progress_display("loading the language model") as show:

        def update(r: IngestReport) -> None:
            counts = [f"{r.read:,} read", f"{r.analysed:,} analysed", f"{r.added:,} stored"]
            counts += [f"{r.already_stored:,} already stored"] if r.already_stored else []
            counts += [f"{len(r.rejections):,} rejected"] if r.rejections else []
            rate = r.analysed / r.seconds if r.seconds else 0.0
            show(", ".join(counts) + f"  {rate:.1f}/s", r.input_bytes, r.read_bytes)

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


def _print_counts(title: str, unit: str, rows: dict[str, int | str]) -> None:
    """A run's summary: one row per count (numbers with thousands separators)."""
    table = Table("", unit, title=title)
    for label, value in rows.items():
        table.add_row(label, f"{value:,}" if isinstance(value, int) else value)
    console.print(table)


def _print_summary(report: IngestReport, db: str) -> None:
    _print_counts(f"Ingested into {location_name(db)} in {report.seconds:.1f}s", "articles", {
        "stored now": report.added, "already stored (skipped)": report.already_stored,
        "repeated in this input (skipped)": report.repeated, "stored, not analysed (language)": report.not_analysed,
        "rejected": len(report.rejections)})
    if report.skipped_files:
        kinds = Counter(Path(f).suffix or "(none)" for f in report.skipped_files)
        console.print(f"Skipped {len(report.skipped_files):,} files in folders that are not an input format ("
                      + ", ".join(f"{n} {k}" for k, n in kinds.most_common()) + "); name a file to read it anyway.")
    if report.added == 0 and report.already_stored and not report.rejections:
        console.print("Nothing new: every article in this input is already stored.")


def analyze_command(
    paths: list[str] = typer.Argument(..., help="Files or folders (recursed) in any input format; '-' reads standard"
                                                " input."),
    out: Path = typer.Option(None, "--out", help="Write gzipped newsline.article/1 JSON Lines shards to this folder"
                                                  " (restartable: a rerun skips finished shards)."),
    published: str = typer.Option(None, help="Publication date (YYYY-MM-DD) when the input carries none."),
    field: list[str] = typer.Option([], "--field", help="JSON Lines field mapping, e.g. --field text=body."),
    as_json: bool = typer.Option(False, "--json", help="Without --out: print the article JSON (newsline.article/1)."),
    workers: int = WorkersOption,
    engine: Engine = typer.Option(Engine.local, help="Where --out's analysis runs: local processes, or a Dask"
                                                     " cluster (pip install 'newsline[cluster]')."),
    address: str = typer.Option("local", help="--engine dask: the scheduler's HOST:PORT, or 'local' to start a"
                                              " cluster of --workers processes here."),
    shard_size: int = typer.Option(SHARD_SIZE, min=1, help="Input records per shard (--out)."),
    batch_size: int = typer.Option(32, min=1, help="Documents per spaCy batch."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary; errors and exit status only."),
    origins: list[Path] = OriginsOption,
) -> None:
    """Analyse articles without a database: print them, or with --out write shards for `newsline load`; exit 1 if
    any record was rejected."""
    options = read_options(published, field)
    with user_errors():
        table = load_origins(origins)
    if out is None:
        _print_analysis(paths, options, as_json, table)
        return
    with user_errors():
        if engine is Engine.dask:
            from newsline.ingest.cluster import dask_engine  # Dask is an optional dependency

            context = dask_engine(address, workers=workers, origins=table)
        else:
            context = nullcontext(local_engine(default_analyzer(origins=table), workers or default_workers()))
        with context as run, progress_display("starting the analysis", not quiet) as show:
            def update(r: AnalyzeReport) -> None:
                counts = [f"{r.read:,} read", f"{r.articles:,} analysed", f"{r.shards:,} shards written"]
                counts += [f"{r.shards_skipped:,} done before"] if r.shards_skipped else []
                counts += [f"{len(r.rejections):,} rejected"] if r.rejections else []
                show(", ".join(counts) + f"  {r.rate:.1f}/s", r.input_bytes, r.read_bytes)

            report = analyze_to_shards(paths, out, options=options, engine=run, shard_size=shard_size,
                                       batch_size=batch_size, progress=update, origins=table)
    _print_rejections(report.rejections, quiet)
    if not quiet:
        _print_counts(f"Analysed into {out} in {report.seconds:.1f}s ({report.rate:.1f} articles/s)", "", {
            "shards written now": report.shards, "shards finished before (skipped)": report.shards_skipped,
            "articles written": report.articles, "written, not analysed (language)": report.not_analysed,
            "rejected": len(report.rejections), "peak memory of a worker": f"{report.worker_peak_mb:,.0f} MB"})
        console.print(f"Next: newsline load {out} --db FILE")
    if report.rejections:
        raise typer.Exit(1)


def load_command(
    shards: Path = typer.Argument(..., help="A folder written by `newsline analyze --out`."),
    db: str = DbOption,
    no_index: bool = typer.Option(False, "--no-index", help="Only store; `newsline index` does the rest later."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary; errors and exit status only."),
    origins: list[Path] = OriginsOption,
) -> None:
    """Store analysed shards in bulk (an article stored already is skipped), then index them; exit 1 if any shard
    could not be loaded."""
    with user_errors(), open_store(db) as store:
        stories = StoryConfig(origins=load_origins(origins))
        with progress_display("reading the manifest", not quiet) as show:
            def update(r: LoadReport) -> None:
                show(f"{r.articles:,} of {r.total_articles:,} articles read, {r.added:,} stored"
                     f"  {r.rate:.0f}/s", r.total_articles, r.articles)

            report = load_shards(shards, store, progress=update)
        indexed = None if no_index else _index(store, stories, quiet)
    _print_rejections(report.rejections, quiet)
    if not quiet:
        _print_counts(f"Loaded {shards} into {location_name(db)} in {report.seconds:.1f}s"
                      f" ({report.rate:.0f} articles/s)", "articles",
                      {"stored now": report.added, "already stored (skipped)": report.already_stored,
                       "rejected": len(report.rejections)})
        if indexed is not None:
            _print_index(indexed)
    if report.rejections:
        raise typer.Exit(1)


def index_command(
    db: str = DbOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary; errors and exit status only."),
    origins: list[Path] = OriginsOption,
) -> None:
    """Index stored articles not indexed yet: entity registry, event merging, stories (after `newsline load
    --no-index`, or to finish an interrupted load or ingest)."""
    with user_errors(), open_store(db) as store:
        report = _index(store, StoryConfig(origins=load_origins(origins)), quiet)
    if not quiet:
        _print_index(report)


def _index(store: Store, stories: StoryConfig, quiet: bool) -> IndexReport:
    with progress_display("indexing", not quiet) as show:
        def update(r: IndexReport) -> None:
            show(f"{r.articles:,} of {r.queued:,} articles indexed, {r.events:,} events  {r.rate:.1f}/s",
                 r.queued, r.articles)

        return index(store, stories=stories, progress=update)


def _print_index(report: IndexReport) -> None:
    console.print(f"Indexed {report.articles:,} articles ({report.events:,} event reports) in {report.seconds:.1f}s"
                  f" ({report.rate:.1f} articles/s): entity registry, events and stories are up to date.")


def _print_analysis(paths: list[str], options: ReadOptions, as_json: bool, origins: Origins) -> None:
    records, rejections = [], []
    for item in read_inputs(paths, options):
        (rejections if isinstance(item, Rejection) else records).append(item)
    for rejection in rejections:
        err_console.print(f"rejected {rejection}", highlight=False, markup=False)
    if not records:
        raise fail(f"{', '.join(paths)}: no article to analyse")
    sources: dict[str, str] = {}  # article id -> the file[:record] it was read from

    def failed(article: Article, error: str) -> None:
        rejections.append(Rejection(sources[article.id], f"analysis failed ({error}); this is a newsline bug"))
        err_console.print(f"rejected {rejections[-1]}", highlight=False, markup=False)

    def fresh() -> Iterator[Article]:
        for r in records:
            article = new_article(r.text, url=r.url, outlet=r.outlet, published=r.published, title=r.title,
                                  fetched=r.fetched)
            sources[article.id] = r.origin
            yield article

    for article in default_analyzer(origins=origins).analyze_many(fresh(), on_error=failed):
        if as_json and len(records) == 1:
            print_json(article)
        elif as_json:
            print(json.dumps(article.to_dict(), ensure_ascii=False))
        else:
            print_article(article)
    if rejections:
        raise typer.Exit(1)
