-- The search vectors move to a narrow table of their own, stored inline (no TOAST). In articles, a vector of
-- a few kilobytes went out of line, so a search for a word most articles contain fetched every vector from TOAST
-- to rank it: about 3 s at 100,000 articles, against 0.6 s from this table (benchmarks/web_speed.py, measured
-- on a copy of its store; docs/postgres.md). toast_tuple_target and STORAGE MAIN keep a vector in its row.
CREATE TABLE article_search (
    seq     bigint PRIMARY KEY REFERENCES articles (seq),
    id      text COLLATE "C" NOT NULL,  -- the article's, so that equal ranks sort by id without reading articles
    search  tsvector NOT NULL
) WITH (toast_tuple_target = 8160);
ALTER TABLE article_search ALTER COLUMN search SET STORAGE MAIN;
INSERT INTO article_search (seq, id, search) SELECT seq, id, search FROM articles;
ALTER TABLE articles DROP COLUMN search;
CREATE INDEX article_search_search ON article_search USING gin (search);
