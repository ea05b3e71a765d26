-- Articles stored but not indexed yet (entity registry, event clusters, stories: newsline.indexing). Storing an
-- article adds it here in the same transaction; indexing works through it in load order and removes each chunk
-- in the transaction that indexes it, so an interrupted `newsline index` resumes where it stopped.
CREATE TABLE index_queue (
    article_rowid INTEGER PRIMARY KEY REFERENCES articles (rowid)
);
