//! Applying a received tag change (docs/TEAM.md §4). Each (customer, tag) pair is a
//! last-writer-wins key ordered by (clock, device). In a single-select group a tag given later
//! overrides every tag of the group given earlier, even one removed since: a customer holds
//! tag T of the group when T's latest change gave it and no other tag of the group was given
//! after that. Both rules depend only on which operations a laptop has seen, never on the
//! order they came in, so laptops that have seen the same operations hold the same tags.

use super::clocks::{self, Clock, Record, ALIVE};
use super::inbox::{self, Case};
use super::outgoing::TRAVELLING_SOURCES;
use super::touched;
use super::{ids, wire::WireOperation};
use crate::error::Result;
use crate::provenance::{BatchAction, ChangeSource};
use crate::tagging::bulk::{self, Changes, Written};
use crate::tagging::TagSource;
use roaring::RoaringBitmap;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::BTreeMap;

/// The batches a received tag change wrote that changed anyone: while an operation has at
/// most one, its counts are that batch's (one tag, `customers` customers), and finishing it
/// need not count its members again (200,000 for a bulk tag).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Wrote {
    pub batches: usize,
    pub customers: i64,
}

impl Wrote {
    /// Both together, or `None` when that makes two batches that changed anyone.
    pub fn and(self, other: Wrote) -> Option<Wrote> {
        match (self.batches, other.batches) {
            (0, 0 | 1) => Some(other),
            (1, 0) => Some(self),
            _ => None,
        }
    }

    fn add(&mut self, written: Written) {
        let changed = written.added + written.removed;
        if changed > 0 {
            self.batches += 1;
            self.customers = changed;
        }
    }
}

/// One received `Tags` change, applied inside the received operation `op`.
pub(super) fn apply(
    tx: &Transaction,
    op: &WireOperation,
    tag_uid: &str,
    present: bool,
    source: ChangeSource,
    customers: &[String],
) -> Result<Wrote> {
    let mut wrote = Wrote::default();
    let Some(tag) = live_since(tx, tag_uid, op.clock())? else {
        let case = Case::UnknownTag {
            tag: tag_uid.to_string(),
            present,
            customers: customers.to_vec(),
        };
        inbox::record(tx, &op.uid, &case, op.at)?;
        return Ok(wrote);
    };
    let unknown = ids::load_customers(tx, customers)?;
    if !unknown.is_empty() {
        let case = Case::UnknownCustomers {
            tag: tag_uid.to_string(),
            present,
            customers: unknown,
        };
        inbox::record(tx, &op.uid, &case, op.at)?;
    }
    touched::add_loaded(tx)?;
    let few = customers.len() <= LOOK_UP_PER_CUSTOMER;
    // Before the change's own clocks are kept: they are never later than it, so the pairs
    // written later are the same either way, and a bulk tag's look reads only the clocks the
    // tag had.
    drop_pairs_written_later(tx, op, tag, few)?;
    remember_clocks(tx, op, tag, present)?;
    // A tag given in a single-select group: the group's other tags, looked up once, and which
    // way round its checks read (see `LOOK_UP_PER_CUSTOMER`).
    let siblings = match (present, single_select_group(tx, tag)?) {
        (true, Some(group)) => Some(siblings(tx, group, tag)?),
        _ => None,
    };
    if let Some(siblings) = &siblings {
        for (customer, kept) in overridden_later(tx, op, siblings, few)? {
            let case = Case::SingleSelect {
                customer: uid_of(tx, "customers", customer)?,
                kept: uid_of(tx, "tag_nodes", kept)?,
                dropped: tag_uid.to_string(),
            };
            inbox::record(tx, &op.uid, &case, op.at)?;
        }
    }
    let winners = loaded(tx)?;
    let source = match source {
        ChangeSource::Import => TagSource::Import,
        _ => TagSource::Manual,
    };
    let set = vec![(tag, winners.clone())];
    let (action, changes) = if present {
        (
            BatchAction::Add,
            Changes {
                remove: Vec::new(),
                add: set,
            },
        )
    } else {
        (
            BatchAction::Remove,
            Changes {
                remove: set,
                add: Vec::new(),
            },
        )
    };
    wrote.add(bulk::write(
        tx, action, tag, source, &op.author, op.at, &changes,
    )?);
    if let Some(siblings) = &siblings {
        drop_earlier_of_group(tx, op, tag, siblings, few, &winners, &mut wrote)?;
        inbox::settle_answered(tx, tag_uid, op.at)?;
    }
    Ok(wrote)
}

