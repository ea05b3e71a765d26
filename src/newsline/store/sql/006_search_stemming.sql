-- Search: English stemming (the porter tokenizer around unicode61, diacritics folded), so that "sanction" finds
-- "sanctions"; the index is rebuilt from the stored articles (the triggers of 001 keep it in sync, by name).
-- Outlet filters ignore case, with an index.
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'rowid', tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
CREATE INDEX articles_outlet_nocase ON articles (outlet COLLATE NOCASE, published);
