//! The hub's schema and its versions: setting a hub up in a database the team owns, bringing it
//! to this app's version, and refusing a hub newer than this app (docs/HUB.md).

use super::address::call_error;
use crate::error::{Error, Result};
use crate::problem::Problem;
use postgres::Client;

/// The hub's migrations, in order; the hub's version is how many of them it has.
const MIGRATIONS: &[&str] = &[
    include_str!("../../hub-migrations/0001-hub.sql"),
    include_str!("../../hub-migrations/0002-snapshot-lz4.sql"),
    include_str!("../../hub-migrations/0003-category-moves.sql"),
    include_str!("../../hub-migrations/0004-private-groups.sql"),
];

/// The hub version this app speaks.
pub const HUB_VERSION: i64 = MIGRATIONS.len() as i64;

/// Who sets a hub up: the team, its first member (the owner, who logs in as this connection's
/// user) and that person's display name.
pub struct HubTeam<'a> {
    pub team_id: &'a str,
    pub team_name: &'a str,
    pub owner_person: &'a str,
}

/// Sets up the hub in the connected database, or brings an older one to this version. The
/// connection's user becomes the owner; it needs the right to create schemas and roles (the
/// database's owner with CREATEROLE, or a superuser). A hub of another team is refused.
pub fn set_up(client: &mut Client, team: &HubTeam) -> Result<()> {
    let mut tx = client.transaction().map_err(call_error)?;
    // One setup at a time, even from two laptops at once.
    tx.execute("SELECT pg_advisory_xact_lock(74616764)", &[])
        .map_err(call_error)?;
    let found = version_in(&mut tx)?;
    if found > HUB_VERSION {
        return Err(too_new(found));
    }
    if found > 0 {
        let existing: Option<String> = tx
            .query_opt(
                "SELECT value FROM tagdesk_hub.meta WHERE key = 'team_id'",
                &[],
            )
            .map_err(call_error)?
            .map(|r| r.get(0));
        if existing.as_deref() != Some(team.team_id) {
            return Err(Error::invalid("hub", Problem::HubOtherTeam));
        }
    } else {
        tx.batch_execute(
            "CREATE SCHEMA tagdesk_hub;
             DO $$ BEGIN
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tagdesk_member') THEN
                     CREATE ROLE tagdesk_member NOLOGIN;
                 END IF;
             END $$;",
        )
        .map_err(call_error)?;
    }
    migrate(&mut tx, found)?;
    tx.execute(
        "INSERT INTO tagdesk_hub.meta(key, value) VALUES ('team_id', $1), ('team_name', $2)
         ON CONFLICT (key) DO NOTHING",
        &[&team.team_id, &team.team_name],
    )
    .map_err(call_error)?;
    tx.execute(
        "INSERT INTO tagdesk_hub.members(login, person, role) VALUES (session_user, $1, 'owner')
         ON CONFLICT (login) DO NOTHING",
        &[&team.owner_person],
    )
    .map_err(call_error)?;
    tx.execute("GRANT tagdesk_member TO CURRENT_USER", &[])
        .map_err(call_error)?;
    tx.commit().map_err(call_error)
}

/// Brings the hub set up in the connected database (by this login: the schema's owner, who
/// alone may change it) from an older version to this app's.
pub(crate) fn upgrade(client: &mut Client) -> Result<()> {
    let mut tx = client.transaction().map_err(call_error)?;
    tx.execute("SELECT pg_advisory_xact_lock(74616764)", &[])
        .map_err(call_error)?;
    let found = version_in(&mut tx)?;
    if found < HUB_VERSION {
        migrate(&mut tx, found)?;
    }
    tx.commit().map_err(call_error)
}

/// Runs the migrations after version `found` and records the new version.
fn migrate(tx: &mut postgres::Transaction, found: i64) -> Result<()> {
    for sql in &MIGRATIONS[found as usize..] {
        tx.batch_execute(sql).map_err(call_error)?;
    }
    tx.execute(
        "INSERT INTO tagdesk_hub.meta(key, value) VALUES ('version', $1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&HUB_VERSION.to_string()],
    )
    .map_err(call_error)?;
    Ok(())
}

/// The hub's version, 0 when the database has none.
fn version_in(tx: &mut postgres::Transaction) -> Result<i64> {
    let has_schema: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM information_schema.tables
                            WHERE table_schema = 'tagdesk_hub' AND table_name = 'meta')",
            &[],
        )
        .map_err(call_error)?
        .get(0);
    if !has_schema {
        return Ok(0);
    }
    let version: Option<String> = tx
        .query_opt(
            "SELECT value FROM tagdesk_hub.meta WHERE key = 'version'",
            &[],
        )
        .map_err(call_error)?
        .map(|r| r.get(0));
    Ok(version.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// Refuses a hub this app is too old for ("update TagDesk").
pub(crate) fn check_version(found: i64) -> Result<()> {
    if found > HUB_VERSION {
        return Err(too_new(found));
    }
    if found < 1 {
        return Err(Error::invalid("hub", Problem::HubNotSetUp));
    }
    Ok(())
}

/// Refuses a hub older than this app when this person may not bring it up to date: the
/// owner's app does, at its next exchange.
pub(crate) fn older_hub(found: i64) -> Error {
    Error::invalid(
        "hub",
        Problem::HubOlder {
            found,
            supported: HUB_VERSION,
        },
    )
}

fn too_new(found: i64) -> Error {
    Error::invalid(
        "hub",
        Problem::HubTooNew {
            found,
            supported: HUB_VERSION,
        },
    )
}
