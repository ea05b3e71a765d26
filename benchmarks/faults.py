"""Fault scenarios replayed on a scratch copy of examples/: what was stored, lost and duplicated after each.

Inputs: a copy of examples/ plus ``--extra`` generated articles of invented words (so that a run spans several
commit batches of 64 and can be interrupted midway). A reference run ingests them all into a fresh store; each
scenario then ends with a store that must hold exactly the reference's articles, each once, each in one story,
each with its events indexed once:

  kill        ``kill -9`` of an ingest once it has stored some articles; the same command run again
  concurrent  two ingests at once of overlapping inputs (the whole input, and the same in another order)
  readonly    the store's folder made read-only (run as an unprivileged user when root): reading commands
              work, an ingest is refused before it analyses anything, the file is unchanged
  full        the disk fills up midway through an ingest (SQLite's page limit); the run stops saying so,
              then runs again with room
  dates       extreme publication dates (years 1 and 9999) through the readers and straight into the store,
              then ``stories rebuild`` and another ingest

Prints one table: per scenario, the articles stored / expected, lost, unexpected, duplicated (story memberships
or event rows beyond one per report), outside any story, and the exit statuses. Exit status 1 if anything is
lost or duplicated.

Run: .venv/bin/python benchmarks/faults.py [--extra 200] [--only kill,full] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = ("kill", "concurrent", "readonly", "full", "dates")
EXTREME_DATES = ("0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-01:00")


@dataclass
class Outcome:
    scenario: str
    stored: int = 0
    expected: int = 0
    lost: int = 0
    unexpected: int = 0
    duplicated: int = 0
    outside_stories: int = 0
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicated == 0 and self.outside_stories == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("--extra", type=int, default=200, help="generated articles added to examples/ (default 200)")
    parser.add_argument("--only", default=",".join(SCENARIOS), help=f"comma-separated, of {', '.join(SCENARIOS)}")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder and print where it is")
    args = parser.parse_args()
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    if unknown := set(chosen) - set(SCENARIOS):
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")

    scratch = Path(tempfile.mkdtemp(prefix="newsline-faults-"))
    scratch.chmod(0o755)  # the read-only scenario reads it as another user
    try:
        inputs = make_inputs(scratch, args.extra)
        started = time.perf_counter()
        reference = scratch / "reference.db"
        code = ingest_cli([inputs], reference).returncode
        expected = stored_ids(reference)
        print(f"reference: {len(expected)} articles stored from examples/ plus {args.extra} generated"
              f" (exit {code}, {time.perf_counter() - started:.0f}s)", flush=True)
        outcomes = []
        for name in chosen:
            started = time.perf_counter()
            outcome = globals()[f"scenario_{name}"](scratch / name, inputs, expected)
            outcome.seconds = time.perf_counter() - started
            outcomes.append(outcome)
            print(f"{name}: done in {outcome.seconds:.0f}s", flush=True)
        print_table(outcomes)
        return 0 if all(o.ok for o in outcomes) else 1
    finally:
        if args.keep:
            print(f"scratch folder kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


# -- inputs and checks ------------------------------------------------------------------------------------------

def make_inputs(scratch: Path, extra: int) -> Path:
    import random

    inputs = scratch / "inputs"
    shutil.copytree(REPO / "examples", inputs / "examples")
    generated = inputs / "generated"
    generated.mkdir()
    rng = random.Random(11)
    syllables = ["ka", "lo", "mer", "vin", "dra", "sel", "tor", "bel", "vash", "ny", "rik", "sol", "pe", "gar"]
    words = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 3))) for _ in range(3000)})
    for i in range(extra):
        body = " ".join(rng.choices(words, k=25))
        (generated / f"{i:04d}.txt").write_text(f"date 2024-{1 + i % 12:02d}-{1 + i % 28:02d} {body.capitalize()}.")
    for path in scratch.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return inputs


def ingest_cli(paths: list[Path], db: Path, *prefix: str) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "newsline", "ingest", *map(str, paths), "--db", str(db),
                           "--quiet"], capture_output=True, text=True, timeout=3600, cwd="/")


def stored_ids(db: Path) -> set[str]:
    with _connect(db) as connection:
        return {row[0] for row in connection.execute("SELECT id FROM articles")}


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db.absolute().as_uri()}?mode=ro", uri=True)


def check(outcome: Outcome, db: Path, expected: set[str]) -> Outcome:
    """Fill in what the store at ``db`` holds against the reference's ``expected`` article ids."""
    with _connect(db) as connection:
        one = lambda sql: connection.execute(sql).fetchone()[0]  # noqa: E731
        if one("PRAGMA integrity_check") != "ok":
            outcome.notes.append("integrity check failed")
        ids = {row[0] for row in connection.execute("SELECT id FROM articles")}
        outcome.stored, outcome.expected = len(ids), len(expected)
        outcome.lost, outcome.unexpected = len(expected - ids), len(ids - expected)
        members = one("SELECT count(*) - count(DISTINCT article_id) FROM story_articles")
        events = sum(max(0, n - len(json.loads(annotations).get("events", [])))
                     for n, annotations in connection.execute(
                         "SELECT (SELECT count(*) FROM events e WHERE e.article_id = a.id), a.annotations"
                         " FROM articles a"))
        outcome.duplicated = members + events
        outcome.outside_stories = one("SELECT count(*) FROM articles a WHERE NOT EXISTS"
                                      " (SELECT 1 FROM story_articles s WHERE s.article_id = a.id)")
    return outcome


