"""Ingest speed and memory on real news: bare spaCy vs. `newsline ingest` end to end, measured in one run.

    .venv/bin/python benchmarks/speed.py [--texts DIR] [--limit N] [--skip-memory]

Runs (a) and (b) alternately --repeat times and keeps the best of each. Prints articles/s and words/s for (a) spaCy's nlp.pipe over the texts, (c) newsline's analysis (spaCy plus the
extraction stages, no storage) and (b) newsline ingest into a fresh database (reading files, decoding, language
detection, analysis, SQLite writes, story assignment), and the ratios b/a (target >= 0.85), c/a and b/c. Then peak RSS of ingesting N vs 8 x N articles, each in a fresh process (target: within 10%).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_TEXTS = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "polnear" / "train" / "text"


def bare_spacy(texts: list[str]) -> float:
    from newsline.analysis.pipeline import load_spacy

    nlp = load_spacy()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started


def newsline_analysis(texts: list[str]) -> float:
    """spaCy plus every extraction stage (entities, timexes, quotes, events), no reading and no storage."""
    from newsline.analysis import Analyzer, new_article

    articles = [new_article(t) for t in texts]
    started = time.perf_counter()
    for _ in Analyzer().analyze_many(articles):
        pass
    return time.perf_counter() - started


def newsline_ingest(paths: list[str]) -> tuple[float, int]:
    from newsline.ingest import ingest
    from newsline.store import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "bench.db") as store:
        started = time.perf_counter()
        report = ingest(paths, store)
        return time.perf_counter() - started, report.added


def child_peak_rss(jsonl: Path) -> int:
    """Ingest a JSON Lines file in a fresh process; peak RSS in MB."""
    code = (
        "import resource, sys, tempfile; from pathlib import Path\n"
        "from newsline.ingest import ingest; from newsline.store import SQLiteStore\n"
        "with tempfile.TemporaryDirectory() as t, SQLiteStore(Path(t) / 'm.db') as s:\n"
        "    r = ingest([sys.argv[1]], s)\n"
        "print(r.added, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(jsonl)], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"ingesting {jsonl} failed:\n{out.stderr}")
    added, rss_kb = out.stdout.split()
    return int(added), int(rss_kb) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of .txt news articles")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    parser.add_argument("--repeat", type=int, default=2, help="alternate (a) and (b) this many times; best of each")
    parser.add_argument("--skip-memory", action="store_true", help="only the speed comparison")
    parser.add_argument("--skip-speed", action="store_true", help="only the memory comparison")
    args = parser.parse_args()
    if not args.texts.is_dir():
        sys.exit(f"no texts at {args.texts}: pass --texts DIR (PolNeAR train texts live in ../shared/bench)")
    files = sorted(args.texts.glob("*.txt"))[: args.limit]
    texts = [f.read_text(encoding="utf-8").strip() for f in files]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words:,} words from {args.texts}")

    if not args.skip_speed:
        compare_speed(files, texts, words, args.repeat)
    if not args.skip_memory:
        compare_memory(files, texts)
    print(f"(this process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)")


def compare_speed(files: list[Path], texts: list[str], words: int, repeat: int) -> None:
    bare_spacy(texts[:20])  # load the model and warm up before timing
    newsline_ingest([str(f) for f in files[:5]])
    a, b, c = float("inf"), float("inf"), float("inf")
    for _ in range(repeat):  # alternating runs, best of each: the machine is shared and noisy
        a = min(a, bare_spacy(texts))
        c = min(c, newsline_analysis(texts))
        seconds, added = newsline_ingest([str(f) for f in files])
        b = min(b, seconds)
    print(f"(a) spaCy nlp.pipe:      {len(texts) / a:7.2f} articles/s  {words / a:9,.0f} words/s")
    print(f"(c) analysis, no store:  {len(texts) / c:7.2f} articles/s  {words / c:9,.0f} words/s")
    print(f"(b) newsline ingest:     {added / b:7.2f} articles/s  {words / b:9,.0f} words/s  ({added} stored)")
    print(f"ratio b/a (throughput):  {a / b:.3f}   target >= 0.85 (ingest vs bare parsing)")
    print(f"ratio c/a (throughput):  {a / c:.3f}   (the extraction stages' own cost)")
    print(f"ratio b/c (throughput):  {c / b:.3f}   (reading, storage, stories and bookkeeping over analysis)")


def compare_memory(files: list[Path], texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sizes = {}
        for copies in (1, 8):
            path = Path(tmp) / f"x{copies}.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for c in range(copies):
                    for f, text in zip(files, texts):
                        out.write(json.dumps({"text": text, "url": f"https://bench.example.com/{c}/{f.stem}"}) + "\n")
            sizes[copies] = child_peak_rss(path)
            print(f"peak RSS ingesting {sizes[copies][0]:6,} articles: {sizes[copies][1]:5,} MB")
        ratio = sizes[8][1] / sizes[1][1]
        print(f"peak RSS ratio 8x/1x:    {ratio:.3f}   target <= 1.10")


if __name__ == "__main__":
    main()
