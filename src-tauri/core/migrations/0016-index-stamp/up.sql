-- Whether the segment index saved beside the database (`<file>.tagdesk-index`) still matches
-- it. Saving the index writes a fresh random stamp into the file and here, and clears `dirty`;
-- any change to what the index holds sets `dirty` again, from any connection or program, so an
-- index saved before a change (or before a crash that lost the save) is never used: it is
-- rebuilt from the tables instead.
CREATE TABLE index_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    stamp INTEGER NOT NULL DEFAULT 0,
    dirty INTEGER NOT NULL DEFAULT 1 CHECK (dirty IN (0, 1))
);
INSERT INTO index_state(id) VALUES (1);

-- Only the first change after a save writes: the WHEN clause is a read of one row.

CREATE TRIGGER index_state_customers_insert AFTER INSERT ON customers
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_customers_update AFTER UPDATE ON customers
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_customers_delete AFTER DELETE ON customers
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_custom_values_insert AFTER INSERT ON custom_values
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_custom_values_update AFTER UPDATE ON custom_values
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_custom_values_delete AFTER DELETE ON custom_values
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_assignments_insert AFTER INSERT ON assignments
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_assignments_update AFTER UPDATE ON assignments
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_assignments_delete AFTER DELETE ON assignments
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_events_insert AFTER INSERT ON events
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_events_update AFTER UPDATE ON events
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_events_delete AFTER DELETE ON events
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_tag_nodes_insert AFTER INSERT ON tag_nodes
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_tag_nodes_update AFTER UPDATE OF parent_id, kind, weight, deleted_at ON tag_nodes
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_tag_nodes_delete AFTER DELETE ON tag_nodes
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_custom_fields_insert AFTER INSERT ON custom_fields
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_custom_fields_update AFTER UPDATE ON custom_fields
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;

CREATE TRIGGER index_state_custom_fields_delete AFTER DELETE ON custom_fields
WHEN (SELECT dirty FROM index_state) = 0
BEGIN UPDATE index_state SET dirty = 1; END;
