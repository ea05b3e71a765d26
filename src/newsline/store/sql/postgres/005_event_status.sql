-- Events: whether each one took place and the time zone of a clock time: the PostgreSQL twin of
-- ../007_event_status.sql (comments there). `rank` now also orders a day's events by their time of day.
ALTER TABLE events ADD COLUMN status text COLLATE "C" NOT NULL DEFAULT 'occurred';
ALTER TABLE events ADD COLUMN tz text COLLATE "C";
UPDATE events SET rank = 1442 WHERE rank = 1;
