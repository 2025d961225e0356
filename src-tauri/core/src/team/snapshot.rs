//! A whole copy of the team's database in the team folder, for colleagues who join: they start
//! from it and then read only the operations after it (docs/TEAM.md §5). An invitation file
//! carries the same copy (team/invitation.rs) and is joined the same way.

use super::exchange::folder::{ReadError, TeamFolder};
use super::membership::{self, folder_error, membership};
use crate::db;
use crate::error::{Error, Result};
use crate::problem::Problem;
use rusqlite::{params, Connection};
use std::path::{Path, PathBuf};

/// Writes a snapshot of `conn` at this device's written seq.
pub(crate) fn write(conn: &Connection, folder: &TeamFolder, device: &str) -> Result<()> {
    let (seq, bytes) = whole_copy(conn)?;
    folder
        .write_snapshot(device, seq, &bytes)
        .map_err(folder_error)?;
    Ok(())
}

/// The whole database as it is now and this device's written seq: what a joiner starts from,
/// in a snapshot or an invitation file.
pub(crate) fn whole_copy(conn: &Connection) -> Result<(u64, Vec<u8>)> {
    sweep_stale_copies(&std::env::temp_dir());
    // Unique per call: two databases of one process may write snapshots at the same time.
    let copy = std::env::temp_dir().join(format!(
        "{COPY_PREFIX}{}-{:016x}.sqlite",
        std::process::id(),
        rand::random::<u64>()
    ));
    let copied = copy_into(conn, &copy).and_then(|seq| Ok((seq, std::fs::read(&copy)?)));
    let _ = std::fs::remove_file(&copy);
    copied
}

/// Writes a consistent, plain copy of the whole database to `path` (a new file; colleagues open
/// it without this laptop's passphrase); returns the last own operation it holds.
pub(crate) fn copy_into(conn: &Connection, path: &Path) -> Result<u64> {
    let seq = membership(conn)?.map(|m| m.written_seq).unwrap_or(0) as u64;
    // Own operations made since the last send are in the copy too; the clocks of what they
    // wrote must be as well, or a joiner would order received changes against them wrongly.
    super::outgoing::work_out_pending(conn)?;
    crate::db::plain_copy(conn, path)?;
    Ok(seq)
}

/// The name of the whole-database copy a snapshot is read from, before the process id.
const COPY_PREFIX: &str = "tagdesk-snapshot-";

/// Removes copies that a process killed while writing a snapshot left behind (each is a whole
/// database): an hour is far beyond the seconds a snapshot takes.
fn sweep_stale_copies(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(COPY_PREFIX)
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The team folder the user chose: the TagDesk-… folder itself, or the shared folder holding
/// exactly one.
pub(crate) fn find_team_folder(chosen: &Path) -> Result<TeamFolder> {
    if chosen.join("team.json").exists() {
        return TeamFolder::open_any(chosen).map_err(folder_error);
    }
    let inside: Vec<PathBuf> = std::fs::read_dir(chosen)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("team.json").exists())
        .collect();
    match inside.as_slice() {
        [one] => TeamFolder::open_any(one).map_err(folder_error),
        _ => Err(Error::invalid(
            "folder",
            Problem::NotATeamFolder {
                folder: chosen.display().to_string(),
            },
        )),
    }
}

/// Makes a new database at `target` from the newest snapshot in the team folder `chosen`: a
/// device of its own, named `device_name` for `person`, that has applied what the snapshot's
/// device had.
pub fn join(chosen: &Path, target: &Path, device_name: &str, person: &str, now: i64) -> Result<()> {
    let folder = find_team_folder(chosen)?;
    let newest = folder
        .snapshots()
        .map_err(folder_error)?
        .into_iter()
        .max_by_key(|s| std::fs::metadata(&s.path).and_then(|m| m.modified()).ok());
    let no_snapshot = || {
        Error::invalid(
            "folder",
            Problem::TeamHasNoSnapshot {
                folder: folder.root().display().to_string(),
            },
        )
    };
    let snapshot = newest.ok_or_else(no_snapshot)?;
    let bytes = folder.read_snapshot(&snapshot).map_err(|e| match e {
        ReadError::Gone => no_snapshot(),
        e => match e.problem(&snapshot.path.display().to_string()) {
            Some(problem) => Error::invalid("folder", problem),
            None => no_snapshot(),
        },
    })?;
    let copy = WholeCopy {
        bytes: &bytes,
        device: &snapshot.device,
        seq: snapshot.seq,
        folder: folder.root(),
    };
    let joiner = Joiner {
        device_name,
        person,
        now,
    };
    let (conn, device) = start_from(&copy, target, &joiner)?;
    membership::write_device(&conn, &folder, &device)?;
    Ok(())
}

