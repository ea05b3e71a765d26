-- Articles stored but not indexed yet: the PostgreSQL twin of ../008_index_queue.sql (comments there). The
-- column keeps the SQLite name, so that the shared SQL (tables.py) reads both; it holds articles.seq, the load
-- order. Stores made before this migration indexed every article as they stored it: the queue starts empty.
CREATE TABLE index_queue (
    article_rowid bigint PRIMARY KEY REFERENCES articles (seq)
);
