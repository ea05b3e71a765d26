"""``newsline load DIR``: analysed shards (``newsline analyze --out DIR``) into a store, in bulk.

Each shard is one ``Store.add_articles`` call, one transaction; an article whose id is stored already is left as it is,
so loading again adds nothing and a load killed midway, run again, completes. Loaded articles wait in the store's
index queue for ``newsline index`` (:mod:`newsline.indexing`).
"""

from __future__ import annotations

import gzip
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsline.ingest.records import Rejection
from newsline.ingest.run import store_batch
from newsline.ingest.shards import read_manifest, read_shard
from newsline.store.base import Store


@dataclass(slots=True)
class LoadReport:
    shards: int = 0  # read so far
    articles: int = 0  # read so far
    added: int = 0  # new in the store
    already_stored: int = 0  # stored before (loading again adds nothing)
    total_shards: int = 0  # complete shards in the folder
    total_articles: int = 0  # articles they hold
    rejections: list[Rejection] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


LoadProgress = Callable[[LoadReport], None]


def load_shards(folder: str | Path, store: Store, *, progress: LoadProgress | None = None) -> LoadReport:
    """Store every article of the complete shards in ``folder``, shard by shard (each one transaction). A shard
    that cannot be read (damaged, missing) is rejected with the reason and the others are loaded."""
    folder = Path(folder)
    _, entries = read_manifest(folder)
    report = LoadReport(total_shards=len(entries), total_articles=sum(e["articles"] for e in entries))
    started = time.perf_counter()
    for entry in entries:
        try:
            pairs = list(read_shard(folder, entry))
        except (OSError, EOFError, zlib.error, gzip.BadGzipFile, ValueError, KeyError, TypeError) as exc:
            report.rejections.append(Rejection(str(folder / entry["shard"]), f"cannot be loaded ({exc}); run"
                                               " `newsline analyze` again with the same inputs to rewrite it"))
            report.articles += entry["articles"]
        else:
            before = report.added, len(report.rejections)
            store_batch(store, pairs, report)
            report.articles += len(pairs)
            report.already_stored += len(pairs) - (report.added - before[0]) - (len(report.rejections) - before[1])
        report.shards += 1
        report.seconds = time.perf_counter() - started
        if progress:
            progress(report)
    report.seconds = time.perf_counter() - started
    return report
