//! Runs of small received tag changes applied together (docs/BENCHMARKS.md, team exchange,
//! session 18). A week of a team's work is mostly operations that give or take a tag for one
//! to three customers; applied one by one (`tag_pairs::apply`), each cost about 25 statements.
//! Consecutive ones that touch different (customer, tag) keys are taken into a run instead:
//! each keeps its own operation row, batches and received row, so history, undo and the inbox
//! see exactly what applying them one by one gives, while the pair clocks, the later-writer
//! checks, the single-select checks and the batch writes are a few statements for the whole run.
//!
//! Why the result is the same: within a run no two operations touch the same key — the
//! (customer, tag) pair, or for a tag of a single-select group the (customer, group) — and
//! every check a received tag change makes reads only its own keys (the pair clocks of its
//! tag, the clocks and assignments of the group's other tags for its customers). So the
//! operations of a run do not see each other, and in which order they are written does not
//! matter; within one operation, removals are still written before additions.

use super::clocks::{self, Record, ALIVE};
use super::inbox::{self, Case};
use super::outgoing::TRAVELLING_SOURCES;
use super::tag_pairs::{single_select_group, uid_of};
use super::wire::{Change, WireOperation};
use super::{ids, touched};
use crate::error::Result;
use crate::operations::{self, Made};
use crate::provenance::{BatchAction, ChangeSource};
use crate::tagging::TagSource;
use rusqlite::{params, Transaction};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Operations naming more customers than this are applied alone (`tag_pairs::apply`): a bulk
/// tag is a few statements already, and its checks pick their own plans by size.
const SMALL: usize = 1_000;

/// The received operations taken so far, not yet written.
#[derive(Default)]
pub(super) struct Run {
    ops: Vec<RunOp>,
    /// (customer, tag or its single-select group) of every change taken.
    keys: HashSet<(i64, i64)>,
    /// Whether a change taken gives a tag of a single-select group: then writing the run may
    /// open or settle inbox cases.
    asks: bool,
    /// The tags looked up for this run, by the uid a change named (`None`: not applied in a
    /// run). Only operations outside runs change tags, and they end the run first.
    tags: HashMap<String, Option<Tag>>,
}

#[derive(Clone)]
struct Tag {
    id: i64,
    group: Option<i64>,
    /// The clock of its last deletion or restore.
    alive: Option<(i64, String)>,
}

struct RunOp {
    id: i64,
    uid: String,
    author: String,
    at: i64,
    changes: Vec<RunChange>,
}

struct RunChange {
    tag_uid: String,
    tag: Tag,
    present: bool,
    source: TagSource,
    hlc: i64,
    device: String,
    /// Local ids, ascending, each once.
    customers: Vec<i64>,
}

impl Run {
    /// Takes `op` into the run when it is only small tag changes of tags and customers this copy
    /// has (writing its operation and received rows now, the rest at [`Run::flush`]); returns
    /// false, taking nothing, when it must be applied alone. One touching a key already in the
    /// run first writes the run.
    pub fn take(
        &mut self,
        tx: &Transaction,
        op: &WireOperation,
        text: &str,
        seq: Option<(&str, i64)>,
    ) -> Result<bool> {
        let Some(changes) = self.changes_of(tx, op)? else {
            return Ok(false);
        };
        let keys = keys_of(&changes);
        if keys.iter().any(|k| self.keys.contains(k)) {
            self.flush(tx)?;
        }
        self.keys.extend(keys);
        self.asks |= changes.iter().any(|c| c.present && c.tag.group.is_some());
        let made = Made {
            uid: &op.uid,
            device: &op.device,
            hlc: op.hlc,
            author: &op.author,
            at: op.at,
        };
        let id = operations::insert_received(tx, op.kind, op.source, &made)?;
        super::incoming::keep_received(tx, &op.uid, id, text, seq)?;
        self.ops.push(RunOp {
            id,
            uid: op.uid.clone(),
            author: op.author.clone(),
            at: op.at,
            changes,
        });
        Ok(true)
    }

