-- Private groups of the team hub this laptop removed because its person may not see them
-- (hub/hidden.rs): when the hub later lets the person see one again (the group opened to the
-- company, or the person moved to its department), the Team page offers to download the team's
-- data again, which alone brings its earlier tags back.
CREATE TABLE hub_forgotten_groups (
    group_uid    TEXT PRIMARY KEY,
    forgotten_at INTEGER NOT NULL
);
