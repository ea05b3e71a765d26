"""Web app speed on a store of 100,000 synthetic articles: article and entity pages < 200 ms median, search
< 300 ms median.

How: builds (or reuses) a SQLite store of synthetic annotated articles through the real ingest path
(``store.add_articles``: events and the entity registry are filled as for analysed articles), starts
``newsline serve`` on a free loopback port in a subprocess (the real server: uvicorn, read-only store), then
times sequential HTTP requests from this process with httpx, end to end (request to last byte):
- article pages for random ids (each article carries sentences, entities, quotes, timexes and events);
- search pages (``/search?q=...``: FTS5 match, bm25 ranking, snippets, page render) for one- and two-word
  queries drawn from the corpus vocabulary across its frequency range, a quarter of them with an outlet filter;
- entity pages (aliases, roles, quotes per week, outlets quoting, the first 50 timeline entries) for entities
  picked the way an analyst reaches them: a random entity mentioned in a random article (so busy entities are
  picked often), and, separately, entities picked uniformly and the five busiest;
- for information, the JSON twins, timeline pages (random actor and/or category filters), the entity list and
  the overview page.

The text is Zipf-distributed pseudo-words, so a query's word frequency (and thus its cost) is realistic from
the rarest word to one in most articles. People come from a pool of 5,000 with Zipf popularity: the busiest
is in about a tenth of all articles. Each quote is a STATEMENT event of its speaker, and each article has one
CONSULT event between two of its people.

PostgreSQL beside SQLite (``--postgres URL``, docs/postgres.md): the PostgreSQL store is filled with the SQLite
store's rows (COPY, table by table, then VACUUM ANALYZE), so both hold the same articles, registry and events, and
a second ``newsline serve`` runs over it; each request goes to both servers, in alternating order, and the table
gives both medians and their ratio (target: PostgreSQL within 2x of SQLite at 100,000 articles).

Run: ``python benchmarks/web_speed.py [--articles N] [--requests N] [--db FILE] [--postgres URL]``. The default
(100,000 articles) builds ``benchmarks/out/web_speed.db`` once (about 15 minutes on 2 cores), then reuses it; the
timed part takes about two minutes (four with ``--postgres``). ``--articles 10000 --db /tmp/small.db`` is a quick
run; ``--articles 25000 --copies 3`` reaches 100,000 articles in a quarter of the time (``add_copies``).
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
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx

from newsline.indexing import index
from newsline.identity import article_id
from newsline.model import Article, Entity, Event, EventDate, Mention, Predicate, Quote, Sentence, Span, Timex
from newsline.store import SQLiteStore, open_store

TARGETS_MS = {"article page": 200.0, "search page": 300.0, "entity page": 200.0, "entity page, uniform": 200.0}
POSTGRES_RATIO = 2.0  # PostgreSQL's median within this factor of SQLite's, for every kind of request
VOCABULARY = 20_000
OUTLETS = 300
PEOPLE = 5_000
SENTENCES = 14
WORDS_PER_SENTENCE = 18


def pseudo_words(rng: random.Random, n: int) -> list[str]:
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choices(syllables, k=rng.randint(1, 4))))
    return sorted(words, key=lambda w: (len(w), w))


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str


def people_pool(rng: random.Random, vocab: list[str]) -> list[Person]:
    """PEOPLE persons with distinct surnames (so the registry keeps them apart), most popular first."""
    surnames = rng.sample(vocab[500:], PEOPLE)
    return [Person(f"{rng.choice(vocab[:2000]).title()} {surname.title()}",
                   f"{rng.choice(('deputy', 'foreign', 'health', 'chief'))} {rng.choice(vocab[:300])} minister")
            for surname in surnames]


def synthetic_article(rng: random.Random, i: int, vocab: list[str], weights: list[float], pool: list[Person],
                      pool_weights: list[float], day0: date) -> Article:
    words = rng.choices(vocab, cum_weights=weights, k=SENTENCES * WORDS_PER_SENTENCE)
    people = list(dict.fromkeys(rng.choices(pool, cum_weights=pool_weights, k=8)))[:4]
    while len(people) < 4:
        people = list(dict.fromkeys(people + rng.choices(pool, k=1)))
    names = [p.name for p in people]
    published = (day0 + timedelta(days=rng.randrange(730))).isoformat()
    day_before = (date.fromisoformat(published) - timedelta(days=1)).isoformat()
    parts, sentences, quotes, timexes, events = [], [], [], [], []
    mentions: dict[str, list[Mention]] = {n: [] for n in names}
    pos = 0
    for s in range(SENTENCES):
        chunk = words[s * WORDS_PER_SENTENCE : (s + 1) * WORDS_PER_SENTENCE]
        speaker = names[s % len(names)]
        quoted = s % 3 != 2
        body = " ".join(chunk[:8]).capitalize() + " on Monday " + " ".join(chunk[8:])
        sentence = f"\u201c{body},\u201d said {speaker}. " if quoted else f"{body}. "
        start = pos
        evidence = Span(start, start + len(sentence) - 1, sentence[:-1])
        if quoted:
            content = Span(start + 1, start + 1 + len(body) + 1, body + ",")
            src = start + sentence.index(speaker)
            cue = start + sentence.index("said", len(body))
            mentions[speaker].append(Mention(src, src + len(speaker), speaker, "name"))
            local = f"e{names.index(speaker)}"
            quotes.append(Quote(f"q{s}", "direct", content, local, Span(src, src + len(speaker), speaker),
                                Span(cue, cue + 4, "said"), 0.9))
            when = EventDate(published, "day", None, "publication") if s % 2 else \
                EventDate(day_before, "day", None, "timex", f"t{s}")
            events.append(Event(f"v{s}", local, Predicate("say", "said"), "STATEMENT", when, evidence,
                                quote=f"q{s}"))
        elif s == 2:
            events.append(Event(f"v{s}", "e0", Predicate("meet", "met"), "CONSULT",
                                EventDate(day_before, "day", None, "timex", f"t{s}"), evidence, target="e1"))
        t = start + sentence.index("Monday")
        timexes.append(Timex(f"t{s}", Span(t, t + 6, "Monday"), "DATE", "2024-03-11", granularity="day", anchor="dct"))
        sentences.append(Sentence(start, start + len(sentence) - 1, "attributed" if quoted else "outlet"))
        parts.append(sentence)
        pos += len(sentence)
    text = "".join(parts).strip()
    states_roles = i % 5 == 0  # one article in five gives its people's roles
    entities = [Entity(f"e{k}", p.name, "PERSON", mentions[p.name], [p.role] if states_roles else [])
                for k, p in enumerate(people)]
    outlet = f"outlet{rng.randrange(OUTLETS)}.example"
    url = f"https://{outlet}/news/{i}"
    title = " ".join(rng.choices(vocab, cum_weights=weights, k=7)).capitalize()
    return Article(article_id(text, url), text, url, outlet, published, title, "en", sentences=sentences,
                   entities=entities, timexes=timexes, quotes=quotes, events=events)


def build_store(path: Path, n: int, vocab: list[str], weights: list[float]) -> None:
    rng = random.Random(7)
    pool = people_pool(random.Random(3), vocab)
    pool_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(PEOPLE)))
    started = time.perf_counter()
    with SQLiteStore(path) as store:
        stats = store.stats()
        if stats.articles and not stats.event_reports:
            raise SystemExit(f"{path} was built by an older version of this benchmark (no events); delete it")
        if stats.articles >= n:
            print(f"reusing {path} ({stats.articles:,} articles)")
            return
        day0 = date(2023, 1, 1)
        batch: list[tuple[Article, str]] = []
        for i in range(n):
            article = synthetic_article(rng, i, vocab, weights, pool, pool_weights, day0)
            if i >= stats.articles:
                batch.append((article, f"synthetic:{i}"))
            if len(batch) == 2000:
                store.add_articles(batch)
                index(store, stories=None)  # the registry and events (newsline.indexing)
                batch = []
                print(f"  {i + 1:,} articles ({time.perf_counter() - started:.0f} s)", end="\r", flush=True)
        store.add_articles(batch)
        index(store, stories=None)  # the registry and events (newsline.indexing)
    print(f"built {path}: {n:,} articles in {time.perf_counter() - started:.0f} s")


_COPIES = """
CREATE TEMP TABLE copy_of AS WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < :copies)
    SELECT a.id AS old, lower(hex(randomblob(8))) AS new, k.n AS n FROM articles a, k;
