-- Events: whether each one took place (occurred, planned, cancelled, hypothetical; model.EventStatus) and the
-- time zone a clock time is stated in ("GMT", "EST", "Khartoum"; NULL = the article's own).
ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'occurred';
ALTER TABLE events ADD COLUMN tz TEXT;
-- `rank` now also orders a day's events by their time of day (timeline.dates.day_rank): 0 = dated by the text
-- to the day, 1 + minutes after midnight = dated to a time of day, 1442 = only "reported on".
UPDATE events SET rank = 1442 WHERE rank = 1;