    /// `op`'s changes as a run holds them, removals first; `None` when it is not for a run.
    fn changes_of(
        &mut self,
        tx: &Transaction,
        op: &WireOperation,
    ) -> Result<Option<Vec<RunChange>>> {
        let mut named = 0;
        let mut changes = Vec::new();
        for change in &op.changes {
            let Change::Tags {
                tag,
                present,
                source,
                customers,
            } = change
            else {
                return Ok(None);
            };
            named += customers.len();
            if named > SMALL {
                return Ok(None);
            }
            // A tag deleted or restored after the change, or not here: the inbox, alone.
            let Some(found) = self.tag(tx, tag)? else {
                return Ok(None);
            };
            if found
                .alive
                .as_ref()
                .is_some_and(|(hlc, device)| op.clock() < (*hlc, device.as_str()))
            {
                return Ok(None);
            }
            let Some(customers) = customer_ids(tx, customers)? else {
                return Ok(None);
            };
            changes.push(RunChange {
                tag_uid: tag.clone(),
                tag: found,
                present: *present,
                source: match source {
                    ChangeSource::Import => TagSource::Import,
                    _ => TagSource::Manual,
                },
                hlc: op.hlc,
                device: op.device.clone(),
                customers,
            });
        }
        if changes.is_empty() || !independent(&changes) {
            return Ok(None);
        }
        // As `incoming::apply_one` orders them: a single-select set took the group's other tag
        // off in the same operation, before giving this one.
        changes.sort_by_key(|c| c.present);
        Ok(Some(changes))
    }

    fn tag(&mut self, tx: &Transaction, uid: &str) -> Result<Option<Tag>> {
        if let Some(tag) = self.tags.get(uid) {
            return Ok(tag.clone());
        }
        let tag = match ids::live_tag_id(tx, uid)? {
            Some(id) => Some(Tag {
                id,
                group: single_select_group(tx, id)?,
                alive: clocks::stored(tx, Record::TagNode, id, ALIVE)?,
            }),
            None => None,
        };
        self.tags.insert(uid.to_string(), tag.clone());
        Ok(tag)
    }

    /// Applies `op`, which the run did not take, by `apply_one`: while the run is still open
    /// when `op` only edits customers' fields (a fifth of a week's work), which neither reads
    /// nor writes anything the run does; else after writing the run. Such an edit that opens an
    /// inbox case while the run may open some too is undone and applied after the run, so the
    /// cases stay in the order operations were applied.
    pub fn apply_beside(
        &mut self,
        tx: &Transaction,
        op: &WireOperation,
        apply_one: impl Fn() -> Result<()>,
    ) -> Result<()> {
        if self.ops.is_empty() || !edits_fields_only(op) {
            self.flush(tx)?;
            return apply_one();
        }
        if !self.asks {
            return apply_one();
        }
        let newest = inbox::newest(tx)?;
        tx.prepare_cached("SAVEPOINT beside_run")?.execute([])?;
        apply_one()?;
        if inbox::newest(tx)? == newest {
            tx.prepare_cached("RELEASE beside_run")?.execute([])?;
            return Ok(());
        }
        tx.prepare_cached("ROLLBACK TO beside_run")?.execute([])?;
        tx.prepare_cached("RELEASE beside_run")?.execute([])?;
        self.flush(tx)?;
        apply_one()
    }

    /// Writes the run's changes, and empties it.
    pub fn flush(&mut self, tx: &Transaction) -> Result<()> {
        self.keys.clear();
        self.tags.clear();
        self.asks = false;
        if self.ops.is_empty() {
            return Ok(());
        }
        let ops = std::mem::take(&mut self.ops);
        fill(tx, &ops)?;
        let winners = decide(tx)?;
        let batches = open_batches(tx, &ops, &winners)?;
        write(tx, &batches)?;
        let ids: Vec<i64> = ops.iter().map(|o| o.id).collect();
        operations::close_received(tx, &serde_json::to_string(&ids)?)
    }
}

/// Whether `op` only edits fields of customers (no creation, deletion or merge): it touches
/// no tag, and tells nothing about tags.
fn edits_fields_only(op: &WireOperation) -> bool {
    op.changes.iter().all(|c| {
        matches!(
            c,
            Change::Customer {
                alive: None,
                merge: false,
                ..
            }
        )
    })
}

