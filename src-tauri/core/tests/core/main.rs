//! Integration tests of the core on temporary databases.

mod automatic;
mod cli;
mod conditions;
mod customers;
mod days;
mod encryption;
mod events;
mod health;
mod health_actions;
mod health_duplicates;
mod health_usage;
mod history;
mod history_imports;
mod hub;
mod imports;
mod interrupted;
mod kill;
mod locks;
mod migration;
mod module_layers;
mod roundtrip;
mod rules;
mod saved_index;
mod search;
mod shared_desk;
mod spreadsheets;
mod tag_names;
mod tag_tree;
mod tagging;
mod team_convergence;
mod team_customers;
mod team_events;
mod team_exchange;
mod team_folder;
mod team_invitation;
mod team_packs;
mod team_records;
mod team_runs;
mod team_same_events;
mod team_tags;
mod team_waiting;
mod unusual_files;
mod value;

use rusqlite::Connection;
use tagdesk_core::customers::{self as cust, CustomerInput};
use tagdesk_core::db;
use tagdesk_core::demo::{self, DemoSpec};

/// A fresh in-memory database with the starter tree and `n` generated customers.
pub fn demo_db(n: usize) -> Connection {
    let mut conn = db::open_in_memory().unwrap();
    demo::generate(
        &mut conn,
        &DemoSpec {
            customers: n,
            now: 1_763_000_000,
            ..DemoSpec::small()
        },
    )
    .unwrap();
    conn
}

/// Imports the customers of the file at `path` with the default choices, as user "t".
pub fn import_customers(
    conn: &mut Connection,
    path: &std::path::Path,
) -> tagdesk_core::Result<tagdesk_core::import::ImportReport> {
    tagdesk_core::import::run(
        conn,
        &tagdesk_core::import::ImportSpec::customers(path),
        "t",
        &|_, _| {},
        &Default::default(),
    )
}

/// An empty database with the full schema.
pub fn empty_db() -> Connection {
    db::open_in_memory().unwrap()
}

/// The id of the tag called `name` (unique in the starter tree).
pub fn tag(conn: &Connection, name: &str) -> i64 {
    conn.query_row(
        "SELECT id FROM tag_nodes WHERE name = ?1 AND kind = 'tag' AND deleted_at IS NULL",
        [name],
        |r| r.get(0),
    )
    .unwrap_or_else(|_| panic!("tag {name} exists"))
}

pub fn node(conn: &Connection, name: &str) -> i64 {
    conn.query_row("SELECT id FROM tag_nodes WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .unwrap_or_else(|_| panic!("node {name} exists"))
}

pub fn add_customer(
    conn: &Connection,
    name: &str,
    phone: Option<&str>,
    company: Option<&str>,
) -> i64 {
    cust::create(
        conn,
        &CustomerInput {
            name: name.into(),
            phone: phone.map(Into::into),
            company: company.map(Into::into),
            ..Default::default()
        },
        "test",
    )
    .unwrap()
}

pub fn scalar(conn: &Connection, sql: &str, arg: i64) -> i64 {
    conn.query_row(sql, [arg], |r| r.get(0)).unwrap()
}

/// Every customer's id, ascending.
pub fn all_customers(conn: &Connection) -> Vec<i64> {
    conn.prepare("SELECT id FROM customers ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}
