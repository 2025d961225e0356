-- The team hub, version 1 (docs/HUB.md). Everything lives in the schema tagdesk_hub, owned by
-- the login that set the hub up. Members log in as their own PostgreSQL roles, which may only
-- run the functions below: the tables are out of their reach, so the checks in the functions
-- (membership, role, group rights, masking) cannot be gone around. The functions run as the
-- owner (SECURITY DEFINER) and name the member by session_user.

CREATE TABLE tagdesk_hub.meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

-- A person of the team: the PostgreSQL role they log in as, what they may do, their department
-- (the owner of a group's department may edit it alone, with admins and the owner).
CREATE TABLE tagdesk_hub.members (
    login      text PRIMARY KEY,
    person     text NOT NULL,
    role       text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
    department text,
    active     boolean NOT NULL DEFAULT true,
    added_at   timestamptz NOT NULL DEFAULT now()
);

-- Whether a role sees phone numbers and e-mail addresses; those who do not get them masked
-- (138****5678) in everything the hub sends them.
CREATE TABLE tagdesk_hub.role_rights (
    role          text PRIMARY KEY,
    sees_contacts boolean NOT NULL
);
INSERT INTO tagdesk_hub.role_rights VALUES
    ('owner', true), ('admin', true), ('editor', true), ('viewer', false);

-- Groups a department owns (市场部 owns 营销渠道): only its members, admins and the owner may
-- give their tags or change them. Other groups are the whole company's.
CREATE TABLE tagdesk_hub.group_owners (
    group_uid  text PRIMARY KEY,
    department text NOT NULL
);

-- The tag tree's shape as pushed operations left it (node → parent), to know which group a tag
-- given in an operation belongs to.
CREATE TABLE tagdesk_hub.nodes (
    uid    text PRIMARY KEY,
    parent text
);

-- The one row every push locks: positions are handed out under it, so a push that took
-- positions commits before the next push can take any, and a reader never sees position n+1
-- before position n (a plain sequence can commit out of order).
CREATE TABLE tagdesk_hub.order_counter (
    id   integer PRIMARY KEY CHECK (id = 1),
    last bigint NOT NULL
);
INSERT INTO tagdesk_hub.order_counter VALUES (1, 0);

-- Every accepted operation, in the order the hub accepted them, once each (by uid).
CREATE TABLE tagdesk_hub.operations (
    pos       bigint PRIMARY KEY,
    uid       text NOT NULL UNIQUE,
    device    text NOT NULL,
    seq       bigint NOT NULL,
    login     text NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    payload   jsonb NOT NULL
);

-- Operations refused, with why: the author's app shows them in its conflict inbox.
CREATE TABLE tagdesk_hub.rejections (
    uid     text PRIMARY KEY,
    device  text NOT NULL,
    seq     bigint NOT NULL,
    login   text NOT NULL,
    reason  text NOT NULL,
    detail  jsonb NOT NULL DEFAULT '{}',
    at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tagdesk_hub.devices (
    device       text PRIMARY KEY,
    login        text NOT NULL,
    name         text NOT NULL,
    person       text NOT NULL,
    app_version  text NOT NULL,
    last_push_at timestamptz,
    last_pull_at timestamptz,
    pulled_pos   bigint NOT NULL DEFAULT 0
);

-- Whole copies of the team's database for joiners, uploaded by a device in parts; one with
-- contacts and one masked, so a joiner without the right never receives a raw phone.
CREATE TABLE tagdesk_hub.snapshots (
    id       bigserial PRIMARY KEY,
    pos      bigint NOT NULL,
    masked   boolean NOT NULL,
    device   text NOT NULL,
    seq      bigint NOT NULL,
    parts    integer NOT NULL,
    complete boolean NOT NULL DEFAULT false,
    made_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE tagdesk_hub.snapshot_parts (
    snapshot bigint NOT NULL REFERENCES tagdesk_hub.snapshots ON DELETE CASCADE,
    part     integer NOT NULL,
    bytes    bytea NOT NULL,
    PRIMARY KEY (snapshot, part)
);

-- Who did what, when, from which device.
CREATE TABLE tagdesk_hub.audit (
    id     bigserial PRIMARY KEY,
    at     timestamptz NOT NULL DEFAULT now(),
    login  text NOT NULL,
    device text,
    action text NOT NULL,
    detail jsonb NOT NULL DEFAULT '{}'
);

-- ---------------------------------------------------------------------------------------------
-- Who is calling.

-- The calling member, or an error the app words ("you are not a member of this team").
CREATE FUNCTION tagdesk_hub.me() RETURNS tagdesk_hub.members
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m tagdesk_hub.members;
BEGIN
    SELECT * INTO m FROM members WHERE login = session_user AND active;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'hub_not_member' USING ERRCODE = 'TD001';
    END IF;
    RETURN m;
END $$;

CREATE FUNCTION tagdesk_hub.require_admin() RETURNS tagdesk_hub.members
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m tagdesk_hub.members := me();
BEGIN
    IF m.role NOT IN ('owner', 'admin') THEN
        RAISE EXCEPTION 'hub_needs_admin' USING ERRCODE = 'TD002';
    END IF;
    RETURN m;
END $$;

CREATE FUNCTION tagdesk_hub.sees_contacts(m tagdesk_hub.members) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
    SELECT coalesce((SELECT sees_contacts FROM role_rights WHERE role = m.role), false)
$$;

-- What the app shows about the hub and the person: the team, the version, the role.
CREATE FUNCTION tagdesk_hub.whoami()
RETURNS TABLE (team_id text, team_name text, version integer, login text, person text,
               role text, department text, sees_contacts boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := me();
BEGIN
    RETURN QUERY SELECT
        (SELECT value FROM meta WHERE key = 'team_id'),
        (SELECT value FROM meta WHERE key = 'team_name'),
        (SELECT value::integer FROM meta WHERE key = 'version'),
        m.login, m.person, m.role, m.department, sees_contacts(m);
END $$;

-- ---------------------------------------------------------------------------------------------
-- Rights.

-- The group a node belongs to as far as rights go: a tag's group, a group itself.
CREATE FUNCTION tagdesk_hub.group_of(node text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
    SELECT CASE
        WHEN EXISTS (SELECT 1 FROM group_owners WHERE group_uid = node) THEN node
        ELSE (SELECT parent FROM nodes WHERE uid = node)
    END
$$;

-- Why member m may not touch group g, or null when they may.
CREATE FUNCTION tagdesk_hub.group_refusal(m tagdesk_hub.members, g text) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
    SELECT jsonb_build_object('reason', 'hub_group_owned', 'group', o.group_uid,
                              'department', o.department)
    FROM group_owners o
    WHERE o.group_uid = g AND m.role NOT IN ('owner', 'admin')
      AND o.department IS DISTINCT FROM m.department
$$;

-- Why member m may not push operation op ({"reason": code, …}), or null when they may.
CREATE FUNCTION tagdesk_hub.refusal(m tagdesk_hub.members, op jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    c jsonb;
    why jsonb;
BEGIN
    IF m.role = 'viewer' THEN
        RETURN jsonb_build_object('reason', 'hub_viewer_read_only');
    END IF;
    FOR c IN SELECT value FROM jsonb_array_elements(coalesce(op -> 'changes', '[]')) LOOP
        why := CASE c ->> 'type'
            WHEN 'tags' THEN group_refusal(m, group_of(c ->> 'tag'))
            WHEN 'tag_node' THEN coalesce(
                group_refusal(m, group_of(c ->> 'node')),
                group_refusal(m, c -> 'cells' -> 'place' ->> 0))
            WHEN 'tag_merged' THEN coalesce(
                group_refusal(m, group_of(c ->> 'from')),
                group_refusal(m, group_of(c ->> 'to')))
            WHEN 'record' THEN CASE
                WHEN c ->> 'entity' IN ('rule', 'custom_field', 'event_kind', 'rfm_settings',
                                        'lifecycle_settings')
                     AND m.role NOT IN ('owner', 'admin')
                THEN jsonb_build_object('reason', 'hub_needs_admin', 'entity', c ->> 'entity')
            END
        END;
        IF why IS NOT NULL THEN
            RETURN why;
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Push and pull.

-- Takes a device's operations ([{uid, seq, payload}], payload the operation as JSON) and
-- returns, for each, the position the hub gave it (now or at an earlier push of the same
-- uid: retries are harmless) or why it was refused.
CREATE FUNCTION tagdesk_hub.push(p_device text, p_name text, p_app_version text, p_ops jsonb)
RETURNS TABLE (uid text, pos bigint, refusal jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := me();
    next_pos bigint;
    item jsonb;
    why jsonb;
    accepted integer := 0;
BEGIN
    SELECT last INTO next_pos FROM order_counter WHERE id = 1 FOR UPDATE;
    INSERT INTO devices(device, login, name, person, app_version, last_push_at)
    VALUES (p_device, m.login, p_name, m.person, p_app_version, now())
    ON CONFLICT (device) DO UPDATE SET login = excluded.login, name = excluded.name,
        person = excluded.person, app_version = excluded.app_version, last_push_at = now();
    FOR item IN SELECT value FROM jsonb_array_elements(p_ops) LOOP
        uid := item ->> 'uid';
        SELECT o.pos INTO pos FROM operations o WHERE o.uid = item ->> 'uid';
        IF FOUND THEN
            refusal := NULL;
            RETURN NEXT;
            CONTINUE;
        END IF;
        SELECT r.detail || jsonb_build_object('reason', r.reason) INTO refusal
        FROM rejections r WHERE r.uid = item ->> 'uid';
        IF FOUND THEN
            pos := NULL;
            RETURN NEXT;
            CONTINUE;
        END IF;
        why := refusal(m, item -> 'payload');
        IF why IS NOT NULL THEN
            INSERT INTO rejections(uid, device, seq, login, reason, detail)
            VALUES (item ->> 'uid', p_device, (item ->> 'seq')::bigint, m.login,
                    why ->> 'reason', why - 'reason');
            INSERT INTO audit(login, device, action, detail)
            VALUES (m.login, p_device, 'refused',
                    jsonb_build_object('uid', item ->> 'uid', 'why', why,
                                       'kind', item -> 'payload' ->> 'kind'));
            pos := NULL;
            refusal := why;
            RETURN NEXT;
            CONTINUE;
        END IF;
        next_pos := next_pos + 1;
        INSERT INTO operations(pos, uid, device, seq, login, payload)
        VALUES (next_pos, item ->> 'uid', p_device, (item ->> 'seq')::bigint, m.login,
                item -> 'payload');
        PERFORM learn_tree(item -> 'payload');
        INSERT INTO audit(login, device, action, detail)
        VALUES (m.login, p_device, 'pushed',
                jsonb_build_object('uid', item ->> 'uid', 'pos', next_pos,
                                   'kind', item -> 'payload' ->> 'kind',
                                   'changes', jsonb_array_length(
                                       coalesce(item -> 'payload' -> 'changes', '[]'))));
        accepted := accepted + 1;
        pos := next_pos;
        refusal := NULL;
        RETURN NEXT;
    END LOOP;
    UPDATE order_counter SET last = next_pos WHERE id = 1;
    IF accepted > 0 THEN
        PERFORM pg_notify('tagdesk_hub', next_pos::text);
    END IF;
END $$;

-- Keeps the tree's shape from an accepted operation's node changes.
CREATE FUNCTION tagdesk_hub.learn_tree(op jsonb) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
    INSERT INTO nodes(uid, parent)
    SELECT c ->> 'node', c -> 'cells' -> 'place' ->> 0
    FROM jsonb_array_elements(coalesce(op -> 'changes', '[]')) AS x(c)
    WHERE c ->> 'type' = 'tag_node' AND c -> 'cells' ? 'place'
    ON CONFLICT (uid) DO UPDATE SET parent = excluded.parent
$$;

-- The tree's shape as a snapshot holds it (the owner's or an admin's app sends it with each
-- snapshot): the nodes made before the hub existed never came in an operation.
CREATE FUNCTION tagdesk_hub.learn_nodes(p_nodes jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
BEGIN
    PERFORM require_admin();
    INSERT INTO nodes(uid, parent)
    SELECT n ->> 'uid', n ->> 'parent' FROM jsonb_array_elements(p_nodes) AS x(n)
    ON CONFLICT (uid) DO UPDATE SET parent = excluded.parent;
END $$;

-- A phone or e-mail as a member without the right sees it: 138****5678, z***@example.com.
CREATE FUNCTION tagdesk_hub.mask(v text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN v IS NULL THEN NULL
        WHEN position('@' IN v) > 1 THEN left(v, 1) || '***' || substr(v, position('@' IN v))
        WHEN length(v) >= 7 THEN left(v, 3) || '****' || right(v, 4)
        ELSE '****'
    END
$$;

-- The customer fields that hold contacts.
CREATE FUNCTION tagdesk_hub.contact_cells() RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$ SELECT ARRAY['phone', 'email'] $$;

-- An operation as a member without the contacts right receives it: contact cells masked, and
-- customer creations not offered for merging by contact (masked values would match people
-- who only share the visible digits).
CREATE FUNCTION tagdesk_hub.masked(op jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_set(op, '{changes}', coalesce((
        SELECT jsonb_agg(CASE
            WHEN c ->> 'type' = 'customer' AND c ? 'cells' THEN
                (c - 'merge') || jsonb_build_object('cells', (
                    SELECT jsonb_object_agg(k, CASE
                        WHEN k = ANY (tagdesk_hub.contact_cells()) AND jsonb_typeof(v) = 'string'
                        THEN to_jsonb(tagdesk_hub.mask(v #>> '{}'))
                        ELSE v END)
                    FROM jsonb_each(c -> 'cells') AS e(k, v)))
            ELSE c END ORDER BY n)
        FROM jsonb_array_elements(op -> 'changes') WITH ORDINALITY AS x(c, n)), '[]'))
$$;

-- Operations after position p_after, oldest first, as the calling member may see them.
CREATE FUNCTION tagdesk_hub.pull(p_device text, p_after bigint, p_limit integer)
RETURNS TABLE (pos bigint, device text, seq bigint, payload text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := me();
    raw boolean := sees_contacts(m);
BEGIN
    UPDATE devices d SET last_pull_at = now(), pulled_pos = greatest(d.pulled_pos, p_after)
    WHERE d.device = p_device AND d.login = m.login;
    RETURN QUERY
        SELECT o.pos, o.device, o.seq,
               (CASE WHEN raw THEN o.payload ELSE masked(o.payload) END)::text
        FROM operations o WHERE o.pos > p_after ORDER BY o.pos LIMIT p_limit;
END $$;

-- The refusals of a device's own operations, for its inbox.
CREATE FUNCTION tagdesk_hub.my_refusals(p_device text)
RETURNS TABLE (uid text, reason text, detail jsonb, at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := me();
BEGIN
    RETURN QUERY SELECT r.uid, r.reason, r.detail, r.at FROM rejections r
        WHERE r.device = p_device AND r.login = m.login ORDER BY r.at;
END $$;

CREATE FUNCTION tagdesk_hub.devices()
RETURNS TABLE (device text, name text, person text, last_push_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
BEGIN
    PERFORM me();
    RETURN QUERY SELECT d.device, d.name, d.person, d.last_push_at FROM devices d
        ORDER BY d.device;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Snapshots.

CREATE FUNCTION tagdesk_hub.snapshot_begin(p_device text, p_seq bigint, p_pos bigint,
                                           p_masked boolean, p_parts integer)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := me();
    id bigint;
BEGIN
    -- Joiners start from it: only those trusted with the whole team's data make one.
    IF m.role NOT IN ('owner', 'admin') OR NOT sees_contacts(m) THEN
        RAISE EXCEPTION 'hub_needs_admin' USING ERRCODE = 'TD002';
    END IF;
    INSERT INTO snapshots(pos, masked, device, seq, parts)
    VALUES (p_pos, p_masked, p_device, p_seq, p_parts) RETURNING snapshots.id INTO id;
    RETURN id;
END $$;

CREATE FUNCTION tagdesk_hub.snapshot_put(p_id bigint, p_part integer, p_bytes bytea)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
BEGIN
    PERFORM require_admin();
    INSERT INTO snapshot_parts VALUES (p_id, p_part, p_bytes)
    ON CONFLICT (snapshot, part) DO UPDATE SET bytes = excluded.bytes;
END $$;

-- Marks a snapshot whole once every part is there, and drops the older ones of its kind.
CREATE FUNCTION tagdesk_hub.snapshot_finish(p_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := me();
    s snapshots;
BEGIN
    SELECT * INTO s FROM snapshots WHERE id = p_id;
    IF (SELECT count(*) FROM snapshot_parts WHERE snapshot = p_id) <> s.parts THEN
        RAISE EXCEPTION 'hub_snapshot_incomplete' USING ERRCODE = 'TD004';
    END IF;
    UPDATE snapshots SET complete = true WHERE id = p_id;
    DELETE FROM snapshots WHERE masked = s.masked AND id <> p_id AND (complete OR made_at < now() - interval '1 day');
    INSERT INTO audit(login, device, action, detail)
    VALUES (m.login, s.device, 'snapshot', jsonb_build_object('pos', s.pos, 'masked', s.masked));
END $$;

-- The newest whole snapshot the calling member may receive: the masked one for a member
-- without the contacts right.
CREATE FUNCTION tagdesk_hub.snapshot_newest()
RETURNS TABLE (id bigint, pos bigint, device text, seq bigint, parts integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := me();
BEGIN
    RETURN QUERY SELECT s.id, s.pos, s.device, s.seq, s.parts FROM snapshots s
        WHERE s.complete AND s.masked = NOT sees_contacts(m)
        ORDER BY s.id DESC LIMIT 1;
END $$;

CREATE FUNCTION tagdesk_hub.snapshot_get(p_id bigint, p_part integer) RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := me();
BEGIN
    RETURN (SELECT p.bytes FROM snapshot_parts p JOIN snapshots s ON s.id = p.snapshot
            WHERE p.snapshot = p_id AND p.part = p_part AND s.masked = NOT sees_contacts(m));
END $$;

-- ---------------------------------------------------------------------------------------------
-- Members and rights (admins and the owner).

CREATE FUNCTION tagdesk_hub.add_member(p_login text, p_password text, p_person text,
                                       p_role text, p_department text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := require_admin();
BEGIN
    IF p_role = 'owner' THEN
        RAISE EXCEPTION 'hub_one_owner' USING ERRCODE = 'TD005';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_login, p_password);
    ELSE
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', p_login, p_password);
    END IF;
    EXECUTE format('GRANT tagdesk_member TO %I', p_login);
    INSERT INTO members(login, person, role, department)
    VALUES (p_login, p_person, p_role, nullif(p_department, ''))
    ON CONFLICT (login) DO UPDATE SET person = excluded.person, role = excluded.role,
        department = excluded.department, active = true;
    INSERT INTO audit(login, action, detail)
    VALUES (m.login, 'member_added', jsonb_build_object('member', p_login, 'role', p_role,
                                                        'department', p_department));
END $$;

CREATE FUNCTION tagdesk_hub.set_member(p_login text, p_role text, p_department text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := require_admin();
BEGIN
    IF p_role = 'owner' OR (SELECT role FROM members WHERE login = p_login) = 'owner' THEN
        RAISE EXCEPTION 'hub_one_owner' USING ERRCODE = 'TD005';
    END IF;
    UPDATE members SET role = p_role, department = nullif(p_department, '')
    WHERE login = p_login;
    INSERT INTO audit(login, action, detail)
    VALUES (m.login, 'member_changed', jsonb_build_object('member', p_login, 'role', p_role,
                                                          'department', p_department));
END $$;

-- Takes a member out of the team at once: they can no longer log in, their open connections
-- are closed, and every function refuses them from the next call on.
CREATE FUNCTION tagdesk_hub.remove_member(p_login text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := require_admin();
BEGIN
    IF (SELECT role FROM members WHERE login = p_login) = 'owner' THEN
        RAISE EXCEPTION 'hub_one_owner' USING ERRCODE = 'TD005';
    END IF;
    UPDATE members SET active = false WHERE login = p_login;
    EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
    -- Closing their open connections needs a right the hub's owner may lack (pg_signal_backend);
    -- without it they stay open, but every call on them is refused all the same.
    BEGIN
        PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = p_login;
    EXCEPTION WHEN insufficient_privilege THEN
        NULL;
    END;
    INSERT INTO audit(login, action, detail)
    VALUES (m.login, 'member_removed', jsonb_build_object('member', p_login));
END $$;

CREATE FUNCTION tagdesk_hub.members()
RETURNS TABLE (login text, person text, role text, department text, active boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
BEGIN
    PERFORM me();
    RETURN QUERY SELECT x.login, x.person, x.role, x.department, x.active FROM members x
        ORDER BY x.role = 'owner' DESC, x.person;
END $$;

-- Gives a group to a department (null: back to the whole company).
CREATE FUNCTION tagdesk_hub.set_group_owner(p_group text, p_department text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := require_admin();
BEGIN
    IF nullif(p_department, '') IS NULL THEN
        DELETE FROM group_owners WHERE group_uid = p_group;
    ELSE
        INSERT INTO group_owners VALUES (p_group, p_department)
        ON CONFLICT (group_uid) DO UPDATE SET department = excluded.department;
    END IF;
    INSERT INTO audit(login, action, detail)
    VALUES (m.login, 'group_owner', jsonb_build_object('group', p_group,
                                                       'department', p_department));
END $$;

CREATE FUNCTION tagdesk_hub.group_owners()
RETURNS TABLE (group_uid text, department text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
BEGIN
    PERFORM me();
    RETURN QUERY SELECT g.group_uid, g.department FROM group_owners g ORDER BY 1;
END $$;

-- The audit trail after entry p_after, newest last (admins and the owner).
CREATE FUNCTION tagdesk_hub.audit_after(p_after bigint, p_limit integer)
RETURNS TABLE (id bigint, at timestamptz, login text, device text, action text, detail text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
BEGIN
    PERFORM require_admin();
    RETURN QUERY SELECT a.id, a.at, a.login, a.device, a.action, a.detail::text FROM audit a
        WHERE a.id > p_after ORDER BY a.id LIMIT p_limit;
END $$;

-- Members run the functions and nothing else.
REVOKE ALL ON ALL TABLES IN SCHEMA tagdesk_hub FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tagdesk_hub FROM PUBLIC;
GRANT USAGE ON SCHEMA tagdesk_hub TO tagdesk_member;
GRANT EXECUTE ON FUNCTION
    tagdesk_hub.whoami(), tagdesk_hub.push(text, text, text, jsonb),
    tagdesk_hub.pull(text, bigint, integer), tagdesk_hub.my_refusals(text),
    tagdesk_hub.devices(), tagdesk_hub.snapshot_begin(text, bigint, bigint, boolean, integer),
    tagdesk_hub.snapshot_put(bigint, integer, bytea), tagdesk_hub.snapshot_finish(bigint),
    tagdesk_hub.learn_nodes(jsonb),
    tagdesk_hub.snapshot_newest(), tagdesk_hub.snapshot_get(bigint, integer),
    tagdesk_hub.add_member(text, text, text, text, text),
    tagdesk_hub.set_member(text, text, text), tagdesk_hub.remove_member(text),
    tagdesk_hub.members(), tagdesk_hub.set_group_owner(text, text),
    tagdesk_hub.group_owners(), tagdesk_hub.audit_after(bigint, integer)
TO tagdesk_member;
