//! The team hub: a PostgreSQL database the team runs, through which laptops exchange the same
//! operations as through a team folder, with the hub as the authority on who may change what
//! and on who sees contacts (docs/HUB.md). No server of our own: the hub is a schema of
//! functions that members call with their own logins.

mod address;
pub mod groups;
mod hidden;
pub mod local;
pub mod local_server;
pub mod masking;
pub mod members;
mod pull;
mod push;
mod refusals;
pub mod rights;
pub mod schema;
mod snapshots;

pub use address::HubAddress;
pub use local::{status, HubStatus};
pub use members::{HubMember, HubRole};

use crate::error::{Error, Result};
use crate::jobs::{Job, JobStep};
use crate::operations;
use crate::problem::Problem;
use crate::team::snapshot::{start_from, Joiner, WholeCopy};
use crate::team::sync::ExchangeReport;
use postgres::Client;
use rusqlite::{params, Connection};
use schema::HubTeam;
use std::path::Path;
use std::time::Duration;

/// Who this person is on the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Whoami {
    pub team_id: String,
    pub team_name: String,
    pub role: HubRole,
    pub department: Option<String>,
    pub sees_contacts: bool,
}

/// Asks the hub who the logged-in person is, refusing a hub this app is too old for. A hub
/// older than this app is brought up to date when the owner asks (only the owner's login may
/// change the hub's schema), and refused to anyone else until then.
pub(crate) fn whoami(client: &mut Client) -> Result<Whoami> {
    let row = client
        .query_one(
            "SELECT team_id, team_name, version, role, department, sees_contacts
             FROM tagdesk_hub.whoami()",
            &[],
        )
        .map_err(address::call_error)?;
    let version = i64::from(row.get::<_, i32>(2));
    schema::check_version(version)?;
    let me = Whoami {
        team_id: row.get(0),
        team_name: row.get(1),
        role: HubRole::parse(&row.get::<_, String>(3)),
        department: row.get(4),
        sees_contacts: row.get(5),
    };
    if version < schema::HUB_VERSION {
        if me.role != HubRole::Owner {
            return Err(schema::older_hub(version));
        }
        schema::upgrade(client)?;
    }
    Ok(me)
}

/// Puts the open database's team on a hub set up now in the database at `address` (whose login
/// may create schemas and roles): the person becomes its owner, and the database as it is now
/// is what colleagues join from. A database in no team starts one.
pub fn start(
    conn: &mut Connection,
    address: &HubAddress,
    team_name: &str,
    person: &str,
    now: i64,
) -> Result<()> {
    start_with(conn, address, team_name, person, now, &Job::default())
}

/// [`start`], reporting its steps to `job` (for 1,000,000 customers the copies take minutes).
pub fn start_with(
    conn: &mut Connection,
    address: &HubAddress,
    team_name: &str,
    person: &str,
    now: i64,
    job: &Job,
) -> Result<()> {
    let team_name = team_name.trim();
    if team_name.is_empty() {
        return Err(Error::invalid("name", Problem::NameRequired));
    }
    if local::link(conn)?.is_some() {
        return Err(Error::invalid("team", Problem::AlreadyInTeam));
    }
    job.step(JobStep::HubSetUp, 0);
    let mut client = address.connect()?;
    let team_id = crate::team::membership::start_without_folder(conn, team_name, person, now)?;
    schema::set_up(
        &mut client,
        &HubTeam {
            team_id: &team_id,
            team_name,
            owner_person: person,
        },
    )?;
    local::save_link(conn, address, 0, 0)?;
    let me = whoami(&mut client)?;
    rights::remember(conn, &mut client, &me)?;
    push::push(conn, &mut client, &device_name(conn)?)?;
    snapshots::upload(conn, &mut client, 0, job)
}

/// Makes a new database at `target` from the hub's newest snapshot that this person may
/// receive, then brings it up to date: a device of its own, named `device_name`.
pub fn join(address: &HubAddress, target: &Path, device_name: &str, now: i64) -> Result<()> {
    join_with(address, target, device_name, now, &Job::default())
}

