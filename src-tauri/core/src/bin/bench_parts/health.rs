//! The tag health part of `tagdesk-bench` (issue 19): the whole report (coverage, stale and
//! unused tags, every pair's overlap, dictionary, core pool, provenance) and a suggestion list
//! for a selection of 10,000 customers. Targets at a million customers: the report over 500
//! tags ≤ 1 s, the suggestions ≤ 100 ms.
//!
//! The dataset has the starter tree (about 60 tags). For 500 tags the part adds the missing
//! ones inside a transaction it rolls back, so the dataset is left as it was: their nodes are
//! rows of that transaction, their members bitmaps put into the index directly, each a variant
//! of a dataset tag (a slice of its members, a few near-copies, unions of two) so that size
//! pruning, containment and high overlaps all occur. Inside a transaction the provenance scan
//! cannot run on a second connection, so that figure is an upper bound; the dataset's own tree
//! is timed as the app runs it too.

use super::{median, ms};
use rusqlite::Connection;
use std::time::Instant;
use tagdesk_core::conditions::Index;
use tagdesk_core::health::{self, HealthQuery, Selection, SuggestionQuery};

const TAGS: usize = 500;
const SELECTED: usize = 10_000;

pub fn run(conn: &mut Connection, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let index = Index::build(conn)?;
    println!(
        "\nhealth: index built in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let now: i64 = conn.query_row("SELECT max(at) FROM assignments", [], |r| r.get(0))?;
    let query = HealthQuery::default();
    let mut report = None;
    let own = median(runs, || {
        report = Some(health::report(conn, &index, &query, now).unwrap());
    });
    let r = report.expect("ran");
    println!(
        "  report, the dataset's {} tags (provenance alongside)  {:>8.2} ms  ({} pairs suggested)",
        r.tags.len(),
        ms(own),
        r.duplicates.len()
    );

    // A selection of 10,000: customers with VIP (as when the tag picker asks what customers
    // with VIP usually also have), the rest spread over everyone.
    let vip = super::tag_id(conn, "VIP")
        .ok()
        .and_then(|id| index.tags.get(&id));
    let spread = index
        .universe
        .iter()
        .step_by((index.universe.len() as usize / SELECTED).max(1));
    let mut ids: Vec<i64> = vip
        .into_iter()
        .flat_map(|set| set & &index.universe)
        .chain(spread)
        .map(i64::from)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.truncate(SELECTED);
    let selection = Selection::Customers { ids };
    let mut list = None;
    let suggest = median(runs, || {
        list = Some(
            health::suggestions(conn, &index, &selection, &SuggestionQuery::default()).unwrap(),
        );
    });
    println!(
        "  suggestions for {} selected customers                 {:>8.2} ms  ({} suggested)",
        list.as_ref().map_or(0, |l| l.selected),
        ms(suggest),
        list.map_or(0, |l| l.suggestions.len())
    );

    let tx = conn.transaction()?;
    let mut index = index;
    let added = widen(&tx, &mut index)?;
    let mut report = None;
    let wide = median(runs, || {
        report = Some(health::report(&tx, &index, &query, now).unwrap());
    });
    let r = report.expect("ran");
    println!(
        "  report, {} tags ({added} added for the run; provenance inline)  {:>8.2} ms  ({} pairs suggested)",
        r.tags.len(),
        ms(wide),
        r.duplicates.len()
    );
    tx.rollback()?;
    Ok(())
}

/// Adds tags up to [`TAGS`] in a group of their own, with member sets made from the dataset's
/// tags; returns how many.
fn widen(conn: &Connection, index: &mut Index) -> Result<usize, Box<dyn std::error::Error>> {
    let mut base: Vec<(i64, roaring::RoaringBitmap)> = index
        .tags
        .iter()
        .filter(|(_, set)| !set.is_empty())
        .map(|(id, set)| (*id, set & &index.universe))
        .collect();
    base.sort_by_key(|(id, _)| *id);
    let existing: usize = conn.query_row(
        "SELECT count(*) FROM tag_nodes WHERE kind = 'tag'",
        [],
        |r| r.get::<_, i64>(0),
    )? as usize;
    let missing = TAGS.saturating_sub(existing);
    if missing == 0 || base.is_empty() {
        return Ok(0);
    }
    conn.execute(
        "INSERT INTO tag_nodes(kind, name, name_key, select_mode, created_at, updated_at)
         VALUES ('group', '健康基准', '健康基准', 'multi', 0, 0)",
        [],
    )?;
    let group = conn.last_insert_rowid();
    let mut insert = conn.prepare(
        "INSERT INTO tag_nodes(parent_id, kind, name, name_key, position, created_at, updated_at)
         VALUES (?1, 'tag', ?2, ?2, ?3, 0, 0)",
    )?;
    for k in 0..missing {
        let name = format!("基准{k:03}");
        insert.execute(rusqlite::params![group, name, k as i64])?;
        let id = conn.last_insert_rowid();
        let (_, a) = &base[k % base.len()];
        let (_, b) = &base[(k * 7 + 3) % base.len()];
        let set = match k % 4 {
            // A slice: every customer of it holds the base tag.
            0 => a.iter().step_by(2 + k % 5).collect(),
            // A near-copy: the base tag without one in fifty.
            1 => a
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 50 != 0)
                .map(|(_, c)| c)
                .collect(),
            // Two tags together.
            2 => a | b,
            // A thin slice of both.
            _ => (a & b).iter().step_by(3).collect(),
        };
        index.tags.insert(id, set);
    }
    Ok(missing)
}
