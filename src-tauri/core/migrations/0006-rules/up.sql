-- Rules that keep tags up to date: when each rule last ran (time-based rules re-run when that
-- is too long ago) and a log of every run with what it changed.

ALTER TABLE rules ADD COLUMN last_run_at INTEGER;

CREATE TABLE rule_runs (
    id          INTEGER PRIMARY KEY,
    rule_id     INTEGER,          -- NULL: every enabled rule
    trigger     TEXT NOT NULL CHECK (trigger IN ('manual', 'import', 'edit', 'event', 'schedule')),
    started_at  INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    millis      INTEGER NOT NULL,
    scanned     INTEGER NOT NULL, -- customers considered (all, or the touched ones)
    added       INTEGER NOT NULL,
    removed     INTEGER NOT NULL,
    detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))  -- per rule, conflicts
);
CREATE INDEX rule_runs_started ON rule_runs(started_at);
