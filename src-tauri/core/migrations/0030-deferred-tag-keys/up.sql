-- The foreign keys of assignments and the tag batches' tables become DEFERRABLE INITIALLY
-- DEFERRED: their table texts are rewritten by the step's Rust half
-- (src/db/migrations/deferred_keys.rs), which says why.
SELECT 1;
