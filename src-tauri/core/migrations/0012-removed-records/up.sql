-- What a removal took away, kept while the history can still bring it back: the values
-- customers held in a custom field removed (deleted, or its creation undone), and the events of
-- an event kind removed. Undoing the removal brings the field or kind back with its id and
-- moves these rows back; ids of fields and kinds are never given again (see
-- operations::edits_records), so the rows of one removed record cannot mix with another's.
CREATE TABLE removed_custom_values (
    field_id    INTEGER NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    value       TEXT NOT NULL,
    PRIMARY KEY (field_id, customer_id)
) WITHOUT ROWID;

CREATE TABLE removed_events (
    id          INTEGER PRIMARY KEY,  -- the event's own id, given back with it
    kind_id     INTEGER NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    amount      REAL,
    properties  TEXT NOT NULL,
    source_key  INTEGER
);
CREATE INDEX removed_events_kind ON removed_events(kind_id);
