//! The numbered schema migrations. Shipped migrations are never edited: a change is a new
//! folder under `migrations/`.

use crate::error::{Error, Result};
use rusqlite::{Connection, Transaction};
use rusqlite_migration::{HookResult, Migrations, M};

mod deferred_keys;
mod event_uids;

const STEPS: &[&str] = &[
    include_str!("../../migrations/0001-init/up.sql"),
    include_str!("../../migrations/0002-search-stats-batches/up.sql"),
    include_str!("../../migrations/0003-customer-counter/up.sql"),
    include_str!("../../migrations/0004-batch-members/up.sql"),
    include_str!("../../migrations/0005-import-templates/up.sql"),
    include_str!("../../migrations/0006-rules/up.sql"),
    include_str!("../../migrations/0007-event-kinds/up.sql"),
    include_str!("../../migrations/0008-interrupted-work/up.sql"),
    include_str!("../../migrations/0009-event-source-keys/up.sql"),
    include_str!("../../migrations/0010-follow-up-work/up.sql"),
    include_str!("../../migrations/0011-operations/up.sql"),
    include_str!("../../migrations/0012-removed-records/up.sql"),
    include_str!("../../migrations/0013-operation-records/up.sql"),
    include_str!("../../migrations/0014-tag-tree-undo/up.sql"),
    include_str!("../../migrations/0015-deleted-customers/up.sql"),
    include_str!("../../migrations/0016-index-stamp/up.sql"),
    include_str!("../../migrations/0017-global-ids/up.sql"),
    include_str!("../../migrations/0018-team-customers/up.sql"),
    include_str!("../../migrations/0019-team-packs-clocks/up.sql"),
    include_str!("../../migrations/0020-team-records/up.sql"),
    include_str!("../../migrations/0021-rule-runs-exchange/up.sql"),
    include_str!("../../migrations/0022-external-id-index/up.sql"),
    include_str!("../../migrations/0023-own-pair-clocks/up.sql"),
    include_str!("../../migrations/0024-event-uids/up.sql"),
    include_str!("../../migrations/0025-node-places/up.sql"),
    include_str!("../../migrations/0026-tag-health/up.sql"),
    include_str!("../../migrations/0027-team-hub/up.sql"),
    include_str!("../../migrations/0028-hub-rights/up.sql"),
    include_str!("../../migrations/0029-hub-forgotten-groups/up.sql"),
    include_str!("../../migrations/0030-deferred-tag-keys/up.sql"),
];

/// The schema version this program writes and understands.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

fn migrations() -> Migrations<'static> {
    Migrations::new(
        STEPS
            .iter()
            .enumerate()
            .map(|(i, sql)| step(i, sql))
            .collect(),
    )
}

/// Step `index` (0-based): its SQL, and for a few the Rust that finishes them.
fn step(index: usize, sql: &'static str) -> M<'static> {
    match index {
        // 0024-event-uids: a copy already in a team gives its events their global ids.
        23 => M::up_with_hook(sql, |tx: &Transaction| -> HookResult {
            Ok(event_uids::give_in_team(tx)?)
        }),
        // 0030-deferred-tag-keys: the tables' texts are rewritten in place.
        29 => M::up_with_hook(sql, |tx: &Transaction| -> HookResult {
            Ok(deferred_keys::defer(tx)?)
        }),
        _ => M::up(sql),
    }
}

/// Brings the schema to [`SCHEMA_VERSION`] in one transaction per step.
pub(super) fn apply(conn: &mut Connection) -> Result<()> {
    migrations()
        .to_latest(conn)
        .map_err(|e| Error::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().expect("migrations validate");
    }

    #[test]
    fn the_event_uids_hook_finishes_the_step_that_adds_them() {
        assert!(super::STEPS[23].contains("team_event_clocks"));
    }
}
