"""One-actor timeline over 1,000,000 synthetic events: median query time (target < 100 ms).

    PYTHONPATH=src python benchmarks/timeline_speed.py [--events 1000000] [--actors 5000] [--db PATH]

Builds a fresh store (the real migrations), fills it with synthetic articles, entities and events through
SQL (the analysis path is not what is measured), then times ``newsline.timeline.timeline(store, actor=...)``
-- the same call as ``newsline timeline --actor`` -- for random actors and for the busiest one. It prints the
query plan, which shows the index that answers it, and the same query with that index dropped for contrast.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from itertools import accumulate
from pathlib import Path

from newsline.store import SQLiteStore
from newsline.store.base import EventFilter
from newsline.store.transaction import transaction
from newsline.timeline import timeline

TARGET_MS = 100.0
CATEGORIES = ("STATEMENT", "DISAPPROVE", "DEMAND", "CONSULT", "AGREE", "THREATEN", "SANCTION", "REJECT")


def build(store: SQLiteStore, events: int, actors: int, per_article: int, seed: int) -> None:
    rng = random.Random(seed)
    db = store.db
    articles = events // per_article
    with transaction(db):
        db.executemany("INSERT INTO corpus_entities (id, key, name, type) VALUES (?,?,?,?)",
                       ((i, f"actor {i}", f"Actor {i}", "PERSON") for i in range(1, actors + 1)))
        db.executemany("INSERT INTO entity_aliases VALUES (?,?,?,?)",
                       ((i, f"Actor {i}", f"actor {i}", f"actr {i}") for i in range(1, actors + 1)))
        db.executemany(
            "INSERT INTO articles (id, url, outlet, published, title, language, text, text_hash, origin,"
            " ingested_at, annotations) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            ((f"{n:016x}", f"https://outlet{n % 50}.example/{n}", f"outlet{n % 50}.example",
              _day(rng, 2015, 2024), None, "en", f"synthetic article {n}", f"{n:016x}", "synthetic", "2024-01-01",
              "{}") for n in range(articles)))
    cumulative = list(accumulate(1 / (rank ** 0.8) for rank in range(1, actors + 1)))  # busy few, long tail
    population = range(1, actors + 1)
    batch = 100_000
    for start in range(0, events, batch):
        rows = []
        for n in range(start, min(events, start + batch)):
            actor = rng.choices(population, cum_weights=cumulative)[0] if n % 7 == 0 else rng.randint(1, actors)
            day = _day(rng, 2015, 2024)
            rows.append((f"{n // per_article:016x}", f"v{n % per_article + 1}", n + 1, actor,
                         rng.randint(1, actors), rng.choice(CATEGORIES), "say", "said", day, "day", "timex", day,
                         rng.random() < 0.2, f"Actor {actor} said something on {day}."))
        with transaction(db):
            db.executemany(
                "INSERT INTO events (article_id, local_id, cluster, actor_id, target_id, category, lemma, predicate,"
                " date_value, granularity, date_source, day, rank, evidence, evidence_start, evidence_end, negated,"
                " hypothetical, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,40,0,0,0.8)", rows)
    db.execute("ANALYZE")


def _day(rng: random.Random, first: int, last: int) -> str:
    return f"{rng.randint(first, last)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def time_queries(store: SQLiteStore, actors: list[str], limit: int = 100_000) -> list[float]:
    timings = []
    for actor in actors:
        started = time.perf_counter()
        timeline(store, actor=actor, limit=limit)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=5_000)
    parser.add_argument("--per-article", type=int, default=20)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--db", help="database file to build (default: a temporary file, removed afterwards)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "timeline_speed.db"
        with SQLiteStore(path) as store:
            started = time.perf_counter()
            build(store, args.events, args.actors, args.per_article, args.seed)
            print(f"built {args.events:,} events, {args.actors:,} actors, {args.events // args.per_article:,} articles"
                  f" in {time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        with SQLiteStore(path, readonly=True) as store:  # queries read as the CLI and the web app do
            rng = random.Random(args.seed)
            (busiest, busiest_n), = store.db.execute(
                "SELECT actor_id, count(*) FROM events GROUP BY actor_id ORDER BY 2 DESC LIMIT 1").fetchall()
            sample = [f"Actor {rng.randint(1, args.actors)}" for _ in range(args.queries)]
            store.event_reports(EventFilter([1]), 10)  # warm the page cache once
            typical = time_queries(store, sample)
            heavy = time_queries(store, [f"Actor {busiest}"] * 10)
            per_actor = args.events / args.actors
            print(f"one-actor timeline, {args.queries} random actors (~{per_actor:.0f} events each):"
                  f" median {statistics.median(typical):.1f} ms,"
                  f" p95 {sorted(typical)[int(0.95 * len(typical)) - 1]:.1f} ms"
                  f" (target < {TARGET_MS:.0f} ms: {statistics.median(typical) / TARGET_MS:.2f} x target)")
            print(f"busiest actor ({busiest_n:,} events): median {statistics.median(heavy):.1f} ms"
                  f" ({statistics.median(heavy) / TARGET_MS:.2f} x target)")
            capped = time_queries(store, [f"Actor {busiest}"] * 10, limit=1000)
            print(f"busiest actor, first 1,000 entries (the CLI default): median {statistics.median(capped):.1f} ms")
            plan = store.db.execute(
                "EXPLAIN QUERY PLAN SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id"
                " WHERE e.actor_id IN (?) ORDER BY e.day, e.rank, e.id", (busiest,)).fetchall()
            print("query plan:")
            for row in plan:
                print(f"  {row[-1]}")
            print("indexes that make it so: events_actor_day (actor_id, day, rank) finds one actor's events"
                  " already in timeline order (no sort step); the UNIQUE index on articles.id answers the join;"
                  " entity_aliases_key resolves the actor's name; entity names come by primary key")
        with SQLiteStore(path) as store:
            store.db.execute("DROP INDEX events_actor_day")
        with SQLiteStore(path, readonly=True) as store:
            without = time_queries(store, sample[:3])
            print(f"without events_actor_day: median {statistics.median(without):.0f} ms"
                  f" ({statistics.median(without) / statistics.median(typical):.0f} x slower; full scan of events)")


if __name__ == "__main__":
    main()
