"""The zone finder's cost relative to spaCy parsing, on the same real news articles.

    PYTHONPATH=src .venv/bin/python benchmarks/zones_cost.py [--articles DIR ...] [--repeat R]

Parses the texts of the realnews development set (``../shared/bench/realnews/articles/*.json``) with the bare
spaCy model's ``nlp.pipe``, then runs ``find_zones`` over the same texts. Each is timed --repeat times and the
best run kept. Prints both times and the ratio zones/spaCy (target: < 1%).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from newsline.analysis.pipeline import load_spacy
from newsline.analysis.zones import find_zones

DEFAULT_ARTICLES = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "realnews" / "articles"
TARGET = 0.01


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, nargs="+", default=[DEFAULT_ARTICLES],
                        help="folders of benchmark article JSON files (each with a 'text')")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is kept")
    args = parser.parse_args()

    texts = [json.loads(path.read_text(encoding="utf-8"))["text"]
             for folder in args.articles for path in sorted(folder.glob("*.json"))]
    words = sum(len(t.split()) for t in texts)
    nlp = load_spacy()
    nlp("warm up")

    spacy_time = best_of(args.repeat, lambda: sum(1 for _ in nlp.pipe(texts, batch_size=32)))
    zones_time = best_of(args.repeat, lambda: [find_zones(t) for t in texts])
    zones = sum(len(find_zones(t)) for t in texts)
    ratio = zones_time / spacy_time
    print(f"{len(texts)} articles, {words:,} words, {zones} zones")
    print(f"spaCy parse : {spacy_time:8.3f} s  ({words / spacy_time:,.0f} words/s)")
    print(f"find_zones  : {zones_time:8.4f} s  ({words / zones_time:,.0f} words/s)")
    print(f"added cost  : {100 * ratio:.3f}% of the spaCy time (target < {100 * TARGET:.0f}%: "
          f"{'met' if ratio < TARGET else 'NOT met'})")


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The shortest wall time of ``repeat`` calls of ``run``."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best

if __name__ == "__main__":
    main()
