"""What the stage-cost benchmarks (``timex_cost.py``, ``events_cost.py``) share: their command line and their texts,
the TempEval-3 TBAQ news articles (read from ``../shared`` at run time; each file's DCT is its publication date)."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsline.bench.timex import GoldDocument, gold_documents

DEFAULT_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "tempeval3" / "train" / "TBAQ-cleaned"


def cost_arguments(description: str | None) -> argparse.Namespace:
    """``--gold DIR --limit N --repeat R``, parsed from the command line."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder of TimeML (.tml) news articles")
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is kept")
    return parser.parse_args()


def articles(args: argparse.Namespace) -> tuple[list[GoldDocument], list[str], int]:
    """The gold documents, their texts and their word count."""
    docs = list(gold_documents(args.gold))[: args.limit]
    texts = [d.text for d in docs]
    return docs, texts, sum(len(t.split()) for t in texts)
