"""PostgreSQL side of events and the corpus entity registry (``sql/postgres/003_events.sql``): the same rows and
answers as ``sqlite_events.py``, in PostgreSQL's SQL."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime, timezone
from typing import Any

import psycopg

from newsline.model import Article
from newsline.registry.names import PERSON_TYPES, fold, name_key, skeleton
from newsline.registry.resolve import Candidate, resolve_article
from newsline.store.base import CorpusEntity, EntityDetail, EntityRole, EventFilter, EventReport
from newsline.store.rows import article_from_row
from newsline.timeline.dates import UNDATED_DAY, sort_day
from newsline.timeline.same_event import similar_content

MAX_ID = 2**63 - 1  # bigint: a larger number is no entity's id
_CANDIDATE = "SELECT id, key, name, type, given FROM corpus_entities"
_ENTITY_COLUMNS = ("c.id, c.key, c.name, c.type,"
                   " (SELECT count(DISTINCT article_id) FROM article_entities ae WHERE ae.entity_id = c.id),"
                   " (SELECT count(*) FROM events e WHERE e.actor_id = c.id)")
_REPORT_COLUMNS = (
    "e.cluster, e.day, e.rank, e.category, e.lemma, e.predicate, e.actor_id, e.target_id,"
    " e.date_value, e.granularity, e.date_mod, e.date_source, e.evidence, e.article_id, e.local_id, a.outlet,"
    " a.published, a.url, e.quote, e.negated, e.hypothetical, e.confidence"
)
_INSERT_EVENT = (
    "INSERT INTO events (article_id, local_id, cluster, actor_id, target_id, actor_local, target_local, category,"
    " lemma, predicate, date_value, granularity, date_mod, date_source, timex, day, rank, evidence, evidence_start,"
    " evidence_end, quote, negated, hypothetical, confidence)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
# Earlier reports by other articles of events with the same actor, day and category (same_event's candidates).
_SAME_EVENT_CANDIDATES = (
    "SELECT e.actor_id, e.day, e.category, e.target_id, e.cluster, e.lemma, e.evidence FROM events e"
    " JOIN unnest(%s::bigint[], %s::text[], %s::text[]) AS k(actor_id, day, category)"
    " ON e.actor_id = k.actor_id AND e.day = k.day AND e.category = k.category"
    " WHERE e.article_id <> %s ORDER BY e.id"
)
_REGISTRY_TABLES = ("events", "article_entities", "entity_roles", "entity_aliases", "corpus_entities")


class PostgresRegistryView:
    """The registry lookups ``registry.resolve`` needs, as SQL on one connection."""

    def __init__(self, db: psycopg.Connection[Any]) -> None:
        self.db = db

    def correction(self, alias_keys: Iterable[str]) -> tuple[str, str] | None:
        keys = list(alias_keys)
        if not keys:
            return None
        row = self.db.execute("SELECT kind, entity_key FROM entity_corrections WHERE alias_key = ANY(%s)"
                              " ORDER BY id DESC LIMIT 1", (keys,)).fetchone()
        return (row[0], row[1]) if row else None

    def entity_by_key(self, key: str) -> Candidate | None:
        row = self.db.execute(f"{_CANDIDATE} WHERE key = %s", (key,)).fetchone()
        return Candidate(*row) if row else None

    def persons_by_surname(self, surname: str) -> list[Candidate]:
        rows = self.db.execute(f"{_CANDIDATE} WHERE surname = %s AND type = ANY(%s) ORDER BY id",
                               (surname, list(PERSON_TYPES)))
        return [Candidate(*r) for r in rows]

    def entities_by_alias(self, key: str, skeleton_: str) -> list[Candidate]:
        rows = self.db.execute(
            f"{_CANDIDATE} WHERE id IN (SELECT entity_id FROM entity_aliases WHERE key = %s OR skeleton = %s)"
            " ORDER BY id", (key, skeleton_))
        return [Candidate(*r) for r in rows]

    def cooccurrence(self, candidates: list[int], with_entities: list[int]) -> dict[int, int]:
        rows = self.db.execute(
            "SELECT a.entity_id, count(DISTINCT a.article_id) FROM article_entities a"
            " JOIN article_entities b ON a.article_id = b.article_id"
            " WHERE a.entity_id = ANY(%s) AND b.entity_id = ANY(%s) GROUP BY a.entity_id",
            (candidates, with_entities))
        return {c: 0 for c in candidates} | dict(rows.fetchall())

    def create_entity(self, key: str, name: str, type_: str, surname: str | None, given: str | None) -> int:
        return self.db.execute("INSERT INTO corpus_entities (key, name, type, surname, given)"
                               " VALUES (%s, %s, %s, %s, %s) RETURNING id",
                               (key, name, type_, surname, given)).fetchone()[0]

    def add_aliases(self, entity_id: int, aliases: Iterable[str]) -> None:
        rows = [(entity_id, a, fold(a), " ".join(skeleton(w) for w in fold(a).split())) for a in aliases]
        with self.db.cursor() as cursor:
            cursor.executemany("INSERT INTO entity_aliases VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING", rows)
        longest = max((a for _, a, _, _ in rows), key=len, default=None)
        if longest:  # the display name is the fullest form seen ("Aleksandar Vučić", not "Vučić")
            self.db.execute("UPDATE corpus_entities SET name = %s WHERE id = %s AND length(name) < length(%s)",
                            (longest, entity_id, longest))

    def add_roles(self, entity_id: int, roles: Iterable[str], date: str | None, article_id: str) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany("INSERT INTO entity_roles VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                               [(entity_id, r, date, article_id) for r in roles])


class PostgresEventTables:
    """Mixed into ``PostgresStore``: writes an analysed article's events and entities, answers timelines."""

    db: psycopg.Connection[Any]
    _writing: Callable[[], AbstractContextManager[None]]  # PostgresStore's write transaction

    # -- writing (inside the caller's transaction) ------------------------------------------------------------

    def _index_article(self, article: Article) -> None:
        corpus = resolve_article(article, PostgresRegistryView(self.db))
        rows = []
        for event in article.events:
            day = sort_day(event.date.value, event.date.mod) or UNDATED_DAY
            rank = 1 if event.date.source == "publication" else 0
            actor = corpus.get(event.actor) if event.actor else None
            target = corpus.get(event.target) if event.target else None
            rows.append([article.id, event.id, 0, actor, target, event.actor, event.target, event.category,
                         event.predicate.lemma, event.predicate.text, event.date.value, event.date.granularity,
                         event.date.mod, event.date.source, event.date.timex, day, rank, event.evidence.text,
                         event.evidence.start, event.evidence.end, event.quote, event.negated, event.hypothetical,
                         event.confidence])
        for row, cluster in zip(rows, self._clusters(article.id, rows)):
            row[2] = cluster
        with self.db.cursor() as cursor:
            cursor.executemany("INSERT INTO article_entities VALUES (%s, %s, %s, %s)"
                               " ON CONFLICT (article_id, local_id) DO UPDATE SET entity_id = excluded.entity_id,"
                               " name_key = excluded.name_key",
                               [(article.id, e.id, corpus[e.id], fold(e.name)) for e in article.entities])
            cursor.executemany(_INSERT_EVENT, rows)
            # a report of an event no other article reported opens its own cluster, numbered by its row
            cursor.execute("UPDATE events SET cluster = id WHERE article_id = %s AND cluster = 0", (article.id,))

    def _clusters(self, article_id: str, rows: list[list[Any]]) -> Iterator[int]:
        """For each event row, the cluster of the earliest similar report of it by another article, else 0.

        One query for the article (its own reports never join each other's clusters)."""
        keys = [(r[3], r[15], r[7]) for r in rows if r[3] is not None and r[15] != UNDATED_DAY]
        candidates: list[tuple[Any, ...]] = []
        if keys:
            candidates = self.db.execute(_SAME_EVENT_CANDIDATES, (*map(list, zip(*keys)), article_id)).fetchall()
        for row in rows:
            actor, day, category, target, lemma, evidence = row[3], row[15], row[7], row[4], row[8], row[17]
            yield next((c[4] for c in candidates if (c[0], c[1], c[2], c[3]) == (actor, day, category, target)
                        and similar_content(lemma, evidence, c[5], c[6])), 0) if actor is not None else 0

    def rebuild_registry(self) -> int:
        with self._writing():
            for table in _REGISTRY_TABLES:
                self.db.execute(f"DELETE FROM {table}")
            for table in ("events", "corpus_entities"):  # ids from 1 again, as the SQLite store's
                sequence = self.db.execute("SELECT pg_get_serial_sequence(%s, 'id')", (table,)).fetchone()[0]
                self.db.execute(f"ALTER SEQUENCE {sequence} RESTART")
            with self.db.cursor(name="rebuild_registry") as rows:  # streamed from the server
                rows.execute("SELECT id, text, published, annotations FROM articles ORDER BY seq")
                for article_id, text, published, annotations in rows:
                    article = article_from_row((article_id, None, None, published, None, None, None, text),
                                               annotations)
                    if article.analysis is not None and article.analysis.status == "ok":
                        self._index_article(article)
            return self.db.execute("SELECT count(*) FROM events").fetchone()[0]

    # -- corrections ----------------------------------------------------------------------------------------

    def merge_entities(self, keep_id: int, other_id: int) -> None:
        if keep_id == other_id:
            raise ValueError(f"cannot merge entity {keep_id} with itself")
        keep, other = self._entity_row(keep_id), self._entity_row(other_id)
        now = _now()
        with self._writing(), self.db.cursor() as cursor:
            aliases = [k for (k,) in cursor.execute("SELECT key FROM entity_aliases WHERE entity_id = %s",
                                                    (other_id,)).fetchall()]
            cursor.executemany("INSERT INTO entity_corrections (kind, alias_key, entity_key, created_at)"
                               " VALUES ('merge', %s, %s, %s)", [(k, keep.key, now) for k in aliases])
            cursor.execute("INSERT INTO entity_aliases SELECT %s, alias, key, skeleton FROM entity_aliases"
                           " WHERE entity_id = %s ON CONFLICT DO NOTHING", (keep_id, other_id))
            cursor.execute("INSERT INTO entity_roles SELECT %s, role, date, article_id FROM entity_roles"
                           " WHERE entity_id = %s ON CONFLICT DO NOTHING", (keep_id, other_id))
            self._move(other_id, keep_id)
            cursor.execute("DELETE FROM entity_aliases WHERE entity_id = %s", (other_id,))
            cursor.execute("DELETE FROM entity_roles WHERE entity_id = %s", (other_id,))
            cursor.execute("DELETE FROM corpus_entities WHERE id = %s", (other.id,))

    def split_entity(self, entity_id: int, alias: str) -> int:
        entity = self._entity_row(entity_id)
        key = fold(alias)
        known = self.db.execute("SELECT 1 FROM entity_aliases WHERE entity_id = %s AND key = %s", (entity_id, key))
        if not known.fetchone():
            raise ValueError(f"entity {entity_id} ({entity.name}) has no alias {alias!r};"
                             f" `newsline entity {entity_id}` lists its aliases")
        new_key = f"split:{key}"
        words = name_key(alias, entity.type)
        view = PostgresRegistryView(self.db)
        with self._writing():
            self.db.execute("INSERT INTO entity_corrections (kind, alias_key, entity_key, created_at)"
                            " VALUES ('split', %s, %s, %s)", (key, new_key, _now()))
            existing = view.entity_by_key(new_key)
            new_id = existing.id if existing else view.create_entity(
                new_key, alias, entity.type, words.surname, words.given[0] if words.given else None)
            self.db.execute("UPDATE entity_aliases SET entity_id = %s WHERE entity_id = %s AND key = %s",
                            (new_id, entity_id, key))
            moved = self.db.execute("SELECT article_id, local_id FROM article_entities WHERE entity_id = %s"
                                    " AND name_key = %s", (entity_id, key)).fetchall()
            for article_id, local_id in moved:
                self.db.execute("UPDATE article_entities SET entity_id = %s WHERE article_id = %s AND local_id = %s",
                                (new_id, article_id, local_id))
                for column in ("actor", "target"):
                    self.db.execute(f"UPDATE events SET {column}_id = %s WHERE article_id = %s"
                                    f" AND {column}_local = %s", (new_id, article_id, local_id))
        return new_id

    def _move(self, from_id: int, to_id: int) -> None:
        for sql in ("UPDATE article_entities SET entity_id = %s WHERE entity_id = %s",
                    "UPDATE events SET actor_id = %s WHERE actor_id = %s",
                    "UPDATE events SET target_id = %s WHERE target_id = %s"):
            self.db.execute(sql, (to_id, from_id))

    def _entity_row(self, entity_id: int) -> Candidate:
        row = self.db.execute(f"{_CANDIDATE} WHERE id = %s", (entity_id,)).fetchone() if entity_id <= MAX_ID else None
        if row is None:
            raise LookupError(f"no entity with id {entity_id}; `newsline entities` lists them")
        return Candidate(*row)

    # -- reading --------------------------------------------------------------------------------------------

    def event_reports(self, where: EventFilter, limit: int) -> list[EventReport]:
        conditions, params = [], []
        if where.actor_ids is not None:
            conditions.append("e.actor_id = ANY(%s)")
            params.append([i for i in where.actor_ids if i <= MAX_ID])
        if where.category:
            conditions.append("e.category = %s")
            params.append(where.category)
        if where.since:
            conditions.append("e.day >= %s")
            params.append(where.since)
        if where.until:
            conditions.append("e.day <= %s")
            params.append(where.until)
        if where.story_id:
            conditions.append("e.article_id IN (SELECT article_id FROM story_articles WHERE story_id = %s)")
            params.append(where.story_id)
        clause = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        # ORDER BY matches events_actor_day (actor_id, day, rank, id): no sort step; ties in ingest order
        rows = self.db.execute(
            f"SELECT {_REPORT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id"
            f" {clause} ORDER BY e.day, e.rank, e.id LIMIT %s", (*params, limit)).fetchall()
        names = self._entity_names({i for r in rows for i in (r[6], r[7]) if i is not None})
        return [EventReport(*r[:7], names.get(r[6]), r[7], names.get(r[7]), *r[8:]) for r in rows]

    def _entity_names(self, ids: set[int]) -> dict[int, str]:
        return dict(self.db.execute("SELECT id, name FROM corpus_entities WHERE id = ANY(%s)",
                                    (sorted(ids),)).fetchall())

    def find_entities(self, name_or_id: str) -> list[CorpusEntity]:
        text = name_or_id.strip()
        if text.isdigit():
            return self._entities("WHERE c.id = %s", (int(text),)) if int(text) <= MAX_ID else []
        key = fold(text)
        found = self._entities("WHERE c.id IN (SELECT entity_id FROM entity_aliases WHERE key = %s) OR c.key = %s"
                               " ORDER BY c.id", (key, key))
        if found:
            return found
        words = name_key(text, "PERSON")
        if len(key.split()) == 1 and words.surname:  # a surname: every person who has it
            return self._entities("WHERE c.surname = %s AND c.type = 'PERSON' ORDER BY c.id", (words.surname,))
        return self._entities("WHERE c.id IN (SELECT entity_id FROM entity_aliases WHERE skeleton = %s) ORDER BY c.id",
                              (" ".join(skeleton(w) for w in key.split()),))

    def list_entities(self, type_: str | None, search: str | None, limit: int, offset: int) -> list[CorpusEntity]:
        conditions, params = [], []
        if type_:
            conditions.append("c.type = %s")
            params.append(type_.upper())
        if search:
            conditions.append("c.id IN (SELECT entity_id FROM entity_aliases WHERE key LIKE %s)")
            params.append(f"%{fold(search)}%")
        clause = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        return self._entities(f"{clause} ORDER BY 6 DESC, 5 DESC, c.name, c.id LIMIT %s OFFSET %s",
                              (*params, limit, offset))

    def entity_detail(self, entity_id: int) -> EntityDetail | None:
        found = self._entities("WHERE c.id = %s", (entity_id,)) if entity_id <= MAX_ID else []
        if not found:
            return None
        aliases = [a for (a,) in self.db.execute("SELECT alias FROM entity_aliases WHERE entity_id = %s"
                                                 " ORDER BY alias", (entity_id,))]
        roles = [EntityRole(*r) for r in self.db.execute(
            "SELECT role, date, article_id FROM entity_roles WHERE entity_id = %s"
            " ORDER BY date IS NULL, date, role, article_id",
            (entity_id,))]
        quoted_by = [tuple(r) for r in self.db.execute(
            "SELECT coalesce(a.outlet, '(unknown)'), count(*) FROM events e JOIN articles a ON a.id = e.article_id"
            " WHERE e.actor_id = %s AND e.quote IS NOT NULL GROUP BY a.outlet ORDER BY 2 DESC, 1", (entity_id,))]
        by_day = [tuple(r) for r in self.db.execute(
            "SELECT day, count(*) FROM events WHERE actor_id = %s AND quote IS NOT NULL GROUP BY day ORDER BY day",
            (entity_id,))]
        quotes = sum(n for _, n in by_day)
        return EntityDetail(found[0], aliases, roles, quotes, quoted_by, [d for d in by_day if d[0] != UNDATED_DAY])

    def article_entities(self, article_id: str) -> list[tuple[str, CorpusEntity]]:
        rows = self.db.execute("SELECT local_id, entity_id FROM article_entities WHERE article_id = %s",
                               (article_id,)).fetchall()
        if not rows:
            return []
        found = {e.id: e for e in self._entities("WHERE c.id = ANY(%s)", (sorted({i for _, i in rows}),))}
        pairs = [(local, found[entity_id]) for local, entity_id in rows]
        return sorted(pairs, key=lambda pair: (len(pair[0]), pair[0]))  # e2 before e10

    def _entities(self, clause: str, params: tuple[object, ...]) -> list[CorpusEntity]:
        return [CorpusEntity(*r) for r in self.db.execute(f"SELECT {_ENTITY_COLUMNS} FROM corpus_entities c {clause}",
                                                          params)]

    def _event_counts(self) -> tuple[int, int, int]:
        reports, distinct = self.db.execute("SELECT count(*), count(DISTINCT cluster) FROM events").fetchone()
        (entities,) = self.db.execute("SELECT count(*) FROM corpus_entities").fetchone()
        return reports, distinct, entities


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
