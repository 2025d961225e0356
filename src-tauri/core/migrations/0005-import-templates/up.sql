-- Saved column mappings for imports that come back every month ("会员月报"): the headers of
-- the file the mapping was made for and what each meant, so next month's file with the same
-- headers is mapped the same way. `columns` is a JSON array of {header, target} in file order.
CREATE TABLE import_templates (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,
    columns    TEXT NOT NULL CHECK (json_valid(columns)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
