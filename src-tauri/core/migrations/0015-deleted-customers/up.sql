-- The deleted customers alone, usually few: an exact search count takes the full-text index's
-- count of entries (deleted customers keep theirs, for restoring) and subtracts the deleted
-- customers that match, found here instead of by probing a million rows.
CREATE INDEX customers_deleted ON customers(id) WHERE deleted_at IS NOT NULL;
