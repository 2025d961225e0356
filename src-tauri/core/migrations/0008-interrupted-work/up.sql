-- Long writes (imports) note here that they started, in a commit of their own, and delete the
-- note in the same transaction as their work. A note still here at the next start is work a
-- crash cut off: rolled back by SQLite, so the data is as it was, and the app says so.
CREATE TABLE interrupted_work (
    id         INTEGER PRIMARY KEY,
    what       TEXT NOT NULL,   -- 'customers_import' | 'events_import'
    detail     TEXT NOT NULL,   -- the file imported
    actor      TEXT NOT NULL,
    started_at INTEGER NOT NULL
);