INSERT INTO articles (id, url, outlet, published, title, language, fetched, text, text_hash, origin, ingested_at,
                      annotations)
    SELECT c.new, a.url || '#copy' || c.n, a.outlet, a.published, a.title, a.language, a.fetched,
           a.text || ' (copy ' || c.n || ')', lower(hex(randomblob(8))), a.origin || ':copy' || c.n, a.ingested_at,
           a.annotations
    FROM copy_of c JOIN articles a ON a.id = c.old ORDER BY c.n, a.rowid;
INSERT INTO article_entities SELECT c.new, e.local_id, e.entity_id, e.name_key
    FROM copy_of c JOIN article_entities e ON e.article_id = c.old;
INSERT INTO entity_roles SELECT r.entity_id, r.role, r.date, c.new
    FROM copy_of c JOIN entity_roles r ON r.article_id = c.old;
INSERT INTO events (article_id, local_id, cluster, actor_id, target_id, actor_local, target_local, category, lemma,
                    predicate, date_value, granularity, date_mod, date_source, timex, day, rank, evidence,
                    evidence_start, evidence_end, quote, negated, hypothetical, confidence)
    SELECT c.new, e.local_id, e.cluster, e.actor_id, e.target_id, e.actor_local, e.target_local, e.category,
           e.lemma, e.predicate, e.date_value, e.granularity, e.date_mod, e.date_source, e.timex, e.day, e.rank,
           e.evidence, e.evidence_start, e.evidence_end, e.quote, e.negated, e.hypothetical, e.confidence
    FROM copy_of c JOIN events e ON e.article_id = c.old ORDER BY c.n, e.id;
