-- Articles, their annotations (the JSON contract minus the article fields), and full-text search.
-- The PostgreSQL twin of ../001_articles.sql. Text columns compare bytewise (COLLATE "C"), as SQLite does, so
-- orderings and id-prefix ranges are the SQLite store's whatever the database's locale.

-- Search: words folded to ASCII by unaccent ("Petrović" finds "Petrovic" and the reverse), then lower-cased,
-- like SQLite's unicode61 tokenizer with remove_diacritics. unaccent is a trusted extension: the database owner
-- may create it; otherwise a superuser creates it once (docs/postgres.md).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION newsline_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION newsline_search
    ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part,
    hword_numpart WITH unaccent, simple;

-- The text as search reads it: ASCII punctuation becomes private-use characters (U+F780 on, in this order;
-- SEARCH_BLANKS in postgres.py maps them back), which the parser takes as blanks. So "covid-19", "3.5" and
-- "example.com" are words as SQLite's tokenizer cuts them, not one hyphenated, decimal or host token, and a
-- ts_headline snippet of this text maps back to the article character for character.
CREATE FUNCTION newsline_search_text(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN translate(body, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~',
        U&'\F780\F781\F782\F783\F784\F785\F786\F787\F788\F789\F78A\F78B\F78C\F78D\F78E\F78F\F790\F791\F792\F793\F794\F795\F796\F797\F798\F799\F79A\F79B\F79C\F79D\F79E\F79F');

-- The indexed document: the title weighs more than the text (weight A against B; SEARCH_RANK in postgres.py).
-- Immutable, so that a generated column can store it.
CREATE FUNCTION newsline_search_vector(title text, body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN setweight(to_tsvector('newsline_search', newsline_search_text(coalesce(title, ''))), 'A')
        || setweight(to_tsvector('newsline_search', newsline_search_text(body)), 'B');

CREATE TABLE articles (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- insertion order (SQLite's rowid)
    id          text COLLATE "C" NOT NULL UNIQUE,   -- sha256 of normalised text + URL, 16 hex digits
    url         text COLLATE "C",
    outlet      text COLLATE "C",
    published   text COLLATE "C",                   -- ISO 8601 date or datetime as given by the input; NULL = unknown
    title       text COLLATE "C",
    language    text COLLATE "C",
    fetched     text COLLATE "C",                   -- crawl time (WARC-Date); never a publication date
    text        text COLLATE "C" NOT NULL,
    text_hash   text COLLATE "C" NOT NULL,          -- equal for exact copies of one text
    origin      text COLLATE "C" NOT NULL,          -- file[:line or record] it was ingested from
    ingested_at text COLLATE "C" NOT NULL,
    annotations text NOT NULL,                      -- JSON: analysis, sentences, entities, timexes, quotes, events
    search      tsvector GENERATED ALWAYS AS (newsline_search_vector(title, text)) STORED
);
CREATE INDEX articles_outlet_published ON articles (outlet, published);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_text_hash ON articles (text_hash);
CREATE INDEX articles_search ON articles USING gin (search);
