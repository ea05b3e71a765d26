"""``newsline analyze --out DIR``: analysed articles as gzipped ``newsline.article/1`` JSON Lines shards.

A folder of shards holds ``manifest.jsonl`` and ``shard-NNNNNN.jsonl.gz`` files. The input's records (rejections
included) are cut into consecutive groups of ``shard_size``; group N becomes shard N. The manifest's first line
names the inputs and settings; each later line, appended when its shard is complete, says which input records
went to that shard (``origins``, one per article line, in order) and which were rejected and why. A shard is
written to a temporary file, then renamed: it is whole or absent. A rerun with the same inputs reads them again,
skips the groups whose shard the manifest lists, and analyses the rest; so a run killed midway loses only the
shards in flight.

The analysis of a shard (language detection, every stage, serialisation and compression) runs where the engine
runs it: in this process, in a pool of local processes (:meth:`Analyzer.run_batches`) or on a Dask cluster
(``newsline.ingest.cluster``); the same task, :func:`analyse_shard`, everywhere.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsline.errors import InvalidArgument
from newsline.ingest.records import RawRecord, Rejection
from newsline.ingest.run import analyse_records, failure_reason
from newsline.ingest.sources import STDIN, ReadOptions, ReadProgress, read_inputs
from newsline.model import Article
from newsline.origins import Origins, default_origins
from newsline.parallel import batched, default_workers

if TYPE_CHECKING:
    from newsline.analysis.pipeline import Analyzer

FORMAT = "newsline.shards/1"
MANIFEST = "manifest.jsonl"
# Input records per shard. Not tuned for speed (a shard is also the unit of work sent to a worker, and the
# workers analyse it in spaCy batches of ``batch_size``): it bounds what a killed run redoes (one shard per
# worker in flight) and keeps the number of files of a 10-million-article crawl at 10,000.
SHARD_SIZE = 1000


@dataclass(slots=True)
class ShardResult:
    """What a worker returns for one group of records: the shard's bytes and its manifest entry's content."""

    data: bytes  # gzipped JSON Lines, one article per line
    origins: list[str]  # the record each line came from
    failures: list[Rejection]  # articles whose analysis raised (a newsline bug)
    not_analysed: int  # stored as read: a language newsline does not analyse
    peak_mb: float  # the peak resident memory of the process that analysed it, so far


@dataclass(slots=True)
class AnalyzeReport:
    shards: int = 0  # written by this run
    shards_skipped: int = 0  # complete before this run
    articles: int = 0  # analysed and written by this run
    not_analysed: int = 0  # written unanalysed (language)
    read: int = 0  # records read, rejected ones and those of skipped shards included
    rejections: list[Rejection] = field(default_factory=list)  # this run's, reading and analysis
    skipped_files: list[str] = field(default_factory=list)  # files in folders that are not an input format
    seconds: float = 0.0
    input_bytes: int | None = None
    read_bytes: int = 0
    worker_peak_mb: float = 0.0  # the largest peak resident memory of a process that analysed a shard

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


AnalyzeProgress = Callable[[AnalyzeReport], None]
# Runs a task on each batch, results in input order: Analyzer.run_batches, or a cluster's equivalent.
Engine = Callable[[Callable[["Analyzer", Any], Any], Iterable[Any]], Iterator[Any]]


def analyze_to_shards(
    paths: Iterable[str],
    out: str | Path,
    *,
    options: ReadOptions | None = None,
    workers: int | None = None,
    engine: Engine | None = None,
    shard_size: int = SHARD_SIZE,
    batch_size: int = 32,
    progress: AnalyzeProgress | None = None,
    origins: Origins | None = None,
) -> AnalyzeReport:
    """Analyse the records of ``paths`` into shards in the folder ``out`` (created if missing), skipping the shards
    a previous run with the same inputs completed. ``engine`` runs :func:`analyse_shard` on each group of records:
    by default ``workers`` local processes (default: all cores), else e.g. ``newsline.ingest.cluster.dask_engine``.
    Bad records are rejected (``report.rejections`` and the manifest name them) and the rest goes on.

    ``origins`` is the table credits are resolved against (default: the shipped one plus ``NEWSLINE_ORIGINS``); a
    given ``engine`` must analyse with the same. The manifest records its digest, so that a folder is never
    resumed with another table: its finished shards would keep the credits of the old one."""
    if shard_size < 1:
        raise InvalidArgument("shard_size", shard_size, "must be at least 1")
    paths, options, folder = list(paths), options or ReadOptions(), Path(out)
    origins = origins or default_origins()
    manifest = Manifest.open(folder, paths, options, shard_size, origins)
    if engine is None:
        from newsline.analysis.pipeline import Analyzer  # the NLP stack, loaded when there is work for it

        engine = local_engine(Analyzer(origins=origins), workers or default_workers())
    report, reading, started = AnalyzeReport(), ReadProgress(), time.perf_counter()

    def tick() -> None:
        report.seconds = time.perf_counter() - started
        report.input_bytes, report.read_bytes = reading.total, reading.done
        if progress:
            progress(report)

    groups: dict[int, list[Rejection]] = {}  # rejected at reading, per group in flight

    def todo() -> Iterator[tuple[int, list[RawRecord], int]]:
        items = read_inputs(paths, options, report.skipped_files, reading)
        for number, group in enumerate(iter(lambda: list(islice(items, shard_size)), [])):
            report.read += len(group)
            if number in manifest.done:
                report.shards_skipped += 1
                tick()
                continue
            groups[number] = [item for item in group if isinstance(item, Rejection)]
            report.rejections += groups[number]
            tick()
            yield number, [item for item in group if isinstance(item, RawRecord)], batch_size

    for number, result in engine(analyse_shard, todo()):
        manifest.add(number, result, groups.pop(number))
        report.shards += 1
        report.articles += len(result.origins)
        report.not_analysed += result.not_analysed
        report.rejections += result.failures
        report.worker_peak_mb = max(report.worker_peak_mb, result.peak_mb)
        tick()
    tick()
    return report


def analyse_shard(analyzer: Analyzer, work: tuple[int, list[RawRecord], int]) -> tuple[int, ShardResult]:
    """The task of one shard: analyse its records in spaCy batches and return the compressed JSON Lines."""
    from newsline.analysis.pipeline import AnalysisFailure

    number, records, batch_size = work
    origins = {}
    lines, kept, failures, not_analysed = [], [], [], 0
    for batch in batched(records, batch_size):
        for record, item in zip(batch, analyse_records(analyzer, batch)):
            if isinstance(item, AnalysisFailure):
                failures.append(Rejection(record.origin, failure_reason(item)))
            elif item.id not in origins:  # the same article twice in one shard is written once
                origins[item.id] = record.origin
                lines.append(item.to_json())
                kept.append(record.origin)
                not_analysed += item.analysis is not None and item.analysis.status != "ok"
    data = gzip.compress("".join(line + "\n" for line in lines).encode(), mtime=0)  # the same bytes every run
    return number, ShardResult(data, kept, failures, not_analysed, _peak_mb())


def local_engine(analyzer: Analyzer, workers: int) -> Engine:
    """Run tasks in this process (``workers`` 1) or in a pool of ``workers`` local processes."""
    return lambda task, batches: analyzer.run_batches(task, batches, workers=workers)


def shard_name(number: int) -> str:
    return f"shard-{number:06d}.jsonl.gz"


class Manifest:
    """The manifest of a shard folder: settings, then one line per complete shard (appended)."""

    def __init__(self, folder: Path, done: dict[int, dict[str, Any]]) -> None:
        self.folder = folder
        self.done = done  # shard number -> its manifest entry

    @classmethod
    def open(cls, folder: Path, paths: list[str], options: ReadOptions, shard_size: int, origins: Origins) -> Manifest:
        """The folder's manifest, created for these settings, or read and checked against them."""
        header = {"format": FORMAT, "inputs": [p if p == STDIN else os.path.abspath(p) for p in paths],
                  "shard_size": shard_size, "published": options.published, "fields": dict(options.field_map),
                  "origins_table": origins.digest()}
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InvalidArgument("out", str(folder), f"cannot be created ({exc.strerror})") from None
        path = folder / MANIFEST
        if not path.exists():
            _write_atomically(path, (json.dumps(header, ensure_ascii=False) + "\n").encode())
            return cls(folder, {})
        first, entries = read_manifest(folder)
        if first != header:
            differ = ", ".join(k for k in header if first.get(k) != header[k])
            raise InvalidArgument("out", str(folder), f"holds shards of other settings ({differ}: see its manifest.jsonl)"
                                  "; give an empty folder, or the same inputs, options and origins table to resume")
        done = {e["number"]: e for e in entries if (folder / e["shard"]).exists()}
        return cls(folder, done)

    def add(self, number: int, result: ShardResult, rejected: list[Rejection]) -> None:
        """Write shard ``number`` (temporary file, then rename) and append its manifest line."""
        name = shard_name(number)
        _write_atomically(self.folder / name, result.data)
        entry = {"number": number, "shard": name, "inputs": sorted({_input_of(o) for o in result.origins}),
                 "articles": len(result.origins), "origins": result.origins,
                 "rejected": [{"origin": r.origin, "reason": r.reason} for r in [*rejected, *result.failures]]}
        with (self.folder / MANIFEST).open("a", encoding="utf-8") as file:
            file.write(json.dumps(entry, ensure_ascii=False) + "\n")
            file.flush()
            os.fsync(file.fileno())
        self.done[number] = entry


