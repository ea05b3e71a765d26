-- Mark the file as a newsline store (0x6E736C6E, "nsln", in the SQLite header), so that newsline can tell it
-- from another program's SQLite file and refuse to change that one.
PRAGMA application_id = 1853058158;
