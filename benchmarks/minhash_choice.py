"""Choose the MinHash library for the near-duplicate tier: datasketch vs rensa, speed and estimate quality.

Signs every PolNeAR article (train + dev, read from ../shared at run time) and a perturbed copy of it (a share of
its sentences replaced by another article's), then prints signing speed and the error of the estimated Jaccard
against the exact one. Run: PYTHONPATH=src python benchmarks/minhash_choice.py [--perm 128] [--polnear DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

import datasketch
import rensa

from newsline.stories.text import shingles

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "polnear"


def corpus(root: Path) -> list[str]:
    files = sorted(root.glob("*/text/*.txt"))
    if not files:
        raise SystemExit(f"no PolNeAR texts under {root}/*/text: give --polnear DIR (../shared/bench/polnear)")
    return [f.read_text(encoding="utf-8") for f in files]


def perturbed(texts: list[str], rng: random.Random) -> list[str]:
    out = []
    for text in texts:
        lines = text.split(". ")
        other = rng.choice(texts).split(". ")
        share = rng.choice((0.0, 0.1, 0.3, 0.5))
        out.append(". ".join(rng.choice(other) if rng.random() < share else s for s in lines))
    return out


def sign_datasketch(sets: list[set[str]], perm: int) -> list[datasketch.MinHash]:
    return datasketch.MinHash.bulk([[s.encode() for s in doc] for doc in sets], num_perm=perm, seed=1)


def sign_rensa(sets: list[set[str]], perm: int) -> list[rensa.RMinHash]:
    out = []
    for doc in sets:
        m = rensa.RMinHash(num_perm=perm, seed=1)
        m.update(list(doc))
        out.append(m)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--perm", type=int, default=128)
    parser.add_argument("--polnear", type=Path, default=POLNEAR, help="the PolNeAR folder (default %(default)s)")
    args = parser.parse_args()
    rng = random.Random(7)
    texts = corpus(args.polnear)
    originals = [shingles(t) for t in texts]
    variants = [shingles(t) for t in perturbed(texts, rng)]
    exact = [len(a & b) / len(a | b) if a | b else 1.0 for a, b in zip(originals, variants)]
    print(f"{len(texts)} articles and {len(texts)} perturbed copies, word 5-shingles, {args.perm} permutations")
    print(f"{'library':<22}{'sign/s':>10}{'mean |err|':>12}{'p95 |err|':>11}")
    for name, sign in ((f"datasketch {datasketch.__version__}", sign_datasketch), ("rensa 0.5.0", sign_rensa)):
        started = time.perf_counter()
        a, b = sign(originals, args.perm), sign(variants, args.perm)
        rate = 2 * len(texts) / (time.perf_counter() - started)
        errors = sorted(abs(x.jaccard(y) - j) for x, y, j in zip(a, b, exact))
        print(f"{name:<22}{rate:>10,.0f}{statistics.mean(errors):>12.4f}{errors[int(0.95 * len(errors))]:>11.4f}")


if __name__ == "__main__":
    main()
