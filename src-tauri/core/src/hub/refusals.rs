//! Operations the hub refused (the author lacked the right): kept in this device's conflict
//! inbox with the hub's reason, so the person sees that their change stayed on their laptop.

use crate::error::Result;
use crate::problem::Problem;
use crate::team::inbox::{self, Case};
use serde::Deserialize;

/// The hub's reason as it sends it: a code and the parameters of that code.
#[derive(Debug, Deserialize)]
struct Refusal {
    reason: String,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    department: Option<String>,
    #[serde(default)]
    entity: Option<String>,
}

/// Opens an inbox case for operation `uid`, refused by the hub for `why` (its JSON), unless one
/// is open already (the same refusal comes again when an answer was lost and the push retried).
pub(crate) fn keep(conn: &rusqlite::Connection, uid: &str, why: &str) -> Result<()> {
    let open: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM team_inbox
                        WHERE operation_uid = ?1 AND kind = 'hub_refused')",
        [uid],
        |r| r.get(0),
    )?;
    if open {
        return Ok(());
    }
    let refusal: Refusal = serde_json::from_str(why)?;
    let case = Case::HubRefused {
        reason: refusal.reason,
        group: refusal.group,
        department: refusal.department,
        entity: refusal.entity,
    };
    inbox::record(conn, uid, &case, crate::clock::now())
}

/// The problem a refusal case shows, with the group named by `group_name`.
pub(crate) fn problem(
    reason: &str,
    group_name: Option<String>,
    department: Option<&String>,
    entity: Option<&String>,
) -> Problem {
    match reason {
        "hub_viewer_read_only" => Problem::HubViewerReadOnly,
        "hub_group_owned" => Problem::HubGroupOwned {
            group: group_name.unwrap_or_default(),
            department: department.cloned().unwrap_or_default(),
        },
        "hub_needs_admin" => Problem::HubAdminOnly {
            entity: entity.cloned().unwrap_or_default(),
        },
        _ => Problem::HubFailed,
    }
}