/// The tag `uid` names when it is here and alive, and was neither deleted nor restored after
/// `clock` (a restore's own operation gives its tags back). A deletion takes every pair of the tag off, a restore brings back only those it
/// names: a change made before them is in the inbox on every laptop, whether it arrived before
/// the deletion, between the two, or after both.
pub(super) fn live_since(tx: &Connection, uid: &str, clock: Clock) -> Result<Option<i64>> {
    let Some(id) = ids::live_tag_id(tx, uid)? else {
        return Ok(None);
    };
    Ok(clocks::not_before(tx, Record::TagNode, id, ALIVE, clock)?.then_some(id))
}

/// Keeps the change's clock for every pair it names (the latest per pair and direction).
/// (`OR IGNORE` here and in the other inserts of pair clocks changes no row: see
/// `db/migrations/deferred_keys.rs`.)
fn remember_clocks(tx: &Transaction, op: &WireOperation, tag: i64, present: bool) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO team_pair_clocks(tag_id, customer_id, present, hlc, device)
         SELECT ?1, id, ?2, ?3, ?4 FROM temp.team_customers WHERE true
         ON CONFLICT(tag_id, customer_id, present) DO UPDATE
         SET hlc = excluded.hlc, device = excluded.device
         WHERE excluded.hlc > hlc OR (excluded.hlc = hlc AND excluded.device > device)",
    )?
    .execute(params![tag, present, op.hlc, op.device])?;
    Ok(())
}

/// Notes the clock of own operation `operation` for pairs of `tag` it gave or took outside
/// tag batches (an undone merge or deletion giving its customers back), when it is first
/// worked out for the wire.
pub(super) fn note_own_pairs(
    conn: &Connection,
    operation: i64,
    tag: i64,
    present: bool,
    customers: &[i64],
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO team_pair_clocks(tag_id, customer_id, present, hlc, device)
         SELECT ?2, j.value, ?3, o.hlc, o.device FROM json_each(?4) j, operations o
         WHERE o.id = ?1
         ON CONFLICT(tag_id, customer_id, present) DO UPDATE
         SET hlc = excluded.hlc, device = excluded.device
         WHERE excluded.hlc > hlc OR (excluded.hlc = hlc AND excluded.device > device)",
    )?
    .execute(params![
        operation,
        tag,
        present,
        serde_json::to_string(customers)?
    ])?;
    Ok(())
}

/// Notes the clocks of the pairs this device's own operation `id` gave or took (its travelling
/// batches' members), when it is first worked out for the wire: received changes are then
/// ordered against own and received ones alike, by key, without going through the batches.
pub(super) fn note_own(conn: &Connection, id: i64, hlc: i64, device: &str) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT OR IGNORE INTO team_pair_clocks(tag_id, customer_id, present, hlc, device)
         SELECT m.tag_id, m.customer_id, m.action = 'add', ?2, ?3
         FROM tag_batches b JOIN tag_batch_members m ON m.batch_id = b.id
         WHERE b.operation_id = ?1 AND b.source IN {TRAVELLING_SOURCES}
         ON CONFLICT(tag_id, customer_id, present) DO UPDATE
         SET hlc = excluded.hlc, device = excluded.device
         WHERE excluded.hlc > hlc OR (excluded.hlc = hlc AND excluded.device > device)"
    ))?
    .execute(params![id, hlc, device])?;
    Ok(())
}

