//! A team: laptops that share one customer base and tag system, each working offline and
//! exchanging its operations through a shared folder or a file (docs/TEAM.md).

mod cells;
mod clocks;
mod customers_in;
mod customers_out;
mod events_in;
mod events_out;
pub mod exchange;
mod ids;
pub mod inbox;
pub mod inbox_view;
pub mod incoming;
pub mod invitation;
pub mod membership;
mod node_names;
mod node_places;
mod nodes_in;
mod nodes_out;
pub mod outgoing;
pub mod packs;
mod portable;
pub(crate) mod received;
mod records_in;
mod records_out;
pub mod snapshot;
pub mod sync;
mod tag_pairs;
mod tag_runs;
mod touched;
mod waiting;
pub mod wire;

pub use incoming::{apply, apply_texts, Applied};
pub use membership::{start, status, TeamStatus};
pub use outgoing::own_after;
pub use snapshot::join;
pub use sync::{exchange as exchange_now, ExchangeReport};

use crate::error::Result;
use rusqlite::Connection;

/// Makes this copy of a team's database a device of its own, with a new device id: a copy of
/// a colleague's file starts with the colleague's id, under which its operations would pass
/// for theirs and be skipped by everyone as already seen.
pub fn become_new_device(conn: &Connection) -> Result<String> {
    conn.execute("DELETE FROM meta WHERE key = 'device_id'", [])?;
    crate::operations::device_id(conn)
}
