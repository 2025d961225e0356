-- Business-line groups (有赞: 业务线标签): a group a department owns may also be private, seen
-- only by that department, admins and the owner. The hub sends nobody else anything about it:
-- no change in what they pull, and a join copy without it (docs/HUB.md, "Private groups").

ALTER TABLE tagdesk_hub.group_owners ADD COLUMN private boolean NOT NULL DEFAULT false;

-- The private groups a join copy leaves out, sorted: a member receives the copy that leaves out
-- exactly the groups hidden from them (copies made before this version left out none).
ALTER TABLE tagdesk_hub.snapshots ADD COLUMN hidden text[] NOT NULL DEFAULT '{}';

-- The private groups member m may not see, sorted by uid.
CREATE FUNCTION tagdesk_hub.hidden_groups(m tagdesk_hub.members) RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
    SELECT coalesce(array_agg(o.group_uid ORDER BY o.group_uid), '{}')
    FROM group_owners o
    WHERE o.private AND m.role NOT IN ('owner', 'admin')
      AND o.department IS DISTINCT FROM m.department
$$;

-- Those groups and every node beneath them (their tags), as the tree stands now.
CREATE FUNCTION tagdesk_hub.hidden_nodes(groups text[]) RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
    WITH RECURSIVE beneath(uid, depth) AS (
        SELECT n.uid, 1 FROM nodes n WHERE n.parent = ANY (groups)
        UNION ALL
        SELECT n.uid, b.depth + 1 FROM nodes n JOIN beneath b ON n.parent = b.uid
        WHERE b.depth < 64)
    SELECT groups || coalesce((SELECT array_agg(DISTINCT uid) FROM beneath), '{}')
$$;

