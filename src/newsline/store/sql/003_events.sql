-- Events (one row per report of an event in an article), the corpus entity registry, and manual corrections.

-- Corpus entities: one per real-world referent across articles. `key` is stable across rebuilds (the folded
-- name it was first seen under, or the one a correction gave it), so corrections can name it.
CREATE TABLE corpus_entities (
    id      INTEGER PRIMARY KEY,
    key     TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,                   -- display name: the longest full name seen
    type    TEXT NOT NULL,                   -- PERSON, ORG, GPE, NORP, ...
    surname TEXT,                            -- skeleton of a person's last name (registry.names)
    given   TEXT                             -- skeleton of a person's first given name; NULL = surname only
);
CREATE INDEX corpus_entities_surname ON corpus_entities (surname, type);

-- Every spelling an entity was written as; `key` is the folded form, `skeleton` the transliteration key.
CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES corpus_entities (id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    key       TEXT NOT NULL,
    skeleton  TEXT NOT NULL,
    PRIMARY KEY (entity_id, key)
);
CREATE INDEX entity_aliases_key ON entity_aliases (key);
CREATE INDEX entity_aliases_skeleton ON entity_aliases (skeleton);

-- Roles stated in the text ("Russian presidential spokesman"), dated by the article that states them.
CREATE TABLE entity_roles (
    entity_id  INTEGER NOT NULL REFERENCES corpus_entities (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    date       TEXT,                         -- publication day of the article; NULL = undated article
    article_id TEXT NOT NULL,
    PRIMARY KEY (entity_id, role, article_id)
);

-- Which corpus entity each article's own entity (e1, e2, ...) resolved to.
CREATE TABLE article_entities (
    article_id TEXT NOT NULL,
    local_id   TEXT NOT NULL,
    entity_id  INTEGER NOT NULL REFERENCES corpus_entities (id),
    name_key   TEXT NOT NULL,                -- folded name in this article (what a split correction names)
    PRIMARY KEY (article_id, local_id)
);
CREATE INDEX article_entities_entity ON article_entities (entity_id);

-- Events. `day` is the first day the event date covers (YYYY-MM-DD; '9999-12-31' when nothing dates it);
-- `rank` 0 = dated by the text, 1 = only "reported on" (publication), so those sort last within their day.
-- `cluster` groups reports of one event (same actor, category, target, day and similar content).
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    article_id       TEXT NOT NULL,
    local_id         TEXT NOT NULL,
    cluster          INTEGER NOT NULL,
    actor_id         INTEGER REFERENCES corpus_entities (id),
    target_id        INTEGER REFERENCES corpus_entities (id),
    actor_local      TEXT,
    target_local     TEXT,
    category         TEXT NOT NULL,
    lemma            TEXT NOT NULL,
    predicate        TEXT NOT NULL,
    date_value       TEXT,
    granularity      TEXT,
    date_mod         TEXT,
    date_source      TEXT NOT NULL,
    timex            TEXT,
    day              TEXT NOT NULL,
    rank             INTEGER NOT NULL,
    evidence         TEXT NOT NULL,
    evidence_start   INTEGER NOT NULL,
    evidence_end     INTEGER NOT NULL,
    quote            TEXT,
    negated          INTEGER NOT NULL,
    hypothetical     INTEGER NOT NULL,
    confidence       REAL NOT NULL,
    UNIQUE (article_id, local_id)
);
-- One-actor timeline: an index range scan already in timeline order (day, rank), no sort step.
CREATE INDEX events_actor_day ON events (actor_id, day, rank);
CREATE INDEX events_target_day ON events (target_id, day, rank);
CREATE INDEX events_day ON events (day, rank);
CREATE INDEX events_category_day ON events (category, day, rank);
CREATE INDEX events_cluster ON events (cluster);

-- Manual corrections. They name aliases and entity keys, not row ids, so they are replayed whenever the
-- registry is rebuilt from the stored articles (re-analysis) and keep applying to new articles.
-- merge: mentions written as `alias_key` belong to the entity keyed `entity_key`.
-- split: mentions written as `alias_key` get their own entity, keyed `entity_key`.
CREATE TABLE entity_corrections (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    alias_key  TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX entity_corrections_alias ON entity_corrections (alias_key);
