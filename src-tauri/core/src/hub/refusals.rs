//! Operations the hub refused (the author lacked the right): kept in this device's conflict
//! inbox with the hub's reason, so the person sees that their change stayed on their laptop.

use crate::error::Result;
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