/// A whole database another device of the team made when it had written up to `seq`, and the
/// team folder's path as it knows it.
pub(crate) struct WholeCopy<'a> {
    pub bytes: &'a [u8],
    pub device: &'a str,
    pub seq: u64,
    pub folder: &'a Path,
}

/// Who joins: this laptop's name, the person using it, and when.
pub(crate) struct Joiner<'a> {
    pub device_name: &'a str,
    pub person: &'a str,
    pub now: i64,
}

/// Makes the database at `target` from `copy`: a device of its own that has applied what the
/// copy's device had. Returns it open, with its new device id. On failure nothing is left at
/// `target`, so the user is never offered a half-made database.
pub(crate) fn start_from(
    copy: &WholeCopy,
    target: &Path,
    joiner: &Joiner,
) -> Result<(Connection, String)> {
    std::fs::write(target, copy.bytes)?;
    let made = become_device(copy, target, joiner);
    if made.is_err() {
        db::remove_database(target);
    }
    made
}

fn become_device(copy: &WholeCopy, target: &Path, joiner: &Joiner) -> Result<(Connection, String)> {
    let conn = db::open(target)?;
    let device = super::become_new_device(&conn)?;
    let tx = conn.unchecked_transaction()?;
    // The copy's device has applied its own operations up to the copy's seq; what it had
    // applied of the others comes with the file. Its names too (the file's team row), so what
    // comes from it by sync pack is named before any folder exchange.
    tx.execute(
        "INSERT INTO team_devices(device, name, person, applied_seq)
         SELECT ?1, device_name, person, ?2 FROM team WHERE id = 1
         ON CONFLICT(device) DO UPDATE SET applied_seq = max(applied_seq, excluded.applied_seq),
             name = excluded.name, person = excluded.person",
        params![copy.device, copy.seq as i64],
    )?;
    // The copy's device's own operations, as received ones with their seqs: this copy can pass
    // them on in a sync pack like any operation it received.
    tx.execute(
        "INSERT OR IGNORE INTO received_operations(uid, operation_id, payload, device, seq)
         SELECT o.uid, o.id, w.payload, o.device, t.seq FROM team_outbox t
         JOIN operations o ON o.id = t.operation_id
         JOIN team_wire w ON w.operation_id = t.operation_id",
        [],
    )?;
    tx.execute("DELETE FROM team_outbox", [])?;
    tx.execute(
        "UPDATE team SET folder = ?1, device_name = ?2, person = ?3, joined_at = ?4,
             written_seq = 0, last_exchange_at = NULL,
             first_operation_id = (SELECT coalesce(max(id), 0) FROM operations)
         WHERE id = 1",
        params![
            copy.folder.display().to_string(),
            joiner.device_name,
            joiner.person,
            joiner.now
        ],
    )?;
    tx.commit()?;
    Ok((conn, device))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn file(dir: &Path, name: &str, age: Duration) -> PathBuf {
        let path = dir.join(name);
        let f = std::fs::File::create(&path).unwrap();
        f.set_modified(SystemTime::now() - age).unwrap();
        path
    }

    #[test]
    fn only_copies_left_for_over_an_hour_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let left = file(
            dir.path(),
            "tagdesk-snapshot-4242-00ff.sqlite",
            Duration::from_secs(7200),
        );
        let writing = file(
            dir.path(),
            "tagdesk-snapshot-4243-00fe.sqlite",
            Duration::from_secs(5),
        );
        let other = file(dir.path(), "someone-else.sqlite", Duration::from_secs(7200));
        sweep_stale_copies(dir.path());
        assert!(!left.exists(), "a copy a killed process left is removed");
        assert!(writing.exists(), "a copy being written stays");
        assert!(other.exists(), "other files stay");
    }
}