/// The (customer, key) pairs of an operation's changes: the tag, or its single-select group.
fn keys_of(changes: &[RunChange]) -> HashSet<(i64, i64)> {
    changes
        .iter()
        .flat_map(|c| {
            let key = c.tag.group.unwrap_or(c.tag.id);
            c.customers.iter().map(move |&customer| (customer, key))
        })
        .collect()
}

/// Whether one operation's changes can be written together: no (customer, tag) pair twice, and
/// at most one tag of a single-select group given to a customer (then its checks read nothing
/// another change of it writes).
fn independent(changes: &[RunChange]) -> bool {
    let mut pairs = HashSet::new();
    let mut given = HashSet::new();
    for change in changes {
        for &customer in &change.customers {
            if !pairs.insert((customer, change.tag.id)) {
                return false;
            }
            if let (true, Some(group)) = (change.present, change.tag.group) {
                if !given.insert((customer, group)) {
                    return false;
                }
            }
        }
    }
    true
}

/// The local ids of the customers `uids` names (after merges), ascending and once each; `None`
/// when this copy lacks one (the change waits in the inbox, applied alone).
fn customer_ids(tx: &Transaction, uids: &[String]) -> Result<Option<Vec<i64>>> {
    let found = tx
        .prepare_cached(
            "SELECT (SELECT c.id FROM customers c WHERE c.uid = coalesce(
                 (SELECT to_uid FROM uid_aliases WHERE entity = 'customer' AND from_uid = j.value),
                 j.value)) FROM json_each(?1) j",
        )?
        .query_map([serde_json::to_string(uids)?], |r| {
            r.get::<_, Option<i64>>(0)
        })?
        .collect::<rusqlite::Result<Option<BTreeSet<i64>>>>()?;
    Ok(found.map(|ids| ids.into_iter().collect()))
}

/// Lists the run's changes (`temp.run_changes`, numbered in order) and their pairs
/// (`temp.run_pairs`), and notes the customers as touched.
fn fill(tx: &Transaction, ops: &[RunOp]) -> Result<()> {
    // Cached statements, not a batch: a week's exchange writes thousands of runs.
    for sql in [
        "CREATE TEMP TABLE IF NOT EXISTS run_changes(
             change INTEGER PRIMARY KEY, tag_id INTEGER NOT NULL, present INTEGER NOT NULL,
             grp INTEGER, hlc INTEGER NOT NULL, device TEXT NOT NULL)",
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
        "DELETE FROM temp.run_changes",
        "DELETE FROM temp.run_pairs",
        "DELETE FROM temp.run_batches",
    ] {
        tx.prepare_cached(sql)?.execute([])?;
    }
    let mut changes = Vec::new();
    let mut pairs = Vec::new();
    for (k, change) in ops.iter().flat_map(|o| &o.changes).enumerate() {
        changes.push(serde_json::json!([
            k,
            change.tag.id,
            change.present,
            change.tag.group,
            change.hlc,
            change.device
        ]));
        pairs.extend(change.customers.iter().map(|&c| [k as i64, c]));
    }
    tx.prepare_cached(
        "INSERT INTO temp.run_changes(change, tag_id, present, grp, hlc, device)
         SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5
         FROM json_each(?1)",
    )?
    .execute([serde_json::to_string(&changes)?])?;
    tx.prepare_cached(
        "INSERT INTO temp.run_pairs(change, customer_id, tag_id, present, grp, hlc, device)
         SELECT c.change, j.value->>1, c.tag_id, c.present, c.grp, c.hlc, c.device
         FROM json_each(?1) j CROSS JOIN temp.run_changes c ON c.change = j.value->>0",
    )?
    .execute([serde_json::to_string(&pairs)?])?;
    touched::add_run_pairs(tx)
}

/// What the checks decided, per change (by its number in the run).
#[derive(Default)]
struct Decided {
    /// The customers each change still writes, ascending.
    winners: BTreeMap<i64, Vec<i64>>,
    /// Customers a later tag of the group kept the change's tag off: (customer, that tag).
    overridden: BTreeMap<i64, Vec<(i64, i64)>>,
    /// Other tags of the group a given tag takes off: (customer, tag, given by a person).
    held: BTreeMap<i64, Vec<(i64, i64, bool)>>,
}

