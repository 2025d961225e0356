-- Imported events remember which row of which kind of file they came from, so importing the
-- same file again adds nothing while two identical rows of one file stay two events (two
-- identical orders on one day are real). The key is made by the events import (see
-- src/import/events/identity.rs): from the file's order/event id column when one is mapped,
-- else from the row's cells, each with the row's rank among the file's rows that share it.
-- NULL for events added by hand (never deduplicated) and events imported before this version.
ALTER TABLE events ADD COLUMN source_key TEXT;
CREATE UNIQUE INDEX events_source_key ON events(source_key) WHERE source_key IS NOT NULL;
