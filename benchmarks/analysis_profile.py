"""Where the analysis of one core goes: each spaCy component of bare spaCy and of newsline's pipeline, then each
extraction stage, in CPU seconds on the same texts.

    .venv/bin/python benchmarks/analysis_profile.py [--texts DIR] [--limit 60] [--rounds 3]

Each component runs on its own over all the texts (``pipe`` in batches of 32, as the pipeline runs it), bare spaCy's
and newsline's alternately in every round; then every stage runs on newsline's parsed documents. Prints the least
CPU time of the rounds of each (a shared machine only ever adds time) and each as a share of bare spaCy's parse, and
the ratio bare spaCy / newsline (what ``benchmarks/scale.py`` measures whole as "per core"). docs/scale.md,
"Per core, second pass", has its figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

DEFAULT_TEXTS = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "polnear" / "train" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of .txt news articles")
    parser.add_argument("--limit", type=int, default=60, help="use the first N texts")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the least time of each is kept")
    args = parser.parse_args()
    if not args.texts.is_dir():
        sys.exit(f"no texts at {args.texts}: pass --texts DIR (PolNeAR train texts live in ../shared/bench)")
    from newsline.analysis.doctext import keep_text
    from newsline.analysis.pipeline import load_model, load_spacy
    from newsline.analysis.stages import ENGLISH, Context
    from newsline.origins import default_origins

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))[: args.limit]]
    models = {"bare spaCy": load_spacy(), "newsline": load_model()}
    plan, origins = ENGLISH.plan(None), default_origins()
    times: dict[tuple[str, str], list[float]] = defaultdict(list)
    for _ in range(args.rounds):
        for name, nlp in models.items():
            started = time.process_time()
            docs = [nlp.make_doc(text) for text in texts]
            times[name, "tokenizer"].append(time.process_time() - started)
            for component, process in nlp.pipeline:
                started = time.process_time()
                docs = list(process.pipe(docs, batch_size=32)) if hasattr(process, "pipe") else [process(d) for d in docs]
                times[name, component].append(time.process_time() - started)
        for doc, text in zip(docs, texts, strict=True):  # newsline's, parsed last
            context = Context(keep_text(doc, text), text, None, origins)
            for stage in plan:
                started = time.process_time()
                context.provided[stage.name] = stage.run(context)
                times["stage", stage.name].append(time.process_time() - started)
    n = len(texts)
    best = {key: min(values) for key, values in times.items() if key[0] != "stage"}
    best.update({("stage", s.name): min(sum(times["stage", s.name][r * n : (r + 1) * n]) for r in range(args.rounds))
                 for s in plan})  # a stage's time in a round: summed over the texts
    bare = sum(v for (name, _), v in best.items() if name == "bare spaCy")
    ours = sum(v for (name, _), v in best.items() if name != "bare spaCy")
    print(f"{len(texts)} texts from {args.texts}; least CPU seconds of {args.rounds} rounds\n")
    for (name, part), seconds in best.items():
        print(f"{name:11} {part:24} {seconds:7.2f} s  {100 * seconds / bare:5.1f}% of bare spaCy's parse")
    print(f"\nbare spaCy {bare:.2f} s, newsline (parse, tagger, stages) {ours:.2f} s: ratio {bare / ours:.2f}"
          " (target >= 0.8)")


if __name__ == "__main__":
    main()
