"""Scale: analyse on 1 worker and on all cores, on a Dask cluster, load and index rates, all on the same texts in
one run, and a projection for 10 million articles.

    .venv/bin/python benchmarks/scale.py [--texts DIR] [--limit N] [--no-cluster] [--postgres URL]

The texts (default: PolNeAR's train texts in ../shared/bench, read at run time) go to a JSON Lines file in a
temporary folder, the input of every step. Prints, each in articles/s:
  (a) bare spaCy ``nlp.pipe`` with n_process=1 and n_process=N (all cores): spaCy's own speed-up;
  (b) ``newsline analyze --out`` (reading, language detection, every stage, gzipped shards) on 1 and N workers:
      its speed-up, and the ratio of the two speed-ups (issue 17's target: >= 0.95);
  (c) the same analysis on a local Dask cluster of N worker processes (cluster start-up timed apart);
  (d) ``newsline load`` into a fresh SQLite file (target >= 500/s) and (e) ``newsline index``; with ``--postgres``
      both again into that PostgreSQL database (it must hold no articles);
  peak resident memory of a worker on the first half of the texts and on all of them (flat: within 10%).
The models are loaded before each timed step (the pool's workers fork from a process that holds them), except in
spaCy's n_process run, which starts its own processes as a user's run would.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_TEXTS = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "polnear" / "train" / "text"
TEN_MILLION = 10_000_000


def bare_spacy(texts: list[str], n_process: int) -> float:
    from newsline.analysis.pipeline import load_spacy

    nlp = load_spacy()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
        pass
    return time.perf_counter() - started


def analyse(source: Path, out: Path, workers: int, shard_size: int, engine=None):
    from newsline.analysis import Analyzer
    from newsline.ingest.shards import analyze_to_shards, local_engine

    engine = engine or local_engine(Analyzer(), workers)
    started = time.perf_counter()
    report = analyze_to_shards([str(source)], out, engine=engine, shard_size=shard_size)
    return time.perf_counter() - started, report


def load_and_index(shards: Path, location: str) -> tuple[float, float, int]:
    """Load ``shards`` into the store at ``location``, then index it: articles/s of each, and the event reports."""
    from newsline.indexing import index
    from newsline.ingest.load import load_shards
    from newsline.store import open_store

    with open_store(location) as store:
        if store.stats().articles:
            sys.exit(f"{location} holds articles already: give an empty store")
        started = time.perf_counter()
        loaded = load_shards(shards, store)
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        indexed = index(store)
        index_s = time.perf_counter() - started
    return loaded.added / load_s, indexed.articles / index_s, indexed.events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of .txt news articles")
    parser.add_argument("--limit", type=int, default=120, help="use the first N texts (default 120: a short run)")
    parser.add_argument("--shard-size", type=int, default=10, help="records per shard (small: several per worker)")
    parser.add_argument("--no-cluster", action="store_true", help="leave out the Dask run")
    parser.add_argument("--postgres", metavar="URL", help="also load and index into this empty PostgreSQL database")
    args = parser.parse_args()
    if not args.texts.is_dir():
        sys.exit(f"no texts at {args.texts}: pass --texts DIR (PolNeAR train texts live in ../shared/bench)")
    from newsline.parallel import default_workers

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))[: args.limit]]
    cores = default_workers()
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {words:,} words, from {args.texts}; {cores} cores\n")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        source, half = scratch / "in.jsonl", scratch / "half.jsonl"
        source.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
        half.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts[: len(texts) // 2]))
        n = len(texts)

        spacy_1, spacy_n = bare_spacy(texts, 1), bare_spacy(texts, cores)
        one, report_1 = analyse(source, scratch / "one", 1, args.shard_size)
        many, report_n = analyse(source, scratch / "many", cores, args.shard_size)
        _, report_half = analyse(half, scratch / "half", cores, args.shard_size)
        spacy_gain, our_gain = spacy_1 / spacy_n, one / many
        print(f"(a) bare spaCy        n_process=1: {n / spacy_1:7.2f}/s   n_process={cores}: {n / spacy_n:7.2f}/s"
              f"   speed-up {spacy_gain:.2f}x")
        print(f"(b) newsline analyze  workers=1:   {n / one:7.2f}/s   workers={cores}:   {n / many:7.2f}/s"
              f"   speed-up {our_gain:.2f}x")
        print(f"    per core, analyze / bare spaCy: {spacy_1 / one:.2f}x;  speed-up ratio (b)/(a):"
              f" {our_gain / spacy_gain:.2f} (target >= 0.95)")
        print(f"    peak memory of a worker: {report_half.worker_peak_mb:.0f} MB on {n // 2} articles,"
              f" {report_n.worker_peak_mb:.0f} MB on {n} ({report_n.worker_peak_mb / report_half.worker_peak_mb:.2f}x)")
        if not args.no_cluster:
            from newsline.ingest.cluster import dask_engine

            started = time.perf_counter()
            with dask_engine("local", workers=cores) as engine:
                startup = time.perf_counter() - started
                clustered, report_c = analyse(source, scratch / "dask", cores, args.shard_size, engine)
            same = all((scratch / "dask" / p.name).read_bytes() == p.read_bytes()
                       for p in (scratch / "many").glob("shard-*"))
            print(f"(c) Dask local cluster, {cores} workers: {n / clustered:7.2f}/s (local pool {n / many:.2f}/s;"
                  f" cluster start-up {startup:.1f} s apart); shards identical to the local run: {same};"
                  f" worker peak {report_c.worker_peak_mb:.0f} MB")
        load_rate, index_rate, events = load_and_index(scratch / "many", str(scratch / "bench.db"))
        print(f"(d) load:  {load_rate:7.0f} articles/s into SQLite (target >= 500)")
        print(f"(e) index: {index_rate:7.1f} articles/s (registry, event merging, stories; {events:,} event reports)")
        if args.postgres:
            pg_load, pg_index, _ = load_and_index(scratch / "many", args.postgres)
            print(f"    PostgreSQL: load {pg_load:7.0f} articles/s ({pg_load / load_rate:.2f}x SQLite),"
                  f" index {pg_index:7.1f} articles/s ({pg_index / index_rate:.2f}x SQLite)")
        per_core = n / one
        print(f"\nProjection for {TEN_MILLION:,} articles of this length, from the rates measured above (not measured"
              " at that size):")
        for machines, per in ((1, cores), (10, 16), (50, 16)):
            hours = TEN_MILLION / (per_core * machines * per * (our_gain / cores)) / 3600
            print(f"  analyze on {machines} machine(s) x {per} cores at {per_core:.1f}/s per core and this run's"
                  f" scaling efficiency ({our_gain / cores:.2f}): {hours:,.0f} h")
        print(f"  load into one SQLite writer: {TEN_MILLION / load_rate / 3600:,.1f} h;"
              f" index (one writer, serial): {TEN_MILLION / index_rate / 3600:,.0f} h, if its"
              " rate held at that size (story candidates are bounded per article; the registry lookups are indexed)")


if __name__ == "__main__":
    main()
