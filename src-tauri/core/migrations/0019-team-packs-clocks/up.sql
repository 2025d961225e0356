-- Sync packs and far-off clocks (docs/TEAM.md §5, §4).

-- Where each received operation stands in its device's numbering (the seq other devices count
-- their cursors in), so a sync pack can pass it on to a colleague who lacks it, in sections
-- per device by seq. Operations received before this migration have none and are not passed on.
ALTER TABLE received_operations ADD COLUMN device TEXT;
ALTER TABLE received_operations ADD COLUMN seq INTEGER;
CREATE INDEX received_operations_seq ON received_operations(device, seq) WHERE seq IS NOT NULL;

-- How far ahead of this laptop a device's clock was when its latest operations arrived (in
-- seconds, only when more than five minutes) and when that was seen: the Team page warns, the
-- operations are applied all the same.
ALTER TABLE team_devices ADD COLUMN clock_ahead INTEGER;
ALTER TABLE team_devices ADD COLUMN clock_ahead_seen_at INTEGER;
