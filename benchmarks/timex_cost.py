"""The temporal stage's cost relative to the spaCy pipeline, on the same news articles.

    PYTHONPATH=src .venv/bin/python benchmarks/timex_cost.py [--gold DIR] [--limit N] [--repeat R]

Parses the TempEval-3 articles (their raw text; each file's DCT is the publication date) with spaCy's nlp.pipe, then
runs ``tag_timexes`` over the parsed documents. Each is timed --repeat times and the best run kept. Prints both
times, words/s and the ratio tagger/spaCy (target: <= 5% added).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsline.analysis.pipeline import load_spacy
from newsline.analysis.timex import tag_timexes
from newsline.bench.timex import gold_documents

DEFAULT_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "tempeval3" / "train" / "TBAQ-cleaned"
TARGET = 0.05


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder of TimeML (.tml) news articles")
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is kept")
    args = parser.parse_args()

    docs = list(gold_documents(args.gold))[: args.limit]
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    nlp = load_spacy()
    nlp("warm up")

    spacy_best = tagger_best = float("inf")
    parsed = []
    timexes = 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        parsed = list(nlp.pipe(texts, batch_size=32))
        spacy_best = min(spacy_best, time.perf_counter() - started)
        started = time.perf_counter()
        timexes = sum(len(tag_timexes(doc, d.dct)) for doc, d in zip(parsed, docs, strict=True))
        tagger_best = min(tagger_best, time.perf_counter() - started)

    ratio = tagger_best / spacy_best
    print(f"{len(docs)} articles, {words:,} words, {timexes:,} timexes")
    print(f"spaCy pipeline : {spacy_best:8.3f} s  ({words / spacy_best:,.0f} words/s)")
    print(f"timex stage    : {tagger_best:8.3f} s  ({words / tagger_best:,.0f} words/s)")
    print(f"added cost     : {100 * ratio:.2f}% of the spaCy time (target <= {100 * TARGET:.0f}%: "
          f"{'met' if ratio <= TARGET else 'NOT met'})")


if __name__ == "__main__":
    main()
