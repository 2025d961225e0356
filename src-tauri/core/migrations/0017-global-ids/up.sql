-- Global ids for the records a team exchanges (docs/TEAM.md §2). Local integer ids differ
-- between the laptops of a team; an operation sent to another laptop names records by `uid`,
-- 128 random bits in hex, made once where the record is created and never changed.
--
-- Writers that create many rows (an import's customers) set the uid in their INSERT; the
-- triggers give one to any row created without it, so no other writer has to know.
ALTER TABLE customers ADD COLUMN uid TEXT;
ALTER TABLE tag_nodes ADD COLUMN uid TEXT;
ALTER TABLE custom_fields ADD COLUMN uid TEXT;
ALTER TABLE event_kinds ADD COLUMN uid TEXT;
ALTER TABLE segments ADD COLUMN uid TEXT;
ALTER TABLE rules ADD COLUMN uid TEXT;

UPDATE customers SET uid = lower(hex(randomblob(16)));
UPDATE tag_nodes SET uid = lower(hex(randomblob(16)));
UPDATE custom_fields SET uid = lower(hex(randomblob(16)));
UPDATE event_kinds SET uid = lower(hex(randomblob(16)));
UPDATE segments SET uid = lower(hex(randomblob(16)));
UPDATE rules SET uid = lower(hex(randomblob(16)));

CREATE UNIQUE INDEX customers_uid ON customers(uid);
CREATE UNIQUE INDEX tag_nodes_uid ON tag_nodes(uid);
CREATE UNIQUE INDEX custom_fields_uid ON custom_fields(uid);
CREATE UNIQUE INDEX event_kinds_uid ON event_kinds(uid);
CREATE UNIQUE INDEX segments_uid ON segments(uid);
CREATE UNIQUE INDEX rules_uid ON rules(uid);

CREATE TRIGGER customers_uid AFTER INSERT ON customers WHEN NEW.uid IS NULL
BEGIN UPDATE customers SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER tag_nodes_uid AFTER INSERT ON tag_nodes WHEN NEW.uid IS NULL
BEGIN UPDATE tag_nodes SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER custom_fields_uid AFTER INSERT ON custom_fields WHEN NEW.uid IS NULL
BEGIN UPDATE custom_fields SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER event_kinds_uid AFTER INSERT ON event_kinds WHEN NEW.uid IS NULL
BEGIN UPDATE event_kinds SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER segments_uid AFTER INSERT ON segments WHEN NEW.uid IS NULL
BEGIN UPDATE segments SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
CREATE TRIGGER rules_uid AFTER INSERT ON rules WHEN NEW.uid IS NULL
BEGIN UPDATE rules SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;

-- A record that became another (tag A merged into B, one customer created on two laptops):
-- a change that names `from_uid` lands on `to_uid`. Only ever grows.
CREATE TABLE uid_aliases (
    entity   TEXT NOT NULL,
    from_uid TEXT NOT NULL,
    to_uid   TEXT NOT NULL,
    PRIMARY KEY (entity, from_uid)
) WITHOUT ROWID;

-- Operations received from other devices, by uid: a file read twice applies nothing twice.
-- `payload` keeps the operation as it came (its changes), to pass on in a sync pack. One this
-- app cannot read (a newer format) is kept with `pending` saying why, and no operation.
CREATE TABLE received_operations (
    uid          TEXT PRIMARY KEY,
    operation_id INTEGER REFERENCES operations(id),
    payload      TEXT NOT NULL,
    pending      TEXT
) WITHOUT ROWID;

-- The latest clock of each received tag change per (customer, tag, add or remove), whether it
-- wrote or not: a change that lost to a later one, or found the pair already as it said,
-- leaves no batch member, yet later changes are still ordered against it (and a later add of
-- another tag of a single-select group overrides an earlier one even if it was then removed),
-- as on the laptops where it did write. Local operations are found through their batches.
CREATE TABLE team_pair_clocks (
    tag_id      INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    present     INTEGER NOT NULL CHECK (present IN (0, 1)),
    hlc         INTEGER NOT NULL,
    device      TEXT NOT NULL,
    PRIMARY KEY (tag_id, customer_id, present)
) WITHOUT ROWID;

-- What an exchange could not apply as it came, kept with the reason until someone decides:
-- a single-select group that two devices set differently at the same time (the later tag was
-- kept), a change naming a customer or tag this copy does not know (yet), ...
CREATE TABLE team_inbox (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    operation_uid TEXT NOT NULL,
    detail        TEXT NOT NULL,   -- JSON: the uids and values of the case
    at            INTEGER NOT NULL,
    resolved_at   INTEGER,
    resolution    TEXT
);
CREATE INDEX team_inbox_open ON team_inbox(id) WHERE resolved_at IS NULL;

-- This copy's place in a team, when it belongs to one: the team, its folder (the
-- TagDesk-<name>-<id> folder inside the shared folder), who this laptop is, and where its own
-- operations start (the ones before came with the team's snapshot and never travel).
CREATE TABLE team (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    team_id            TEXT NOT NULL,
    name               TEXT NOT NULL,
    folder             TEXT NOT NULL,
    device_name        TEXT NOT NULL,
    person             TEXT NOT NULL,
    joined_at          INTEGER NOT NULL,
    first_operation_id INTEGER NOT NULL,
    written_seq        INTEGER NOT NULL DEFAULT 0,
    last_exchange_at   INTEGER
);

-- This device's operations numbered in the order they go out: seq counts from 1 without gaps,
-- which is what the other devices' cursors count.
CREATE TABLE team_outbox (
    seq          INTEGER PRIMARY KEY,
    operation_id INTEGER NOT NULL UNIQUE REFERENCES operations(id)
);

-- The other devices: who they are (from their device.json) and how far this copy has applied
-- each (the last seq), updated in the transaction that applies their operations.
CREATE TABLE team_devices (
    device           TEXT PRIMARY KEY,
    name             TEXT NOT NULL DEFAULT '',
    person           TEXT NOT NULL DEFAULT '',
    applied_seq      INTEGER NOT NULL DEFAULT 0,
    received         INTEGER NOT NULL DEFAULT 0,
    last_received_at INTEGER
) WITHOUT ROWID;
