-- SQLite keeps no row count: counting a million customers is a full scan (~90 ms). The number
-- of live (not deleted) customers is kept here by triggers instead.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO counters(name, value)
SELECT 'live_customers', count(*) FROM customers WHERE deleted_at IS NULL;

CREATE TRIGGER customers_live_insert AFTER INSERT ON customers WHEN NEW.deleted_at IS NULL
BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'live_customers';
END;

CREATE TRIGGER customers_live_delete AFTER DELETE ON customers WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE counters SET value = value - 1 WHERE name = 'live_customers';
END;

CREATE TRIGGER customers_live_soft_delete AFTER UPDATE OF deleted_at ON customers
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
    UPDATE counters SET value = value + CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END
    WHERE name = 'live_customers';
END;
