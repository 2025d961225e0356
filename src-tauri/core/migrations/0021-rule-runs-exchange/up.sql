-- The rules run after a team exchange (trigger 'exchange', since issue 18) was refused by the
-- run log's CHECK, written before teams existed: every exchange that brought changes to a
-- laptop with enabled rules failed after applying them, and its owed run failed again at each
-- opening. SQLite cannot change a CHECK in place, so the log is copied into a table that
-- allows it. No other table refers to rule_runs.

CREATE TABLE rule_runs_new (
    id          INTEGER PRIMARY KEY,
    rule_id     INTEGER,          -- NULL: every enabled rule
    trigger     TEXT NOT NULL
                CHECK (trigger IN ('manual', 'import', 'edit', 'event', 'schedule', 'exchange')),
    started_at  INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    millis      INTEGER NOT NULL,
    scanned     INTEGER NOT NULL, -- customers considered (all, or the touched ones)
    added       INTEGER NOT NULL,
    removed     INTEGER NOT NULL,
    detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))  -- per rule, conflicts
);
INSERT INTO rule_runs_new SELECT id, rule_id, trigger, started_at, finished_at, millis, scanned,
    added, removed, detail FROM rule_runs;
DROP TABLE rule_runs;
ALTER TABLE rule_runs_new RENAME TO rule_runs;
CREATE INDEX rule_runs_started ON rule_runs(started_at);
