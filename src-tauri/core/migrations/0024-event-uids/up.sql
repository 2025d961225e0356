-- Global ids for events (docs/TEAM.md §1, §2), so that events travel between a team's laptops.
-- Nullable and not filled here: a database can hold millions of events, and only a team needs
-- them. An event gets its uid when it is added by hand, when it is imported while this copy
-- belongs to a team, when a team starts (every event then, which the snapshot carries to
-- joiners), when an own operation that added it is first worked out for the wire, or from the
-- laptop that sent it.
ALTER TABLE events ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX events_uid ON events(uid) WHERE uid IS NOT NULL;

-- Events kept aside (their kind removed, their import undone) keep their uid, so the undo of
-- the removal, or the redo of the import, brings each back under the uid it has everywhere.
ALTER TABLE removed_events ADD COLUMN uid TEXT;
ALTER TABLE operation_removed_events ADD COLUMN uid TEXT;
CREATE INDEX removed_events_uid ON removed_events(uid) WHERE uid IS NOT NULL;
CREATE INDEX operation_removed_events_uid ON operation_removed_events(uid) WHERE uid IS NOT NULL;

-- Whether an event is there is one last-writer-wins key per event uid, ordered by (hlc,
-- device). Only events removed at least once have a row: the removal's clock (a tombstone, so
-- an add that arrives later but was made earlier adds nothing), then the clock of a later
-- restore. An event's first adding needs none: every removal of it is made by a laptop that
-- had it, so it is later.
CREATE TABLE team_event_clocks (
    uid    TEXT PRIMARY KEY,
    alive  INTEGER NOT NULL CHECK (alive IN (0, 1)),
    hlc    INTEGER NOT NULL,
    device TEXT NOT NULL
) WITHOUT ROWID;
