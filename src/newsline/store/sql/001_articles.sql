-- Articles, their annotations (the JSON contract minus the article fields), and full-text search.
CREATE TABLE articles (
    rowid       INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,        -- sha256 of normalised text + URL, 16 hex digits
    url         TEXT,
    outlet      TEXT,
    published   TEXT,                        -- ISO 8601 date or datetime as given by the input; NULL = unknown
    title       TEXT,
    language    TEXT,
    fetched     TEXT,                        -- crawl time (WARC-Date); never a publication date
    text        TEXT NOT NULL,
    text_hash   TEXT NOT NULL,               -- equal for exact copies of one text
    origin      TEXT NOT NULL,               -- file[:line or record] it was ingested from
    ingested_at TEXT NOT NULL,
    annotations TEXT NOT NULL                -- JSON: analysis, sentences, entities, timexes, quotes, events
);
CREATE INDEX articles_outlet_published ON articles (outlet, published);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_text_hash ON articles (text_hash);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
