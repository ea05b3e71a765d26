-- Search: English stemming after unaccent, as ../006_search_stemming.sql (the porter tokenizer), so that "sanction"
-- finds "sanctions". A Snowball dictionary without stop words: like SQLite's tokenizer, every word is indexed and
-- can be searched for ("the", "not"). The stored search column is computed again from the stored articles.
-- Outlet filters ignore case (ASCII, as SQLite's NOCASE), with an index.
CREATE TEXT SEARCH DICTIONARY newsline_english (TEMPLATE = snowball, Language = english);
ALTER TEXT SEARCH CONFIGURATION newsline_search
    ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part,
    hword_numpart WITH unaccent, newsline_english;
ALTER TABLE articles DROP COLUMN search;
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (newsline_search_vector(title, text)) STORED;
CREATE INDEX articles_search ON articles USING gin (search);
CREATE INDEX articles_outlet_lower ON articles (lower(outlet), published);
