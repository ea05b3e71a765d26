-- Entity pages: the articles an entity appears in (covering index) and its quotes by day (partial index).
DROP INDEX article_entities_entity;
CREATE INDEX article_entities_entity ON article_entities (entity_id, article_id);
CREATE INDEX events_actor_quotes ON events (actor_id, day) WHERE quote IS NOT NULL;
