"""Web app speed on a store of 100,000 synthetic articles: article page < 200 ms median, search < 300 ms median.

How: builds (or reuses) a SQLite store of synthetic annotated articles, starts ``newsline serve`` on a free
loopback port in a subprocess (the real server: uvicorn, read-only store), then times sequential HTTP requests
from this process with httpx, end to end (request to last byte):
- article pages for random ids (each article carries sentences, entities, quotes and timexes to render);
- search pages (``/search?q=...``: FTS5 match, bm25 ranking, snippets, page render) for one- and two-word
  queries drawn from the corpus vocabulary across its frequency range, a quarter of them with an outlet filter;
- for information, the JSON article and search endpoints and the overview page.

The text is Zipf-distributed pseudo-words, so a query's word frequency (and thus its cost) is realistic from
the rarest word to one in most articles. Run: ``python benchmarks/web_speed.py [--articles N] [--db FILE]``.
"""

from __future__ import annotations

import argparse
import itertools
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from newsline.identity import article_id
from newsline.model import Article, Entity, Mention, Quote, Sentence, Span, Timex
from newsline.store import SQLiteStore

TARGETS_MS = {"article page": 200.0, "search page": 300.0}
VOCABULARY = 20_000
OUTLETS = 300
SENTENCES = 14
WORDS_PER_SENTENCE = 18


def pseudo_words(rng: random.Random, n: int) -> list[str]:
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choices(syllables, k=rng.randint(1, 4))))
    return sorted(words, key=lambda w: (len(w), w))


def synthetic_article(rng: random.Random, i: int, vocab: list[str], weights: list[float], day0: date) -> Article:
    words = rng.choices(vocab, cum_weights=weights, k=SENTENCES * WORDS_PER_SENTENCE)
    people = [f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}" for _ in range(4)]
    parts, sentences, quotes, timexes, mentions = [], [], [], [], {p: [] for p in people}
    pos = 0
    for s in range(SENTENCES):
        chunk = words[s * WORDS_PER_SENTENCE : (s + 1) * WORDS_PER_SENTENCE]
        speaker = people[s % len(people)]
        quoted = s % 3 != 2
        body = " ".join(chunk[:8]).capitalize() + " on Monday " + " ".join(chunk[8:])
        sentence = f"\u201c{body},\u201d said {speaker}. " if quoted else f"{body}. "
        start = pos
        if quoted:
            content = Span(start + 1, start + 1 + len(body) + 1, body + ",")
            src = start + sentence.index(speaker)
            cue = start + sentence.index("said", len(body))
            mentions[speaker].append(Mention(src, src + len(speaker), speaker, "name"))
            quotes.append(Quote(f"q{s}", "direct", content, f"e{people.index(speaker)}",
                                Span(src, src + len(speaker), speaker), Span(cue, cue + 4, "said"), 0.9))
        t = start + sentence.index("Monday")
        timexes.append(Timex(f"t{s}", Span(t, t + 6, "Monday"), "DATE", "2024-03-11", granularity="day", anchor="dct"))
        sentences.append(Sentence(start, start + len(sentence) - 1, "attributed" if quoted else "outlet"))
        parts.append(sentence)
        pos += len(sentence)
    text = "".join(parts).strip()
    entities = [Entity(f"e{k}", p, "PERSON", mentions[p]) for k, p in enumerate(people)]
    outlet = f"outlet{rng.randrange(OUTLETS)}.example"
    url = f"https://{outlet}/news/{i}"
    published = (day0 + timedelta(days=rng.randrange(730))).isoformat()
    title = " ".join(rng.choices(vocab, cum_weights=weights, k=7)).capitalize()
    return Article(article_id(text, url), text, url, outlet, published, title, "en", sentences=sentences,
                   entities=entities, timexes=timexes, quotes=quotes)


def build_store(path: Path, n: int, vocab: list[str], weights: list[float]) -> None:
    rng = random.Random(7)
    started = time.perf_counter()
    with SQLiteStore(path) as store:
        have = store.stats().articles
        if have >= n:
            print(f"reusing {path} ({have:,} articles)")
            return
        day0 = date(2023, 1, 1)
        batch: list[tuple[Article, str]] = []
        for i in range(n):
            article = synthetic_article(rng, i, vocab, weights, day0)
            if i >= have:
                batch.append((article, f"synthetic:{i}"))
            if len(batch) == 2000:
                store.add_articles(batch)
                batch = []
                print(f"  {i + 1:,} articles ({time.perf_counter() - started:.0f} s)", end="\r", flush=True)
        store.add_articles(batch)
    print(f"built {path}: {n:,} articles in {time.perf_counter() - started:.0f} s")


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [sys.executable, "-c", "from newsline.cli import main; main()", "serve", "--db", str(db),
           "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/stats", timeout=30)
            return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("newsline serve did not answer within 30 s")


def timed(client: httpx.Client, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} -> {response.status_code}: {response.text[:200]}")
        times.append(elapsed)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("benchmarks/out/web_speed.db"))
    parser.add_argument("--requests", type=int, default=200, help="timed requests per kind")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)

    vocab = pseudo_words(random.Random(1), VOCABULARY)
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(VOCABULARY)))
    build_store(args.db, args.articles, vocab, weights)

    rng = random.Random(11)
    with SQLiteStore(args.db, readonly=True) as store:
        ids = [r[0] for r in store.db.execute("SELECT id FROM articles ORDER BY random() LIMIT ?", (args.requests,))]
    queries = []
    for k in range(args.requests):
        words = [vocab[int(VOCABULARY ** rng.random()) - 1] for _ in range(1 + k % 2)]  # log-uniform rank
        outlet = f"&outlet=outlet{rng.randrange(OUTLETS)}.example" if k % 4 == 0 else ""
        queries.append(f"q={'+'.join(words)}{outlet}")

    server, base = start_server(args.db)
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            timed(client, [f"/articles/{i}" for i in ids[:10]] + [f"/search?{q}" for q in queries[:10]])  # warm-up
            runs = {
                "article page": timed(client, [f"/articles/{i}" for i in ids]),
                "search page": timed(client, [f"/search?{q}" for q in queries]),
                "article JSON": timed(client, [f"/api/articles/{i}" for i in ids]),
                "search JSON": timed(client, [f"/api/search?{q}" for q in queries]),
                "overview page": timed(client, ["/"] * 5),
            }
    finally:
        server.terminate()
        server.wait(10)

    print(f"\n{args.articles:,} synthetic articles, {args.requests} sequential requests per kind, one client\n")
    print(f"{'request':<15} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}  target")
    for name, times in runs.items():
        median = statistics.median(times)
        p95 = sorted(times)[int(0.95 * (len(times) - 1))]
        target = TARGETS_MS.get(name)
        verdict = f"< {target:.0f} ms median: {'MET' if median < target else 'MISSED'} (ratio {median / target:.2f})" \
            if target else ""
        print(f"{name:<15} {median:>10.1f} {p95:>8.1f} {max(times):>8.1f}  {verdict}")


if __name__ == "__main__":
    main()