"""


def add_copies(path: Path, n: int, copies: int) -> None:
    """Scale the store of ``n`` built articles up by ``copies`` near-copies of each, in SQL: a new id, URL and text
    hash, " (copy K)" after the text, the same annotations, entity links, roles and events (each report joining
    its original's event cluster), as outlets syndicating a story would. Minutes instead of hours."""
    started = time.perf_counter()
    with SQLiteStore(path) as store:
        have = store.stats().articles
        if have == n * (1 + copies):
            print(f"reusing {path} ({have:,} articles: {n:,} built, {copies} copies of each)")
            return
        if have != n:
            raise SystemExit(f"{path} holds {have:,} articles, neither {n:,} built nor {n * (1 + copies):,}")
        store.db.execute("BEGIN IMMEDIATE")
        for statement in _COPIES.replace(":copies", str(copies)).split(";\n"):
            if statement.strip():
                store.db.execute(statement)
        store.db.execute("COMMIT")
    print(f"added {n * copies:,} copies in {time.perf_counter() - started:.0f} s")


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


def copy_to_postgres(path: Path, url: str) -> None:
    """Fill the PostgreSQL store at ``url`` with the rows of the SQLite store at ``path`` (skipped when it holds as
    many articles already): every column but PostgreSQL's own (``seq`` insertion order, the ``search`` vector)."""
    started = time.perf_counter()
    with SQLiteStore(path, readonly=True) as source, open_store(url) as target:
        total = source.stats().articles
        if target.stats().articles == total:
            print(f"reusing {url} ({total:,} articles)")
            return
        if target.stats().articles:
            raise SystemExit(f"{url} holds other articles; give an empty database")
        pg = target.db
        tables = [t for (t,) in pg.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_name <> 'schema_version' ORDER BY table_name")]
        with pg.transaction():
            first = ["articles", "corpus_entities"]  # the tables the others refer to
            for table in first + [t for t in tables if t not in first]:
                columns = [c for (c,) in pg.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                    " AND table_name = %s AND column_name <> 'search' ORDER BY ordinal_position", (table,))]
                names = ", ".join(f'"{c}"' for c in columns if c != "seq")
                order = " ORDER BY rowid" if "seq" in columns else ""  # PostgreSQL numbers them in this order
                with pg.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in source.db.execute(f"SELECT {names} FROM {table}{order}"):
                        copy.write_row(row)
            for table in ("corpus_entities", "events"):
                pg.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}")
        pg.execute("VACUUM ANALYZE")
    print(f"copied {total:,} articles into {url} in {time.perf_counter() - started:.0f} s")