def article_count(db: Path) -> int:
    try:
        with _connect(db) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


# -- scenarios --------------------------------------------------------------------------------------------------

def scenario_kill(folder: Path, inputs: Path, expected: set[str]) -> Outcome:
    folder.mkdir()
    db, outcome = folder / "n.db", Outcome("kill -9, rerun")
    command = [sys.executable, "-m", "newsline", "ingest", str(inputs), "--db", str(db), "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/")
    deadline = time.monotonic() + 600
    while article_count(db) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        outcome.notes.append(f"killed with {article_count(db)} stored")
    else:
        outcome.notes.append("ended before the kill (use more --extra)")
    rerun = ingest_cli([inputs], db)
    outcome.notes.append(f"rerun exit {rerun.returncode}")
    return check(outcome, db, expected)


def scenario_concurrent(folder: Path, inputs: Path, expected: set[str]) -> Outcome:
    folder.mkdir()
    db, outcome = folder / "n.db", Outcome("two ingests at once")
    subprocess.run([sys.executable, "-c", f"from newsline.store import SQLiteStore; SQLiteStore({str(db)!r}).close()"],
                   check=True)
    commands = [[sys.executable, "-m", "newsline", "ingest", *paths, "--db", str(db), "--quiet"]
                for paths in ([str(inputs)], [str(inputs / "generated"), str(inputs / "examples")])]
    processes = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd="/")
                 for c in commands]
    for process in processes:
        _, err = process.communicate(timeout=3600)
        last = err.strip().splitlines()[-1:] if process.returncode not in (0, 1) or "error" in err else []
        outcome.notes.append(f"exit {process.returncode}" + (f" ({last[0][:80]})" if last else ""))
    return check(outcome, db, expected)


def scenario_readonly(folder: Path, inputs: Path, expected: set[str]) -> Outcome:
    folder.mkdir()
    store_folder = folder / "store"
    store_folder.mkdir()
    db, outcome = store_folder / "n.db", Outcome("read-only folder")
    shutil.copy(folder.parent / "reference.db", db)
    db.chmod(0o644)
    before = db.read_bytes()
    store_folder.chmod(0o555)
    if os.geteuid() != 0:
        db.chmod(0o444)
        prefix: list[str] = []
    elif shutil.which("setpriv"):
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    else:
        outcome.notes.append("root without setpriv: read-only cannot be tested")
        store_folder.chmod(0o755)
        return check(outcome, db, expected)
    try:
        for command in (["stats"], ["articles"], ["search", "strike"]):
            result = subprocess.run([*prefix, sys.executable, "-m", "newsline", *command, "--db", str(db)],
                                    capture_output=True, text=True, cwd="/")
            outcome.notes.append(f"{command[0]} exit {result.returncode}")
        refused = ingest_cli([inputs / "examples"], db, *prefix)
        outcome.notes.append(f"ingest exit {refused.returncode}: "
                             + ("refused, read-only" if "read-only" in refused.stderr else refused.stderr[-80:]))
        if db.read_bytes() != before or sorted(os.listdir(store_folder)) != ["n.db"]:
            outcome.notes.append("the store folder CHANGED")
    finally:
        store_folder.chmod(0o755)
    return check(outcome, db, expected)


