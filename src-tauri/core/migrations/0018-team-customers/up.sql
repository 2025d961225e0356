-- Customers and the tag tree travel between a team's laptops (docs/TEAM.md §4): each field of a
-- customer or tag node, and whether it exists, is its own last-writer-wins key.

-- The clock of the change that last wrote each (customer, field), own or received: a received
-- change writes only when it is later. `field` is an attribute's key (city), `custom:<field
-- uid>` for a custom value, or `_alive` for created / deleted / restored.
CREATE TABLE team_cell_clocks (
    customer_id INTEGER NOT NULL,
    field       TEXT NOT NULL,
    hlc         INTEGER NOT NULL,
    device      TEXT NOT NULL,
    PRIMARY KEY (customer_id, field)
) WITHOUT ROWID;

-- Which creation holds each identity key (a normalised phone, email or external id, as
-- 'phone:…'): the earliest creation by (hlc, device) among those that may be merged. A later
-- creation on another laptop with the same key is the same customer (its uid an alias).
CREATE TABLE team_identity (
    key    TEXT PRIMARY KEY,
    uid    TEXT NOT NULL,
    hlc    INTEGER NOT NULL,
    device TEXT NOT NULL
) WITHOUT ROWID;

-- This device's operations as they travel, worked out once (the first exchange or pack that
-- needs one) and never again: the customer fields an operation sends are read from the rows,
-- so a second reading after later edits could differ from what the team already received.
CREATE TABLE team_wire (
    operation_id INTEGER PRIMARY KEY REFERENCES operations(id),
    payload      TEXT NOT NULL
);

-- The same for the tag tree: the clock of the change that last wrote each (tag node, field),
-- `_alive` for created / deleted / restored, `place` for its parent and position.
CREATE TABLE team_node_clocks (
    node_id INTEGER NOT NULL,
    field   TEXT NOT NULL,
    hlc     INTEGER NOT NULL,
    device  TEXT NOT NULL,
    PRIMARY KEY (node_id, field)
) WITHOUT ROWID;

-- Where each node stood before the move that put it where it is (JSON [parent uid, position]):
-- when an earlier move arrives that, with that later one, would make a cycle, the later move
-- is the one skipped, and the node goes back there.
CREATE TABLE team_node_moves (
    node_id INTEGER PRIMARY KEY,
    before  TEXT NOT NULL
);
