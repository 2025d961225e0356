-- Schema v2: fast search, maintained tag counts, and undoable tagging batches.

-- Substring search over name, phone, email and company for fragments of 3+ characters.
-- Contentless: the core writes the text (fields joined by U+001F) and deletes by rowid.
CREATE VIRTUAL TABLE customer_search USING fts5(
    body, tokenize = 'trigram', content = '', contentless_delete = 1
);

-- Short fragments (1–2 characters, e.g. the surname 王): every CJK character is its own token,
-- other words stay whole, so a short query is a phrase or prefix query here.
CREATE VIRTUAL TABLE customer_chars USING fts5(
    body, tokenize = 'unicode61', content = '', contentless_delete = 1
);

-- Customers per tag, so the whole tree's counts are one small read. Tagging code adjusts it
-- batch by batch (a per-row trigger would double the cost of bulk tagging); soft deletes
-- adjust it by trigger. Soft-deleted customers do not count.
CREATE TABLE tag_stats (
    tag_id INTEGER PRIMARY KEY REFERENCES tag_nodes(id) ON DELETE CASCADE,
    customers INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER customers_count_soft_delete AFTER UPDATE OF deleted_at ON customers
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
    UPDATE tag_stats
    SET customers = customers + CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END
    WHERE tag_id IN (SELECT tag_id FROM assignments WHERE customer_id = NEW.id);
END;

INSERT INTO tag_stats(tag_id, customers)
SELECT a.tag_id, count(*) FROM assignments a JOIN customers c ON c.id = a.customer_id
WHERE c.deleted_at IS NULL GROUP BY a.tag_id;

-- Every tagging operation (one customer or two hundred thousand) is a batch; the last one
-- can be undone. History rows carry the batch id.
CREATE TABLE tag_batches (
    id        INTEGER PRIMARY KEY,
    action    TEXT NOT NULL CHECK (action IN ('add', 'remove', 'undo')),
    tag_id    INTEGER NOT NULL REFERENCES tag_nodes(id),
    source    TEXT NOT NULL,
    actor     TEXT NOT NULL,
    at        INTEGER NOT NULL,
    changed   INTEGER NOT NULL,
    undoes    INTEGER REFERENCES tag_batches(id),
    undone_by INTEGER REFERENCES tag_batches(id)
);

-- Assignments a batch took away (removed, or replaced in a single-select group), with their
-- original provenance, so undo can put them back exactly as they were.
CREATE TABLE tag_batch_removed (
    batch_id    INTEGER NOT NULL REFERENCES tag_batches(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    source      TEXT NOT NULL,
    source_ref  INTEGER,
    actor       TEXT NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (batch_id, tag_id, customer_id)
) WITHOUT ROWID;

-- Sorting the customer list by a column reads its index instead of sorting a million rows.
CREATE INDEX customers_name ON customers(name);
CREATE INDEX customers_company ON customers(company);
CREATE INDEX customers_city ON customers(city);
CREATE INDEX customers_level ON customers(level);
CREATE INDEX customers_source ON customers(source);
CREATE INDEX customers_updated ON customers(updated_at);

-- A deleted tag that history still names stays as a row (hidden from the tree); a merged tag
-- points at the tag that absorbed it.
ALTER TABLE tag_nodes ADD COLUMN deleted_at INTEGER;
ALTER TABLE tag_nodes ADD COLUMN merged_into INTEGER REFERENCES tag_nodes(id);
