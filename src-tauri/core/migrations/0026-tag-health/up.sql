-- Tag health (issue 19): when each tag was last used, which tags a team marks as core, and
-- quick reads of a tag's last assignment change.

-- The last time a segment, rule, pinned board, import template or export named a node (a tag,
-- or a group for templates and group conditions), kept from this version on. One row per node
-- and kind, moved forward by the code path that used it (a statement per use, not per customer).
CREATE TABLE tag_usage (
    node_id      INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('segment', 'rule', 'board', 'import_template', 'export')),
    last_used_at INTEGER NOT NULL,
    PRIMARY KEY (node_id, kind)
) WITHOUT ROWID;

-- The core tag pool: the 10–20 tags a team reviews first and keeps a full dictionary for.
ALTER TABLE tag_nodes ADD COLUMN core INTEGER NOT NULL DEFAULT 0 CHECK (core IN (0, 1));

-- A tag's last change: its newest batch, and its newest history row (merges, deletions and
-- imports write there), each one index probe per tag instead of a scan of the table.
CREATE INDEX tag_batches_tag ON tag_batches(tag_id, at);
CREATE INDEX tag_history_tag ON tag_history(tag_id, at);

-- Uses are recorded from here on: the health page says since when.
INSERT OR IGNORE INTO meta(key, value) VALUES ('tag_usage_since', CAST(unixepoch() AS TEXT));
