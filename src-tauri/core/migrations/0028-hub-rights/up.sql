-- What the team hub last said about this person and the groups departments own, kept so the
-- window can disable what the hub would refuse (and say why) while offline too. The hub stays
-- the authority: it checks every push again.
ALTER TABLE team_hub ADD COLUMN department TEXT;

CREATE TABLE hub_group_owners (
    group_uid  TEXT PRIMARY KEY,
    department TEXT NOT NULL,
    -- A business line's group: seen only by that department (with admins and the owner).
    private    INTEGER NOT NULL DEFAULT 0
);
