"""Ingestion end to end: read inputs, skip what is stored, analyse, and write in small transactions."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsline.errors import StoreError
from newsline.identity import new_article
from newsline.ingest.records import RawRecord, Rejection
from newsline.ingest.sources import ReadOptions, ReadProgress, read_inputs
from newsline.model import Article
from newsline.stories import StoryConfig, assign as assign_stories
from newsline.store.base import Store

if TYPE_CHECKING:
    from newsline.analysis.pipeline import Analyzer


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
    workers: int = 1,
    batch_size: int = 32,
    commit_every: int = 64,
    progress: ProgressCallback | None = None,
    stories: StoryConfig | None = StoryConfig(),
) -> IngestReport:
    """Ingest files, folders or ``-`` (stdin) into ``store``.

    Each batch of ``commit_every`` articles is one transaction: a run killed midway leaves every finished batch
    stored and the database consistent; running the same command again completes the job. Each stored batch is
    assigned to stories with ``stories`` (None: not at all); articles of this input that were stored before but
    are in no story (a run killed between storing a batch and assigning it) are assigned at the end.

    Bad input is rejected record by record; so is an article whose analysis or storage fails (a newsline bug,
    which the reason says): the run goes on, and what is stored stays. ``progress`` is called with the report as
    it grows: per article and rejection, with the bytes of input read once the input size is known.
    """
    options = options or ReadOptions()
    if analyzer is None:
        from newsline.analysis.pipeline import Analyzer  # the NLP stack, loaded when there is work for it

        analyzer = Analyzer()
    report = IngestReport()
    origins: dict[str, str] = {}
    stored_before: list[str] = []
    reading = ReadProgress()
    started = time.perf_counter()

    def tick() -> None:
        report.seconds = time.perf_counter() - started
        report.input_bytes, report.read_bytes = reading.total, reading.done
        if progress:
            progress(report)

    def fresh_articles() -> Iterator[Article]:
        for item in read_inputs(paths, options, report.skipped_files, reading):
            report.read += 1
            if isinstance(item, Rejection):
                report.rejections.append(item)
                tick()
                continue
            article = _article(item)
            if article.id in origins:
                report.repeated += 1
            elif store.existing_ids([article.id]):
                report.already_stored += 1
                stored_before.append(article.id)
                tick()
            else:
                origins[article.id] = item.origin
                tick()
                yield article

    batch: list[tuple[Article, str]] = []

    def flush() -> None:
        stored = _store_batch(store, batch, report)
        if stories is not None and stored:
            assign_stories(store, stored, stories)
        batch.clear()
        tick()

    def failed(article: Article, error: str) -> None:
        report.analysed += 1
        report.rejections.append(Rejection(origins[article.id], f"analysis failed ({error}); this is a newsline bug, "
                                                                "please report it with this record"))
        tick()

    try:
        for article in analyzer.analyze_many(fresh_articles(), workers=workers, batch_size=batch_size,
                                             on_error=failed):
            report.analysed += 1
            batch.append((article, origins[article.id]))
            report.words += len(article.text.split())
            if article.analysis and article.analysis.status != "ok":
                report.not_analysed += 1
            if len(batch) >= commit_every:
                flush()
            else:
                tick()
        if batch:
            flush()
        if stories is not None and stored_before:
            _assign_leftovers(store, stored_before, stories)
    except StoreError as exc:
        tick()
        raise IngestAborted(exc, report) from exc
    tick()
    return report


def _store_batch(store: Store, batch: list[tuple[Article, str]], report: IngestReport) -> list[Article]:
    """Store a batch in one transaction; if that fails, article by article, rejecting the ones that cannot be
    stored (a bug, not bad input: the reason says so) so that the rest of the run goes on."""
    try:
        report.added += store.add_articles(batch)
        return [article for article, _ in batch]
    except StoreError:  # the store, not an article: nothing more can be stored
        raise
    except Exception:  # the batch was rolled back; find the culprit
        stored = []
        for article, origin in batch:
            try:
                report.added += store.add_articles([(article, origin)])
                stored.append(article)
            except StoreError:
                raise
            except Exception as exc:
                report.rejections.append(Rejection(
                    origin, f"could not be stored ({type(exc).__name__}: {exc}); this is a newsline bug, please "
                    "report it with this record"))
        return stored


def _assign_leftovers(store: Store, ids: list[str], config: StoryConfig, chunk: int = 500) -> None:
    """Assign the stored articles among ``ids`` that are in no story yet."""
    for i in range(0, len(ids), chunk):
        part = ids[i : i + chunk]
        assigned = {m.article_id for m in store.story_members(article_ids=part)}
        if missing := [a for a in part if a not in assigned]:
            assign_stories(store, store.get_articles(missing), config)


def _article(record: RawRecord) -> Article:
    return new_article(
        record.text, url=record.url, outlet=record.outlet, published=record.published, title=record.title,
        fetched=record.fetched,
    )
