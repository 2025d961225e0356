//! Migration 0030: the foreign keys of the tag tables that bulk writes fill (assignments and
//! the batches' rows) are checked when the transaction commits instead of at each statement.
//!
//! Why: SQLite gives a statement that writes several rows and may abort half-way a statement
//! journal (a copy of every page it changes, so that the failure can undo the statement
//! alone). An immediate foreign key makes any such insert one that may abort, whatever its
//! conflict clause; so do a NOT NULL, CHECK or UNIQUE constraint unless the statement says
//! `OR IGNORE`. A team exchange writes a week's tag changes with such statements, and a bulk
//! tag 200,000 rows with one: the copies were 8% of applying a week (docs/BENCHMARKS.md, team
//! exchange, session 21). So these tables' keys are deferred here, and the inserts of many
//! rows into them (`tagging::apply`, `tagging::bulk`, `team::tag_runs::writes`) and into
//! `team_pair_clocks` (which has no key) say `OR IGNORE`, which changes no row: each is new by
//! construction. Every writer of these tables already names rows that exist (the keys come
//! from the rows it reads in the same transaction), so a check at commit refuses exactly what
//! a check per statement did, and `ON DELETE CASCADE` still acts at once.
//!
//! How: a deferred key changes only the table's text in `sqlite_schema`, not its pages, which
//! SQLite allows to be rewritten in place (<https://www.sqlite.org/lang_altertable.html>,
//! "making other kinds of table schema changes") instead of copying 10 million assignments
//! into a new table. The rewrite is idempotent: a key already deferrable is left as it is.

use rusqlite::Transaction;

/// The tables whose keys are deferred: written by `tagging`, `team::tag_runs` and undo.
const TABLES: [&str; 4] = [
    "assignments",
    "tag_batches",
    "tag_batch_members",
    "tag_batch_removed",
];

const DEFERRED: &str = " DEFERRABLE INITIALLY DEFERRED";

pub(super) fn defer(tx: &Transaction) -> rusqlite::Result<()> {
    tx.pragma_update(None, "writable_schema", true)?;
    let mut changed = false;
    for table in TABLES {
        let sql: String = tx.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        let deferred = defer_references(&sql);
        if deferred != sql {
            tx.execute(
                "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2",
                [&deferred, table],
            )?;
            changed = true;
        }
    }
    if changed {
        // The documented step after such a rewrite: other connections see a new schema, and
        // this one reads the new text again (RESET) rather than keep the immediate keys.
        let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
        tx.pragma_update(None, "schema_version", version + 1)?;
    }
    tx.pragma_update(None, "writable_schema", "RESET")
}

/// `sql` (a CREATE TABLE) with every `REFERENCES t(c)` clause, after its `ON …` actions, made
/// deferrable unless it says already whether it is.
fn defer_references(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 4 * DEFERRED.len());
    let mut rest = sql;
    while let Some(at) = rest.find("REFERENCES") {
        let Some(close) = rest[at..].find(')') else {
            break;
        };
        let mut end = at + close + 1;
        while let Some(action) = action_len(&rest[end..]) {
            end += action;
        }
        out.push_str(&rest[..end]);
        rest = &rest[end..];
        let next = rest.trim_start().to_ascii_uppercase();
        if !next.starts_with("DEFERRABLE") && !next.starts_with("NOT DEFERRABLE") {
            out.push_str(DEFERRED);
        }
    }
    out.push_str(rest);
    out
}

/// The length of an `ON DELETE|UPDATE action` clause at the start of `text` (after spaces).
fn action_len(text: &str) -> Option<usize> {
    let trimmed = text.trim_start();
    let upper = trimmed.to_ascii_uppercase();
    let spaces = text.len() - trimmed.len();
    for on in ["ON DELETE ", "ON UPDATE "] {
        let Some(after) = upper.strip_prefix(on) else {
            continue;
        };
        for action in [
            "CASCADE",
            "SET NULL",
            "SET DEFAULT",
            "RESTRICT",
            "NO ACTION",
        ] {
            if after.starts_with(action) {
                return Some(spaces + on.len() + action.len());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::defer_references;

    #[test]
    fn each_reference_is_deferred_after_its_actions() {
        let sql = "CREATE TABLE a (
            tag_id INTEGER NOT NULL REFERENCES tag_nodes(id),
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            PRIMARY KEY (tag_id, customer_id)
        ) WITHOUT ROWID";
        let deferred = defer_references(sql);
        assert!(deferred.contains("REFERENCES tag_nodes(id) DEFERRABLE INITIALLY DEFERRED,\n"));
        assert!(deferred.contains(
            "REFERENCES customers(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
        ));
        assert!(deferred.ends_with(") WITHOUT ROWID"));
    }

    #[test]
    fn a_column_added_at_the_end_is_deferred_too() {
        let sql = "CREATE TABLE b (id INTEGER PRIMARY KEY
            , operation_id INTEGER REFERENCES operations(id))";
        assert!(defer_references(sql)
            .ends_with("REFERENCES operations(id) DEFERRABLE INITIALLY DEFERRED)"));
    }

    #[test]
    fn deferring_twice_changes_nothing() {
        let once =
            defer_references("CREATE TABLE c (x INTEGER REFERENCES d(id) ON DELETE SET NULL)");
        assert_eq!(defer_references(&once), once);
        let immediate = "CREATE TABLE e (x INTEGER REFERENCES d(id) NOT DEFERRABLE)";
        assert_eq!(defer_references(immediate), immediate);
    }
}
