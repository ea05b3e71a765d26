"""Scale: analyse on 1 worker and on all cores, on a Dask cluster (and on Ray Data), load and index rates, all on
the same texts in one run, with their ratios, and a projection for 10 million articles.

    .venv/bin/python benchmarks/scale.py [--texts DIR] [--limit N] [--rounds R] [--no-cluster] [--ray]
                                         [--postgres URL]

The texts (default: PolNeAR's train texts in ../shared/bench, read at run time) go to a JSON Lines file in a
temporary folder, the input of every step. Prints, each in articles/s of wall time and, for the steps that run in
this process, per CPU-second of this process (what a shared, loaded machine leaves comparable between runs):
  (a) bare spaCy ``nlp.pipe`` with n_process=1 and n_process=N (all cores): spaCy's own speed-up;
  (b) ``newsline analyze --out`` (reading, language detection, every stage, gzipped shards) on 1 and N workers:
      its speed-up, the ratio of the two speed-ups (issue 17's target: >= 0.95), and the per-core cost of analyze
      against bare spaCy's (target: >= 0.8);
  (a) and (b) run alternately ``--rounds`` times, and each figure is the least time of its rounds: other work on
  a shared machine only ever adds time, so one round's ratio says as much about the minute it ran in;
  (c) the same analysis on a local Dask cluster of N worker processes (cluster start-up timed apart), and with
      ``--ray`` (``pip install 'ray[data]==2.58.0'``) on Ray Data: ``map_batches`` over the same shard tasks with an
      actor pool of N actors, each loading the model once (Ray's start-up timed apart; the actors start, and load
      the model, inside the timed run, as Ray Data starts them per dataset);
  (d) ``newsline load`` into a fresh SQLite file (target >= 500/s) and (e) ``newsline index``; with ``--postgres``
      both again into that PostgreSQL database (it must hold no articles);
  peak resident memory of a worker on the texts and on the texts twice over (as other articles: each copy has
  its own URL), flat in corpus size if within 10%. Both runs hold the same longest text, which sets a worker's
  peak: a run on the first half of the texts against all of them measures the longest text, not the corpus.
The models are loaded before each timed step (the pool's workers fork from a process that holds them, and two texts
are analysed first, untimed, for what else loads once per process), except in spaCy's n_process run, which starts
its own processes as a user's run would, and the Dask and Ray runs, whose workers load their own.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DEFAULT_TEXTS = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "polnear" / "train" / "text"
TEN_MILLION = 10_000_000


def timed(run: Callable[[], Any]) -> tuple[float, float, Any]:
    """``(wall seconds, CPU seconds of this process, result)`` of ``run()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def least(runs: list[tuple[float, float, Any]]) -> tuple[float, float, Any]:
    """The least wall time and the least CPU time of ``runs`` (of ``timed``), with the last run's result."""
    return min(r[0] for r in runs), min(r[1] for r in runs), runs[-1][2]


def bare_spacy(texts: list[str], n_process: int) -> tuple[float, float, Any]:
    from newsline.analysis.pipeline import load_spacy

    nlp = load_spacy()
    return timed(lambda: [None for _ in nlp.pipe(texts, batch_size=32, n_process=n_process)])


def analyse(source: Path, out: Path, workers: int, shard_size: int, engine=None) -> tuple[float, float, Any]:
    from newsline.analysis import Analyzer
    from newsline.ingest.shards import analyze_to_shards, local_engine

    engine = engine or local_engine(Analyzer(), workers)
    return timed(lambda: analyze_to_shards([str(source)], out, engine=engine, shard_size=shard_size))


def load_and_index(shards: Path, location: str) -> tuple[tuple[float, float, Any], tuple[float, float, Any]]:
    """Load ``shards`` into the store at ``location``, then index it: ``timed`` of each."""
    from newsline.indexing import index
    from newsline.ingest.load import load_shards
    from newsline.store import open_store

    with open_store(location) as store:
        if store.stats().articles:
            sys.exit(f"{location} holds articles already: give an empty store")
        return timed(lambda: load_shards(shards, store)), timed(lambda: index(store))


class RayAnalyzer:
    """A Ray Data actor: one analyzer per actor process, loaded when the actor starts; runs the shard task of
    ``newsline analyze`` (the same function the local pool and Dask run) on each work item of a batch."""

    def __init__(self, task: bytes) -> None:
        from newsline.analysis import Analyzer

        self.analyzer = Analyzer()
        self.task = pickle.loads(task)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        return {"result": [pickle.dumps(self.task(self.analyzer, pickle.loads(work))) for work in batch["work"]]}


