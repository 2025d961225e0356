-- The team hub this copy exchanges through (docs/HUB.md), beside or instead of a team folder:
-- where it is, the login (kept so that the app reconnects by itself; an encrypted database
-- keeps it encrypted), how far this copy has pulled (the hub's positions) and pushed (this
-- device's outbox seqs).
CREATE TABLE team_hub (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    host             TEXT NOT NULL,
    port             INTEGER NOT NULL,
    database         TEXT NOT NULL,
    login            TEXT NOT NULL,
    password         TEXT NOT NULL,
    pulled_pos       INTEGER NOT NULL DEFAULT 0,
    pushed_seq       INTEGER NOT NULL DEFAULT 0,
    role             TEXT,
    sees_contacts    INTEGER,
    last_exchange_at INTEGER
);
