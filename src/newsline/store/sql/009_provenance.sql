-- Provenance that knows outside origins (docs/stories.md): each relation's origin (an origins-table id, or the
-- name an article credits), its confidence, and its evidence besides the reused spans: the credit in the article
-- (when it is credited) and the source's credit of a shared outside origin (a sibling's). Offsets are characters
-- into the article's text and the source's text.
ALTER TABLE story_relations ADD COLUMN origin TEXT;
ALTER TABLE story_relations ADD COLUMN confidence REAL;
ALTER TABLE story_relations ADD COLUMN credit_start INTEGER;
ALTER TABLE story_relations ADD COLUMN credit_end INTEGER;
ALTER TABLE story_relations ADD COLUMN source_credit_start INTEGER;
ALTER TABLE story_relations ADD COLUMN source_credit_end INTEGER;
CREATE INDEX story_relations_origin ON story_relations (origin) WHERE origin IS NOT NULL;