/// The pair and single-select checks of `tag_pairs::apply`, for every change of the run at
/// once; keeps the run's pair clocks.
fn decide(tx: &Transaction) -> Result<Decided> {
    // A later operation (by clock, then device) already wrote the pair: that write stands.
    tx.prepare_cached(
        "UPDATE temp.run_pairs AS p SET win = 0 WHERE EXISTS (
             SELECT 1 FROM team_pair_clocks c
             WHERE c.tag_id = p.tag_id AND c.customer_id = p.customer_id
               AND c.hlc >= p.hlc AND (c.hlc > p.hlc OR c.device > p.device))",
    )?
    .execute([])?;
    tx.prepare_cached(
        "INSERT INTO team_pair_clocks(tag_id, customer_id, present, hlc, device)
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
    // The group's other tags the winners hold, but for one the same operation takes off.
    let held = tx
        .prepare_cached(&format!(
            "SELECT p.change, p.customer_id, a.tag_id, a.source IN {TRAVELLING_SOURCES}
             FROM temp.run_pairs p
             CROSS JOIN tag_nodes s ON s.parent_id = p.grp AND s.id <> p.tag_id
             CROSS JOIN assignments a ON a.customer_id = p.customer_id AND a.tag_id = s.id
             WHERE p.win AND p.present AND NOT EXISTS (
                 SELECT 1 FROM temp.run_pairs r
                 WHERE r.customer_id = p.customer_id AND r.tag_id = s.id
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

/// Opens each operation's batches in its order (the change's own, then the group's other tags
/// it takes off) and records its inbox cases as `tag_pairs::apply` does; returns the batches
/// as (batch, change, tag, the change's own).
fn open_batches(
    tx: &Transaction,
    ops: &[RunOp],
    decided: &Decided,
) -> Result<Vec<(i64, i64, i64, bool)>> {
    let mut batches = Vec::new();
    let mut k: i64 = 0;
    for op in ops {
        for change in &op.changes {
            for &(customer, kept) in decided.overridden.get(&k).into_iter().flatten() {
                let case = Case::SingleSelect {
                    customer: uid_of(tx, "customers", customer)?,
                    kept: uid_of(tx, "tag_nodes", kept)?,
                    dropped: change.tag_uid.clone(),
                };
                inbox::record(tx, &op.uid, &case, op.at)?;
            }
            let Some(winners) = decided.winners.get(&k) else {
                k += 1;
                continue;
            };
            let action = match change.present {
                true => BatchAction::Add,
                false => BatchAction::Remove,
            };
            let batch = open_batch(tx, op, action, change.tag.id, change.source)?;
            batches.push((batch, k, change.tag.id, true));
            if change.present && change.tag.group.is_some() {
                let held = decided.held.get(&k).map(Vec::as_slice).unwrap_or_default();
                let mut others = BTreeSet::new();
                for &(customer, other, chosen) in held {
                    others.insert(other);
                    if chosen {
                        let case = Case::SingleSelect {
                            customer: uid_of(tx, "customers", customer)?,
                            kept: uid_of(tx, "tag_nodes", change.tag.id)?,
                            dropped: uid_of(tx, "tag_nodes", other)?,
                        };
                        inbox::record(tx, &op.uid, &case, op.at)?;
                    }
                }
                // `sync` batches: they do not travel (every laptop works them out alike).
                for other in others {
                    let batch = open_batch(tx, op, BatchAction::Remove, other, TagSource::Sync)?;
                    batches.push((batch, k, other, false));
                }
                inbox::settle_answered_for(
                    tx,
                    &change.tag_uid,
                    op.at,
                    &serde_json::to_string(winners)?,
                )?;
            }
            k += 1;
        }
    }
    Ok(batches)
}

fn open_batch(
    tx: &Transaction,
    op: &RunOp,
    action: BatchAction,
    tag: i64,
    source: TagSource,
) -> Result<i64> {
    let (src, src_ref) = source.column();
    tx.prepare_cached(
        "INSERT INTO tag_batches(action, tag_id, source, source_ref, actor, at, changed, operation_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
    )?
    .execute(params![action, tag, src, src_ref, op.author, op.at, op.id])?;
    Ok(tx.last_insert_rowid())
}

/// Writes the batches' members and assignments as `tagging::bulk::write` does for one: the
/// changes' removals, their additions, then the other tags of single-select groups taken off;
/// then the tags' counts and each batch's.
fn write(tx: &Transaction, batches: &[(i64, i64, i64, bool)]) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO temp.run_batches(batch_id, change, tag_id, main)
         SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?1)",
    )?
    .execute([serde_json::to_string(batches)?])?;
    remove(tx, true)?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO tag_batch_members(batch_id, customer_id, tag_id, action)
         SELECT b.batch_id, p.customer_id, b.tag_id, 'add' FROM temp.run_batches b
         CROSS JOIN temp.run_pairs p ON p.change = b.change AND p.win AND p.present = 1
         WHERE b.main = 1 AND NOT EXISTS (
             SELECT 1 FROM assignments a WHERE a.tag_id = b.tag_id AND a.customer_id = p.customer_id)",
    )?
    .execute([])?;
    tx.prepare_cached(
        "INSERT INTO assignments(tag_id, customer_id, source, source_ref, actor, at)
         SELECT m.tag_id, m.customer_id, t.source, t.source_ref, t.actor, t.at
         FROM temp.run_batches b CROSS JOIN tag_batches t ON t.id = b.batch_id
         CROSS JOIN tag_batch_members m ON m.batch_id = b.batch_id AND m.action = 'add'
         WHERE b.main = 1",
    )?
    .execute([])?;
    remove(tx, false)?;
    tx.prepare_cached(
        "INSERT INTO tag_stats(tag_id, customers)
         SELECT m.tag_id, sum(CASE m.action WHEN 'add' THEN 1 ELSE -1 END)
         FROM temp.run_batches b CROSS JOIN tag_batch_members m ON m.batch_id = b.batch_id
         JOIN customers c ON c.id = m.customer_id AND c.deleted_at IS NULL
         WHERE true GROUP BY m.tag_id
         ON CONFLICT(tag_id) DO UPDATE SET customers = customers + excluded.customers",
    )?
    .execute([])?;
    tx.prepare_cached(
        "UPDATE tag_batches SET changed =
             (SELECT count(*) FROM tag_batch_members m WHERE m.batch_id = tag_batches.id)
         WHERE id IN (SELECT batch_id FROM temp.run_batches)",
    )?
    .execute([])?;
    Ok(())
}