/// [`join`], reporting its steps to `job`.
pub fn join_with(
    address: &HubAddress,
    target: &Path,
    device_name: &str,
    now: i64,
    job: &Job,
) -> Result<()> {
    let mut client = address.connect()?;
    // Refuses a hub this app is too old for before downloading anything.
    whoami(&mut client)?;
    let snapshot = snapshots::newest(&mut client)?;
    let bytes = snapshots::download(&mut client, &snapshot, job)?;
    let person = members::person(&mut client, &address.login)?;
    let copy = WholeCopy {
        bytes: &bytes,
        device: &snapshot.device,
        seq: snapshot.seq as u64,
        folder: Path::new(""),
    };
    let joiner = Joiner {
        device_name,
        person: &person,
        now,
    };
    job.step(JobStep::HubCatchUp, 0);
    let (mut conn, _) = start_from(&copy, target, &joiner)?;
    let linked = local::save_link(&conn, address, snapshot.pos, 0)
        .and_then(|()| exchange_with(&mut conn, &mut client, now).map(|_| ()));
    if linked.is_err() {
        drop(conn);
        crate::db::remove_database(target);
    }
    linked
}

/// Whether this copy exchanges through a hub.
pub fn linked(conn: &Connection) -> Result<bool> {
    Ok(local::link(conn)?.is_some())
}

/// Exchanges with the hub now: pushes this device's new operations, then pulls and applies what
/// the others pushed.
pub fn exchange(conn: &mut Connection, now: i64) -> Result<ExchangeReport> {
    let mut client = local::connect(conn)?;
    exchange_with(conn, &mut client, now)
}

fn exchange_with(conn: &mut Connection, client: &mut Client, now: i64) -> Result<ExchangeReport> {
    let me = whoami(client)?;
    rights::remember(conn, client, &me)?;
    let inbox_before = crate::team::inbox::newest(conn)?;
    let pushed = push::push(conn, client, &device_name(conn)?)?;
    let mut report = ExchangeReport {
        sent: pushed.accepted,
        ..ExchangeReport::default()
    };
    crate::db::with_exchange_cache(conn, |conn| pull::pull(conn, client, now, &mut report))?;
    conn.execute(
        "UPDATE team_hub SET last_exchange_at = ?1 WHERE id = 1",
        params![now],
    )?;
    report.inbox = crate::team::inbox::opened_after(conn, inbox_before)?;
    Ok(report)
}

/// Uploads a fresh snapshot for joiners (the owner's or an admin's app does it from time to
/// time, so a joiner reads few operations after it).
pub fn upload_snapshot(conn: &mut Connection, now: i64) -> Result<()> {
    let mut client = local::connect(conn)?;
    exchange_with(conn, &mut client, now)?;
    let pos = local::link(conn)?.map(|l| l.pulled_pos).unwrap_or(0);
    snapshots::upload(conn, &mut client, pos, &Job::default())
}

/// Waits up to `timeout` for something new on the hub (a colleague's push), on a connection
/// that listens for the hub's notices: true as soon as there is, so an online laptop pulls
/// within a second of the change. Something pushed before the wait began counts too.
pub fn wait_for_push(link: &local::HubLink, device: &str, timeout: Duration) -> Result<bool> {
    use postgres::fallible_iterator::FallibleIterator;
    let mut client = link.address.connect()?;
    client
        .batch_execute("LISTEN tagdesk_hub")
        .map_err(address::call_error)?;
    let waiting = client
        .query(
            "SELECT pos FROM tagdesk_hub.pull($1, $2, 1) WHERE device <> $1",
            &[&device, &link.pulled_pos],
        )
        .map_err(address::call_error)?;
    if !waiting.is_empty() {
        return Ok(true);
    }
    let heard = client
        .notifications()
        .timeout_iter(timeout)
        .next()
        .map_err(address::call_error)?
        .is_some();
    Ok(heard)
}

fn device_name(conn: &Connection) -> Result<String> {
    conn.query_row("SELECT device_name FROM team WHERE id = 1", [], |r| {
        r.get(0)
    })
    .or_else(|_| operations::device_id(conn))
}
