//! Keeping the automatic value groups (RFM 客户价值, 生命周期) current after new events arrive:
//! an import of the month's orders should move customers between classes without anyone
//! pressing "Run" (journey 3). Only what a person has used before is rerun, so a desk that
//! never looked at RFM does not grow an RFM group on its first event import.

use crate::error::Result;
use crate::lifecycle::{self, LifecycleReport};
use crate::rfm::{self, RfmSummary};
use rusqlite::Connection;
use serde::Serialize;

/// What [`refresh_after_events`] reran; None where it was left alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueRefresh {
    pub rfm: Option<RfmSummary>,
    pub lifecycle: Option<LifecycleReport>,
}

/// Reruns RFM and lifecycle, each in its own transaction, if each has run or been configured
/// before. Call after events were written (import, sync).
pub fn refresh_after_events(conn: &mut Connection, now: i64, actor: &str) -> Result<ValueRefresh> {
    let rfm = if rfm::summary(conn)?.is_some() || rfm::configured(conn)? {
        Some(rfm::run(conn, now, actor)?)
    } else {
        None
    };
    let lifecycle = if lifecycle::last_report(conn)?.is_some() || lifecycle::configured(conn)? {
        Some(lifecycle::run(conn, now, actor)?)
    } else {
        None
    };
    Ok(ValueRefresh { rfm, lifecycle })
}
