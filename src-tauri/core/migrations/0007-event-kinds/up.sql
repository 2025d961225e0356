-- Declared event kinds: events name their kind by text (events.kind), and this table says which
-- kinds exist, what they mean, which property keys they carry and whether they are orders.
-- name_key is the name folded for comparison (NFKC + lower case), as for tag names.

CREATE TABLE event_kinds (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    properties  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(properties)),  -- JSON array of keys
    is_order    INTEGER NOT NULL DEFAULT 0 CHECK (is_order IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

INSERT INTO event_kinds(name, name_key, description, properties, is_order, created_at, updated_at) VALUES
    ('浏览定价页', '浏览定价页', '访问了价格页面', '[]', 0, unixepoch(), unixepoch()),
    ('下载报告', '下载报告', '下载了白皮书或报告', '[]', 0, unixepoch(), unixepoch()),
    ('下单', '下单', '一笔订单，金额为订单金额', '["product"]', 1, unixepoch(), unixepoch()),
    ('登录', '登录', '登录了产品', '[]', 0, unixepoch(), unixepoch()),
    ('打开邮件', '打开邮件', '打开了营销邮件', '[]', 0, unixepoch(), unixepoch());

-- Kinds already used by events are declared too, so no event is left with an unknown kind.
-- SQL has no NFKC; a plain lower case key is close enough for names already in use.
INSERT OR IGNORE INTO event_kinds(name, name_key, created_at, updated_at)
    SELECT kind, lower(trim(kind)), unixepoch(), unixepoch()
    FROM (SELECT DISTINCT kind FROM events WHERE trim(kind) <> '');
