"""The temporal stage's cost relative to the spaCy pipeline, on the same news articles.

    PYTHONPATH=src .venv/bin/python benchmarks/timex_cost.py [--gold DIR] [--limit N] [--repeat R]

Parses the TempEval-3 articles (their raw text; each file's DCT is the publication date) with spaCy's nlp.pipe, then
runs ``tag_timexes`` over the parsed documents. Each is timed --repeat times and the best run kept. Prints both
times, words/s and the ratio tagger/spaCy (target: <= 5% added).
"""

from __future__ import annotations

import time

from newsline.analysis.pipeline import load_spacy
from newsline.analysis.timex import tag_timexes

import tbaq  # benchmarks/tbaq.py: the TBAQ articles and the command line

TARGET = 0.05


def main() -> None:
    args = tbaq.cost_arguments(__doc__)
    docs, texts, words = tbaq.articles(args)
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