/// Takes out of `temp.team_customers` the customers whose pair with `tag` a later operation
/// (by clock, then device) already wrote: that write stands. For `few` customers, two key
/// lookups each; for more, a read of the tag's clocks (none for a tag made the same week, where
/// looking up each of a bulk tag's 200,000 customers cost 50 ms).
fn drop_pairs_written_later(
    tx: &Transaction,
    op: &WireOperation,
    tag: i64,
    few: bool,
) -> Result<()> {
    let sql = match few {
        true => {
            "DELETE FROM temp.team_customers AS p WHERE EXISTS (
                 SELECT 1 FROM team_pair_clocks c
                 WHERE c.tag_id = ?3 AND c.customer_id = p.id
                   AND c.hlc >= ?1 AND (c.hlc > ?1 OR c.device > ?2))"
        }
        false => {
            "DELETE FROM temp.team_customers WHERE id IN (
                 SELECT c.customer_id FROM team_pair_clocks c
                 WHERE c.tag_id = ?3 AND c.hlc >= ?1 AND (c.hlc > ?1 OR c.device > ?2))"
        }
    };
    tx.prepare_cached(sql)?
        .execute(params![op.hlc, op.device, tag])?;
    Ok(())
}

/// Up to this many customers in a change, its single-select checks look up each customer's
/// pairs; above, they read the group's pairs and keep the change's customers. (SQLite cannot
/// know the temporary list's size; either order alone is slow for one of the two cases: a
/// hand tag of one customer against a group held by 100,000, or a bulk set of 200,000.)
const LOOK_UP_PER_CUSTOMER: usize = 5_000;