def scenario_full(folder: Path, inputs: Path, expected: set[str]) -> Outcome:
    from newsline.analysis.pipeline import Analyzer
    from newsline.ingest import IngestAborted, ingest
    from newsline.store import SQLiteStore

    folder.mkdir()
    db, outcome = folder / "n.db", Outcome("disk full midway")
    analyzer = Analyzer()
    with _connect(folder.parent / "reference.db") as reference:
        room = reference.execute("PRAGMA page_count").fetchone()[0] // 2  # about half of what the input needs
    with SQLiteStore(db) as store:
        store.db.execute(f"PRAGMA max_page_count = {room}")
        try:
            ingest([str(inputs)], store, analyzer=analyzer)
            outcome.notes.append("the disk never filled (lower the page limit)")
        except IngestAborted as aborted:
            outcome.notes.append(f"stopped after {aborted.report.added} stored, {len(aborted.report.rejections)}"
                                 f" rejections reported: {str(aborted)[:60]}…")
    with SQLiteStore(db) as store:  # a new connection: no page limit (space was freed)
        report = ingest([str(inputs)], store, analyzer=analyzer)
        outcome.notes.append(f"rerun stored {report.added}")
    return check(outcome, db, expected)


def scenario_dates(folder: Path, inputs: Path, expected: set[str]) -> Outcome:
    from newsline.analysis.pipeline import new_article
    from newsline.store import SQLiteStore

    folder.mkdir()
    db, outcome = folder / "n.db", Outcome("extreme dates, rebuild")
    odd = folder / "odd.jsonl"
    odd.write_text("".join(json.dumps({"text": f"Harbour pilots met on a day in year {d[:4]}, the logbook says.",
                                       "published": d, "url": f"https://odd.example.com/{i}"}) + "\n"
                           for i, d in enumerate(EXTREME_DATES)))
    first = ingest_cli([inputs, odd], db)
    outcome.notes.append(f"ingest exit {first.returncode}")
    direct = [new_article(f"A logbook entry written in year {d[:4]} about harbour pilots.", published=d,
                          url=f"https://odd.example.com/direct/{i}") for i, d in enumerate(EXTREME_DATES)]
    with SQLiteStore(db) as store:  # as if an older reader had let them through
        store.add_articles([(a, "faults.py") for a in direct])
    rebuilt = subprocess.run([sys.executable, "-m", "newsline", "stories", "rebuild", "--db", str(db)],
                             capture_output=True, text=True, cwd="/")
    outcome.notes.append(f"rebuild exit {rebuilt.returncode}")
    again = ingest_cli([inputs], db)
    outcome.notes.append(f"ingest again exit {again.returncode}")
    odd_ids = stored_ids(db) - expected
    outcome.notes.append(f"{len(odd_ids)} odd-dated articles stored")
    return check(outcome, db, expected | odd_ids)


def print_table(outcomes: list[Outcome]) -> None:
    header = ("scenario", "stored", "expected", "lost", "unexpected", "duplicated", "no story", "seconds")
    rows = [(o.scenario, o.stored, o.expected, o.lost, o.unexpected, o.duplicated, o.outside_stories,
             f"{o.seconds:.0f}") for o in outcomes]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    for row in (header, *rows):
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)))
    for o in outcomes:
        print(f"{o.scenario}: {'; '.join(o.notes)}")
    lost = sum(o.lost for o in outcomes)
    print("nothing lost, nothing duplicated" if all(o.ok for o in outcomes)
          else f"FAILED: {lost} lost, {sum(o.duplicated for o in outcomes)} duplicated,"
               f" {sum(o.outside_stories for o in outcomes)} outside stories")


if __name__ == "__main__":
    sys.exit(main())
