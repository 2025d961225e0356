//! Which stored event a row of an events file is: its source key (`events.source_key`).
//!
//! Decision (issue 13): every row of a file is an event, two identical rows included — two
//! identical orders on one day are real and count twice in RFM — yet importing the same file
//! again must add nothing. So an imported event keeps a key, and a row whose key is stored
//! already is not added again:
//!
//! - With an order/event id column mapped, the key comes from the kind and the id, and the
//!   row's rank among the file's rows with that kind and id. An order of several lines repeats
//!   its id: its later lines add their amounts to the first line's event (`order_line` in the
//!   module above), whose key, of rank 1, is the order's. Another file holding the same order
//!   (an overlapping export) adds it once.
//! - Without one, it comes from the kind and all the row's cells (the customer key, the time,
//!   the amount, every other column, mapped or not) and the row's rank among the file's rows
//!   with the very same cells. A later file's row differing in any cell (another day, another
//!   amount, another time of day or product) is a new event; a row the same in every cell is
//!   taken as the same event as before, which is right for exports that overlap and cannot be
//!   told apart from a new identical order anyway: map an id column to be exact.
//!
//! The key is 64 bits of a 128-bit FNV-1a hash of those parts, so it is the same on every
//! machine and in every version.
//!
//! Ranks count every row of the file, rejected and skipped ones too, so a key does not move
//! when another row is fixed or when repeated rows are first skipped and later kept.
//!
//! Events stored before keys existed, and events added by hand, have none. A row whose key is
//! not stored yet is still taken as an identical keyless event (same customer, kind, time,
//! amount and properties), one row per such event, and the run gives that event the row's key:
//! a file imported before this version is not doubled by importing it again.

use super::PlannedEvent;
use crate::error::Result;
use crate::spreadsheet::Cell;
use crate::tags;
use rusqlite::{params, Connection};
use std::collections::{HashMap, HashSet};

/// What a file's rows have shared so far, and the keyless events already taken.
#[derive(Default)]
pub(super) struct Identities {
    ranks: HashMap<u128, u32>,
    claimed: HashSet<i64>,
}

impl Identities {
    pub fn clear(&mut self) {
        self.ranks.clear();
        self.claimed.clear();
    }

    /// The key of the next row: of its `kind` (as the row names it) and `id` when the file
    /// has an id column and the cell is not empty, else of all its `cells`; with its rank.
    /// An integer (64 bits of a 128-bit hash): a 38-character text key under a unique index
    /// took a 100,000-row import from 1.5 s to 1.9 s (tagdesk-bench-io events).
    pub fn key(&mut self, kind: &str, id: Option<&Cell>, cells: &[Cell]) -> i64 {
        let kind = tags::name_key(kind);
        let id = id.map(Cell::text).filter(|t| !t.is_empty());
        let scope = match &id {
            Some(id) => hash(["id", kind.as_str(), id.as_str()].into_iter()),
            None => {
                let texts: Vec<String> = cells.iter().map(Cell::text).collect();
                let used = texts
                    .iter()
                    .rposition(|t| !t.is_empty())
                    .map_or(0, |i| i + 1);
                let parts = ["row", kind.as_str()].into_iter();
                hash(parts.chain(texts[..used].iter().map(String::as_str)))
            }
        };
        let rank = self.ranks.entry(scope).or_insert(0);
        *rank += 1;
        let keyed = fnv(
            OFFSET,
            scope.to_le_bytes().into_iter().chain(rank.to_le_bytes()),
        );
        (keyed as u64 ^ (keyed >> 64) as u64) as i64
    }

    /// Whether `e` is stored already: by its key, or as a keyless identical event no earlier
    /// row took (whose id is then noted in `e.adopt`).
    pub fn stored(&mut self, conn: &Connection, e: &mut PlannedEvent) -> Result<bool> {
        let keyed: bool = conn
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM events WHERE source_key = ?1)")?
            .query_row([e.source_key], |r| r.get(0))?;
        if keyed {
            return Ok(true);
        }
        let mut same = conn.prepare_cached(
            "SELECT id FROM events WHERE customer_id = ?1 AND occurred_at = ?2 AND kind = ?3
                 AND amount IS ?4 AND properties = ?5 AND source_key IS NULL ORDER BY id",
        )?;
        let ids = same.query_map(
            params![e.customer_id, e.occurred_at, e.kind, e.amount, e.properties],
            |r| r.get::<_, i64>(0),
        )?;
        for id in ids {
            let id = id?;
            if self.claimed.insert(id) {
                e.adopt = Some(id);
                return Ok(true);
            }
        }
        Ok(false)
    }
}

const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;

/// 128-bit FNV-1a of the parts, each ended by a unit separator: stable across builds and
/// versions (the std hasher is not promised to be), and wide enough that distinct rows do
/// not meet in practice.
fn hash<'a>(parts: impl Iterator<Item = &'a str>) -> u128 {
    parts.fold(OFFSET, |h, part| fnv(h, part.bytes().chain([0x1f])))
}

/// FNV-1a 128 from `h` over `bytes`.
fn fnv(h: u128, bytes: impl Iterator<Item = u8>) -> u128 {
    const PRIME: u128 = 0x0000000001000000000000000000013b;
    bytes.fold(h, |h, b| (h ^ u128::from(b)).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| Cell::Text(c.to_string())).collect()
    }

    #[test]
    fn identical_rows_of_a_file_get_distinct_keys_that_repeat_in_the_next_read() {
        let cells = row(&["13800000000", "2025-01-03", "99"]);
        let mut first = Identities::default();
        let keys: Vec<i64> = (0..2).map(|_| first.key("下单", None, &cells)).collect();
        assert_ne!(
            keys[0], keys[1],
            "the second identical row is another event"
        );
        let mut again = Identities::default();
        let again: Vec<i64> = (0..2).map(|_| again.key("下单", None, &cells)).collect();
        assert_eq!(keys, again, "the same file gives the same keys");
    }

    #[test]
    fn a_row_differing_in_any_cell_is_another_event() {
        let mut ids = Identities::default();
        let a = ids.key("下单", None, &row(&["13800000000", "2025-01-03", "99"]));
        let b = ids.key("下单", None, &row(&["13800000000", "2025-02-03", "99"]));
        assert_ne!(a, b);
    }

    #[test]
    fn an_order_id_keys_the_row_whatever_its_other_cells() {
        let id = Cell::Number(1001.0);
        let a = Identities::default().key("下单", Some(&id), &row(&["x", "2025-01-03"]));
        let b = Identities::default().key("下单", Some(&id), &row(&["y", "2025-02-03"]));
        assert_eq!(a, b);
        let refund = Identities::default().key("退款", Some(&id), &row(&["x"]));
        assert_ne!(a, refund, "another kind of event of the same order");
    }

    #[test]
    fn trailing_empty_cells_do_not_change_a_rows_key() {
        let a = Identities::default().key("下单", None, &row(&["a", "b"]));
        let mut cells = row(&["a", "b"]);
        cells.push(Cell::Empty);
        assert_eq!(a, Identities::default().key("下单", None, &cells));
    }
}