-- Whether change c names one of the nodes `hidden`: a tag given or taken, a node changed or
-- placed in one, a merge from or into one, a segment or rule whose definition names one.
CREATE FUNCTION tagdesk_hub.touches(c jsonb, hidden text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(CASE c ->> 'type'
        WHEN 'tags' THEN c ->> 'tag' = ANY (hidden)
        WHEN 'tag_node' THEN c ->> 'node' = ANY (hidden)
            OR coalesce(c -> 'cells' -> 'place' ->> 0 = ANY (hidden), false)
        WHEN 'tag_merged' THEN c ->> 'from' = ANY (hidden) OR c ->> 'to' = ANY (hidden)
        WHEN 'record' THEN EXISTS (SELECT 1 FROM unnest(hidden) h WHERE strpos(c::text, h) > 0)
        ELSE false
    END, false)
$$;

-- Operation op without the changes that name a hidden node (an operation left with none still
-- comes, empty, so every device's operations keep following on without a gap).
CREATE FUNCTION tagdesk_hub.without_hidden(op jsonb, hidden text[]) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_set(op, '{changes}', coalesce((
        SELECT jsonb_agg(c ORDER BY n)
        FROM jsonb_array_elements(coalesce(op -> 'changes', '[]')) WITH ORDINALITY AS x(c, n)
        WHERE NOT tagdesk_hub.touches(c, hidden)), '[]'))
$$;

-- Operations after position p_after, oldest first, as the calling member may see them:
-- contacts masked for those without the right, changes in groups hidden from them left out.
CREATE OR REPLACE FUNCTION tagdesk_hub.pull(p_device text, p_after bigint, p_limit integer)
RETURNS TABLE (pos bigint, device text, seq bigint, payload text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := me();
    raw boolean := sees_contacts(m);
    hidden text[] := hidden_nodes(hidden_groups(m));
BEGIN
    UPDATE devices d SET last_pull_at = now(), pulled_pos = greatest(d.pulled_pos, p_after)
    WHERE d.device = p_device AND d.login = m.login;
    RETURN QUERY
        SELECT o.pos, o.device, o.seq,
               (CASE WHEN cardinality(hidden) = 0 THEN seen ELSE without_hidden(seen, hidden)
                END)::text
        FROM (SELECT o.pos, o.device, o.seq,
                     CASE WHEN raw THEN o.payload ELSE masked(o.payload) END AS seen
              FROM operations o WHERE o.pos > p_after ORDER BY o.pos LIMIT p_limit) o
        ORDER BY o.pos;
END $$;

-- Gives a group to a department (null: back to the whole company), private when only that
-- department may see it.
DROP FUNCTION tagdesk_hub.set_group_owner(text, text);
CREATE FUNCTION tagdesk_hub.set_group_owner(p_group text, p_department text, p_private boolean)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := require_admin();
BEGIN
    IF nullif(p_department, '') IS NULL THEN
        DELETE FROM group_owners WHERE group_uid = p_group;
    ELSE
        INSERT INTO group_owners(group_uid, department, private)
        VALUES (p_group, p_department, p_private)
        ON CONFLICT (group_uid) DO UPDATE SET department = excluded.department,
            private = excluded.private;
    END IF;
    INSERT INTO audit(login, action, detail)
    VALUES (m.login, 'group_owner', jsonb_build_object('group', p_group,
        'department', p_department, 'private', p_private AND nullif(p_department, '') IS NOT NULL));
END $$;

-- Every owned group, private ones too (by uid only: a member kept from one learns no more than
-- that it exists, and their app removes it from their laptop).
DROP FUNCTION tagdesk_hub.group_owners();
CREATE FUNCTION tagdesk_hub.group_owners()
RETURNS TABLE (group_uid text, department text, private boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
BEGIN
    PERFORM me();
    RETURN QUERY SELECT g.group_uid, g.department, g.private FROM group_owners g ORDER BY 1;
END $$;

-- Join copies.
DROP FUNCTION tagdesk_hub.snapshot_begin(text, bigint, bigint, boolean, integer);
CREATE FUNCTION tagdesk_hub.snapshot_begin(p_device text, p_seq bigint, p_pos bigint,
                                           p_masked boolean, p_hidden text[], p_parts integer)
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
    INSERT INTO snapshots(pos, masked, hidden, device, seq, parts)
    VALUES (p_pos, p_masked, p_hidden, p_device, p_seq, p_parts) RETURNING snapshots.id INTO id;
    RETURN id;
END $$;

-- Marks a copy whole once every part is there, and drops the older ones of its kind.
CREATE OR REPLACE FUNCTION tagdesk_hub.snapshot_finish(p_id bigint) RETURNS void
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
    DELETE FROM snapshots
    WHERE masked = s.masked AND hidden = s.hidden AND id <> p_id
      AND (complete OR made_at < now() - interval '1 day');
    INSERT INTO audit(login, device, action, detail)
    VALUES (m.login, s.device, 'snapshot',
            jsonb_build_object('pos', s.pos, 'masked', s.masked, 'hidden', s.hidden));
END $$;

-- The newest whole copy the calling member may receive: masked for a member without the
-- contacts right, without the groups hidden from them.
CREATE OR REPLACE FUNCTION tagdesk_hub.snapshot_newest()
RETURNS TABLE (id bigint, pos bigint, device text, seq bigint, parts integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := me();
BEGIN
    RETURN QUERY SELECT s.id, s.pos, s.device, s.seq, s.parts FROM snapshots s
        WHERE s.complete AND s.masked = NOT sees_contacts(m) AND s.hidden = hidden_groups(m)
        ORDER BY s.id DESC LIMIT 1;
END $$;

CREATE OR REPLACE FUNCTION tagdesk_hub.snapshot_get(p_id bigint, p_part integer) RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
DECLARE
    m members := me();
BEGIN
    RETURN (SELECT p.bytes FROM snapshot_parts p JOIN snapshots s ON s.id = p.snapshot
            WHERE p.snapshot = p_id AND p.part = p_part AND s.masked = NOT sees_contacts(m)
              AND s.hidden = hidden_groups(m));
END $$;

-- The kinds of join copy the team's members need (admins and the owner ask, to upload them):
-- as it is and masked always, and one without the groups hidden from each member who has any;
-- `present` when a whole one is there.
CREATE FUNCTION tagdesk_hub.snapshot_needs()
RETURNS TABLE (masked boolean, hidden text[], present boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
BEGIN
    PERFORM require_admin();
    RETURN QUERY
        SELECT k.masked, k.hidden,
               EXISTS (SELECT 1 FROM snapshots s WHERE s.complete AND s.masked = k.masked
                       AND s.hidden = k.hidden)
        FROM (SELECT false AS masked, '{}'::text[] AS hidden
              UNION SELECT true, '{}'::text[]
              UNION SELECT NOT sees_contacts(x), hidden_groups(x) FROM members x WHERE x.active
             ) k
        ORDER BY k.hidden, k.masked;
END $$;

REVOKE ALL ON FUNCTION tagdesk_hub.hidden_groups(tagdesk_hub.members),
    tagdesk_hub.hidden_nodes(text[]), tagdesk_hub.touches(jsonb, text[]),
    tagdesk_hub.without_hidden(jsonb, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION tagdesk_hub.set_group_owner(text, text, boolean),
    tagdesk_hub.group_owners(),
    tagdesk_hub.snapshot_begin(text, bigint, bigint, boolean, text[], integer),
    tagdesk_hub.snapshot_needs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tagdesk_hub.set_group_owner(text, text, boolean),
    tagdesk_hub.group_owners(),
    tagdesk_hub.snapshot_begin(text, bigint, bigint, boolean, text[], integer),
    tagdesk_hub.snapshot_needs()
TO tagdesk_member;
