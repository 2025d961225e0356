-- Moving a category carries every group beneath it: an editor may not move one that holds a
-- group another department owns (the window refuses it too). Deleting one already names each
-- node it removes, each checked on its own.

CREATE INDEX nodes_parent ON tagdesk_hub.nodes (parent);

-- Why member m may not move `node`: a group beneath it that m may not touch; null when none.
CREATE FUNCTION tagdesk_hub.owned_beneath_refusal(m tagdesk_hub.members, node text)
RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = tagdesk_hub, pg_temp AS $$
    WITH RECURSIVE beneath(uid, depth) AS (
        SELECT n.uid, 1 FROM nodes n WHERE n.parent = node
        UNION ALL
        SELECT n.uid, b.depth + 1 FROM nodes n JOIN beneath b ON n.parent = b.uid
        WHERE b.depth < 64)
    SELECT why FROM (
        SELECT group_refusal(m, o.group_uid) AS why
        FROM group_owners o JOIN beneath b ON b.uid = o.group_uid) found
    WHERE why IS NOT NULL LIMIT 1
$$;
REVOKE ALL ON FUNCTION tagdesk_hub.owned_beneath_refusal(tagdesk_hub.members, text) FROM PUBLIC;

-- Why member m may not push operation op ({"reason": code, …}), or null when they may.
CREATE OR REPLACE FUNCTION tagdesk_hub.refusal(m tagdesk_hub.members, op jsonb) RETURNS jsonb
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
                group_refusal(m, c -> 'cells' -> 'place' ->> 0),
                CASE WHEN c -> 'cells' ? 'place'
                     THEN owned_beneath_refusal(m, c ->> 'node') END)
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
