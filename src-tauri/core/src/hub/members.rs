//! The team on the hub: its members, their roles and departments, the groups a department owns,
//! and the audit trail. Changing them is for admins and the owner; the hub checks it.

use super::address::call_error;
use super::local;
use crate::error::{Error, Result};
use crate::problem::Problem;
use postgres::Client;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a member may do: the owner and admins everything (members, rights, rules, settings);
/// editors customers, tags, segments (not in groups another department owns); viewers look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "HubRole.ts")]
pub enum HubRole {
    Owner,
    Admin,
    Editor,
    Viewer,
}

impl HubRole {
    pub fn as_str(self) -> &'static str {
        match self {
            HubRole::Owner => "owner",
            HubRole::Admin => "admin",
            HubRole::Editor => "editor",
            HubRole::Viewer => "viewer",
        }
    }

    /// A role as the hub names it; an unknown one (a newer hub's) may do least.
    pub fn parse(s: &str) -> HubRole {
        match s {
            "owner" => HubRole::Owner,
            "admin" => HubRole::Admin,
            "editor" => HubRole::Editor,
            _ => HubRole::Viewer,
        }
    }
}

/// A person of the team as the hub knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "HubMember.ts")]
pub struct HubMember {
    pub login: String,
    pub person: String,
    pub role: HubRole,
    pub department: Option<String>,
    pub active: bool,
}

/// A new member: the login they will use, its first password, their name, role, department.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export_to = "NewHubMember.ts")]
pub struct NewHubMember {
    pub login: String,
    pub password: String,
    pub person: String,
    pub role: HubRole,
    pub department: Option<String>,
}

/// One entry of the hub's audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "HubAuditEntry.ts")]
pub struct HubAuditEntry {
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    pub login: String,
    pub device: Option<String>,
    /// The device's name as its person set it ("前台电脑"), when the hub knows the device.
    pub device_name: Option<String>,
    pub action: String,
    pub detail: String,
}

pub fn list(conn: &Connection) -> Result<Vec<HubMember>> {
    let mut client = local::connect(conn)?;
    Ok(client
        .query(
            "SELECT login, person, role, department, active FROM tagdesk_hub.members()",
            &[],
        )
        .map_err(call_error)?
        .into_iter()
        .map(|r| HubMember {
            login: r.get(0),
            person: r.get(1),
            role: HubRole::parse(&r.get::<_, String>(2)),
            department: r.get(3),
            active: r.get(4),
        })
        .collect())
}

pub fn add(conn: &Connection, member: &NewHubMember) -> Result<()> {
    let login = member.login.trim();
    if login.is_empty() || member.person.trim().is_empty() || member.password.is_empty() {
        return Err(Error::invalid("login", Problem::NameRequired));
    }
    let mut client = local::connect(conn)?;
    client
        .execute(
            "SELECT tagdesk_hub.add_member($1, $2, $3, $4, $5)",
            &[
                &login,
                &member.password,
                &member.person.trim(),
                &member.role.as_str(),
                &member.department.as_deref().unwrap_or(""),
            ],
        )
        .map_err(call_error)?;
    // A department kept from a private group joins from a copy without it.
    super::snapshots::upload_missing(conn, &mut client)
}

pub fn set(conn: &Connection, login: &str, role: HubRole, department: Option<&str>) -> Result<()> {
    let mut client = local::connect(conn)?;
    client
        .execute(
            "SELECT tagdesk_hub.set_member($1, $2, $3)",
            &[&login, &role.as_str(), &department.unwrap_or("")],
        )
        .map_err(call_error)?;
    super::snapshots::upload_missing(conn, &mut client)
}

/// Takes `login` out of the team: from now on the hub sends them nothing and takes nothing.
pub fn remove(conn: &Connection, login: &str) -> Result<()> {
    let mut client = local::connect(conn)?;
    client
        .execute("SELECT tagdesk_hub.remove_member($1)", &[&login])
        .map_err(call_error)?;
    Ok(())
}

/// The audit trail after entry `after`, oldest first, at most `limit`.
pub fn audit(conn: &Connection, after: i64, limit: i32) -> Result<Vec<HubAuditEntry>> {
    let mut client = local::connect(conn)?;
    let names: std::collections::HashMap<String, String> = client
        .query("SELECT device, name FROM tagdesk_hub.devices()", &[])
        .map_err(call_error)?
        .into_iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    client
        .query(
            "SELECT id, extract(epoch FROM at)::bigint, login, device, action, detail
             FROM tagdesk_hub.audit_after($1, $2)",
            &[&after, &limit],
        )
        .map_err(call_error)?
        .into_iter()
        .map(|r| {
            let action: String = r.get(4);
            let detail = named_groups(conn, &action, r.get(5))?;
            let device: Option<String> = r.get(3);
            Ok(HubAuditEntry {
                id: r.get(0),
                at: r.get(1),
                login: r.get(2),
                device_name: device.as_ref().and_then(|d| names.get(d).cloned()),
                device,
                action,
                detail,
            })
        })
        .collect::<Result<_>>()
}

/// The detail of a group's change of hands with the group's name on this laptop beside its uid
/// (`group_name`), which is all the hub knows it by.
fn named_groups(conn: &Connection, action: &str, detail: String) -> Result<String> {
    if action != "group_owner" {
        return Ok(detail);
    }
    let Ok(serde_json::Value::Object(mut map)) = serde_json::from_str(&detail) else {
        return Ok(detail);
    };
    let uid = map
        .get("group")
        .and_then(|g| g.as_str())
        .unwrap_or_default()
        .to_string();
    if let Some((_, name)) = super::groups::named(conn, &uid)? {
        map.insert("group_name".into(), name.into());
    }
    Ok(serde_json::Value::Object(map).to_string())
}

/// The display name of member `login`.
pub(crate) fn person(client: &mut Client, login: &str) -> Result<String> {
    Ok(client
        .query("SELECT login, person FROM tagdesk_hub.members()", &[])
        .map_err(call_error)?
        .into_iter()
        .find(|r| r.get::<_, String>(0) == login)
        .map(|r| r.get(1))
        .unwrap_or_else(|| login.to_string()))
}