def timed(clients: dict[str, httpx.Client], urls: list[str]) -> dict[str, list[float]]:
    """Each URL from every server, the servers in alternating order; milliseconds, end to end, per server."""
    times: dict[str, list[float]] = {name: [] for name in clients}
    for k, url in enumerate(urls):
        for name in list(clients)[::-1] if k % 2 else clients:
            started = time.perf_counter()
            response = clients[name].get(url)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{name} {url} -> {response.status_code}: {response.text[:200]}")
            times[name].append(elapsed)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles built through the store")
    parser.add_argument("--copies", type=int, default=0, help="then this many near-copies of each, in SQL")
    parser.add_argument("--db", type=Path, default=Path("benchmarks/out/web_speed.db"))
    parser.add_argument("--requests", type=int, default=200, help="timed requests per kind")
    parser.add_argument("--postgres", metavar="URL", help="also time a PostgreSQL store (an empty database, filled"
                                                          " from the SQLite one, or one filled so before)")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)

    vocab = pseudo_words(random.Random(1), VOCABULARY)
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(VOCABULARY)))
    build_store(args.db, args.articles, vocab, weights)
    if args.copies:
        add_copies(args.db, args.articles, args.copies)
    if args.postgres:
        copy_to_postgres(args.db, args.postgres)

    rng = random.Random(11)
    with SQLiteStore(args.db, readonly=True) as store:
        sample = lambda sql: [r[0] for r in store.db.execute(sql, (args.requests,))]  # noqa: E731
        ids = sample("SELECT id FROM articles ORDER BY random() LIMIT ?")
        clicked = sample("SELECT entity_id FROM article_entities ORDER BY random() LIMIT ?")  # one per mention
        uniform = sample("SELECT id FROM corpus_entities ORDER BY random() LIMIT ?")
        busiest = [r[0] for r in store.db.execute(
            "SELECT entity_id FROM article_entities GROUP BY entity_id ORDER BY count(*) DESC LIMIT 5")]
        busiest_articles = store.db.execute("SELECT count(*) FROM article_entities WHERE entity_id = ?",
                                            (busiest[0],)).fetchone()[0]
    queries = []
    for k in range(args.requests):
        words = [vocab[int(VOCABULARY ** rng.random()) - 1] for _ in range(1 + k % 2)]  # log-uniform rank
        outlet = f"&outlet=outlet{rng.randrange(OUTLETS)}.example" if k % 4 == 0 else ""
        queries.append(f"q={'+'.join(words)}{outlet}")
    timelines = []
    for k, actor in enumerate(clicked):
        start = date(2023, 1, 1) + timedelta(days=rng.randrange(700))
        window = f"&from={start}&to={start + timedelta(days=30)}"
        timelines.append((f"actor={actor}", f"category={rng.choice(['STATEMENT', 'CONSULT'])}",
                          f"actor={actor}&category=STATEMENT{window}", window[1:])[k % 4])

    locations = {"SQLite": str(args.db)} | ({"PostgreSQL": args.postgres} if args.postgres else {})
    servers = {name: start_server(location) for name, location in locations.items()}
    clients = {name: httpx.Client(base_url=base, timeout=60) for name, (_, base) in servers.items()}
    try:
        timed(clients, [f"/articles/{i}" for i in ids[:10]] + [f"/search?{q}" for q in queries[:10]])  # warm-up
        runs = {
            "article page": timed(clients, [f"/articles/{i}" for i in ids]),
            "search page": timed(clients, [f"/search?{q}" for q in queries]),
            "entity page": timed(clients, [f"/entities/{e}" for e in clicked]),
            "entity page, uniform": timed(clients, [f"/entities/{e}" for e in uniform]),
            "entity page, busiest 5": timed(clients, [f"/entities/{e}" for e in busiest] * 4),
            "timeline page": timed(clients, [f"/timeline?{t}" for t in timelines]),
            "article JSON": timed(clients, [f"/api/articles/{i}" for i in ids]),
            "search JSON": timed(clients, [f"/api/search?{q}" for q in queries]),
            "entity JSON": timed(clients, [f"/api/entities/{e}" for e in clicked]),
            "timeline JSON": timed(clients, [f"/api/timeline?{t}" for t in timelines]),
            "entity list page": timed(clients, ["/entities"] * 5),
            "overview page": timed(clients, ["/"] * 5),
        }
    finally:
        for client in clients.values():
            client.close()
        for server, _ in servers.values():
            server.terminate()
            server.wait(10)

    built = f"{args.articles * (1 + args.copies):,} synthetic articles" + (
        f" ({args.articles:,} built, {args.copies} near-copies of each)" if args.copies else "")
    print(f"\n{built}, {args.requests} sequential requests per kind, one client;"
          f" the busiest entity is in {busiest_articles:,} articles\n")
    header = "".join(f" {name + ' median':>18} {'p95':>7}" for name in locations)
    print(f"{'request':<24}{header}  target")
    for kind, times in runs.items():
        medians = {name: statistics.median(t) for name, t in times.items()}
        row = "".join(f" {medians[name]:>18.1f} {sorted(t)[int(0.95 * (len(t) - 1))]:>7.1f}"
                      for name, t in times.items())
        target = TARGETS_MS.get(kind)
        verdicts = [f"SQLite < {target:.0f} ms: {'MET' if medians['SQLite'] < target else 'MISSED'}"] if target else []
        if "PostgreSQL" in medians:
            ratio = medians["PostgreSQL"] / medians["SQLite"]
            verdicts.append(f"PostgreSQL/SQLite {ratio:.2f} (<= {POSTGRES_RATIO:.0f}:"
                            f" {'MET' if ratio <= POSTGRES_RATIO else 'MISSED'})")
        print(f"{kind:<24}{row}  {'; '.join(verdicts)}")


if __name__ == "__main__":
    main()
