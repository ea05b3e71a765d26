"""The events stage's cost relative to the spaCy pipeline, on the same news articles.

    PYTHONPATH=src .venv/bin/python benchmarks/events_cost.py [--gold DIR] [--limit N] [--repeat R]

Parses the TempEval-3 articles' raw text with newsline's spaCy pipeline, runs the stages before events
(entities, timexes, quotes) once, then times spaCy's ``nlp.pipe`` and ``extract_events`` over the same documents,
each the best of R rounds (CPU time of this process, which a shared machine's load disturbs less than wall
time). Prints both and their ratio. To compare two versions of the stage, run the script under each source tree
back to back (``PYTHONPATH=OTHER/src``): the ratios are comparable, the absolute times less so.
"""

from __future__ import annotations

import inspect
import time

from newsline.analysis.events import extract_events
from newsline.analysis.pipeline import annotate, load_model, new_article

import tbaq  # benchmarks/tbaq.py: the TBAQ articles and the command line



def main() -> None:
    args = tbaq.cost_arguments(__doc__)
    docs, texts, words = tbaq.articles(args)
    nlp = load_model()
    nlp("warm up")
    parsed = list(nlp.pipe(texts, batch_size=32))
    articles = [annotate(doc, new_article(d.text, published=d.dct)) for doc, d in zip(parsed, docs, strict=True)]
    zoned = "zones" in inspect.signature(extract_events).parameters  # older versions of the stage take no zones

    def spacy_run() -> None:
        list(nlp.pipe(texts, batch_size=32))

    def events_run() -> None:
        for doc, a in zip(parsed, articles, strict=True):
            extra = {"zones": a.zones} if zoned else {}
            extract_events(doc, a.entities, a.timexes, a.quotes, a.published, **extra)

    best = {"spacy": float("inf"), "events": float("inf")}
    for _ in range(args.repeat):
        for name, run in (("spacy", spacy_run), ("events", events_run)):
            started = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - started)
    events = sum(len(a.events) for a in articles)
    print(f"{len(docs)} articles, {words:,} words, {events:,} events")
    print(f"spaCy pipeline : {best['spacy']:8.3f} s CPU  ({words / best['spacy']:,.0f} words/s)")
    print(f"events stage   : {best['events']:8.3f} s CPU  ({words / best['events']:,.0f} words/s)")
    print(f"added cost     : {100 * best['events'] / best['spacy']:.2f}% of the spaCy time")


if __name__ == "__main__":
    main()
