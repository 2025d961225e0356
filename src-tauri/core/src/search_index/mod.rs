//! Full-text search over name, phone, email and company, Chinese included: what the indexes
//! hold and how a fragment asks them. It sits below the database layer, which opens every
//! connection with [`register`] and rebuilds the indexes after an old file's migration
//! ([`rebuild`]), so nothing here calls that layer; searching customers, and the worker
//! that writes deferred entries, is `customers::search`.
//!
//! FTS5's trigram tokenizer answers fragments of three or more characters by substring, but
//! finds nothing for one or two (most Chinese given names, the surname 王). A second index
//! stores every CJK character as its own token, so a short fragment becomes a phrase or a
//! prefix query there. Both indexes are written here and nowhere else.

mod backlog;
mod count;
mod query;

pub(crate) use backlog::defer;
pub use backlog::{catch_up, start as backlog_start, DEFER_FROM};
pub use count::live_matches;
pub use query::{register, Query};

use crate::error::Result;
use rusqlite::{params, Connection};
use std::borrow::Cow;

const FIELD_SEPARATOR: &str = "\u{1f}";

/// The searchable fields of one customer.
pub struct Searchable<'a> {
    pub name: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub company: Option<&'a str>,
}

impl Searchable<'_> {
    /// The fields that are there, in the indexes' order.
    fn fields(&self) -> impl Iterator<Item = &str> {
        [Some(self.name), self.phone, self.email, self.company]
            .into_iter()
            .flatten()
    }

    /// The text of the trigram index and of the per-character index.
    fn bodies(&self) -> (String, String) {
        let texts: Vec<Cow<str>> = self.fields().map(folded).collect();
        // Fields joined by a separator no one types, so no fragment spans two fields.
        let trigram = texts.join(FIELD_SEPARATOR);
        let mut chars = String::with_capacity(trigram.len() * 2);
        for field in &texts {
            for c in field.chars() {
                query::push_spaced(&mut chars, c);
            }
            chars.push('\n');
        }
        (trigram, chars)
    }
}

/// (Re)writes the index entries of one customer.
pub fn index(conn: &Connection, id: i64, fields: &Searchable) -> Result<()> {
    if backlog::holds(conn, id)? {
        return Ok(());
    }
    remove(conn, id)?;
    write(conn, id, fields)
}

/// Writes the index entries of a customer that has none yet (a deletion in a contentless
/// index is not free, so new rows skip it).
pub fn index_new(conn: &Connection, id: i64, fields: &Searchable) -> Result<()> {
    if backlog::holds(conn, id)? {
        return Ok(());
    }
    write(conn, id, fields)
}

/// Writes a customer's entries, the backlog already consulted.
fn write(conn: &Connection, id: i64, fields: &Searchable) -> Result<()> {
    let (trigram, chars) = fields.bodies();
    conn.prepare_cached("INSERT INTO customer_search(rowid, body) VALUES (?1, ?2)")?
        .execute(params![id, trigram])?;
    conn.prepare_cached("INSERT INTO customer_chars(rowid, body) VALUES (?1, ?2)")?
        .execute(params![id, chars])?;
    Ok(())
}

/// Index entries gathered while a bulk job writes customer rows, written together afterwards.
///
/// FTS5 buffers new entries in memory and writes them out as one segment, but it must flush
/// that buffer whenever another statement opens a savepoint (every customers INSERT does, for
/// its trigger). Written row by row between the customer rows, each entry became a segment of
/// its own, and merging those segments took most of an import's time.
#[derive(Default)]
pub(crate) struct PendingEntries {
    /// Customers whose old entries go first (updated, not new).
    replaced: Vec<i64>,
    trigram: Vec<(i64, String)>,
    chars: Vec<(i64, String)>,
}

impl PendingEntries {
    /// Entries for a customer that has none yet.
    pub fn add_new(&mut self, id: i64, fields: &Searchable) {
        let (trigram, chars) = fields.bodies();
        self.trigram.push((id, trigram));
        self.chars.push((id, chars));
    }

    /// Customers with entries gathered.
    pub fn len(&self) -> usize {
        self.trigram.len()
    }

    /// Entries replacing those a customer has.
    pub fn replace(&mut self, id: i64, fields: &Searchable) {
        self.replaced.push(id);
        self.add_new(id, fields);
    }

    /// Writes everything, one index after the other so that neither interrupts the other's
    /// buffer. `step(done)` is called every `every` entries and may stop the job with an error.
    pub fn write(
        &self,
        conn: &Connection,
        every: usize,
        step: &mut dyn FnMut(usize) -> Result<()>,
    ) -> Result<()> {
        // Customers the catch-up holds get their entries from it, from their rows as they are then.
        let backlog = backlog::start(conn)?.unwrap_or(i64::MAX);
        let mut done = 0;
        for (table, rows) in [
            ("customer_search", &self.trigram),
            ("customer_chars", &self.chars),
        ] {
            let mut delete = conn.prepare(&format!("DELETE FROM {table} WHERE rowid = ?1"))?;
            for id in self.replaced.iter().filter(|id| **id < backlog) {
                delete.execute([id])?;
            }
            let mut insert =
                conn.prepare(&format!("INSERT INTO {table}(rowid, body) VALUES (?1, ?2)"))?;
            for (id, body) in rows {
                if done % every == 0 {
                    step(done)?;
                }
                if *id < backlog {
                    insert.execute(params![id, body])?;
                }
                done += 1;
            }
        }
        Ok(())
    }
}

fn remove(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM customer_search WHERE rowid = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM customer_chars WHERE rowid = ?1")?
        .execute([id])?;
    Ok(())
}

/// Rebuilds both indexes from the customers table (after a migration or a repair), a step
/// at a time as the catch-up writes them: a rebuild cut off is finished by the next opening.
pub fn rebuild(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch("DELETE FROM customer_search; DELETE FROM customer_chars;")?;
    backlog::defer(&tx, 0)?;
    tx.commit()?;
    while catch_up(conn, 20_000)? {}
    Ok(())
}

/// Full-width forms to ASCII, case folded: "ＶＩＰ" finds "vip".
fn fold(s: &str) -> String {
    folded(s).into_owned()
}

/// [`fold`], borrowing text that is folded already (most is), for the fields matcher that
/// folds every pending customer's fields on each search.
fn folded(s: &str) -> Cow<'_, str> {
    match crate::text::nfkc(s) {
        Cow::Borrowed(b) if b.chars().all(lowercases_to_itself) => Cow::Borrowed(b),
        other => Cow::Owned(other.to_lowercase()),
    }
}

/// Whether `to_lowercase` leaves `c` as it is (not only capitals change: title-case letters do).
fn lowercases_to_itself(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}'
        | '\u{3040}'..='\u{30ff}' | '\u{ac00}'..='\u{d7af}' | '\u{20000}'..='\u{2ffff}')
}
