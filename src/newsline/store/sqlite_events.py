"""SQLite side of events and the corpus entity registry (tables in ``sql/003_events.sql``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone

from newsline.arguments import MAX_INTEGER, is_number
from newsline.errors import InvalidArgument, NotFound
from newsline.folding import fold_words
from newsline.model import Article
from newsline.registry.names import PERSON_TYPES, name_key, plausible, skeleton
from newsline.registry.resolve import Candidate, resolve_article
from newsline.store.base import (
    CorpusEntity, EntityDetail, EntityRole, EventFilter, EventReport, QuoteFilter, QuoteLink, QuoteRow,
)
from newsline.store.transaction import transaction
from newsline.timeline.dates import UNDATED_DAY, sort_day
from newsline.timeline.same_event import similar_content

_CANDIDATE = "SELECT id, key, name, type, given FROM corpus_entities"
_ENTITY_COLUMNS = ("c.id, c.key, c.name, c.type,"
                   " (SELECT count(DISTINCT article_id) FROM article_entities ae WHERE ae.entity_id = c.id),"
                   " (SELECT count(*) FROM events e WHERE e.actor_id = c.id)")
_REPORT_COLUMNS = (
    "e.cluster, e.day, e.rank, e.category, e.lemma, e.predicate, e.actor_id, e.target_id,"
    " e.date_value, e.granularity, e.date_mod, e.date_source, e.evidence, e.article_id, e.local_id, a.outlet,"
    " a.published, a.url, e.quote, e.negated, e.hypothetical, e.confidence"
)


class SQLiteRegistryView:
    """The registry lookups ``registry.resolve`` needs, as SQL on one connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def correction(self, alias_keys: Iterable[str]) -> tuple[str, str] | None:
        keys = list(alias_keys)
        if not keys:
            return None
        marks = ",".join("?" * len(keys))
        row = self.db.execute(f"SELECT kind, entity_key FROM entity_corrections WHERE alias_key IN ({marks})"
                              " ORDER BY id DESC LIMIT 1", keys).fetchone()
        return (row[0], row[1]) if row else None

    def entity_by_key(self, key: str) -> Candidate | None:
        row = self.db.execute(f"{_CANDIDATE} WHERE key = ?", (key,)).fetchone()
        return Candidate(*row) if row else None

    def persons_by_surname(self, surname: str) -> list[Candidate]:
        marks = ",".join("?" * len(PERSON_TYPES))
        rows = self.db.execute(f"{_CANDIDATE} WHERE surname = ? AND type IN ({marks}) ORDER BY id",
                               (surname, *PERSON_TYPES))
        return [Candidate(*r) for r in rows]

    def entities_by_alias(self, key: str, skeleton_: str) -> list[tuple[Candidate, str]]:
        rows = self.db.execute(
            "SELECT c.id, c.key, c.name, c.type, c.given, a.key FROM corpus_entities c"
            " JOIN entity_aliases a ON a.entity_id = c.id WHERE a.key = ? OR a.skeleton = ?"
            " ORDER BY a.key != ?, c.id", (key, skeleton_, key))
        return [(Candidate(*r[:5]), r[5]) for r in rows]

    def cooccurrence(self, candidates: list[int], with_entities: list[int]) -> dict[int, int]:
        c_marks, w_marks = ",".join("?" * len(candidates)), ",".join("?" * len(with_entities))
        rows = self.db.execute(
            f"SELECT a.entity_id, count(DISTINCT a.article_id) FROM article_entities a"
            f" JOIN article_entities b ON a.article_id = b.article_id"
            f" WHERE a.entity_id IN ({c_marks}) AND b.entity_id IN ({w_marks}) GROUP BY a.entity_id",
            (*candidates, *with_entities))
        return {c: 0 for c in candidates} | dict(rows.fetchall())

    def create_entity(self, key: str, name: str, type_: str, surname: str | None, given: str | None) -> int:
        cursor = self.db.execute("INSERT INTO corpus_entities (key, name, type, surname, given) VALUES (?,?,?,?,?)",
                                 (key, name, type_, surname, given))
        return int(cursor.lastrowid)

    def add_aliases(self, entity_id: int, aliases: Iterable[str]) -> None:
        rows = [(entity_id, a, fold_words(a), " ".join(skeleton(w) for w in fold_words(a).split())) for a in aliases]
        self.db.executemany("INSERT OR IGNORE INTO entity_aliases VALUES (?,?,?,?)", rows)
        longest = max((a for _, a, _, _ in rows), key=len, default=None)
        if longest:  # the display name is the fullest form seen ("Aleksandar Vučić", not "Vučić")
            self.db.execute("UPDATE corpus_entities SET name = ? WHERE id = ? AND length(name) < length(?)",
                            (longest, entity_id, longest))

    def add_roles(self, entity_id: int, roles: Iterable[str], date: str | None, article_id: str) -> None:
        self.db.executemany("INSERT OR IGNORE INTO entity_roles VALUES (?,?,?,?)",
                            [(entity_id, r, date, article_id) for r in roles])


