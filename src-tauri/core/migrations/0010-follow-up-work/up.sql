-- Work owed after a write commits: the rules a change triggers (and after an events import the
-- RFM and lifecycle refresh). The write records its row inside its own transaction; the
-- follow-up deletes it in the transaction of the rules run. A row without finished_at at the
-- next opening is follow-up work a crash cut off: the desk does it then, sets finished_at and
-- the outcome, and the app says so until the user dismisses the notice.
CREATE TABLE follow_up_work (
    id            INTEGER PRIMARY KEY,
    what          TEXT NOT NULL,     -- 'customers_import' | 'events_import' | 'edit' | 'event'
    detail        TEXT NOT NULL,     -- the file imported; empty for edits
    actor         TEXT NOT NULL,
    started_at    INTEGER NOT NULL,
    refresh_value INTEGER NOT NULL CHECK (refresh_value IN (0, 1)), -- RFM + lifecycle first
    trigger       TEXT NOT NULL,     -- the rules run's trigger
    customers     BLOB NOT NULL,     -- the touched customer ids, a serialized roaring bitmap
    finished_at   INTEGER,           -- set when the next opening did the work
    rules_added   INTEGER,
    rules_removed INTEGER
);
