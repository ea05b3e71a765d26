"""Train the attribution span tagger on PolNeAR: ``python training/train_quote_tagger.py DATA_DIR --out DIR``.

Parses every training article with newsline's spaCy model (keeping its tok2vec tensor), turns the first annotator's Source/Cue/Content
spans into SOURCE/CUE/CONTENT entities, holds out every tenth article for model selection (the PolNeAR dev
split stays untouched for ``newsline bench attribution``), trains with ``tagger.cfg`` on the CPU and copies
the best model into ``--out`` (a few MB). To ship it, copy it over ``src/newsline/analysis/quotes/model/``,
which ``load_tagger`` loads offline; training never writes there itself, nor into any folder that is not empty.
Kept outside the ``newsline`` package: users of newsline run the shipped model and never need spaCy's trainer.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from spacy.cli.train import train as spacy_train
from spacy.tokens import DocBin, Span

from newsline.analysis.pipeline import load_spacy
from newsline.analysis.quotes.layers import TENSOR_KEY
from newsline.analysis.quotes.tagger import TAGGER_CONFIG
from newsline.bench.polnear import GoldArticle, read_polnear
from newsline.model import trimmed

def to_docbins(articles: list[GoldArticle], held_out_every: int = 10) -> tuple[DocBin, DocBin]:
    """Parsed training docs with gold SOURCE/CUE/CONTENT entities: (train, held-out)."""
    nlp = load_spacy()
    train, held = DocBin(store_user_data=True), DocBin(store_user_data=True)
    texts = ((a.text, a) for a in articles)
    for i, (doc, article) in enumerate(nlp.pipe(texts, as_tuples=True, disable=["ner"])):
        doc.user_data[TENSOR_KEY] = doc.tensor.astype("float16")  # the encoder reads it (layers.py)
        spans: list[Span] = []
        taken: set[int] = set()
        for attribution in article.attributions:
            for role in ("source", "cue", "content"):
                for start, end in getattr(attribution, role):
                    span = doc.char_span(*trimmed(article.text, start, end), label=role.upper(), alignment_mode="expand")
                    if span is None or taken.intersection(range(span.start, span.end)):
                        continue
                    taken.update(range(span.start, span.end))
                    spans.append(span)
        doc.ents = sorted(spans, key=lambda s: s.start)
        (held if i % held_out_every == 0 else train).add(doc)
    return train, held


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="PolNeAR train split directory, e.g. ../shared/bench/polnear/train")
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps (bounds CPU time)")
    parser.add_argument("--out", type=Path, required=True, help="a new or empty folder for the trained model")
    parser.add_argument("--config", type=Path, default=TAGGER_CONFIG, help="training config (default: quotes/tagger.cfg)")
    args = parser.parse_args(argv)
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        sys.exit(f"{args.out} exists and is not an empty folder: give a new folder for the model")
    articles = read_polnear(args.data)
    with tempfile.TemporaryDirectory(prefix="newsline-train-") as tmp:
        work = Path(tmp)
        train, held = to_docbins(articles)
        train.to_disk(work / "train.spacy")
        held.to_disk(work / "held.spacy")
        overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "held.spacy")}
        if args.max_steps:
            overrides["training.max_steps"] = args.max_steps
        spacy_train(args.config, work / "out", overrides=overrides)
        shutil.copytree(work / "out" / "model-best", args.out, dirs_exist_ok=True)
    print(f"model written to {args.out}")


if __name__ == "__main__":
    main()
