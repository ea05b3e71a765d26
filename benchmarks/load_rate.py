"""``newsline load``'s rate alone: a folder of shards (``newsline analyze --out``) stored into a fresh SQLite file,
three times, wall and CPU time of this process (issue 17's target: >= 500 articles/s). ``scale.py`` measures the
same step beside the analysis; this one needs no analysis, so it can compare two source trees on the same shards:

    PYTHONPATH=src .venv/bin/python benchmarks/load_rate.py SHARDS
    PYTHONPATH=OTHER/src .venv/bin/python benchmarks/load_rate.py SHARDS
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from newsline.ingest.load import load_shards
from newsline.store import SQLiteStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shards", type=Path, help="a folder written by `newsline analyze --out`")
    parser.add_argument("--repeat", type=int, default=3, help="runs, each into a fresh file")
    args = parser.parse_args()
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as scratch, SQLiteStore(Path(scratch) / "load.db") as store:
            wall, cpu = time.perf_counter(), time.process_time()
            report = load_shards(args.shards, store)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{report.added:,} articles loaded: {report.added / wall:,.0f}/s wall, {report.added / cpu:,.0f} per"
              " CPU-second")


if __name__ == "__main__":
    main()
