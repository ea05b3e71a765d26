"""What one long article costs to analyse, and what the analysis cap (MAX_ANALYSED_CHARS) bounds it to.

    .venv/bin/python benchmarks/long_article.py [--texts DIR] [--sizes 25000,50000,100000,200000] [--long 900000]

Builds texts of each size by joining PolNeAR articles (read from ../shared at run time), analyses each in a fresh
process with no cap, and prints seconds, characters per second and peak RSS; then analyses a --long text with the
default cap and prints the same, with the ratios to the uncapped run of the cap's size. The figures set
MAX_ANALYSED_CHARS in src/newsline/analysis/pipeline.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

DEFAULT_TEXTS = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "polnear" / "train" / "text"

CHILD = """
import json, resource, sys, time
from newsline.analysis.pipeline import Analyzer, new_article
text, cap = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2])
analyzer = Analyzer(max_chars=cap) if cap else Analyzer(max_chars=len(text))
analyzer.nlp.max_length = max(analyzer.nlp.max_length, len(text) + 1)
article = new_article(text)
started = time.perf_counter()
analyzer.analyze(article)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "analysed": article.analysis.analysed_chars or len(text)}))
"""


def build(texts: Path, size: int) -> str:
    parts, total = [], 0
    for path in sorted(texts.glob("*.txt")):
        body = path.read_text(encoding="utf-8").strip()
        parts.append(body)
        total += len(body) + 2
        if total >= size:
            break
    text = "\n\n".join(parts)
    while len(text) < size:  # fewer articles than wanted: repeat them
        text += "\n\n" + text
    return text[:size]


def measure(text: str, cap: int, scratch: Path) -> dict[str, float]:
    scratch.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", CHILD, str(scratch), str(cap)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def main() -> None:
    from newsline.analysis.pipeline import MAX_ANALYSED_CHARS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--sizes", default="25000,50000,100000,200000")
    parser.add_argument("--long", type=int, default=900_000)
    args = parser.parse_args()
    if not args.texts.is_dir():
        sys.exit(f"{args.texts} not found (../shared/bench is not beside the repository)")
    scratch = Path("/tmp/newsline-long-article.txt")
    print(f"{'characters':>11} {'cap':>9} {'seconds':>8} {'chars/s':>9} {'peak MB':>8}")
    uncapped = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        r = measure(build(args.texts, size), 0, scratch)
        uncapped[size] = r
        print(f"{size:>11,} {'none':>9} {r['seconds']:>8.1f} {size / r['seconds']:>9,.0f} {r['peak_mb']:>8.0f}")
    r = measure(build(args.texts, args.long), MAX_ANALYSED_CHARS, scratch)
    print(f"{args.long:>11,} {MAX_ANALYSED_CHARS:>9,} {r['seconds']:>8.1f} {r['analysed'] / r['seconds']:>9,.0f} "
          f"{r['peak_mb']:>8.0f}   (analysed {r['analysed']:,} characters)")
    if MAX_ANALYSED_CHARS in uncapped:
        base = uncapped[MAX_ANALYSED_CHARS]
        print(f"capped {args.long:,} vs uncapped {MAX_ANALYSED_CHARS:,}: time x{r['seconds'] / base['seconds']:.2f}, "
              f"peak memory x{r['peak_mb'] / base['peak_mb']:.2f}")
    scratch.unlink()


if __name__ == "__main__":
    main()
