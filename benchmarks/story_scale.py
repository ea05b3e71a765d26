"""Story assignment at scale: per-article assignment time as the store grows, and memory.

Fills a scratch SQLite store with synthetic dated articles (stories of 1-12 articles written from a shared topic
vocabulary and names; 150 articles a day, so a bigger store is a longer archive, as a news store grows), then at
each size assigns fresh probe articles in batches as ingest does, and prints the median and 95th-percentile time
per article (assignment alone: wall and CPU time; and with the story analysis), the candidate articles the
indexes offered per article, peak memory and database size.

``--one-story`` measures the other axis: one story that grows (near-identical same-day reports, as a wire item
republished by many outlets, in batches of 64 as ingest commits them) and the time per article of assigning and
analysing a batch when 100, 1,000, 3,000 ... reports are stored (with the size of the largest story the batch joined). Flat means the story analysis does not redo
the whole story for each batch (``newsline.stories.provenance``).

``--rebuild`` measures ``newsline stories rebuild`` (``newsline.stories.rebuild``): the store filled to each size
(stored, not assigned, all marked English), then one full rebuild, its wall and CPU time per article, and the time of one
``unassigned_article_ids`` call (the sort of every unassigned article, which the rebuild once ran per batch of 500).
Flat means the rebuild's cost per batch does not grow with the corpus.

Run: PYTHONPATH=src python benchmarks/story_scale.py            # 10k, 20k, 40k stored articles (a few minutes)
     PYTHONPATH=src python benchmarks/story_scale.py --rebuild --sizes 5000,10000,20000
     PYTHONPATH=src python benchmarks/story_scale.py --full     # 10k, 50k, 100k, 200k
     PYTHONPATH=src python benchmarks/story_scale.py --one-story 100,1000,3000
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from dataclasses import replace

from newsline.analysis.pipeline import Analyzer
from newsline.identity import article_id, new_article
from newsline.model import Article
from newsline.stories.assign import StoryConfig, assign
from newsline.stories.rebuild import rebuild
from newsline.store.sqlite import SQLiteStore

START = date(2020, 1, 1)
PER_DAY = 150  # articles published per day
SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"] + ["an", "el", "or", "ix", "us"]


class Corpus:
    """Deterministic synthetic news: each story has topic words and names; articles mix them with common words."""

    def __init__(self, seed: int = 5) -> None:
        self.rng = random.Random(seed)
        self.common = [self._word(2) for _ in range(3000)]
        self.topical = [self._word(3) for _ in range(60000)]
        self.names = [self._word(3).capitalize() for _ in range(30000)]
        self.stories = 0
        self.written = 0

    def _word(self, syllables: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables + self.rng.randint(0, 1)))

    def story(self) -> list[Article]:
        """One story: 1-12 articles within a few days of each other, by different outlets."""
        rng = self.rng
        self.stories += 1
        topic, names = rng.sample(self.topical, 12), rng.sample(self.names, 4)
        day = START + timedelta(days=self.written // PER_DAY)
        base = [self._sentence(topic, names) for _ in range(10)]
        out = []
        for n in range(rng.choice((1, 1, 2, 3, 4, 6, 12))):
            if n and rng.random() < 0.4:  # a copy with a different last line
                body = base[:-1] + [self._sentence(topic, names)]
            else:
                body = [self._sentence(topic, names) for _ in range(10)]
            published = (day + timedelta(days=rng.randint(0, 2))).isoformat() + f"T{rng.randint(0, 23):02d}:00:00"
            outlet = f"outlet{rng.randrange(400)}.example"
            out.append(new_article(" ".join(body), url=f"https://{outlet}/{self.stories}/{n}", outlet=outlet,
                                   published=published))
        self.written += len(out)
        return out

    def _sentence(self, topic: list[str], names: list[str]) -> str:
        rng = self.rng
        words = [rng.choice(topic) if rng.random() < 0.3 else rng.choice(self.common) for _ in range(18)]
        words.insert(rng.randrange(len(words)), rng.choice(names))
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def articles(self, n: int) -> list[Article]:
        out: list[Article] = []
        while len(out) < n:
            out.extend(self.story())
        return out[:n]


def fill(store: SQLiteStore, corpus: Corpus, n: int, config: StoryConfig) -> float:
    started = time.perf_counter()
    for _ in range(0, n, 1000):
        batch = corpus.articles(min(1000, n))
        store.add_articles([(a, "synthetic") for a in batch])
        assign(store, batch, config, analyse=False)
    return time.perf_counter() - started


def probe(store: SQLiteStore, corpus: Corpus, batches: int, size: int, config: StoryConfig) -> dict[str, float]:
    """Assign fresh articles in batches of ``size`` (as ingest commits them): per-article time of each batch,
    alternately without and with the story analysis."""
    plain, cpu, analysed, candidates = [], [], [], []
    for i in range(2 * batches):
        batch = corpus.articles(size)
        store.add_articles([(a, "probe") for a in batch])
        started, started_cpu = time.perf_counter(), time.process_time()
        result = assign(store, batch, config, analyse=bool(i % 2))
        (analysed if i % 2 else plain).append((time.perf_counter() - started) / size)
        if not i % 2:
            cpu.append((time.process_time() - started_cpu) / size)
        candidates.extend(a.candidates for a in result)
    return {"median_ms": statistics.median(plain) * 1000, "p95_ms": _p95(plain) * 1000,
            "cpu_ms": statistics.median(cpu) * 1000, "analysed_median_ms": statistics.median(analysed) * 1000,
            "candidates": statistics.mean(candidates)}


def _p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


def one_story(sizes: list[int], batch: int = 64) -> None:
    """Per-article time of assigning (and analysing) the batch that brings one story to each size in ``sizes``."""
    template = ("Harbour pilot Ivo Marek{0} guided vessel number {0} into Port Velmar on Monday, the port said. "
                "The grain carrier had waited four days outside the breakwater while storms closed the channel. "
                "Dock workers began unloading the cargo within the hour, and the port expects more ships on Tuesday.")
    # near-duplicates (estimated Jaccard well above 0.5) stay in one story however large it grows; reports that
    # differ in a third of their words drift apart as their shared terms become common (inverse document frequency)
    analysed = Analyzer().analyze(new_article(template.format("00000"), published="2024-03-05"))

    def report(i: int) -> Article:  # the same length as the template: its analysis' offsets stay right
        text = template.format(f"{i:05d}")
        return replace(analysed, id=article_id(text, None), text=text)

    config = StoryConfig()
    print(f"{'reports':>9}{'wall ms/article':>17}{'CPU ms/article':>16}{'largest story':>15}"
          "   (assign + analysis, the batch reaching that size)")
    rows = []
    with tempfile.TemporaryDirectory() as scratch, SQLiteStore(Path(scratch) / "story.db") as store:
        stored = 0
        for size in sizes:
            while stored < size:
                articles = [report(i) for i in range(stored, min(size, stored + batch))]
                store.add_articles([(a, "probe") for a in articles])
                started, started_cpu = time.perf_counter(), time.process_time()
                assign(store, articles, config)
                per_article = (time.perf_counter() - started) / len(articles)
                cpu = (time.process_time() - started_cpu) / len(articles)
                stored += len(articles)
            largest = max(len(store.story_members(story_id=m.story_id))
                          for m in store.story_members(article_ids=[a.id for a in articles]))
            rows.append((size, cpu))
            print(f"{size:>9,}{per_article * 1000:>17.2f}{cpu * 1000:>16.2f}{largest:>15,}", flush=True)
    print(f"\nCPU time per article at {rows[-1][0]:,} vs {rows[0][0]:,} reports: "
          f"{rows[-1][1] / rows[0][1]:.2f}x (flat = about 1x; wall time also moves with other processes)")


def rebuild_scale(sizes: list[int]) -> None:
    """Per-article time of a full rebuild of a store of each size in ``sizes`` (the same articles, more each time)."""
    print(f"{'stored':>9}{'wall ms/article':>17}{'CPU ms/article':>16}{'one ordering query s':>22}"
          f"{'calls':>8}{'ordering s':>12}{'ms/article':>16}   (calls: the rebuild's, and their time)", flush=True)
    rows = []
    corpus = Corpus()
    with tempfile.TemporaryDirectory() as scratch, SQLiteStore(Path(scratch) / "rebuild.db") as store:
        for size in sizes:
            while (stored := store.stats().articles) < size:
                articles = corpus.articles(min(1000, size - stored))
                for article in articles:  # the made-up words read as assorted languages, which would send
                    article.language = "en"  # every candidate through the cross-lingual embeddings
                store.add_articles([(a, "synthetic") for a in articles])
            started = time.perf_counter()
            store.unassigned_article_ids(500)
            query = time.perf_counter() - started
            ordering = _timed_calls(store, "unassigned_article_ids")
            started, started_cpu = time.perf_counter(), time.process_time()
            report = rebuild(store)
            wall, cpu = (time.perf_counter() - started) / report.articles, (time.process_time() - started_cpu) / report.articles
            rows.append((size, cpu))
            print(f"{size:>9,}{wall * 1000:>17.2f}{cpu * 1000:>16.2f}{query:>22.3f}{ordering[0]:>8}"
                  f"{ordering[1]:>12.2f}{ordering[1] * 1000 / report.articles:>16.3f}", flush=True)
    print(f"\nrebuild CPU time per article at {rows[-1][0]:,} vs {rows[0][0]:,} articles: {rows[-1][1] / rows[0][1]:.2f}x"
          " (flat = about 1x)")


def _timed_calls(store: SQLiteStore, method: str) -> list[float]:
    """``[calls, seconds]`` of ``store.method`` from now on, counted as it runs."""
    counts, original = [0, 0.0], getattr(store, method)

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            counts[0] += 1
            counts[1] += time.perf_counter() - started

    setattr(store, method, timed)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="10k, 50k, 100k and 200k stored articles")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], help="e.g. 10000,30000")
    parser.add_argument("--batches", type=int, default=10, help="probe batches timed at each size (each way)")
    parser.add_argument("--batch", type=int, default=32, help="articles per probe batch (ingest commits 64)")
    parser.add_argument("--one-story", type=lambda s: [int(x) for x in s.split(",")], metavar="SIZES",
                        help="one growing story instead, e.g. 100,1000,3000")
    parser.add_argument("--rebuild", action="store_true", help="time a full stories rebuild at each of --sizes")
    args = parser.parse_args()
    if args.rebuild:
        rebuild_scale(args.sizes or [5_000, 10_000, 20_000])
        return
    if args.one_story:
        one_story(args.one_story)
        return
    sizes = args.sizes or ([10_000, 50_000, 100_000, 200_000] if args.full else [10_000, 20_000, 40_000])
    config = StoryConfig()
    corpus = Corpus()
    print(f"{'stored':>9}{'fill s':>8}{'wall ms/article (median/p95)':>30}{'CPU ms/article':>16}"
          f"{'+ analysis wall ms':>20}{'candidates':>12}{'peak RSS MB':>13}{'db MB':>8}")
    rows = []
    with tempfile.TemporaryDirectory() as scratch, SQLiteStore(Path(scratch) / "scale.db") as store:
        stored = 0
        for size in sizes:
            seconds = fill(store, corpus, size - stored, config)
            stored = store.stats().articles
            result = probe(store, corpus, args.batches, args.batch, config)
            stored_after = store.stats().articles
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            db_mb = sum(p.stat().st_size for p in Path(scratch).iterdir()) / 1e6
            rows.append((stored, result))
            print(f"{stored:>9,}{seconds:>8.0f}{result['median_ms']:>19.2f} / {result['p95_ms']:<8.2f}"
                  f"{result['cpu_ms']:>16.2f}{result['analysed_median_ms']:>20.2f}{result['candidates']:>12.1f}"
                  f"{rss:>13.0f}{db_mb:>8.0f}",
                  flush=True)
            stored = stored_after
    first, last = rows[0], rows[-1]
    print(f"\nassignment time per article at {last[0]:,} vs {first[0]:,} stored articles: wall "
          f"{last[1]['median_ms'] / first[1]['median_ms']:.2f}x, CPU {last[1]['cpu_ms'] / first[1]['cpu_ms']:.2f}x"
          " (flat = about 1x; wall time also moves with other processes on the machine)")


if __name__ == "__main__":
    main()
