-- Stories across outlets (newsline.stories): the PostgreSQL twin of ../002_stories.sql (comments there).
CREATE TABLE story_articles (
    seq         bigint GENERATED ALWAYS AS IDENTITY,  -- assignment order (SQLite's rowid)
    article_id  text COLLATE "C" PRIMARY KEY REFERENCES articles (id),
    story_id    text COLLATE "C" NOT NULL,
    day         text COLLATE "C",
    tier        text COLLATE "C" NOT NULL,
    score       double precision,
    profile     text NOT NULL,
    signature   bytea NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id, seq);

CREATE TABLE story_bands (
    seq         bigint GENERATED ALWAYS AS IDENTITY,
    band_key    bigint NOT NULL,
    article_id  text COLLATE "C" NOT NULL
);
CREATE INDEX story_bands_key ON story_bands (band_key, seq);

CREATE TABLE story_keys (
    seq         bigint GENERATED ALWAYS AS IDENTITY,
    key         text COLLATE "C" NOT NULL,
    day         text COLLATE "C",
    article_id  text COLLATE "C" NOT NULL
);
CREATE INDEX story_keys_key_day ON story_keys (key, day DESC NULLS LAST, seq DESC);  -- most recent first

CREATE TABLE story_df (
    term        text COLLATE "C" PRIMARY KEY,
    df          bigint NOT NULL
);

CREATE TABLE story_relations (
    article_id   text COLLATE "C" PRIMARY KEY REFERENCES articles (id),
    story_id     text COLLATE "C" NOT NULL,
    position     integer NOT NULL,
    relation     text COLLATE "C" NOT NULL,
    source_id    text COLLATE "C",
    similarity   double precision,
    reused_chars integer NOT NULL DEFAULT 0,
    credited     boolean,
    order_note   text COLLATE "C" NOT NULL
);
CREATE INDEX story_relations_story ON story_relations (story_id, position);

CREATE TABLE story_spans (
    seq          bigint GENERATED ALWAYS AS IDENTITY,  -- insertion order: ties sort as in SQLite (rowid)
    article_id   text COLLATE "C" NOT NULL,
    start        integer NOT NULL,
    "end"        integer NOT NULL,
    source_start integer NOT NULL,
    source_end   integer NOT NULL,
    similarity   double precision NOT NULL
);
CREATE INDEX story_spans_article ON story_spans (article_id, start);

CREATE TABLE story_quote_links (
    seq            bigint GENERATED ALWAYS AS IDENTITY,  -- insertion order: ties sort as in SQLite (rowid)
    story_id       text COLLATE "C" NOT NULL,
    kind           text COLLATE "C" NOT NULL,
    article_id     text COLLATE "C" NOT NULL,
    quote_id       text COLLATE "C" NOT NULL,
    speaker        text COLLATE "C",
    other_article  text COLLATE "C" NOT NULL,
    other_quote    text COLLATE "C" NOT NULL,
    other_speaker  text COLLATE "C",
    similarity     double precision NOT NULL
);
CREATE INDEX story_quote_links_story ON story_quote_links (story_id);