def read_manifest(folder: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A shard folder's settings and complete-shard entries (a line torn by a kill is ignored: that shard is
    redone)."""
    path = folder / MANIFEST
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InvalidArgument("shards", str(folder), f"has no {MANIFEST}: it is not a folder written by"
                              " `newsline analyze --out`") from None
    except OSError as exc:
        raise InvalidArgument("shards", str(folder), f"cannot be read ({exc.strerror})") from None
    entries = []
    for line in lines[1:]:
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    header = json.loads(lines[0]) if lines else {}
    if header.get("format") != FORMAT:
        raise InvalidArgument("shards", str(folder), f"{MANIFEST} is not a {FORMAT} manifest")
    return header, sorted({e["number"]: e for e in entries}.values(), key=lambda e: e["number"])


def read_shard(folder: Path, entry: dict[str, Any]) -> Iterator[tuple[Article, str]]:
    """The ``(article, origin)`` pairs of one complete shard, in order."""
    with gzip.open(folder / entry["shard"], "rt", encoding="utf-8") as file:
        for line, origin in zip(file, entry["origins"], strict=True):
            yield Article.from_dict(json.loads(line)), origin


def _peak_mb() -> float:
    """This process's peak resident memory in MB (Linux reports kilobytes, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _input_of(origin: str) -> str:
    """The input file of an origin (``file``, ``file:line`` or ``file:record N``)."""
    head, _, tail = origin.rpartition(":")
    return head if head and (tail.isdigit() or tail.startswith("record ")) else origin


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
