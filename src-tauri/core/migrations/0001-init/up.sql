-- Schema v1 of TagDesk. Times are unix seconds (INTEGER) so windows over millions of
-- events compare integers; calendar dates the user types (birthday) are 'YYYY-MM-DD' text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE customers (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    phone         TEXT,
    email         TEXT,
    company       TEXT,
    job_title     TEXT,
    industry      TEXT,
    province      TEXT,
    city          TEXT,
    source        TEXT,
    customer_type TEXT CHECK (customer_type IN ('b2b', 'b2c')),
    level         TEXT,
    gender        TEXT CHECK (gender IN ('male', 'female', 'other')),
    birthday      TEXT,
    notes         TEXT,
    external_id   TEXT UNIQUE,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
CREATE INDEX customers_phone ON customers(phone) WHERE phone IS NOT NULL;
CREATE INDEX customers_email ON customers(email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX customers_created ON customers(created_at);

CREATE TABLE custom_fields (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date', 'single_choice', 'multi_choice')),
    options    TEXT NOT NULL DEFAULT '[]',  -- JSON array of choices
    position   INTEGER NOT NULL DEFAULT 0,
    archived   INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at INTEGER NOT NULL
);

CREATE TABLE custom_values (
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    field_id    INTEGER NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,
    value       TEXT NOT NULL,
    PRIMARY KEY (customer_id, field_id)
) WITHOUT ROWID;
CREATE INDEX custom_values_field ON custom_values(field_id, value);

-- One tree: categories (dimensions, topics) hold groups or tags; groups hold tags.
-- name_key is the name folded for comparison (NFKC + lower case) so "VIP" and "ＶＩＰ" clash.
CREATE TABLE tag_nodes (
    id               INTEGER PRIMARY KEY,
    parent_id        INTEGER REFERENCES tag_nodes(id),
    kind             TEXT NOT NULL CHECK (kind IN ('category', 'group', 'tag')),
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key         TEXT NOT NULL,
    select_mode      TEXT CHECK (select_mode IN ('single', 'multi')),
    color            TEXT,
    meaning          TEXT,
    value_range      TEXT,
    update_frequency TEXT,
    owner            TEXT,
    scope            TEXT,
    weight           REAL NOT NULL DEFAULT 0,
    origin           TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'automatic')),
    position         INTEGER NOT NULL DEFAULT 0,
    archived_at      INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id),
    CHECK ((kind = 'group') = (select_mode IS NOT NULL))
);
CREATE UNIQUE INDEX tag_nodes_sibling_name ON tag_nodes(ifnull(parent_id, 0), name_key);
CREATE INDEX tag_nodes_parent ON tag_nodes(parent_id);

-- Current tags of each customer. Keyed by tag first: filters and counts read by tag.
CREATE TABLE assignments (
    tag_id      INTEGER NOT NULL REFERENCES tag_nodes(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    source      TEXT NOT NULL CHECK (source IN ('manual', 'import', 'rule', 'rfm', 'lifecycle', 'sync')),
    source_ref  INTEGER,          -- rule id when source = 'rule'
    actor       TEXT NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (tag_id, customer_id)
) WITHOUT ROWID;
CREATE INDEX assignments_customer ON assignments(customer_id, tag_id);

-- Append-only: every add and remove, never rewritten.
CREATE TABLE tag_history (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tag_nodes(id),
    action      TEXT NOT NULL CHECK (action IN ('add', 'remove')),
    source      TEXT NOT NULL,
    source_ref  INTEGER,
    actor       TEXT NOT NULL,
    at          INTEGER NOT NULL,
    batch_id    INTEGER,
    note        TEXT
);
CREATE INDEX tag_history_customer ON tag_history(customer_id, at);
CREATE INDEX tag_history_batch ON tag_history(batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    amount      REAL,
    properties  TEXT NOT NULL DEFAULT '{}'  -- JSON object
);
CREATE INDEX events_customer_time ON events(customer_id, occurred_at);
CREATE INDEX events_kind_time ON events(kind, occurred_at);

CREATE TABLE segments (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('dynamic', 'static')),
    condition  TEXT NOT NULL,     -- JSON condition tree
    pinned     INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    frozen_at  INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE segment_members (
    segment_id  INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    PRIMARY KEY (segment_id, customer_id)
) WITHOUT ROWID;

CREATE TABLE segment_counts (
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (segment_id, day)
) WITHOUT ROWID;

CREATE TABLE rules (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    owner      TEXT,
    priority   INTEGER NOT NULL DEFAULT 0,
    enabled    INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    condition  TEXT NOT NULL,     -- JSON condition tree
    action     TEXT NOT NULL,     -- JSON action
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    detail    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log(at);
