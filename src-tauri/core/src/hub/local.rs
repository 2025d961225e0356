//! This copy's side of the hub (the `team_hub` row): the address it logs in with and how far it
//! has pulled and pushed.

use super::address::HubAddress;
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// The hub this copy exchanges through and its cursors.
#[derive(Clone)]
pub struct HubLink {
    pub address: HubAddress,
    pub pulled_pos: i64,
    pub pushed_seq: i64,
}

pub fn link(conn: &Connection) -> Result<Option<HubLink>> {
    Ok(conn
        .query_row(
            "SELECT host, port, database, login, password, pulled_pos, pushed_seq
             FROM team_hub WHERE id = 1",
            [],
            |r| {
                Ok(HubLink {
                    address: HubAddress {
                        host: r.get(0)?,
                        port: r.get(1)?,
                        database: r.get(2)?,
                        login: r.get(3)?,
                        password: r.get(4)?,
                    },
                    pulled_pos: r.get(5)?,
                    pushed_seq: r.get(6)?,
                })
            },
        )
        .optional()?)
}

/// A connection to the hub this copy is linked to; refused when it is in no team on a hub.
pub(crate) fn connect(conn: &Connection) -> Result<postgres::Client> {
    let link = link(conn)?.ok_or(crate::error::Error::invalid(
        "team",
        crate::problem::Problem::NotInTeam,
    ))?;
    link.address.connect()
}

/// Links this copy to the hub at `address`, having pulled up to `pulled_pos` and pushed up to
/// `pushed_seq`.
pub(crate) fn save_link(
    conn: &Connection,
    address: &HubAddress,
    pulled_pos: i64,
    pushed_seq: i64,
) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO team_hub(id, host, port, database, login, password, pulled_pos,
                                         pushed_seq)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            address.host,
            address.port,
            address.database,
            address.login,
            address.password,
            pulled_pos,
            pushed_seq
        ],
    )?;
    Ok(())
}

/// What the Team page shows about the hub: where it is (never the password), who this person
/// is there, and the last exchange.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export_to = "HubStatus.ts")]
pub struct HubStatus {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub login: String,
    /// As the hub last said ("owner", "admin", "editor", "viewer").
    pub role: Option<super::HubRole>,
    pub sees_contacts: bool,
    pub last_exchange_at: Option<i64>,
    /// Groups this laptop removed while they were kept from this person, which the hub now
    /// lets them see: downloading the team's data again brings their earlier tags back.
    #[ts(type = "number")]
    pub regained_groups: i64,
}

pub fn status(conn: &Connection) -> Result<Option<HubStatus>> {
    let status = conn
        .query_row(
            "SELECT host, port, database, login, role, sees_contacts, last_exchange_at
             FROM team_hub WHERE id = 1",
            [],
            |r| {
                Ok(HubStatus {
                    host: r.get(0)?,
                    port: r.get(1)?,
                    database: r.get(2)?,
                    login: r.get(3)?,
                    role: r
                        .get::<_, Option<String>>(4)?
                        .map(|s| super::HubRole::parse(&s)),
                    sees_contacts: r.get::<_, Option<bool>>(5)?.unwrap_or(true),
                    last_exchange_at: r.get(6)?,
                    regained_groups: 0,
                })
            },
        )
        .optional()?;
    let Some(mut status) = status else {
        return Ok(None);
    };
    status.regained_groups = super::hidden::regained(conn)?;
    Ok(Some(status))
}
