"""Cost of entities + attribution: whole-pipeline throughput vs bare spaCy on the same texts.

    PYTHONPATH=src python benchmarks/attribution_cost.py [DIR_OF_TXT] [--limit N] [--repeat R]

DIR_OF_TXT defaults to ../shared/bench/polnear/dev/text. Prints words/s of ``nlp.pipe`` alone and of
``Analyzer.analyze_many`` (spaCy + every extraction stage, attribution included), and their ratio
(target: >= 0.80). Each figure is the best of R rounds in which the two runs alternate, to damp noise on a
shared CPU.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from newsline.analysis.pipeline import Analyzer, load_spacy, new_article

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "polnear" / "dev" / "text"


def best_of_interleaved(runs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The best wall time of each run over ``repeat`` rounds, the runs alternating within each round (so that
    drifts of a shared machine's load hit all of them alike)."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(args.texts.glob("*.txt"))[: args.limit]
    if not files:
        raise SystemExit(f"{args.texts}: no .txt files (pass a folder of plain-text articles)")
    texts = [f.read_text(encoding="utf-8") for f in files]
    nlp = load_spacy()
    analyzer = Analyzer()
    articles = [new_article(t) for t in texts]  # language detection stays out of both timings
    for article in articles:
        article.language = "en"
    analyzer.analyze(articles[0])  # load the attribution tagger before timing
    list(nlp.pipe(texts[:2]))
    words = sum(len(t.split()) for t in texts)
    best = best_of_interleaved({
        "bare": lambda: list(nlp.pipe(texts, batch_size=32)),
        "full": lambda: list(analyzer.analyze_many(articles)),
    }, args.repeat)
    bare, full = best["bare"], best["full"]
    print(f"{len(texts)} texts, {words:,} words, best of {args.repeat}")
    print(f"bare spaCy          {words / bare:8.0f} words/s")
    print(f"newsline pipeline   {words / full:8.0f} words/s")
    print(f"ratio               {bare / full:8.2f}  (target >= 0.80)")


if __name__ == "__main__":
    main()