@contextmanager
def ray_engine(workers: int) -> Iterator[Callable[[Callable[[Any, Any], Any], Iterable[Any]], Iterator[Any]]]:
    """An engine (``newsline.ingest.shards.Engine``) on a local Ray instance of ``workers`` CPUs: the shard tasks
    as a Ray Data dataset, ``map_batches`` with an actor pool of ``workers`` actors, results in input order. The
    work items travel pickled (Ray Data's blocks are Arrow tables)."""
    import ray
    import ray.data

    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False

        def engine(task: Callable[[Any, Any], Any], batches: Iterable[Any]) -> Iterator[Any]:
            items = [{"work": pickle.dumps(batch)} for batch in batches]
            dataset = ray.data.from_items(items).map_batches(
                RayAnalyzer, fn_constructor_args=(pickle.dumps(task),), batch_size=1,
                compute=ray.data.ActorPoolStrategy(size=workers))
            for row in dataset.iter_rows():
                yield pickle.loads(row["result"])

        yield engine
    finally:
        ray.shutdown()


def same_shards(folder: Path, reference: Path) -> bool:
    return all((folder / p.name).read_bytes() == p.read_bytes() for p in reference.glob("shard-*"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of .txt news articles")
    parser.add_argument("--limit", type=int, default=120, help="use the first N texts (default 120: a short run)")
    parser.add_argument("--shard-size", type=int, default=10, help="records per shard (small: several per worker)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of (a) and (b); the least time of"
                        " each is kept")
    parser.add_argument("--no-cluster", action="store_true", help="leave out the Dask run")
    parser.add_argument("--ray", action="store_true", help="also run the analysis on Ray Data (ray[data] installed)")
    parser.add_argument("--postgres", metavar="URL", help="also load and index into this empty PostgreSQL database")
    args = parser.parse_args()
    if not args.texts.is_dir():
        sys.exit(f"no texts at {args.texts}: pass --texts DIR (PolNeAR train texts live in ../shared/bench)")
    from newsline.parallel import default_workers

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))[: args.limit]]
    cores = default_workers()
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {words:,} words, from {args.texts}; {cores} cores; (a) and (b): least of {args.rounds}"
          " alternating rounds\n")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        source, twice, warm = scratch / "in.jsonl", scratch / "twice.jsonl", scratch / "warm.jsonl"
        source.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
        twice.write_text("".join(json.dumps({"text": t, "url": f"https://copy{copy}.example/{i}"}) + "\n"
                                 for copy in (1, 2) for i, t in enumerate(texts)))
        warm.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts[:2]))
        n = len(texts)
        analyse(warm, scratch / "warm", 1, args.shard_size)  # what loads once per process (language model, ...)

        # one worker of each alternately, then all cores of each, every round: the machine's drifts hit all alike
        runs: dict[str, list[tuple[float, float, Any]]] = {"spacy 1": [], "one": [], "spacy n": [], "many": []}
        for round_ in range(args.rounds):
            runs["spacy 1"].append(bare_spacy(texts, 1))
            runs["one"].append(analyse(source, scratch / f"one-{round_}", 1, args.shard_size))
            runs["spacy n"].append(bare_spacy(texts, cores))
            runs["many"].append(analyse(source, scratch / ("many" if round_ == 0 else f"many-{round_}"), cores,
                                        args.shard_size))
        (spacy_1, spacy_1_cpu, _), (one, one_cpu, _) = least(runs["spacy 1"]), least(runs["one"])
        (spacy_n, _, _), (many, _, report_n) = least(runs["spacy n"]), least(runs["many"])
        _, _, report_twice = analyse(twice, scratch / "twice", cores, args.shard_size)
        spacy_gain, our_gain = spacy_1 / spacy_n, one / many
        print(f"(a) bare spaCy        n_process=1: {n / spacy_1:7.2f}/s   n_process={cores}: {n / spacy_n:7.2f}/s"
              f"   speed-up {spacy_gain:.2f}x")
        print(f"(b) newsline analyze  workers=1:   {n / one:7.2f}/s   workers={cores}:   {n / many:7.2f}/s"
              f"   speed-up {our_gain:.2f}x;  speed-up ratio (b)/(a): {our_gain / spacy_gain:.2f} (target >= 0.95)")
        print(f"    per core, analyze / bare spaCy: {spacy_1 / one:.2f}x of wall time, {spacy_1_cpu / one_cpu:.2f}x of"
              f" CPU time ({n / one_cpu:.2f} vs {n / spacy_1_cpu:.2f} articles per CPU-second; target >= 0.8)")
        print(f"    peak memory of a worker: {report_n.worker_peak_mb:.0f} MB on {n} articles,"
              f" {report_twice.worker_peak_mb:.0f} MB on the same twice over, {2 * n}"
              f" ({report_twice.worker_peak_mb / report_n.worker_peak_mb:.2f}x; flat: <= 1.10x)")
        if not args.no_cluster:
            from newsline.ingest.cluster import dask_engine

            started = time.perf_counter()
            with dask_engine("local", workers=cores) as engine:
                startup = time.perf_counter() - started
                clustered, _, report_c = analyse(source, scratch / "dask", cores, args.shard_size, engine)
            print(f"(c) Dask local cluster, {cores} workers: {n / clustered:7.2f}/s ({many / clustered:.2f}x the local"
                  f" pool; cluster start-up {startup:.1f} s apart); shards identical to the local run:"
                  f" {same_shards(scratch / 'dask', scratch / 'many')}; worker peak {report_c.worker_peak_mb:.0f} MB")
        if args.ray:
            started = time.perf_counter()
            with ray_engine(cores) as engine:
                startup = time.perf_counter() - started
                rayed, _, report_r = analyse(source, scratch / "ray", cores, args.shard_size, engine)
            dask_note = "" if args.no_cluster else f", {clustered / rayed:.2f}x Dask"
            print(f"    Ray Data, {cores} actors:      {n / rayed:7.2f}/s ({many / rayed:.2f}x the local pool{dask_note};"
                  f" Ray start-up {startup:.1f} s apart); shards identical to the local run:"
                  f" {same_shards(scratch / 'ray', scratch / 'many')}; actor peak {report_r.worker_peak_mb:.0f} MB")
        (load_s, load_cpu, loaded), (index_s, index_cpu, indexed) = load_and_index(scratch / "many",
                                                                                 str(scratch / "bench.db"))
        load_rate, load_cpu_rate = loaded.added / load_s, loaded.added / load_cpu
        index_rate, index_cpu_rate = indexed.articles / index_s, indexed.articles / index_cpu
        print(f"(d) load:  {load_rate:7.0f} articles/s into SQLite, {load_cpu_rate:.0f} per CPU-second (target >= 500)")
        print(f"(e) index: {index_rate:7.1f} articles/s, {index_cpu_rate:.1f} per CPU-second (registry, event merging,"
              f" stories; {indexed.events:,} event reports)")
        if args.postgres:
            (pg_load_s, _, pg_loaded), (pg_index_s, _, pg_indexed) = load_and_index(scratch / "many", args.postgres)
            pg_load, pg_index = pg_loaded.added / pg_load_s, pg_indexed.articles / pg_index_s
            print(f"    PostgreSQL: load {pg_load:7.0f} articles/s ({pg_load / load_rate:.2f}x SQLite),"
                  f" index {pg_index:7.1f} articles/s ({pg_index / index_rate:.2f}x SQLite)")
        per_core = n / one_cpu
        efficiency = our_gain / cores
        print(f"\nProjection for {TEN_MILLION:,} articles of this length (not measured at that size): from the rates per"
              " CPU-second above, i.e. on cores not shared with other work, and this run's scaling efficiency")
        for machines, per in ((1, cores), (10, 16), (50, 16)):
            hours = TEN_MILLION / (per_core * machines * per * efficiency) / 3600
            print(f"  analyze on {machines} machine(s) x {per} cores at {per_core:.2f}/s per core, efficiency"
                  f" {efficiency:.2f}: {hours:,.0f} h")
        print(f"  load into one SQLite writer at {load_cpu_rate:.0f}/s: {TEN_MILLION / load_cpu_rate / 3600:,.1f} h;"
              f" index (one writer, serial) at {index_cpu_rate:.1f}/s: {TEN_MILLION / index_cpu_rate / 3600:,.0f} h,"
              " if its rate held at that size (story candidates are bounded per article; the registry lookups are"
              " indexed)")


if __name__ == "__main__":
    main()
