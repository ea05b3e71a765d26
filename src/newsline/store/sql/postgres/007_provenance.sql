-- Provenance that knows outside origins: the PostgreSQL twin of ../009_provenance.sql (comments there).
ALTER TABLE story_relations ADD COLUMN origin text COLLATE "C";
ALTER TABLE story_relations ADD COLUMN confidence double precision;
ALTER TABLE story_relations ADD COLUMN credit_start integer;
ALTER TABLE story_relations ADD COLUMN credit_end integer;
ALTER TABLE story_relations ADD COLUMN source_credit_start integer;
ALTER TABLE story_relations ADD COLUMN source_credit_end integer;
CREATE INDEX story_relations_origin ON story_relations (origin) WHERE origin IS NOT NULL;

-- A text in natural order (the SQLite store's natural_order, store/sqlite.py natural_key): each run of ASCII
-- digits zero-padded to 20, so that "page-2" sorts before "page-10"; compared bytewise, as the
-- argument (articles.url is COLLATE "C").
CREATE FUNCTION natural_order(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN coalesce((SELECT string_agg(CASE WHEN m[1] ~ '^[0-9]' AND length(m[1]) < 20 THEN lpad(m[1], 20, '0')
                                            ELSE m[1] END, '' ORDER BY n)
                     FROM regexp_matches(t, '[0-9]+|[^0-9]+', 'g') WITH ORDINALITY AS r(m, n)), '');