/// Customers (still in `temp.team_customers`) given one of `siblings` (the other tags of the
/// group) after `op`: its tag does not land for them. Returns each with that later tag, and
/// takes them out.
fn overridden_later(
    tx: &Transaction,
    op: &WireOperation,
    siblings: &[i64],
    few: bool,
) -> Result<Vec<(i64, i64)>> {
    // One sibling at a time, so that each lookup names the whole key (SQLite planned an IN
    // list over the leading key column as a scan of the siblings' pairs).
    let sql = match few {
        true => {
            "SELECT p.id FROM temp.team_customers p CROSS JOIN team_pair_clocks c
             ON c.tag_id = ?3 AND c.customer_id = p.id AND c.present = 1
             WHERE c.hlc >= ?1 AND (c.hlc > ?1 OR c.device > ?2)"
        }
        false => {
            "SELECT c.customer_id FROM team_pair_clocks c
             WHERE c.tag_id = ?3 AND c.present = 1 AND c.hlc >= ?1 AND (c.hlc > ?1 OR c.device > ?2)
               AND c.customer_id IN (SELECT id FROM temp.team_customers)"
        }
    };
    let mut stmt = tx.prepare_cached(sql)?;
    // Each customer with the highest-numbered later sibling, as every laptop picks it.
    let mut later: BTreeMap<i64, i64> = BTreeMap::new();
    for &sibling in siblings {
        let customers = stmt
            .query_map(params![op.hlc, op.device, sibling], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        for customer in customers {
            later.insert(customer, sibling);
        }
    }
    let ids: Vec<i64> = later.keys().copied().collect();
    tx.prepare_cached(
        "DELETE FROM temp.team_customers WHERE id IN (SELECT value FROM json_each(?1))",
    )?
    .execute([serde_json::to_string(&ids)?])?;
    Ok(later.into_iter().collect())
}

/// The other tags of `group` than `tag`, in id order.
fn siblings(tx: &Transaction, group: i64, tag: i64) -> Result<Vec<i64>> {
    Ok(tx
        .prepare_cached("SELECT id FROM tag_nodes WHERE parent_id = ?1 AND id <> ?2 ORDER BY id")?
        .query_map(params![group, tag], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?)
}

/// Given `tag` by `op`, the customers in `winners` lose the other tags of its group they hold:
/// each was given earlier (a later one would have kept `tag` off), most likely on another
/// laptop at the same time, so each case goes to the inbox where the other can be chosen. Not
/// a tag this laptop's rules (or RFM, lifecycle) gave: nobody chose it, the rules decide it
/// again right after the exchange, and whether they had run between two chunks (a crash, a
/// chunk delivered late) must not decide whether a case appears.
fn drop_earlier_of_group(
    tx: &Transaction,
    op: &WireOperation,
    tag: i64,
    siblings: &[i64],
    few: bool,
    winners: &RoaringBitmap,
    wrote: &mut Wrote,
) -> Result<()> {
    // From the change's customers to what each holds, or from the sibling's holders to the
    // change's customers, whichever list is the short one (see `LOOK_UP_PER_CUSTOMER`).
    let sql = match few {
        true => format!(
            "SELECT p.id, a.source IN {TRAVELLING_SOURCES} FROM temp.team_customers p
             CROSS JOIN assignments a ON a.customer_id = p.id AND a.tag_id = ?1"
        ),
        false => format!(
            "SELECT a.customer_id, a.source IN {TRAVELLING_SOURCES} FROM assignments a
             WHERE a.tag_id = ?1 AND a.customer_id IN (SELECT id FROM temp.team_customers)"
        ),
    };
    let mut stmt = tx.prepare_cached(&sql)?;
    let mut held = Vec::new();
    for &sibling in siblings {
        let rows = stmt.query_map([sibling], |r| {
            Ok((r.get::<_, i64>(0)?, sibling, r.get::<_, bool>(1)?))
        })?;
        for row in rows {
            held.push(row?);
        }
    }
    let mut gone: BTreeMap<i64, RoaringBitmap> = BTreeMap::new();
    for (customer, other, chosen) in held {
        if !winners.contains(customer as u32) {
            continue;
        }
        gone.entry(other).or_default().insert(customer as u32);
        if chosen {
            let case = Case::SingleSelect {
                customer: uid_of(tx, "customers", customer)?,
                kept: uid_of(tx, "tag_nodes", tag)?,
                dropped: uid_of(tx, "tag_nodes", other)?,
            };
            inbox::record(tx, &op.uid, &case, op.at)?;
        }
    }
    for (other, customers) in gone {
        let changes = Changes {
            remove: vec![(other, customers)],
            add: Vec::new(),
        };
        // A `sync` batch: it does not travel (every laptop works it out alike) and is not a
        // change of the pair that later changes are ordered against.
        wrote.add(bulk::write(
            tx,
            BatchAction::Remove,
            other,
            TagSource::Sync,
            &op.author,
            op.at,
            &changes,
        )?);
    }
    Ok(())
}

pub(super) fn single_select_group(tx: &Transaction, tag: i64) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached(
            "SELECT g.id FROM tag_nodes t JOIN tag_nodes g ON g.id = t.parent_id
             WHERE t.id = ?1 AND g.kind = 'group' AND g.select_mode = 'single'",
        )?
        .query_row([tag], |r| r.get(0))
        .optional()?)
}

fn loaded(tx: &Transaction) -> Result<RoaringBitmap> {
    let mut stmt = tx.prepare_cached("SELECT id FROM temp.team_customers")?;
    let ids = stmt
        .query_map([], |r| r.get::<_, u32>(0))?
        .collect::<rusqlite::Result<RoaringBitmap>>()?;
    Ok(ids)
}

pub(super) fn uid_of(tx: &Transaction, table: &str, id: i64) -> Result<String> {
    // `table` is one of this module's literals, never input.
    Ok(tx.query_row(
        &format!("SELECT uid FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )?)
}
