-- Stories across outlets (newsline.stories): membership with each article's profile, the candidate indexes used
-- at assignment (LSH bands, distinctive keys, document frequencies), and each story's provenance analysis.
CREATE TABLE story_articles (
    article_id  TEXT PRIMARY KEY REFERENCES articles (id),
    story_id    TEXT NOT NULL,               -- 16 hex digits, derived from the article that opened the story
    day         TEXT,                        -- publication day (YYYY-MM-DD); NULL = undated
    tier        TEXT NOT NULL,               -- 'opened' | 'near-duplicate' | 'same story': how it joined
    score       REAL,                        -- similarity that made it join (NULL when it opened the story)
    profile     TEXT NOT NULL,               -- JSON: weighted terms and names, event dates, quotes
    signature   BLOB NOT NULL                -- MinHash signature, 128 little-endian uint32
);
CREATE INDEX story_articles_story ON story_articles (story_id);

-- LSH: one row per (band key, article); equal band keys make near-duplicate candidates.
CREATE TABLE story_bands (
    band_key    INTEGER NOT NULL,
    article_id  TEXT NOT NULL
);
CREATE INDEX story_bands_key ON story_bands (band_key);

-- Each article's most distinctive terms and names ('t:word', 'n:name'): the same-story candidate index.
CREATE TABLE story_keys (
    key         TEXT NOT NULL,
    day         TEXT,
    article_id  TEXT NOT NULL
);
CREATE INDEX story_keys_key_day ON story_keys (key, day);

-- Document frequencies of terms and names over assigned articles; the row with term '' holds the article count.
CREATE TABLE story_df (
    term        TEXT PRIMARY KEY,
    df          INTEGER NOT NULL
) WITHOUT ROWID;

-- How each article relates to its closest earlier source in its story.
CREATE TABLE story_relations (
    article_id  TEXT PRIMARY KEY REFERENCES articles (id),
    story_id    TEXT NOT NULL,
    position    INTEGER NOT NULL,            -- 0 = first publisher, then timeline order
    relation    TEXT NOT NULL,               -- 'first' | 'copy' | 'rewrite' | 'independent'
    source_id   TEXT,                        -- the closest earlier source (NULL for 'first')
    similarity  REAL,                        -- share of this article's text aligned to the source
    reused_chars INTEGER NOT NULL DEFAULT 0,
    credited    INTEGER,                     -- 1 credits the source outlet, 0 uncredited; NULL: first, independent
    order_note  TEXT NOT NULL                -- 'earlier' | 'same day, order unknown' | 'undated, order unknown'
);
CREATE INDEX story_relations_story ON story_relations (story_id, position);

-- Reused spans: a sentence of the article aligned to a sentence of its source.
CREATE TABLE story_spans (
    article_id   TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    source_start INTEGER NOT NULL,
    source_end   INTEGER NOT NULL,
    similarity   REAL NOT NULL
);
CREATE INDEX story_spans_article ON story_spans (article_id, start);

-- Quotes shared across a story: 'shared' (same speaker) or 'conflict' (different speakers).
CREATE TABLE story_quote_links (
    story_id       TEXT NOT NULL,
    kind           TEXT NOT NULL,
    article_id     TEXT NOT NULL,
    quote_id       TEXT NOT NULL,
    speaker        TEXT,
    other_article  TEXT NOT NULL,
    other_quote    TEXT NOT NULL,
    other_speaker  TEXT,
    similarity     REAL NOT NULL
);
CREATE INDEX story_quote_links_story ON story_quote_links (story_id);
