"""Events, the corpus entity registry and stored quotes, for SQLite and PostgreSQL alike (tables in
``sql/003_events.sql`` and ``sql/postgres/003_events.sql``): SQL both accept, with ``?`` parameters, run through
what the store supplies (``tables.SQLTables``), and one more thing each store does its own way: emptying the
registry. ``newsline.indexing`` decides what goes into these tables; this module stores and reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

from newsline.arguments import MAX_INTEGER, is_number
from newsline.errors import InvalidArgument, NotFound
from newsline.registry.names import PERSON_TYPES, name_key, name_words, plausible, skeleton
from newsline.registry.resolve import Candidate
from newsline.store.base import (
    CorpusEntity, EntityDetail, EntityRole, EventFilter, EventReport, EventRow, QuoteFilter, QuoteLink, QuoteRow,
)
from newsline.store.tables import QUOTE_LINK_COLUMNS, SQLTables, chunks
from newsline.timeline.dates import UNDATED_DAY

REGISTRY_TABLES = ("events", "article_entities", "entity_roles", "entity_aliases", "corpus_entities")
_CANDIDATE = "SELECT id, key, name, type, given FROM corpus_entities"
_ENTITY_COLUMNS = ("c.id, c.key, c.name, c.type,"
                   " (SELECT count(DISTINCT article_id) FROM article_entities ae WHERE ae.entity_id = c.id),"
                   " (SELECT count(*) FROM events e WHERE e.actor_id = c.id)")
_REPORT_COLUMNS = (
    "e.cluster, e.day, e.rank, e.category, e.lemma, e.predicate, e.actor_id, e.target_id,"
    " e.date_value, e.granularity, e.date_mod, e.date_source, e.evidence, e.article_id, e.local_id, a.outlet,"
    " a.published, a.url, e.quote, e.negated, e.hypothetical, e.confidence, e.status, e.tz"
)
_INSERT_EVENT = (
    "INSERT INTO events (article_id, local_id, cluster, actor_id, target_id, actor_local, target_local, category,"
    " lemma, predicate, date_value, granularity, date_mod, date_source, timex, day, rank, evidence, evidence_start,"
    " evidence_end, quote, negated, hypothetical, confidence, status, tz)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id"
)
_NEW_CLUSTER = 0  # an event row's cluster until its id is known (then: its own, or an earlier report's)


class SQLRegistryView:
    """The registry lookups ``registry.resolve`` needs, as SQL on a store's connection."""

    def __init__(self, tables: SQLTables) -> None:
        self.tables = tables
        self._corrected: bool | None = None  # whether any correction exists (None: not asked yet)

    def correction(self, alias_keys: Iterable[str]) -> tuple[str, str] | None:
        keys = list(alias_keys)
        if self._corrected is None:  # most corpora have none: one lookup per view, not one per entity
            self._corrected = self.tables._run("SELECT 1 FROM entity_corrections LIMIT 1").fetchone() is not None
        if not keys or not self._corrected:
            return None
        condition, params = self.tables._any("alias_key", keys)
        row = self.tables._run(f"SELECT kind, entity_key FROM entity_corrections WHERE {condition}"
                               " ORDER BY id DESC LIMIT 1", params).fetchone()
        return (row[0], row[1]) if row else None

    def entity_by_key(self, key: str) -> Candidate | None:
        row = self.tables._run(f"{_CANDIDATE} WHERE key = ?", (key,)).fetchone()
        return Candidate(*row) if row else None

    def persons_by_surname(self, surname: str) -> list[Candidate]:
        condition, params = self.tables._any("type", PERSON_TYPES)
        rows = self.tables._run(f"{_CANDIDATE} WHERE surname = ? AND {condition} ORDER BY id", (surname, *params))
        return [Candidate(*r) for r in rows]

    def entities_by_alias(self, key: str, skeleton_: str) -> list[tuple[Candidate, str]]:
        rows = self.tables._run(
            "SELECT c.id, c.key, c.name, c.type, c.given, a.key FROM corpus_entities c"
            " JOIN entity_aliases a ON a.entity_id = c.id WHERE a.key = ? OR a.skeleton = ?"
            " ORDER BY a.key <> ?, c.id, a.key", (key, skeleton_, key))
        return [(Candidate(*r[:5]), r[5]) for r in rows]

    def cooccurrence(self, candidates: list[int], with_entities: list[int]) -> dict[int, int]:
        among, among_params = self.tables._any("a.entity_id", candidates)
        beside, beside_params = self.tables._any("b.entity_id", with_entities)
        rows = self.tables._run(
            "SELECT a.entity_id, count(DISTINCT a.article_id) FROM article_entities a"
            f" JOIN article_entities b ON a.article_id = b.article_id WHERE {among} AND {beside}"
            " GROUP BY a.entity_id", (*among_params, *beside_params))
        return {c: 0 for c in candidates} | {entity: n for entity, n in rows}

    def create_entity(self, key: str, name: str, type_: str, surname: str | None, given: str | None) -> int:
        return int(self.tables._run("INSERT INTO corpus_entities (key, name, type, surname, given)"
                                    " VALUES (?, ?, ?, ?, ?) RETURNING id",
                                    (key, name, type_, surname, given)).fetchone()[0])

    def add_aliases(self, entity_id: int, aliases: Iterable[str]) -> None:
        rows = [(entity_id, a, name_words(a), " ".join(skeleton(w) for w in name_words(a).split())) for a in aliases]
        self.tables._run_many("INSERT INTO entity_aliases VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", rows)
        longest = max((a for _, a, _, _ in rows), key=len, default=None)
        if longest:  # the display name is the fullest form seen ("Aleksandar Vučić", not "Vučić")
            self.tables._run("UPDATE corpus_entities SET name = ? WHERE id = ? AND length(name) < length(?)",
                             (longest, entity_id, longest))

    def add_roles(self, entity_id: int, roles: Iterable[str], date: str | None, article_id: str) -> None:
        self.tables._run_many("INSERT INTO entity_roles VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                              [(entity_id, r, date, article_id) for r in roles])


class EventTables(SQLTables):
    """Mixed into a store: stores what ``newsline.indexing`` decides (an article's entities and events); answers
    timelines, entity pages and quote listings."""

    def reset_registry(self) -> None:
        """Delete every row of ``REGISTRY_TABLES``; new entity and event ids start at 1 again."""
        raise NotImplementedError

    # -- writing: what newsline.indexing decides (inside the caller's transaction) -----------------------------

    def registry_view(self) -> SQLRegistryView:
        return SQLRegistryView(self)

    def add_article_entities(self, article_id: str, rows: Iterable[tuple[str, int, str]]) -> None:
        self._run_many(
            "INSERT INTO article_entities VALUES (?, ?, ?, ?) ON CONFLICT (article_id, local_id)"
            " DO UPDATE SET entity_id = excluded.entity_id, name_key = excluded.name_key",
            [(article_id, *row) for row in rows])

    def add_events(self, article_id: str, reports: Sequence[EventRow]) -> list[int]:
        ids = [int(i) for i in self._run_returning(_INSERT_EVENT, [
            (article_id, r.event.id, _NEW_CLUSTER, r.actor, r.target, r.event.actor, r.event.target, r.event.category,
             r.event.predicate.lemma, r.event.predicate.text, r.event.date.value, r.event.date.granularity,
             r.event.date.mod, r.event.date.source, r.event.date.timex, r.day, r.rank, r.event.evidence.text,
             r.event.evidence.start, r.event.evidence.end, r.event.quote, r.event.negated, r.event.hypothetical,
             r.event.confidence, r.event.status, r.event.date.tz) for r in reports])]
        for chunk in chunks(ids):  # each in its own cluster, until indexing finds an earlier report of the event
            condition, params = self._any("id", chunk)
            self._run(f"UPDATE events SET cluster = id WHERE {condition}", params)
        return ids

    def same_event_candidates(self, row_ids: Sequence[int]) -> dict[int, list[tuple[int, str, str]]]:
        found: dict[int, list[tuple[int, str, str]]] = {}
        for chunk in chunks(list(row_ids)):
            condition, params = self._any("e.id", chunk)
            for row_id, cluster, lemma, evidence in self._run(
                "SELECT e.id, o.cluster, o.lemma, o.evidence FROM events e JOIN events o ON o.actor_id = e.actor_id"
                " AND o.day = e.day AND o.category = e.category AND o.target_id IS NOT DISTINCT FROM e.target_id"
                f" AND o.article_id <> e.article_id AND o.id < e.id WHERE {condition} ORDER BY e.id, o.id", params):
                found.setdefault(int(row_id), []).append((int(cluster), lemma, evidence))
        return found

    def set_event_cluster(self, row_id: int, cluster: int) -> None:
        self._run("UPDATE events SET cluster = ? WHERE id = ?", (cluster, row_id))

    # -- corrections ----------------------------------------------------------------------------------------

    def merge_entities(self, keep_id: int, other_id: int) -> None:
        if keep_id == other_id:
            raise ValueError(f"cannot merge entity {keep_id} with itself")  # the API refuses it first
        keep, other = self._entity_row(keep_id), self._entity_row(other_id)
        now = _now()
        with self.atomic():
            aliases = [k for (k,) in self._run("SELECT key FROM entity_aliases WHERE entity_id = ?", (other_id,))]
            self._run_many("INSERT INTO entity_corrections (kind, alias_key, entity_key, created_at)"
                           " VALUES ('merge', ?, ?, ?)", [(k, keep.key, now) for k in aliases])
            self._run("INSERT INTO entity_aliases SELECT ?, alias, key, skeleton FROM entity_aliases"
                      " WHERE entity_id = ? ON CONFLICT DO NOTHING", (keep_id, other_id))
            self._run("INSERT INTO entity_roles SELECT ?, role, date, article_id FROM entity_roles"
                      " WHERE entity_id = ? ON CONFLICT DO NOTHING", (keep_id, other_id))
            for sql in ("UPDATE article_entities SET entity_id = ? WHERE entity_id = ?",
                        "UPDATE events SET actor_id = ? WHERE actor_id = ?",
                        "UPDATE events SET target_id = ? WHERE target_id = ?"):
                self._run(sql, (keep_id, other_id))
            self._run("DELETE FROM entity_aliases WHERE entity_id = ?", (other_id,))
            self._run("DELETE FROM entity_roles WHERE entity_id = ?", (other_id,))
            self._run("DELETE FROM corpus_entities WHERE id = ?", (other.id,))

    def split_entity(self, entity_id: int, alias: str) -> int:
        entity = self._entity_row(entity_id)
        key = name_words(alias)
        if not self._run("SELECT 1 FROM entity_aliases WHERE entity_id = ? AND key = ?", (entity_id, key)).fetchone():
            raise InvalidArgument("alias", alias, f"is not an alias of entity {entity_id} ({entity.name});"
                                                  f" `newsline entity {entity_id}` lists its aliases")
        new_key = f"split:{key}"
        words = name_key(alias, entity.type)
        view = SQLRegistryView(self)
        with self.atomic():
            self._run("INSERT INTO entity_corrections (kind, alias_key, entity_key, created_at)"
                      " VALUES ('split', ?, ?, ?)", (key, new_key, _now()))
            existing = view.entity_by_key(new_key)
            new_id = existing.id if existing else view.create_entity(
                new_key, alias, entity.type, words.surname, words.given[0] if words.given else None)
            self._run("UPDATE entity_aliases SET entity_id = ? WHERE entity_id = ? AND key = ?",
                      (new_id, entity_id, key))
            moved = self._run("SELECT article_id, local_id FROM article_entities WHERE entity_id = ? AND name_key = ?",
                              (entity_id, key)).fetchall()
            for article_id, local_id in moved:
                self._run("UPDATE article_entities SET entity_id = ? WHERE article_id = ? AND local_id = ?",
                          (new_id, article_id, local_id))
                for column in ("actor", "target"):
                    self._run(f"UPDATE events SET {column}_id = ? WHERE article_id = ? AND {column}_local = ?",
                              (new_id, article_id, local_id))
        return new_id

    def _entity_row(self, entity_id: int) -> Candidate:
        row = self._run(f"{_CANDIDATE} WHERE id = ?", (entity_id,)).fetchone() if entity_id <= MAX_INTEGER else None
        if row is None:
            raise NotFound(f"no entity with id {entity_id}; `newsline entities` lists them")
        return Candidate(*row)

    # -- reading --------------------------------------------------------------------------------------------

    def event_reports(self, where: EventFilter, limit: int) -> list[EventReport]:
        self._require("event status")
        conditions, params = [], []
        if where.actor_ids is not None:
            condition, ids = self._any("e.actor_id", [i for i in where.actor_ids if i <= MAX_INTEGER])
            conditions.append(condition)
            params += ids
        for condition, value in (("e.category = ?", where.category), ("e.day >= ?", where.since),
                                 ("e.day <= ?", where.until),
                                 ("e.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)",
                                  where.story_id)):
            if value:
                conditions.append(condition)
                params.append(value)
        if not where.undated:
            conditions.append("e.day <> ?")
            params.append(UNDATED_DAY)
        if not where.actorless:
            conditions.append("e.actor_id IS NOT NULL")
        clause = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        # ORDER BY matches events_actor_day (actor_id, day, rank, id): no sort step; ties in ingest order
        rows = self._run(f"SELECT {_REPORT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id"
                         f" {clause} ORDER BY e.day, e.rank, e.id LIMIT ?", (*params, limit)).fetchall()
        names = self._entity_names({i for r in rows for i in (r[6], r[7]) if i is not None})
        return [EventReport(*r[:7], names.get(r[6]), r[7], names.get(r[7]), *r[8:19], bool(r[19]), bool(r[20]),
                            *r[21:24]) for r in rows]

    def quote_rows(self, where: QuoteFilter, limit: int, offset: int) -> list[QuoteRow]:
        conditions, params = ["e.quote IS NOT NULL"], []
        for condition, value in (("e.actor_id = ?", where.speaker_id), ("a.outlet = ?", where.outlet),
                                 ("a.published >= ?", where.since), ("substr(a.published, 1, 10) <= ?", where.until),
                                 ("e.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)",
                                  where.story_id)):
            if value is not None:
                conditions.append(condition)
                params.append(value)
        rows = self._run(
            "SELECT e.article_id, e.quote, e.actor_id, c.name, a.outlet, a.published, a.url, a.title"
            " FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN corpus_entities c ON c.id = e.actor_id"
            f" WHERE {' AND '.join(conditions)}"
            " ORDER BY a.published IS NULL, a.published, a.id, e.id LIMIT ? OFFSET ?", (*params, limit, offset))
        return [QuoteRow(*r) for r in rows]

    def quote_links_of(self, article_ids: Sequence[str]) -> list[QuoteLink]:
        links: list[QuoteLink] = []
        for chunk in chunks(sorted(set(article_ids))):
            condition, params = self._any("article_id", chunk)
            links += [QuoteLink(*r) for r in self._run(
                f"SELECT {QUOTE_LINK_COLUMNS} FROM story_quote_links WHERE story_id IN"
                f" (SELECT story_id FROM story_articles WHERE {condition}) ORDER BY story_id, kind, article_id,"
                " quote_id, other_article, other_quote", params)]
        return list({(k.story_id, k.article_id, k.quote_id, k.other_article, k.other_quote): k for k in links}.values())

    def _entity_names(self, ids: set[int]) -> dict[int, str]:
        names: dict[int, str] = {}
        for chunk in chunks(sorted(ids)):
            condition, params = self._any("id", chunk)
            names.update((i, name) for i, name in self._run(f"SELECT id, name FROM corpus_entities WHERE {condition}",
                                                            params))
        return names

    def find_entities(self, name_or_id: str) -> list[CorpusEntity]:
        text = name_or_id.strip()
        if is_number(text):  # an id; beyond 64-bit integers there is none
            number = int(text)
            return self._entities("WHERE c.id = ?", (number,)) if number <= MAX_INTEGER else []
        key = name_words(text)
        found = self._entities("WHERE c.id IN (SELECT entity_id FROM entity_aliases WHERE key = ?) OR c.key = ?"
                               " ORDER BY c.id", (key, key))
        if found:
            return found
        words = name_key(text, "PERSON")
        if len(key.split()) == 1 and words.surname:  # a surname: every person who has it, or a close spelling
            return [e for e in self._entities("WHERE c.surname = ? AND c.type = 'PERSON' ORDER BY c.id",
                                              (words.surname,))
                    if plausible(key, name_key(e.name, e.type).folded.split()[-1])]
        spelled = {alias for (alias,) in self._run(
            "SELECT key FROM entity_aliases WHERE skeleton = ?", (" ".join(skeleton(w) for w in key.split()),))}
        close = sorted(alias for alias in spelled if plausible(key, alias))  # the skeleton finds, the spelling decides
        if not close:
            return []
        condition, params = self._any("key", close)
        return self._entities(f"WHERE c.id IN (SELECT entity_id FROM entity_aliases WHERE {condition}) ORDER BY c.id",
                              params)

    def list_entities(self, type_: str | None, search: str | None, limit: int, offset: int) -> list[CorpusEntity]:
        conditions, params = [], []
        if type_:
            conditions.append("c.type = ?")
            params.append(type_.upper())
        if search:
            conditions.append("c.id IN (SELECT entity_id FROM entity_aliases WHERE key LIKE ?)")
            params.append(f"%{name_words(search)}%")
        clause = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        return self._entities(f"{clause} ORDER BY 6 DESC, 5 DESC, c.name, c.id LIMIT ? OFFSET ?",
                              (*params, limit, offset))

    def entity_detail(self, entity_id: int) -> EntityDetail | None:
        found = self._entities("WHERE c.id = ?", (entity_id,)) if entity_id <= MAX_INTEGER else []
        if not found:
            return None
        aliases = [a for (a,) in self._run("SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias",
                                           (entity_id,))]
        roles = [EntityRole(*r) for r in self._run(
            "SELECT role, date, article_id FROM entity_roles WHERE entity_id = ?"
            " ORDER BY date IS NULL, date, role, article_id", (entity_id,))]
        quoted_by = [(outlet, n) for outlet, n in self._run(
            "SELECT coalesce(a.outlet, '(unknown)'), count(*) FROM events e JOIN articles a ON a.id = e.article_id"
            " WHERE e.actor_id = ? AND e.quote IS NOT NULL GROUP BY a.outlet ORDER BY 2 DESC, 1", (entity_id,))]
        by_day = [(day, n) for day, n in self._run(
            "SELECT day, count(*) FROM events WHERE actor_id = ? AND quote IS NOT NULL GROUP BY day ORDER BY day",
            (entity_id,))]
        quotes = sum(n for _, n in by_day)
        return EntityDetail(found[0], aliases, roles, quotes, quoted_by, [d for d in by_day if d[0] != UNDATED_DAY])

    def article_entities(self, article_id: str) -> list[tuple[str, CorpusEntity]]:
        return self.articles_entities([article_id]).get(article_id, [])

    def articles_entities(self, article_ids: Sequence[str]) -> dict[str, list[tuple[str, CorpusEntity]]]:
        rows: list[tuple[str, str, int]] = []
        for chunk in chunks(sorted(set(article_ids))):
            condition, params = self._any("article_id", chunk)
            rows += self._run(f"SELECT article_id, local_id, entity_id FROM article_entities WHERE {condition}",
                              params).fetchall()
        found: dict[int, CorpusEntity] = {}
        for chunk in chunks(sorted({entity_id for _, _, entity_id in rows})):
            condition, params = self._any("c.id", chunk)
            found.update((e.id, e) for e in self._entities(f"WHERE {condition}", params))
        by_article: dict[str, list[tuple[str, CorpusEntity]]] = {}
        for article_id, local, entity_id in rows:
            by_article.setdefault(article_id, []).append((local, found[entity_id]))
        for pairs in by_article.values():
            pairs.sort(key=lambda pair: (len(pair[0]), pair[0]))  # e2 before e10
        return by_article

    def _entities(self, clause: str, params: Sequence[Any]) -> list[CorpusEntity]:
        return [CorpusEntity(*r) for r in self._run(f"SELECT {_ENTITY_COLUMNS} FROM corpus_entities c {clause}",
                                                    params)]

    def _event_counts(self) -> tuple[int, int, int]:
        reports, distinct = self._run("SELECT count(*), count(DISTINCT cluster) FROM events").fetchone()
        (entities,) = self._run("SELECT count(*) FROM corpus_entities").fetchone()
        return reports, distinct, entities


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
