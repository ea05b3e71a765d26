"""Cost of entities + attribution: whole-pipeline throughput vs bare spaCy on the same texts.

    PYTHONPATH=src python benchmarks/attribution_cost.py [DIR_OF_TXT] [--limit N] [--repeat R]

DIR_OF_TXT defaults to ../shared/bench/polnear/dev/text. Prints words/s of ``nlp.pipe`` alone and of
``Analyzer.analyze_many`` (spaCy + every extraction stage, attribution included), and their ratio
(target: >= 0.80). Each figure is the best of R runs, to damp noise on a shared CPU.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsline.analysis.pipeline import Analyzer, load_spacy, new_article

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "polnear" / "dev" / "text"


def best_seconds(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


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
    words = sum(len(t.split()) for t in texts)
    bare = best_seconds(lambda: list(nlp.pipe(texts, batch_size=32)), args.repeat)
    full = best_seconds(lambda: list(analyzer.analyze_many(articles)), args.repeat)
    print(f"{len(texts)} texts, {words:,} words, best of {args.repeat}")
    print(f"bare spaCy          {words / bare:8.0f} words/s")
    print(f"newsline pipeline   {words / full:8.0f} words/s")
    print(f"ratio               {bare / full:8.2f}  (target >= 0.80)")


if __name__ == "__main__":
    main()
