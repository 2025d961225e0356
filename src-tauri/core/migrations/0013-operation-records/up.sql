-- What an operation wrote besides tags, so that undoing it takes everything back: an import's
-- new customers and new events, and the customers it changed with each one's record before.
-- An undo keeps the reverse under its own operation (the customers it deleted, the events it
-- removed, the records it wrote over), so it can be undone in turn (a redo).
--
-- Ids are roaring bitmaps (roaring::RoaringTreemap, its portable serialisation): a file's new
-- customers and events are runs of consecutive ids, a few bytes for 100,000 of them, where a
-- row per id would have added a tenth to a 100,000-row import. Only customers an operation
-- actually changed have a record before, in a table of their own; a file imported again that
-- changes nobody writes no row here at all.
CREATE TABLE operation_records (
    operation_id      INTEGER PRIMARY KEY REFERENCES operations(id),
    customers_added   BLOB,  -- customers it created or brought back: undoing deletes them (soft)
    customers_removed BLOB,  -- customers it deleted (soft): undoing brings them back
    customers_changed BLOB,  -- customers whose record it changed: see operation_customer_images
    events_added      BLOB,  -- events it added: undoing removes them into operation_removed_events
    events_removed    BLOB   -- events it removed (in operation_removed_events): undoing puts them back
);

-- A customer's record (attributes and custom values, JSON of customers::CustomerInput) as it
-- was before the operation changed it: what undoing the operation writes back.
CREATE TABLE operation_customer_images (
    operation_id INTEGER NOT NULL REFERENCES operations(id),
    customer_id  INTEGER NOT NULL,
    record       TEXT NOT NULL,
    PRIMARY KEY (operation_id, customer_id)
) WITHOUT ROWID;

-- The events an operation (an undo of an events import) removed, whole and with their ids,
-- for undoing it to put them back.
CREATE TABLE operation_removed_events (
    operation_id INTEGER NOT NULL REFERENCES operations(id),
    id           INTEGER NOT NULL,
    customer_id  INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    occurred_at  INTEGER NOT NULL,
    amount       REAL,
    properties   TEXT NOT NULL,
    source_key   INTEGER,
    PRIMARY KEY (operation_id, id)
) WITHOUT ROWID;
