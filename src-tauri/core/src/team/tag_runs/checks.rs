//! The checks of a run (see the module above): its changes listed in temporary tables, then
//! which pairs each change still writes, decided for every change at once.

use super::RunOp;
use crate::error::Result;
use crate::team::outgoing::TRAVELLING_SOURCES;
use crate::team::touched;
use rusqlite::Transaction;
use std::collections::BTreeMap;

/// Lists the run's pairs (`temp.run_pairs`, by the change's number in the run), and notes the
/// customers as touched.
pub(super) fn fill(tx: &Transaction, ops: &[RunOp]) -> Result<()> {
    // Cached statements, not a batch: a week's exchange writes thousands of runs.
    for sql in [
        // Keyed by change for the writes; by pair for the single-select check's look at what
        // the same operation takes off.
        "CREATE TEMP TABLE IF NOT EXISTS run_pairs(
             change INTEGER NOT NULL, customer_id INTEGER NOT NULL, tag_id INTEGER NOT NULL,
             present INTEGER NOT NULL, grp INTEGER, hlc INTEGER NOT NULL, device TEXT NOT NULL,
             win INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (change, customer_id),
             UNIQUE (customer_id, tag_id)) WITHOUT ROWID",
        "CREATE TEMP TABLE IF NOT EXISTS run_batches(
             batch_id INTEGER PRIMARY KEY, change INTEGER NOT NULL, tag_id INTEGER NOT NULL,
             main INTEGER NOT NULL)",
        "DELETE FROM temp.run_pairs",
        "DELETE FROM temp.run_batches",
    ] {
        tx.prepare_cached(sql)?.execute([])?;
    }
    // One list of every pair with its change's fields: a list of changes joined to a list of
    // pairs cost a week's apply 92 ms against 82.
    let mut pairs = Vec::new();
    for (k, change) in ops.iter().flat_map(|o| &o.changes).enumerate() {
        for &customer in &change.customers {
            pairs.push(serde_json::json!([
                k,
                customer,
                change.tag.id,
                change.present,
                change.tag.group,
                change.hlc,
                change.device
            ]));
        }
    }
    tx.prepare_cached(
        "INSERT INTO temp.run_pairs(change, customer_id, tag_id, present, grp, hlc, device)
         SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6
         FROM json_each(?1)",
    )?
    .execute([serde_json::to_string(&pairs)?])?;
    touched::add_run_pairs(tx)
}

/// What the checks decided, per change (by its number in the run).
#[derive(Default)]
pub(super) struct Decided {
    /// The customers each change still writes, ascending.
    pub(super) winners: BTreeMap<i64, Vec<i64>>,
    /// Customers a later tag of the group kept the change's tag off: (customer, that tag).
    pub(super) overridden: BTreeMap<i64, Vec<(i64, i64)>>,
    /// Other tags of the group a given tag takes off: (customer, tag, given by a person).
    pub(super) held: BTreeMap<i64, Vec<(i64, i64, bool)>>,
}

/// The pair and single-select checks of `tag_pairs::apply`, for every change of the run at
/// once; keeps the run's pair clocks.
pub(super) fn decide(tx: &Transaction) -> Result<Decided> {
    // A later operation (by clock, then device) already wrote the pair: that write stands.
    tx.prepare_cached(
        "UPDATE temp.run_pairs AS p SET win = 0 WHERE EXISTS (
             SELECT 1 FROM team_pair_clocks c
             WHERE c.tag_id = p.tag_id AND c.customer_id = p.customer_id
               AND c.hlc >= p.hlc AND (c.hlc > p.hlc OR c.device > p.device))",
    )?
    .execute([])?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO team_pair_clocks(tag_id, customer_id, present, hlc, device)
         SELECT tag_id, customer_id, present, hlc, device FROM temp.run_pairs WHERE true
         ON CONFLICT(tag_id, customer_id, present) DO UPDATE
         SET hlc = excluded.hlc, device = excluded.device
         WHERE excluded.hlc > hlc OR (excluded.hlc = hlc AND excluded.device > device)",
    )?
    .execute([])?;
    let mut decided = Decided::default();
    // Given a tag of a single-select group after this change: each customer with the
    // highest-numbered such tag, as every laptop picks it.
    let overridden = tx
        .prepare_cached(
            "SELECT p.change, p.customer_id, max(s.id) FROM temp.run_pairs p
             CROSS JOIN tag_nodes s ON s.parent_id = p.grp AND s.id <> p.tag_id
             CROSS JOIN team_pair_clocks c
                 ON c.tag_id = s.id AND c.customer_id = p.customer_id AND c.present = 1
             WHERE p.win AND p.present AND c.hlc >= p.hlc AND (c.hlc > p.hlc OR c.device > p.device)
             GROUP BY p.change, p.customer_id ORDER BY p.change, p.customer_id",
        )?
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<(i64, i64, i64)>>>()?;
    if !overridden.is_empty() {
        let lost: Vec<(i64, i64)> = overridden.iter().map(|&(k, c, _)| (k, c)).collect();
        tx.prepare_cached(
            "UPDATE temp.run_pairs SET win = 0
             WHERE (change, customer_id) IN (SELECT value->>0, value->>1 FROM json_each(?1))",
        )?
        .execute([serde_json::to_string(&lost)?])?;
    }
    for (k, customer, kept) in overridden {
        decided
            .overridden
            .entry(k)
            .or_default()
            .push((customer, kept));
    }
    // The group's other tags the winners hold, but for one the same operation takes off
    // (looked for among the tags held, not among every other tag of the group).
    let held = tx
        .prepare_cached(&format!(
            "SELECT p.change, p.customer_id, a.tag_id, a.source IN {TRAVELLING_SOURCES}
             FROM temp.run_pairs p
             CROSS JOIN tag_nodes s ON s.parent_id = p.grp AND s.id <> p.tag_id
             CROSS JOIN assignments a ON a.customer_id = p.customer_id AND a.tag_id = s.id
             WHERE p.win AND p.present AND NOT EXISTS (
                 SELECT 1 FROM temp.run_pairs r
                 WHERE r.customer_id = p.customer_id AND r.tag_id = a.tag_id
                   AND r.win AND r.present = 0)
             ORDER BY p.change, a.tag_id, p.customer_id"
        ))?
        .query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<(i64, i64, i64, bool)>>>()?;
    for (k, customer, other, chosen) in held {
        decided
            .held
            .entry(k)
            .or_default()
            .push((customer, other, chosen));
    }
    let winners = tx
        .prepare_cached(
            "SELECT change, customer_id FROM temp.run_pairs WHERE win ORDER BY change, customer_id",
        )?
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (k, customer) in winners {
        decided.winners.entry(k).or_default().push(customer);
    }
    Ok(decided)
}
