"""Ingestion end to end: read inputs, skip what is stored, analyse, and write in small transactions."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from newsline.errors import StoreError
from newsline.identity import article_id, new_article
from newsline.indexing import index
from newsline.ingest.records import RawRecord, Rejection
from newsline.ingest.sources import ReadOptions, ReadProgress, read_inputs
from newsline.model import Article
from newsline.stories import StoryConfig
from newsline.store.base import Store

from newsline.parallel import batched, default_workers

if TYPE_CHECKING:
    from newsline.analysis.pipeline import AnalysisFailure, Analyzer
    from newsline.store.rows import ArticleRow


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    already_stored: int = 0  # in the store before this run: re-ingesting adds nothing
    repeated: int = 0  # the same article more than once in this run's input
    not_analysed: int = 0  # stored but not analysed (a language newsline has no analysis for)
    skipped_files: list[str] = field(default_factory=list)  # files in folders that are not an input format
    words: int = 0
    seconds: float = 0.0
    rejections: list[Rejection] = field(default_factory=list)
    read: int = 0  # records read so far, rejected ones included (the progress display counts them)
    analysed: int = 0  # articles through analysis so far
    input_bytes: int | None = None  # the size of the input files; None when unknown (standard input)
    read_bytes: int = 0  # of which read so far

    @property
    def rate(self) -> float:
        return self.added / self.seconds if self.seconds else 0.0

    @property
    def ok(self) -> bool:
        return not self.rejections


ProgressCallback = Callable[[IngestReport], None]


class IngestAborted(StoreError):
    """The store failed during a run (a full disk, another process holding it too long): the batches stored
    before stay stored, and running the same command again completes the job. ``report`` tells how far it got."""

    def __init__(self, cause: StoreError, report: IngestReport) -> None:
        super().__init__(str(cause))
        self.report = report


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    options: ReadOptions | None = None,
    analyzer: Analyzer | None = None,
    workers: int | None = None,
    batch_size: int = 32,
    commit_every: int = 64,
    progress: ProgressCallback | None = None,
    stories: StoryConfig | None = StoryConfig(),
) -> IngestReport:
    """Ingest files, folders or ``-`` (stdin) into ``store``: ``newsline analyze``, ``load`` and ``index`` in one
    go, without shards in between.

    The analysis (language detection included) runs in ``workers`` processes (default: all cores; 1: in this
    one). Each batch of ``commit_every`` articles is stored in one transaction, then indexed
    (:func:`newsline.indexing.index`, stories assigned with ``stories``; None: not at all): a run killed midway
    leaves every stored batch stored, the database consistent, and what was stored but not indexed queued;
    running the same command again completes the job.

    Bad input is rejected record by record; so is an article whose analysis or storage fails (a newsline bug,
    which the reason says): the run goes on, and what is stored stays. ``progress`` is called with the report as
    it grows: per article and rejection, with the bytes of input read once the input size is known.
    """
    options = options or ReadOptions()
    from newsline.analysis.pipeline import AnalysisFailure, Analyzer  # the NLP stack, loaded when there is work

    analyzer = analyzer or Analyzer()
    report = IngestReport()
    origins: dict[str, str] = {}
    reading = ReadProgress()
    started = time.perf_counter()

    def tick() -> None:
        report.seconds = time.perf_counter() - started
        report.input_bytes, report.read_bytes = reading.total, reading.done
        if progress:
            progress(report)

    def fresh_records() -> Iterator[RawRecord]:
        for item in read_inputs(paths, options, report.skipped_files, reading):
            report.read += 1
            if isinstance(item, Rejection):
                report.rejections.append(item)
                tick()
                continue
            id_ = article_id(item.text, item.url)
            if id_ in origins:
                report.repeated += 1
            elif store.existing_ids([id_]):
                report.already_stored += 1
                tick()
            else:
                origins[id_] = item.origin
                tick()
                yield item

    batch: list[tuple[Article, str]] = []

    def flush() -> None:
        store_batch(store, batch, report)
        index(store, stories=stories)
        batch.clear()
        tick()

    try:
        index(store, stories=stories)  # what an interrupted run stored and did not index
        for result in analyzer.run_batches(analyse_records, batched(fresh_records(), batch_size), workers=workers
                                           if workers is not None else default_workers()):
            for item in result:
                report.analysed += 1
                if isinstance(item, AnalysisFailure):
                    report.rejections.append(Rejection(origins[item.article.id], failure_reason(item)))
                    tick()
                    continue
                batch.append((item, origins[item.id]))
                report.words += len(item.text.split())
                if item.analysis and item.analysis.status != "ok":
                    report.not_analysed += 1
                if len(batch) >= commit_every:
                    flush()
                else:
                    tick()
        if batch:
            flush()
    except StoreError as exc:
        tick()
        raise IngestAborted(exc, report) from exc
    tick()
    return report


def analyse_records(analyzer: Analyzer, records: list[RawRecord]) -> list[Article | AnalysisFailure]:
    """Records to analysed articles, in the process that runs the analysis (a worker): language detection and
    every analysis stage. An article whose analysis raises is returned as an AnalysisFailure."""
    from newsline.analysis.pipeline import analyse_articles

    return analyse_articles(analyzer, [_article(r) for r in records], catch=True)


def failure_reason(failure: AnalysisFailure) -> str:
    return f"analysis failed ({failure.error}); this is a newsline bug, please report it with this record"


class Tally(Protocol):
    added: int
    rejections: list[Rejection]


def store_batch(store: Store, batch: Sequence[tuple[Article | ArticleRow, str]], report: Tally) -> None:
    """Store a batch in one transaction; if that fails, article by article, rejecting the ones that cannot be
    stored (a bug, not bad input: the reason says so) so that the rest of the run goes on."""
    try:
        report.added += store.add_articles(batch)
    except StoreError:  # the store, not an article: nothing more can be stored
        raise
    except Exception:  # the batch was rolled back; find the culprit
        for article, origin in batch:
            try:
                report.added += store.add_articles([(article, origin)])
            except StoreError:
                raise
            except Exception as exc:
                report.rejections.append(Rejection(
                    origin, f"could not be stored ({type(exc).__name__}: {exc}); this is a newsline bug, please "
                    "report it with this record"))


def _article(record: RawRecord) -> Article:
    return new_article(
        record.text, url=record.url, outlet=record.outlet, published=record.published, title=record.title,
        fetched=record.fetched,
    )
