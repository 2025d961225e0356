-- A tagging batch records who it changed as a compact member list, appended in batch order,
-- instead of one tag_history row per customer: a row in a per-customer index costs a scattered
-- page write, and a bulk operation on 200,000 customers made 200,000 of them. A customer's
-- history is the union of tag_history (single changes outside batches: merges, deletions,
-- imports) and the batches that list them.
CREATE TABLE tag_batch_members (
    batch_id    INTEGER NOT NULL REFERENCES tag_batches(id),
    customer_id INTEGER NOT NULL,
    tag_id      INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('add', 'remove')),
    PRIMARY KEY (batch_id, customer_id, tag_id)
) WITHOUT ROWID;

ALTER TABLE tag_batches ADD COLUMN source_ref INTEGER;

-- Batches written before this version kept their changes in tag_history; carry them over.
INSERT OR IGNORE INTO tag_batch_members(batch_id, customer_id, tag_id, action)
SELECT batch_id, customer_id, tag_id, action FROM tag_history WHERE batch_id IS NOT NULL;
DELETE FROM tag_history WHERE batch_id IS NOT NULL;
