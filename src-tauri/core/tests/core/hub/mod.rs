//! The team hub (issue 20, docs/HUB.md) against a real PostgreSQL 15 that each test starts in a
//! folder of its own (as the `postgres` user when the tests run as root) and stops afterwards.

mod convergence;
mod devices;
mod live;
mod masking;
mod private;
mod rights;

use rusqlite::Connection;
use std::path::Path;
use tagdesk_core::customers::{self as cust, CustomerInput};
use tagdesk_core::db;
use tagdesk_core::demo::{self, DemoSpec};
use tagdesk_core::hub::local_server::LocalServer;
use tagdesk_core::hub::members::{self, NewHubMember};
use tagdesk_core::hub::{self, HubAddress, HubRole};
use tempfile::TempDir;

pub(super) const NOW: i64 = 1_763_000_000;

/// A team on a hub: the server, the owner's database and login, and the folder for members'.
/// The server is declared first so that it stops before its folder goes.
pub(super) struct Team {
    _server: LocalServer,
    pub owner: Connection,
    pub owner_address: HubAddress,
    pub dir: TempDir,
    _pg_dir: TempDir,
}

/// Starts a server, makes the owner's demo database (with phones and e-mails) and puts its team
/// on a hub set up by the owner's login, which may create roles (not a superuser).
pub(super) fn team() -> Team {
    let pg_dir = tempfile::tempdir().unwrap();
    let server = LocalServer::start(pg_dir.path()).unwrap();
    let owner_address = server
        .make_team_database("team", "boss", "boss-secret")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut owner = db::create(&dir.path().join("owner.sqlite")).unwrap();
    let spec = DemoSpec {
        customers: 30,
        now: NOW,
        ..DemoSpec::small()
    };
    demo::generate(&mut owner, &spec).unwrap();
    hub::start(&mut owner, &owner_address, "华东销售", "王总", NOW).unwrap();
    Team {
        _server: server,
        owner,
        owner_address,
        dir,
        _pg_dir: pg_dir,
    }
}

impl Team {
    /// Adds a member (from the owner's app) and returns their login.
    pub fn add(&self, login: &str, role: HubRole, department: Option<&str>) -> HubAddress {
        members::add(
            &self.owner,
            &NewHubMember {
                login: login.into(),
                password: format!("{login}-pw"),
                person: login.into(),
                role,
                department: department.map(str::to_string),
            },
        )
        .unwrap();
        HubAddress {
            login: login.into(),
            password: format!("{login}-pw"),
            ..self.owner_address.clone()
        }
    }

    /// A member's laptop joined from the hub.
    pub fn join(&self, address: &HubAddress) -> Connection {
        let path = self.dir.path().join(format!("{}.sqlite", address.login));
        hub::join(address, &path, &format!("{}的笔记本", address.login), NOW).unwrap();
        db::open(&path).unwrap()
    }
}

/// A new customer with a phone and an e-mail.
pub(super) fn new_customer(conn: &Connection, name: &str, phone: &str) -> i64 {
    cust::create(
        conn,
        &CustomerInput {
            name: name.into(),
            phone: Some(phone.into()),
            email: Some(format!("{phone}@example.com")),
            ..CustomerInput::default()
        },
        "t",
    )
    .unwrap()
}

/// The bytes of a database file and its log, as a thief of the laptop would read them.
pub(super) fn file_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    let wal = path.with_extension("sqlite-wal");
    if let Ok(more) = std::fs::read(wal) {
        bytes.extend(more);
    }
    bytes
}

/// A customer who does not hold `tag` (giving it to one who does changes nothing, so no
/// operation would be pushed).
pub(super) fn without(conn: &Connection, tag: i64) -> i64 {
    conn.query_row(
        "SELECT id FROM customers c WHERE deleted_at IS NULL AND NOT EXISTS
             (SELECT 1 FROM assignments a WHERE a.customer_id = c.id AND a.tag_id = ?1)
         ORDER BY id LIMIT 1",
        [tag],
        |r| r.get(0),
    )
    .unwrap()
}
