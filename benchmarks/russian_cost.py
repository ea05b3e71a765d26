"""Cost of the Russian analysis: the whole Russian pack vs natasha's bare parse of the same texts.

    PYTHONPATH=src python benchmarks/russian_cost.py [CROSSLINGUAL_DIR] [--repeat R]

CROSSLINGUAL_DIR defaults to ../shared/bench/crosslingual (its Russian articles are read at run time). Prints
words/s of natasha's parse alone (segmentation, morphology, syntax, NER: ``parse.bare_parse``) and of the Russian
pack (that parse, lemmas and normal forms, entities, time expressions, quotes, voices: ``Analyzer.analyze_many``),
and the ratio of their times. Each figure is the best of R rounds in which the two runs alternate.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from attribution_cost import best_of_interleaved

from newsline.analysis.lang.ru.parse import bare_parse, load_models
from newsline.analysis.pipeline import Analyzer, new_article

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "crosslingual"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((args.data / "articles").glob("*.json"))]
    texts = [r["text"] for r in records if r.get("language") == "ru"]
    if not texts:
        raise SystemExit(f"{args.data}: no Russian articles in articles/*.json")
    articles = [new_article(t, published="2024-01-01") for t in texts]
    for article in articles:
        article.language = "ru"  # language detection stays out of both timings
    models = load_models()
    analyzer = Analyzer()
    analyzer.analyze(articles[0])  # load everything before timing
    words = sum(len(t.split()) for t in texts)
    best = best_of_interleaved({
        "bare": lambda: [bare_parse(t, models) for t in texts],
        "full": lambda: list(analyzer.analyze_many(articles)),
    }, args.repeat)
    bare, full = best["bare"], best["full"]
    print(f"{len(texts)} Russian texts, {words:,} words, best of {args.repeat}")
    print(f"natasha bare parse  {words / bare:8.0f} words/s")
    print(f"Russian pack        {words / full:8.0f} words/s")
    print(f"cost ratio (pack / bare parse time): {full / bare:.2f}")


if __name__ == "__main__":
    main()
