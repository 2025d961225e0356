//! Snapshots in a team folder (`snapshots/<device id>-<seq>.tdsnap`): a whole database for a
//! joiner, who then reads only the chunks after it. Which snapshot a joiner takes depends on the
//! cursors inside it (the payload is the caller's), so this lists them and leaves the choice.

use super::container::{self, Header, Kind};
use super::files::{io_at, write_once};
use super::folder::{FolderError, ReadError, TeamFolder};
use std::fs;
use std::io;
use std::path::PathBuf;

type Result<T, E = FolderError> = std::result::Result<T, E>;

/// How many of a device's snapshots stay in the folder.
pub const KEPT_SNAPSHOTS: usize = 2;

/// A snapshot file: made by `device` when it had written up to `seq`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotRef {
    pub device: String,
    pub seq: u64,
    pub path: PathBuf,
}

/// The (device, seq) a snapshot name stands for; `None` for anything else.
pub fn parse_snapshot_name(name: &str) -> Option<(String, u64)> {
    let stem = name.strip_suffix(".tdsnap")?;
    let (device, seq) = stem.rsplit_once('-')?;
    let canonical = !seq.is_empty()
        && seq.bytes().all(|b| b.is_ascii_digit())
        && (seq == "0" || !seq.starts_with('0'));
    if !canonical || !container::valid_id(device) {
        return None;
    }
    Some((device.to_string(), seq.parse().ok()?))
}

impl TeamFolder {
    /// Writes `device`'s snapshot at `seq`, whole or not at all.
    pub fn write_snapshot(&self, device: &str, seq: u64, payload: &[u8]) -> Result<SnapshotRef> {
        let header = Header {
            kind: Kind::Snapshot,
            team: self.team().id.clone(),
            device: device.into(),
            first: seq,
            last: seq,
        };
        let bytes = container::write(&header, payload)?;
        let dir = self.root().join("snapshots");
        fs::create_dir_all(&dir).map_err(io_at(&dir))?;
        let name = format!("{device}-{seq}.tdsnap");
        write_once(&dir, &name, &bytes)?;
        self.prune_snapshots(device)?;
        Ok(SnapshotRef {
            device: device.into(),
            seq,
            path: dir.join(name),
        })
    }

    /// Removes `device`'s snapshots but its newest [`KEPT_SNAPSHOTS`]: each is a whole
    /// database, one per 2,000 own operations, and a joiner wants the newest. The one before
    /// stays for a joiner who started reading it a moment ago.
    fn prune_snapshots(&self, device: &str) -> Result<()> {
        let mine: Vec<SnapshotRef> = self
            .snapshots()?
            .into_iter()
            .filter(|s| s.device == device)
            .collect();
        for old in mine.iter().rev().skip(KEPT_SNAPSHOTS) {
            match fs::remove_file(&old.path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(io_at(&old.path)(e)),
                _ => {}
            }
        }
        Ok(())
    }

    /// Every snapshot in the folder; cloud copies and temp files are ignored.
    pub fn snapshots(&self) -> Result<Vec<SnapshotRef>> {
        let dir = self.root().join("snapshots");
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_at(&dir)(e)),
        };
        let mut snapshots: Vec<SnapshotRef> = entries
            .flatten()
            .filter_map(|entry| {
                let (device, seq) = parse_snapshot_name(entry.file_name().to_str()?)?;
                Some(SnapshotRef {
                    device,
                    seq,
                    path: entry.path(),
                })
            })
            .collect();
        snapshots.sort_by(|a, b| (&a.device, a.seq).cmp(&(&b.device, b.seq)));
        Ok(snapshots)
    }

    /// A snapshot's payload, checked whole; its header must agree with its name.
    pub fn read_snapshot(&self, snapshot: &SnapshotRef) -> Result<Vec<u8>, ReadError> {
        let bytes = match fs::read(&snapshot.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(ReadError::Gone),
            Err(e) => return Err(ReadError::Io(e)),
        };
        let (header, payload) = container::read(&bytes, Kind::Snapshot, &self.team().id)?;
        if (header.device.as_str(), header.first) != (snapshot.device.as_str(), snapshot.seq) {
            return Err(container::Reason::Corrupted.into());
        }
        Ok(payload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::team::exchange::container::{Reason, FORMAT_VERSION};
    use crate::team::exchange::folder::TeamFile;
    use tempfile::TempDir;

    fn folder() -> (TempDir, TeamFolder) {
        let shared = TempDir::new().unwrap();
        let team = TeamFile {
            id: "7f3a9c21e0b44d58".into(),
            name: "Sales".into(),
            format_version: FORMAT_VERSION,
        };
        let folder = TeamFolder::create(shared.path(), &team).unwrap();
        (shared, folder)
    }

    #[test]
    fn snapshot_names_round_trip_and_strays_are_not_snapshots() {
        assert_eq!(
            parse_snapshot_name("a1b2-c3-120.tdsnap"),
            Some(("a1b2-c3".into(), 120))
        );
        for name in [
            "aaa-12 (conflicted copy).tdsnap",
            ".aaa-12.tdsnap.tmp-1-2",
            "aaa-012.tdsnap",
            "aaa-.tdsnap",
            "-12.tdsnap",
            "aaa-12.tdx",
        ] {
            assert_eq!(parse_snapshot_name(name), None, "{name}");
        }
    }

    #[test]
    fn a_written_snapshot_is_listed_and_reads_back() {
        let (_shared, folder) = folder();
        let older = folder.write_snapshot("aaa", 10, b"state at 10").unwrap();
        let newer = folder.write_snapshot("aaa", 25, b"state at 25").unwrap();
        fs::write(
            folder.root().join("snapshots/aaa-25 (1).tdsnap"),
            b"a cloud copy",
        )
        .unwrap();
        assert_eq!(folder.snapshots().unwrap(), vec![older, newer.clone()]);
        assert_eq!(folder.read_snapshot(&newer).unwrap(), b"state at 25");
    }

    #[test]
    fn a_device_keeps_only_its_two_newest_snapshots_and_others_keep_theirs() {
        let (_shared, folder) = folder();
        let other = folder.write_snapshot("bbb", 5, b"theirs").unwrap();
        folder.write_snapshot("aaa", 10, b"state at 10").unwrap();
        let second = folder.write_snapshot("aaa", 25, b"state at 25").unwrap();
        let third = folder.write_snapshot("aaa", 100, b"state at 100").unwrap();
        assert_eq!(folder.snapshots().unwrap(), vec![second, third, other]);
    }

    #[test]
    fn a_half_delivered_snapshot_is_truncated() {
        let (_shared, folder) = folder();
        let snap = folder.write_snapshot("aaa", 3, &[7u8; 5000]).unwrap();
        let bytes = fs::read(&snap.path).unwrap();
        fs::write(&snap.path, &bytes[..bytes.len() - 1]).unwrap();
        assert!(matches!(
            folder.read_snapshot(&snap),
            Err(ReadError::Bad(Reason::Truncated))
        ));
    }
}
