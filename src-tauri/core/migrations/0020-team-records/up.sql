-- Custom fields, event kinds, segments and rules travel between a team's laptops (docs/TEAM.md §1).

-- A record's uid outlives its row: a record deleted and brought back by an undo has its id
-- again, and must have its uid again, and a deletion travels under the uid the record had.
CREATE TABLE record_uids(
    entity TEXT NOT NULL,
    id INTEGER NOT NULL,
    uid TEXT NOT NULL,
    PRIMARY KEY (entity, id)
) WITHOUT ROWID;
INSERT INTO record_uids SELECT 'custom_field', id, uid FROM custom_fields;
INSERT INTO record_uids SELECT 'event_kind', id, uid FROM event_kinds;
INSERT INTO record_uids SELECT 'segment', id, uid FROM segments;
INSERT INTO record_uids SELECT 'rule', id, uid FROM rules;

DROP TRIGGER custom_fields_uid;
DROP TRIGGER event_kinds_uid;
DROP TRIGGER segments_uid;
DROP TRIGGER rules_uid;

-- A new row gets the uid its id had (an undone deletion) or a new one, unless it came with one
-- (a record received from another laptop); either way the pair is kept.
CREATE TRIGGER custom_fields_uid AFTER INSERT ON custom_fields BEGIN
    UPDATE custom_fields SET uid = coalesce(
        (SELECT uid FROM record_uids WHERE entity = 'custom_field' AND id = NEW.id),
        lower(hex(randomblob(16))))
    WHERE id = NEW.id AND NEW.uid IS NULL;
    INSERT OR REPLACE INTO record_uids
    SELECT 'custom_field', id, uid FROM custom_fields WHERE id = NEW.id;
END;
CREATE TRIGGER event_kinds_uid AFTER INSERT ON event_kinds BEGIN
    UPDATE event_kinds SET uid = coalesce(
        (SELECT uid FROM record_uids WHERE entity = 'event_kind' AND id = NEW.id),
        lower(hex(randomblob(16))))
    WHERE id = NEW.id AND NEW.uid IS NULL;
    INSERT OR REPLACE INTO record_uids
    SELECT 'event_kind', id, uid FROM event_kinds WHERE id = NEW.id;
END;
CREATE TRIGGER segments_uid AFTER INSERT ON segments BEGIN
    UPDATE segments SET uid = coalesce(
        (SELECT uid FROM record_uids WHERE entity = 'segment' AND id = NEW.id),
        lower(hex(randomblob(16))))
    WHERE id = NEW.id AND NEW.uid IS NULL;
    INSERT OR REPLACE INTO record_uids SELECT 'segment', id, uid FROM segments WHERE id = NEW.id;
END;
CREATE TRIGGER rules_uid AFTER INSERT ON rules BEGIN
    UPDATE rules SET uid = coalesce(
        (SELECT uid FROM record_uids WHERE entity = 'rule' AND id = NEW.id),
        lower(hex(randomblob(16))))
    WHERE id = NEW.id AND NEW.uid IS NULL;
    INSERT OR REPLACE INTO record_uids SELECT 'rule', id, uid FROM rules WHERE id = NEW.id;
END;
CREATE TRIGGER custom_fields_uid_kept AFTER UPDATE OF uid ON custom_fields BEGIN
    INSERT OR REPLACE INTO record_uids VALUES ('custom_field', NEW.id, NEW.uid);
END;
CREATE TRIGGER event_kinds_uid_kept AFTER UPDATE OF uid ON event_kinds BEGIN
    INSERT OR REPLACE INTO record_uids VALUES ('event_kind', NEW.id, NEW.uid);
END;
CREATE TRIGGER segments_uid_kept AFTER UPDATE OF uid ON segments BEGIN
    INSERT OR REPLACE INTO record_uids VALUES ('segment', NEW.id, NEW.uid);
END;
CREATE TRIGGER rules_uid_kept AFTER UPDATE OF uid ON rules BEGIN
    INSERT OR REPLACE INTO record_uids VALUES ('rule', NEW.id, NEW.uid);
END;

-- The clock of the change that last wrote each declared record (whole: a later save of a
-- segment or rule replaces it) or the RFM / lifecycle settings (record_id 1), by entity.
CREATE TABLE team_record_clocks(
    record_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    hlc INTEGER NOT NULL,
    device TEXT NOT NULL,
    PRIMARY KEY (record_id, field)
) WITHOUT ROWID;
