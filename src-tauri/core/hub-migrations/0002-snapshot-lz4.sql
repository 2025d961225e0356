-- Snapshot parts are whole database pages, 8 MB at a time: PostgreSQL's own compression
-- (pglz) spent most of an upload's time on them. lz4 compresses them as well at a fraction
-- of the cost; a server built without lz4 keeps pglz.
DO $$ BEGIN
    ALTER TABLE tagdesk_hub.snapshot_parts ALTER COLUMN bytes SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    NULL;
END $$;