class EventTables:
    """Mixed into ``SQLiteStore``: writes an analysed article's events and entities, answers timelines."""

    db: sqlite3.Connection

    # -- writing (inside the caller's transaction) ------------------------------------------------------------

    def _index_article(self, article: Article) -> None:
        view = SQLiteRegistryView(self.db)
        corpus = resolve_article(article, view)
        self.db.executemany(
            "INSERT OR REPLACE INTO article_entities VALUES (?,?,?,?)",
            [(article.id, e.id, corpus[e.id], fold_words(e.name)) for e in article.entities if e.id in corpus])
        for event in article.events:
            day = sort_day(event.date.value, event.date.mod) or UNDATED_DAY
            rank = 1 if event.date.source == "publication" else 0
            actor = corpus.get(event.actor) if event.actor else None
            target = corpus.get(event.target) if event.target else None
            cursor = self.db.execute(
                "INSERT INTO events (article_id, local_id, cluster, actor_id, target_id, actor_local, target_local,"
                " category, lemma, predicate, date_value, granularity, date_mod, date_source, timex, day, rank,"
                " evidence, evidence_start, evidence_end, quote, negated, hypothetical, confidence)"
                " VALUES (?,?,0,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (article.id, event.id, actor, target, event.actor, event.target, event.category,
                 event.predicate.lemma, event.predicate.text, event.date.value, event.date.granularity,
                 event.date.mod, event.date.source, event.date.timex, day, rank, event.evidence.text,
                 event.evidence.start, event.evidence.end, event.quote, int(event.negated),
                 int(event.hypothetical), event.confidence))
            row_id = int(cursor.lastrowid)
            self.db.execute("UPDATE events SET cluster = ? WHERE id = ?",
                            (self._cluster_of(row_id, article.id, actor, target, event.category, day,
                                              event.predicate.lemma, event.evidence.text), row_id))

    def _cluster_of(self, row_id: int, article_id: str, actor: int | None, target: int | None, category: str,
                    day: str, lemma: str, evidence: str) -> int:
        """The cluster of an earlier report of the same event by another article, else a new one."""
        if actor is None or day == UNDATED_DAY:
            return row_id
        for cluster, other_lemma, other_evidence in self.db.execute(
            "SELECT cluster, lemma, evidence FROM events WHERE actor_id = ? AND day = ? AND category = ?"
            " AND target_id IS ? AND article_id != ? AND id != ? ORDER BY id",
            (actor, day, category, target, article_id, row_id),
        ):
            if similar_content(lemma, evidence, other_lemma, other_evidence):
                return int(cluster)
        return row_id

    def rebuild_registry(self) -> int:
        with transaction(self.db):
            for table in ("events", "article_entities", "entity_roles", "entity_aliases", "corpus_entities"):
                self.db.execute(f"DELETE FROM {table}")
            rows = self.db.execute("SELECT id, text, published, annotations FROM articles ORDER BY rowid").fetchall()
            for article_id, text, published, annotations in rows:
                data = json.loads(annotations)
                if (data.get("analysis") or {}).get("status") != "ok":
                    continue
                self._index_article(Article.from_dict({"id": article_id, "text": text, "published": published,
                                                       **data}))
            return self.db.execute("SELECT count(*) FROM events").fetchone()[0]

    # -- corrections ----------------------------------------------------------------------------------------

    def merge_entities(self, keep_id: int, other_id: int) -> None:
        if keep_id == other_id:
            raise ValueError(f"cannot merge entity {keep_id} with itself")
        keep, other = self._entity_row(keep_id), self._entity_row(other_id)
        now = _now()
        with transaction(self.db):
            aliases = [k for (k,) in self.db.execute("SELECT key FROM entity_aliases WHERE entity_id = ?", (other_id,))]
            self.db.executemany("INSERT INTO entity_corrections (kind, alias_key, entity_key, created_at)"
                                " VALUES ('merge', ?, ?, ?)", [(k, keep.key, now) for k in aliases])
            self.db.execute("INSERT OR IGNORE INTO entity_aliases SELECT ?, alias, key, skeleton FROM entity_aliases"
                            " WHERE entity_id = ?", (keep_id, other_id))
            self.db.execute("INSERT OR IGNORE INTO entity_roles SELECT ?, role, date, article_id FROM entity_roles"
                            " WHERE entity_id = ?", (keep_id, other_id))
            self._move(other_id, keep_id)
            self.db.execute("DELETE FROM entity_aliases WHERE entity_id = ?", (other_id,))
            self.db.execute("DELETE FROM entity_roles WHERE entity_id = ?", (other_id,))
            self.db.execute("DELETE FROM corpus_entities WHERE id = ?", (other.id,))

    def split_entity(self, entity_id: int, alias: str) -> int:
        entity = self._entity_row(entity_id)
        key = fold_words(alias)
        known = self.db.execute("SELECT 1 FROM entity_aliases WHERE entity_id = ? AND key = ?", (entity_id, key))
        if not known.fetchone():
            raise InvalidArgument("alias", alias, f"is not an alias of entity {entity_id} ({entity.name});"
                                                  f" `newsline entity {entity_id}` lists its aliases")
        new_key = f"split:{key}"
        words = name_key(alias, entity.type)
        with transaction(self.db):
            self.db.execute("INSERT INTO entity_corrections (kind, alias_key, entity_key, created_at)"
                            " VALUES ('split', ?, ?, ?)", (key, new_key, _now()))
            existing = SQLiteRegistryView(self.db).entity_by_key(new_key)
            new_id = existing.id if existing else SQLiteRegistryView(self.db).create_entity(
                new_key, alias, entity.type, words.surname, words.given[0] if words.given else None)
            self.db.execute("UPDATE entity_aliases SET entity_id = ? WHERE entity_id = ? AND key = ?",
                            (new_id, entity_id, key))
            moved = [tuple(r) for r in self.db.execute(
                "SELECT article_id, local_id FROM article_entities WHERE entity_id = ? AND name_key = ?",
                (entity_id, key))]
            for article_id, local_id in moved:
                self.db.execute("UPDATE article_entities SET entity_id = ? WHERE article_id = ? AND local_id = ?",
                                (new_id, article_id, local_id))
                for column in ("actor", "target"):
                    self.db.execute(f"UPDATE events SET {column}_id = ? WHERE article_id = ? AND {column}_local = ?",
                                    (new_id, article_id, local_id))
        return new_id

    def _move(self, from_id: int, to_id: int) -> None:
        for sql in ("UPDATE article_entities SET entity_id = ? WHERE entity_id = ?",
                    "UPDATE events SET actor_id = ? WHERE actor_id = ?",
                    "UPDATE events SET target_id = ? WHERE target_id = ?"):
            self.db.execute(sql, (to_id, from_id))

    def _entity_row(self, entity_id: int) -> Candidate:
        row = self.db.execute(f"{_CANDIDATE} WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise NotFound(f"no entity with id {entity_id}; `newsline entities` lists them")
        return Candidate(*row)

    # -- reading --------------------------------------------------------------------------------------------

    def event_reports(self, where: EventFilter, limit: int) -> list[EventReport]:
        conditions, params = [], []
        if where.actor_ids is not None:
            conditions.append(f"e.actor_id IN ({','.join('?' * len(where.actor_ids))})")
            params += where.actor_ids
        if where.category:
            conditions.append("e.category = ?")
            params.append(where.category)
        if where.since:
            conditions.append("e.day >= ?")
            params.append(where.since)
        if where.until:
            conditions.append("e.day <= ?")
            params.append(where.until)
        if where.story_id:
            conditions.append("e.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)")
            params.append(where.story_id)
        clause = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        # ORDER BY matches events_actor_day (actor_id, day, rank, rowid): no sort step; ties in ingest order
        rows = self.db.execute(
            f"SELECT {_REPORT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id"
            f" {clause} ORDER BY e.day, e.rank, e.id LIMIT ?", (*params, limit)).fetchall()
        names = self._entity_names({i for r in rows for i in (r[6], r[7]) if i is not None})
        return [EventReport(*r[:7], names.get(r[6]), r[7], names.get(r[7]), *r[8:19], bool(r[19]), bool(r[20]),
                            r[21]) for r in rows]

    def quote_rows(self, where: QuoteFilter, limit: int, offset: int) -> list[QuoteRow]:
        conditions, params = ["e.quote IS NOT NULL"], []
        for condition, value in (("e.actor_id = ?", where.speaker_id), ("a.outlet = ?", where.outlet),
                                 ("a.published >= ?", where.since), ("substr(a.published, 1, 10) <= ?", where.until),
                                 ("e.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)",
                                  where.story_id)):
            if value is not None:
                conditions.append(condition)
                params.append(value)
        rows = self.db.execute(
            "SELECT e.article_id, e.quote, e.actor_id, c.name, a.outlet, a.published, a.url, a.title"
            " FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN corpus_entities c ON c.id = e.actor_id"
            f" WHERE {' AND '.join(conditions)}"
            " ORDER BY a.published IS NULL, a.published, a.id, e.id LIMIT ? OFFSET ?", (*params, limit, offset))
        return [QuoteRow(*r) for r in rows]

    def quote_links_of(self, article_ids: Sequence[str]) -> list[QuoteLink]:
        links: list[QuoteLink] = []
        wanted = sorted(set(article_ids))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            links += [QuoteLink(*r) for r in self.db.execute(
                "SELECT * FROM story_quote_links WHERE story_id IN"
                f" (SELECT story_id FROM story_articles WHERE article_id IN ({marks}))", chunk)]
        return list({(k.story_id, k.article_id, k.quote_id, k.other_article, k.other_quote): k for k in links}.values())

    def _entity_names(self, ids: set[int]) -> dict[int, str]:
        wanted, names = sorted(ids), {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            names.update(self.db.execute(
                f"SELECT id, name FROM corpus_entities WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return names

    def find_entities(self, name_or_id: str) -> list[CorpusEntity]:
        text = name_or_id.strip()
        if is_number(text):  # an id; beyond SQLite's integers there is none
            number = int(text)
            return self._entities("WHERE c.id = ?", (number,)) if number <= MAX_INTEGER else []
        key = fold_words(text)
        found = self._entities("WHERE c.id IN (SELECT entity_id FROM entity_aliases WHERE key = ?) OR c.key = ?",
                               (key, key))
        if found:
            return found
        words = name_key(text, "PERSON")
        if len(key.split()) == 1 and words.surname:  # a surname: every person who has it, or a close spelling
            return [e for e in self._entities("WHERE c.surname = ? AND c.type = 'PERSON'", (words.surname,))
                    if plausible(key, name_key(e.name, e.type).folded.split()[-1])]
        spelled = {alias for (alias,) in self.db.execute(
            "SELECT key FROM entity_aliases WHERE skeleton = ?", (" ".join(skeleton(w) for w in key.split()),))}
        close = [alias for alias in spelled if plausible(key, alias)]  # the skeleton finds, the spelling decides
        if not close:
            return []
        marks = ",".join("?" * len(close))
        return self._entities(f"WHERE c.id IN (SELECT entity_id FROM entity_aliases WHERE key IN ({marks}))", close)

    def list_entities(self, type_: str | None, search: str | None, limit: int, offset: int) -> list[CorpusEntity]:
        conditions, params = [], []
        if type_:
            conditions.append("c.type = ?")
            params.append(type_.upper())
        if search:
            conditions.append("c.id IN (SELECT entity_id FROM entity_aliases WHERE key LIKE ?)")
            params.append(f"%{fold_words(search)}%")
        clause = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        return self._entities(f"{clause} ORDER BY 6 DESC, 5 DESC, c.name LIMIT ? OFFSET ?", (*params, limit, offset))

    def entity_detail(self, entity_id: int) -> EntityDetail | None:
        found = self._entities("WHERE c.id = ?", (entity_id,))
        if not found:
            return None
        aliases = [a for (a,) in self.db.execute("SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias",
                                                 (entity_id,))]
        roles = [EntityRole(*r) for r in self.db.execute(
            "SELECT role, date, article_id FROM entity_roles WHERE entity_id = ? ORDER BY date IS NULL, date, role",
            (entity_id,))]
        quoted_by = [tuple(r) for r in self.db.execute(
            "SELECT coalesce(a.outlet, '(unknown)'), count(*) FROM events e JOIN articles a ON a.id = e.article_id"
            " WHERE e.actor_id = ? AND e.quote IS NOT NULL GROUP BY a.outlet ORDER BY 2 DESC, 1", (entity_id,))]
        by_day = [tuple(r) for r in self.db.execute(
            "SELECT day, count(*) FROM events WHERE actor_id = ? AND quote IS NOT NULL GROUP BY day ORDER BY day",
            (entity_id,))]
        quotes = sum(n for _, n in by_day)
        return EntityDetail(found[0], aliases, roles, quotes, quoted_by, [d for d in by_day if d[0] != UNDATED_DAY])

    def article_entities(self, article_id: str) -> list[tuple[str, CorpusEntity]]:
        rows = self.db.execute("SELECT local_id, entity_id FROM article_entities WHERE article_id = ?",
                               (article_id,)).fetchall()
        if not rows:
            return []
        ids = sorted({entity_id for _, entity_id in rows})
        found = {e.id: e for e in self._entities(f"WHERE c.id IN ({','.join('?' * len(ids))})", tuple(ids))}
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
