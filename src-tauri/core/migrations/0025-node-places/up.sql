-- Every place a tag node was given by a move with a clock, own or received: replayed in clock
-- order, a move that would put a node beneath itself skipped, so every laptop ends with the
-- same tree whatever order the moves arrived in (docs/TEAM.md §4). Replaces team_node_moves,
-- which could undo only the one later move it found on the way up.
CREATE TABLE team_node_places (
    node_id       INTEGER NOT NULL,
    hlc           INTEGER NOT NULL,
    device        TEXT NOT NULL,
    -- The parent by uid: one not received yet is found when it arrives and the moves replay.
    parent_uid    TEXT,
    position      INTEGER NOT NULL,
    operation_uid TEXT NOT NULL,
    at            INTEGER NOT NULL,
    skipped       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (hlc, device, node_id)
) WITHOUT ROWID;

-- Where each moved node stood before its first move here: where a replay starts it from.
CREATE TABLE team_node_origins (
    node_id   INTEGER PRIMARY KEY,
    parent_id INTEGER,
    position  INTEGER NOT NULL
);

-- The moves team_node_moves knew are not in the log: a replay leaves those nodes where they
-- are, and starts them from there when they move again.
DROP TABLE team_node_moves;
