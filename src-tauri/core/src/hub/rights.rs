//! What this person may change, as the hub last said, kept on the laptop so the window can
//! disable what the hub would refuse and say why, offline too. The hub stays the authority: it
//! checks every push again (its `refusal`), and a refused operation shows in the inbox.

use super::address::call_error;
use super::{HubRole, Whoami};
use crate::error::Result;
use postgres::Client;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// This person's rights for the window: everything when the copy is on no hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "MyRights.ts")]
pub struct MyRights {
    pub on_hub: bool,
    pub role: Option<HubRole>,
    pub department: Option<String>,
    /// Groups another department owns: this person may neither give their tags nor change them.
    pub locked_groups: Vec<LockedGroup>,
}

/// A group (by this laptop's id) another department owns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "LockedGroup.ts")]
pub struct LockedGroup {
    #[ts(type = "number")]
    pub group_id: i64,
    pub department: String,
}

pub fn mine(conn: &Connection) -> Result<MyRights> {
    let hub: Option<(Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT role, department FROM team_hub WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((role, department)) = hub else {
        return Ok(MyRights {
            on_hub: false,
            role: None,
            department: None,
            locked_groups: Vec::new(),
        });
    };
    let role = role.map(|r| HubRole::parse(&r));
    let locked_groups = if matches!(role, Some(HubRole::Owner | HubRole::Admin)) {
        Vec::new()
    } else {
        locked(conn, department.as_deref())?
    };
    Ok(MyRights {
        on_hub: true,
        role,
        department,
        locked_groups,
    })
}

/// The groups owned by a department other than `mine`.
fn locked(conn: &Connection, mine: Option<&str>) -> Result<Vec<LockedGroup>> {
    let mut stmt = conn.prepare(
        "SELECT n.id, o.department FROM hub_group_owners o JOIN tag_nodes n ON n.uid = o.group_uid
         WHERE o.department IS NOT ?1 ORDER BY n.id",
    )?;
    let rows = stmt.query_map(params![mine], |r| {
        Ok(LockedGroup {
            group_id: r.get(0)?,
            department: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Keeps what the hub says now about this person and the groups departments own, and removes
/// from this laptop the groups that are now kept from this person (business lines of other
/// departments): the hub sends nothing more about them.
pub(crate) fn remember(conn: &Connection, client: &mut Client, me: &Whoami) -> Result<()> {
    let owners = client
        .query(
            "SELECT group_uid, department, private FROM tagdesk_hub.group_owners()",
            &[],
        )
        .map_err(call_error)?;
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "UPDATE team_hub SET role = ?1, sees_contacts = ?2, department = ?3 WHERE id = 1",
        params![me.role.as_str(), me.sees_contacts, me.department],
    )?;
    tx.execute("DELETE FROM hub_group_owners", [])?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO hub_group_owners(group_uid, department, private) VALUES (?1, ?2, ?3)",
        )?;
        for row in owners {
            insert.execute(params![
                row.get::<_, String>(0),
                row.get::<_, String>(1),
                row.get::<_, bool>(2)
            ])?;
        }
    }
    let hidden = super::hidden::held_here(&tx)?;
    super::hidden::forget(&tx, &hidden, super::hidden::Keep::OwnOperations)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn off_a_hub_everything_is_allowed() {
        let conn = crate::db::open_in_memory().unwrap();
        let rights = super::mine(&conn).unwrap();
        assert!(!rights.on_hub && rights.role.is_none() && rights.locked_groups.is_empty());
    }
}