/// Takes off, for the changes' own removal batches (`main`) or the single-select ones, the
/// assignments their winners hold, keeping each exactly so the batch can be undone.
fn remove(tx: &Transaction, main: bool) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO tag_batch_removed(batch_id, tag_id, customer_id, source, source_ref, actor, at)
         SELECT b.batch_id, a.tag_id, a.customer_id, a.source, a.source_ref, a.actor, a.at
         FROM temp.run_batches b
         CROSS JOIN temp.run_pairs p ON p.change = b.change AND p.win AND p.present = ?1
         CROSS JOIN assignments a ON a.tag_id = b.tag_id AND a.customer_id = p.customer_id
         WHERE b.main = ?2",
    )?
    .execute(params![!main, main])?;
    tx.prepare_cached(
        "INSERT INTO tag_batch_members(batch_id, customer_id, tag_id, action)
         SELECT r.batch_id, r.customer_id, r.tag_id, 'remove' FROM temp.run_batches b
         CROSS JOIN tag_batch_removed r ON r.batch_id = b.batch_id WHERE b.main = ?1",
    )?
    .execute([main])?;
    tx.prepare_cached(
        "DELETE FROM assignments WHERE (tag_id, customer_id) IN (
             SELECT r.tag_id, r.customer_id FROM temp.run_batches b
             CROSS JOIN tag_batch_removed r ON r.batch_id = b.batch_id WHERE b.main = ?1)",
    )?
    .execute([main])?;
    Ok(())
}
