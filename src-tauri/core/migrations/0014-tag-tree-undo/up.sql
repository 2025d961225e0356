-- What an operation on the tag tree (merging tags, deleting a node that customers hold, and
-- the undo of either) did to assignments and to references, kept under the operation so that
-- undoing it restores exactly what was there and a copy of the database elsewhere can replay it.
--
-- Per tag, change and provenance, the customers as a roaring bitmap (roaring::RoaringTreemap,
-- its portable serialisation): a tag held by 200,000 customers is a few kilobytes, where a row
-- per customer would cost as much again as the merge. `added` 1: the operation gave the tag to
-- these customers; 0: it took it away (with the provenance it had, which an undo puts back).
CREATE TABLE operation_tag_sets (
    operation_id INTEGER NOT NULL REFERENCES operations(id),
    tag_id       INTEGER NOT NULL,
    added        INTEGER NOT NULL CHECK (added IN (0, 1)),
    source       TEXT NOT NULL,
    source_ref   INTEGER,
    actor        TEXT NOT NULL,
    at           INTEGER NOT NULL,
    customers    BLOB NOT NULL
);
CREATE INDEX operation_tag_sets_operation ON operation_tag_sets(operation_id);
CREATE INDEX operation_tag_sets_tag ON operation_tag_sets(tag_id, operation_id);

-- Conditions of segments and rules an operation rewrote (a merge points them at the surviving
-- tag), as JSON text before and after.
CREATE TABLE operation_conditions (
    operation_id INTEGER NOT NULL REFERENCES operations(id),
    entity       TEXT NOT NULL CHECK (entity IN ('segment', 'rule')),
    entity_id    INTEGER NOT NULL,
    before       TEXT NOT NULL,
    after        TEXT NOT NULL,
    PRIMARY KEY (operation_id, entity, entity_id)
) WITHOUT ROWID;
