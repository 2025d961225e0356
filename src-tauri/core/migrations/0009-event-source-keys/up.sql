-- Imported events remember which row of which kind of file they came from, so importing the
-- same file again adds nothing while two identical rows of one file stay two events (two
-- identical orders on one day are real). The key is made by the events import (see
-- src/import/events/identity.rs): a hash of the file's order/event id when an id column is
-- mapped, else of the row's cells, each with the row's rank among the file's rows sharing it.
-- NULL for events added by hand (never deduplicated) and events imported before this version.
-- The index is not UNIQUE: the import checks keys before writing, and a unique index's own
-- check on every insert slowed a 100,000-row import.
ALTER TABLE events ADD COLUMN source_key INTEGER;
CREATE INDEX events_source_key ON events(source_key) WHERE source_key IS NOT NULL;
