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

mod checks;
mod writes;

use super::clocks::{self, Record, ALIVE};
use super::ids;
use super::inbox;
use super::tag_pairs::single_select_group;
use super::wire::{Change, WireOperation};
use crate::error::Result;
use crate::operations;
use crate::provenance::ChangeSource;
use crate::tagging::TagSource;
use rusqlite::Transaction;
use std::collections::{BTreeSet, HashMap, HashSet};

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
    /// has, or no change at all (writing its operation and received rows now, the rest at
    /// [`Run::flush`]); returns false, taking nothing, when it must be applied alone. One
    /// touching a key already in the run first writes the run.
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
        let made = op.made();
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
        // An operation that changed nothing on its laptop (a tag taken from customers who did
        // not hold it: a tenth of a week's operations) has no changes and no keys: a run
        // writes its operation and received rows as `apply_one` would, and nothing else.
        if !independent(&changes) {
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
        checks::fill(tx, &ops)?;
        let decided = checks::decide(tx)?;
        let batches = writes::open_batches(tx, &ops, &decided)?;
        writes::write(tx, &batches)?;
        let ids: Vec<i64> = ops.iter().map(|o| o.id).collect();
        operations::close_received(tx, &serde_json::to_string(&ids)?)
    }
}

/// Whether `op` only edits fields of customers (no creation, deletion or merge).
fn edits_fields_only(op: &WireOperation) -> bool {
    op.changes.iter().all(super::incoming::edits_fields)
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
