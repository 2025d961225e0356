-- One history of operations. Every change a person or the app makes is one operation: a bulk
-- tag, a rules run, an import, an edit. Tagging operations own their batches (tag_batches /
-- tag_batch_members / tag_batch_removed say exactly which customer-tag pairs changed and what
-- was there before), which is what undo reverses and what a later team exchange replays.
--
-- `uid` is stable across copies of the database (device id and clock), `hlc` a hybrid logical
-- clock (milliseconds × 65536 + a counter) that orders operations across devices, `id` the
-- local order.
CREATE TABLE operations (
    id        INTEGER PRIMARY KEY,
    uid       TEXT NOT NULL UNIQUE,
    device    TEXT NOT NULL,
    hlc       INTEGER NOT NULL,
    author    TEXT NOT NULL,
    kind      TEXT NOT NULL,     -- see operations::OperationKind
    source    TEXT NOT NULL,     -- manual | import | rule | rfm | lifecycle | sync
    at        INTEGER NOT NULL,  -- unix seconds, for people
    customers INTEGER NOT NULL DEFAULT 0,  -- customers whose tags or records it changed
    tags      INTEGER NOT NULL DEFAULT 0,  -- tags it gave or took
    entity    TEXT,              -- for edits: customer | tag_node | segment | rule | ...
    entity_id INTEGER,
    detail    TEXT NOT NULL DEFAULT '{}',  -- JSON: the parameters (tag, file, rules, target …)
    undoes    INTEGER REFERENCES operations(id),
    undone_by INTEGER REFERENCES operations(id)
);
CREATE INDEX operations_author ON operations(author, id);
CREATE INDEX operations_kind ON operations(kind, id);
CREATE INDEX operations_at ON operations(at);
CREATE INDEX operations_hlc ON operations(hlc);

ALTER TABLE tag_batches ADD COLUMN operation_id INTEGER REFERENCES operations(id);

-- The batches before this version each become an operation of their own, keeping their ids.
INSERT INTO operations(id, uid, device, hlc, author, kind, source, at, customers, tags, detail, undoes, undone_by)
SELECT b.id, 'legacy-' || b.id, '', b.at * 1000 * 65536 + b.id % 65536, b.actor,
       CASE
           WHEN b.action = 'undo' THEN 'undo'
           WHEN b.source = 'rule' THEN 'rules_run'
           WHEN b.source = 'rfm' THEN 'rfm_run'
           WHEN b.source = 'lifecycle' THEN 'lifecycle_run'
           WHEN b.source = 'import' THEN 'import_customers'
           WHEN b.action = 'remove' THEN 'tag_remove'
           ELSE 'tag_add'
       END,
       b.source, b.at, b.changed, 1, json_object('tag_id', b.tag_id), b.undoes, b.undone_by
FROM tag_batches b;
UPDATE tag_batches SET operation_id = id;
CREATE INDEX tag_batches_operation ON tag_batches(operation_id);
