"""Full-text search on both stores: ``search`` (first page of 20 hits, with snippets) plus ``count_matches`` for
words across the frequency range, on the SQLite store of benchmarks/web_speed.py and its PostgreSQL copy, in
this process (no HTTP), median of 3; prints both times and their ratio (issue 17: PostgreSQL within 2x).

    .venv/bin/python benchmarks/search_backends.py [--db benchmarks/out/web_speed.db] --postgres URL

Build the stores first: ``benchmarks/web_speed.py --articles 33334 --copies 2 --postgres URL``. Opening the
PostgreSQL store for writing once brings it to the current schema (timed apart).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from web_speed import VOCABULARY, pseudo_words

from newsline.store import open_store
from newsline.store.base import ArticleFilter

RANKS = (0, 5, 50, 500, 5000)  # word frequency ranks: in every article down to one in 200


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("benchmarks/out/web_speed.db"))
    parser.add_argument("--postgres", metavar="URL", required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    open_store(args.postgres).close()
    print(f"PostgreSQL schema up to date in {time.perf_counter() - started:.0f} s")
    vocab = pseudo_words(random.Random(1), VOCABULARY)  # web_speed's vocabulary, most frequent first
    stores = {"SQLite": open_store(str(args.db), readonly=True), "PostgreSQL": open_store(args.postgres, readonly=True)}
    try:
        for rank in RANKS:
            word, seconds, matches = vocab[rank], {}, 0
            for name, store in stores.items():
                times = []
                for _ in range(3):
                    started = time.perf_counter()
                    store.search(word, ArticleFilter(), 20, 0)
                    matches = store.count_matches(word, ArticleFilter())
                    times.append(time.perf_counter() - started)
                seconds[name] = statistics.median(times)
            sqlite, postgres = seconds["SQLite"], seconds["PostgreSQL"]
            print(f"word of rank {rank:>5} ({matches:>7,} articles): SQLite {sqlite * 1000:6.0f} ms,"
                  f" PostgreSQL {postgres * 1000:6.0f} ms, ratio {postgres / sqlite:.2f}")
    finally:
        for store in stores.values():
            store.close()


if __name__ == "__main__":
    main()
