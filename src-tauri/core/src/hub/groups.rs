//! Tag groups a department owns at the hub (市场部 owns 营销渠道): only its members, admins and
//! the owner may give their tags or change them. Named here by this laptop's tree, since the
//! hub knows groups by uid only.

use super::address::call_error;
use super::local;
use crate::error::{Error, Result};
use crate::problem::{Problem, Thing};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// A group a department owns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "HubGroupOwner.ts")]
pub struct HubGroupOwner {
    pub group_uid: String,
    /// The group on this laptop (None: not arrived yet, or deleted here).
    #[ts(type = "number | null")]
    pub group_id: Option<i64>,
    /// "基础属性 / 客户等级", as the tag tree shows the group.
    pub group_name: Option<String>,
    pub department: String,
    /// A business line's group: only that department (with admins and the owner) sees it.
    pub private: bool,
}

pub fn list(conn: &Connection) -> Result<Vec<HubGroupOwner>> {
    let mut client = local::connect(conn)?;
    let rows = client
        .query(
            "SELECT group_uid, department, private FROM tagdesk_hub.group_owners()",
            &[],
        )
        .map_err(call_error)?;
    rows.into_iter()
        .map(|r| {
            let group_uid: String = r.get(0);
            let named = named(conn, &group_uid)?;
            Ok(HubGroupOwner {
                group_id: named.as_ref().map(|n| n.0),
                group_name: named.map(|n| n.1),
                group_uid,
                department: r.get(1),
                private: r.get(2),
            })
        })
        .collect()
}

/// Gives group `group_id` of this laptop's tree to `department`, private when only that
/// department may see it.
pub fn give(conn: &Connection, group_id: i64, department: &str, private: bool) -> Result<()> {
    let department = department.trim();
    if department.is_empty() {
        return Err(Error::invalid("department", Problem::NameRequired));
    }
    let uid: String = conn
        .query_row(
            "SELECT uid FROM tag_nodes WHERE id = ?1 AND kind = 'group' AND deleted_at IS NULL",
            [group_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(Error::NotFound {
            what: Thing::Tag,
            id: group_id.to_string(),
        })?;
    set_owner(conn, &uid, Some(department), private)
}

/// Gives group `group_uid` to `department` (None: back to the whole company), private when
/// only that department may see it.
pub fn set_owner(
    conn: &Connection,
    group_uid: &str,
    department: Option<&str>,
    private: bool,
) -> Result<()> {
    let mut client = local::connect(conn)?;
    client
        .execute(
            "SELECT tagdesk_hub.set_group_owner($1, $2, $3)",
            &[&group_uid, &department.unwrap_or(""), &private],
        )
        .map_err(call_error)?;
    // The window disables the group's tags for other departments at once, not at the next
    // exchange.
    let me = super::whoami(&mut client)?;
    super::rights::remember(conn, &mut client, &me)?;
    // Members kept from a group now private join from a copy without it.
    super::snapshots::upload_missing(conn, &mut client)
}

/// The group with `uid` on this laptop and its path from the root.
pub(crate) fn named(conn: &Connection, uid: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "WITH RECURSIVE up(id, parent_id, name, depth) AS (
                 SELECT id, parent_id, name, 0 FROM tag_nodes WHERE uid = ?1
                 UNION ALL
                 SELECT n.id, n.parent_id, n.name, up.depth + 1
                 FROM tag_nodes n JOIN up ON n.id = up.parent_id WHERE up.depth < 64)
             SELECT (SELECT id FROM tag_nodes WHERE uid = ?1),
                    group_concat(name, ' / ') FROM (SELECT name FROM up ORDER BY depth DESC)",
            [uid],
            |r| Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, Option<String>>(1)?)),
        )
        .optional()?
        .and_then(|(id, name)| Some((id?, name?))))
}
