-- Received tag changes are ordered against the clocks of every pair this copy wrote, by key.
-- Until now the copy's own pairs were found through its operations' batch members, which are
-- keyed by batch: each received change read every later batch (minutes for a week of a
-- team's work). Own operations now note their pairs when first worked out for the wire
-- (team/tag_pairs.rs `note_own`); these are the ones worked out before.
INSERT INTO team_pair_clocks(tag_id, customer_id, present, hlc, device)
SELECT m.tag_id, m.customer_id, m.action = 'add', o.hlc, o.device
FROM team_wire w
JOIN operations o ON o.id = w.operation_id
JOIN tag_batches b ON b.operation_id = o.id AND b.source IN ('manual', 'import')
JOIN tag_batch_members m ON m.batch_id = b.id
WHERE true
ON CONFLICT(tag_id, customer_id, present) DO UPDATE
SET hlc = excluded.hlc, device = excluded.device
WHERE excluded.hlc > hlc OR (excluded.hlc = hlc AND excluded.device > device);

-- A single-select set settles the open cases that dropped the tag it gives (inbox.rs
-- `settle_answered`), looked up by tag and customer instead of reading every open case.
CREATE INDEX team_inbox_single_select ON team_inbox(
    json_extract(detail, '$.dropped'), json_extract(detail, '$.customer'))
WHERE resolved_at IS NULL AND kind = 'single_select';
