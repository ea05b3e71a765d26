"""Stories and ingest order: incremental assignment (as ingest does it, batch by batch, in arrival order) against
``stories rebuild`` (publication order, full-pass document frequencies), over ECB+ documents shuffled into
several arrival orders.

Rebuild does not depend on the order articles were stored in (a test checks it on the examples); this script
prints, for each arrival order, how far incremental assignment is from the rebuild's stories (B-cubed and
pairwise F1, taking the rebuild as reference), each against the ECB+ gold clusters, and whether every rebuild
gave exactly the same stories and story ids.

Run: PYTHONPATH=src python benchmarks/story_order.py [--ecbplus FILE] [--topics 1-35] [--orders 3] [--batch 32]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from newsline.bench.stories import parse_topics, read_ecbplus, score
from newsline.stories import StoryConfig, assign, rebuild
from newsline.store.sqlite import SQLiteStore

ECBPLUS = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "ecbplus" / "ecbplus_topics_1-35.jsonl"


def stories_of(store: SQLiteStore, ids: list[str]) -> list[str]:
    members = {m.article_id: m.story_id for m in store.story_members(article_ids=ids)}
    return [members[i] for i in ids]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecbplus", type=Path, default=ECBPLUS)
    parser.add_argument("--topics", default="1-35")
    parser.add_argument("--orders", type=int, default=3, help="arrival orders to try")
    parser.add_argument("--batch", type=int, default=32, help="articles per assignment batch (ingest: 64)")
    args = parser.parse_args()
    docs = read_ecbplus(args.ecbplus, parse_topics(args.topics))
    config = StoryConfig(window_days=None)  # ECB+ documents are undated
    ids = [d.article.id for d in docs]
    gold = [d.cluster for d in docs]
    print(f"{len(docs)} ECB+ documents, topics {args.topics}; incremental batches of {args.batch}")
    print(f"{'order':>6}{'incr. vs rebuild B3 F1':>24}{'pairwise F1':>13}{'incr. vs gold B3':>18}"
          f"{'rebuild vs gold B3':>20}{'rebuild = first rebuild':>25}")
    first_rebuild: list[str] | None = None
    for seed in range(1, args.orders + 1):
        arrival = list(docs)
        random.Random(seed).shuffle(arrival)
        with tempfile.TemporaryDirectory() as scratch, SQLiteStore(Path(scratch) / "order.db") as store:
            for start in range(0, len(arrival), args.batch):
                batch = [d.article for d in arrival[start:start + args.batch]]
                store.add_articles([(a, "ecbplus") for a in batch])
                assign(store, batch, config)
            incremental = stories_of(store, ids)
            rebuild(store, config)
            rebuilt = stories_of(store, ids)
        first_rebuild = first_rebuild or rebuilt
        agreement = score(rebuilt, incremental)
        print(f"{seed:>6}{agreement.bcubed_f1:>24.3f}{agreement.pairwise_f1:>13.3f}"
              f"{score(gold, incremental).bcubed_f1:>18.3f}{score(gold, rebuilt).bcubed_f1:>20.3f}"
              f"{'yes' if rebuilt == first_rebuild else 'NO':>25}", flush=True)


if __name__ == "__main__":
    main()
