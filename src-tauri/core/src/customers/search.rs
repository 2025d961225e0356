//! Full-text search over name, phone, email and company, Chinese included.
//!
//! FTS5's trigram tokenizer answers fragments of three or more characters by substring, but
//! finds nothing for one or two (most Chinese given names, the surname 王). A second index
//! stores every CJK character as its own token, so a short fragment becomes a phrase or a
//! prefix query there. Both indexes are written here and nowhere else.

use crate::error::Result;
use rusqlite::{params, Connection};

/// The searchable fields of one customer.
pub struct Searchable<'a> {
    pub name: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub company: Option<&'a str>,
}

impl Searchable<'_> {
    /// The text of the trigram index and of the per-character index.
    fn bodies(&self) -> (String, String) {
        let folded: Vec<String> = [Some(self.name), self.phone, self.email, self.company]
            .into_iter()
            .flatten()
            .map(fold)
            .collect();
        // Fields joined by a separator no one types, so no fragment spans two fields.
        let trigram = folded.join("\u{1f}");
        let mut chars = String::with_capacity(trigram.len() * 2);
        for field in &folded {
            for c in field.chars() {
                if is_cjk(c) {
                    chars.push(' ');
                    chars.push(c);
                    chars.push(' ');
                } else {
                    chars.push(c);
                }
            }
            chars.push('\n');
        }
        (trigram, chars)
    }
}

/// (Re)writes the index entries of one customer.
pub fn index(conn: &Connection, id: i64, fields: &Searchable) -> Result<()> {
    remove(conn, id)?;
    index_new(conn, id, fields)
}

/// Writes the index entries of a customer that has none yet (a deletion in a contentless
/// index is not free, so new rows skip it).
pub fn index_new(conn: &Connection, id: i64, fields: &Searchable) -> Result<()> {
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
        let mut done = 0;
        for (table, rows) in [
            ("customer_search", &self.trigram),
            ("customer_chars", &self.chars),
        ] {
            let mut delete = conn.prepare(&format!("DELETE FROM {table} WHERE rowid = ?1"))?;
            for id in &self.replaced {
                delete.execute([id])?;
            }
            let mut insert =
                conn.prepare(&format!("INSERT INTO {table}(rowid, body) VALUES (?1, ?2)"))?;
            for (id, body) in rows {
                if done % every == 0 {
                    step(done)?;
                }
                insert.execute(params![id, body])?;
                done += 1;
            }
        }
        Ok(())
    }
}

pub fn remove(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM customer_search WHERE rowid = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM customer_chars WHERE rowid = ?1")?
        .execute([id])?;
    Ok(())
}

/// Rebuilds both indexes from the customers table (after a migration or a repair).
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM customer_search", [])?;
    conn.execute("DELETE FROM customer_chars", [])?;
    let mut stmt = conn.prepare("SELECT id, name, phone, email, company FROM customers")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (name, phone, email, company): (
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        index(
            conn,
            r.get(0)?,
            &Searchable {
                name: &name,
                phone: phone.as_deref(),
                email: email.as_deref(),
                company: company.as_deref(),
            },
        )?;
    }
    Ok(())
}

/// The index to ask for `fragment` and its FTS5 query, or None when the fragment has nothing
/// searchable in it. Fragments of 3+ characters go to the trigram index; shorter ones to the
/// per-character index, as a phrase (CJK) or a prefix (digits, Latin).
pub fn matching(fragment: &str) -> Option<(&'static str, String)> {
    let folded = fold(fragment.trim());
    if folded.is_empty() {
        return None;
    }
    if folded.chars().count() >= 3 {
        let phrase = format!("\"{}\"", folded.replace('"', "\"\""));
        return Some(("customer_search", phrase));
    }
    let mut tokens = String::new();
    for c in folded.chars().filter(|c| c.is_alphanumeric()) {
        if is_cjk(c) {
            tokens.push(' ');
            tokens.push(c);
            tokens.push(' ');
        } else {
            tokens.push(c);
        }
    }
    let tokens = tokens.split_whitespace().collect::<Vec<_>>().join(" ");
    if tokens.is_empty() {
        return None;
    }
    let last_is_cjk = folded.chars().last().is_some_and(is_cjk);
    let query = format!("\"{tokens}\"{}", if last_is_cjk { "" } else { "*" });
    Some(("customer_chars", query))
}

/// Full-width forms to ASCII, case folded: "ＶＩＰ" finds "vip".
fn fold(s: &str) -> String {
    crate::text::nfkc(s).to_lowercase()
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}'
        | '\u{3040}'..='\u{30ff}' | '\u{ac00}'..='\u{d7af}' | '\u{20000}'..='\u{2ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_cjk_fragments_become_phrases_and_short_latin_ones_prefixes() {
        assert_eq!(
            matching("王").unwrap(),
            ("customer_chars", "\"王\"".to_string())
        );
        assert_eq!(matching("王伟").unwrap().1, "\"王 伟\"");
        assert_eq!(matching("13").unwrap().1, "\"13\"*");
        assert_eq!(matching("  ").map(|m| m.1), None);
    }

    #[test]
    fn long_fragments_go_to_the_trigram_index_with_quotes_escaped() {
        let (table, q) = matching("a\"b c").unwrap();
        assert_eq!(table, "customer_search");
        assert_eq!(q, "\"a\"\"b c\"");
    }
}
