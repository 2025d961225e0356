//! The shared-folder transport (docs/TEAM.md §5): a NAS, a synced cloud drive or a USB stick
//! that every laptop of a team can reach. Each device writes only under its own
//! `devices/<id>/` and every file is written once under a temp name and renamed, so a cloud drive
//! never sees two writers of one file (no "conflicted copies") and a reader never sees a file
//! half-written here. Files a cloud drive delivers late or partly are skipped with their reason
//! and read again next time.

use super::container::{self, Header, Kind, Reason, WriteError, FORMAT_VERSION};
use super::files::{io_at, json, read_json, write_once};
use super::ranges::{self, ChunkRef, Plan};
use crate::problem::Problem;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// `team.json`, written once by the owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamFile {
    pub id: String,
    pub name: String,
    pub format_version: u16,
}

/// `devices/<id>/device.json`: who a device is, for the Team page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceFile {
    pub name: String,
    pub person: String,
    pub app_version: String,
}

/// `devices/<id>/seen.json`: the last seq this device has applied of each other device.
pub type Seen = BTreeMap<String, u64>;

/// Why a folder cannot be used as this team's.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{folder} belongs to team {name} ({id})")]
    OtherTeam {
        folder: PathBuf,
        id: String,
        name: String,
    },
    #[error("{folder} holds no readable team.json")]
    NotTeamFolder { folder: PathBuf },
    #[error("{folder} was made by a newer TagDesk (format {found})")]
    TooNew { folder: PathBuf, found: u16 },
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl FolderError {
    pub fn problem(&self) -> Problem {
        let folder = |p: &Path| p.display().to_string();
        match self {
            FolderError::Io { path, source } => Problem::FileError {
                detail: format!("{}: {source}", path.display()),
            },
            FolderError::OtherTeam {
                folder: f, name, ..
            } => Problem::TeamFolderOtherTeam {
                folder: folder(f),
                team: name.clone(),
            },
            FolderError::NotTeamFolder { folder: f } => {
                Problem::NotATeamFolder { folder: folder(f) }
            }
            FolderError::TooNew { folder: f, found } => Problem::TeamFolderTooNew {
                folder: folder(f),
                found: i64::from(*found),
                supported: i64::from(FORMAT_VERSION),
            },
            // An id this program made that no file may carry: a fault of the program.
            FolderError::Write(_) => Problem::Internal,
        }
    }
}

/// Why a chunk was not read this time.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Bad(#[from] Reason),
    /// Removed since it was listed (its device compacted it): read the folder again.
    #[error("the file is gone")]
    Gone,
    #[error(transparent)]
    Io(io::Error),
}

impl ReadError {
    /// What to tell the user about `file`; `None` for a file compacted away meanwhile, which
    /// the next exchange reads in its union without anyone having to know.
    pub fn problem(&self, file: &str) -> Option<Problem> {
        match self {
            ReadError::Bad(reason) => Some(super::reason_problem(reason, file)),
            ReadError::Gone => None,
            ReadError::Io(e) => Some(Problem::FileError {
                detail: format!("{file}: {e}"),
            }),
        }
    }
}

type Result<T, E = FolderError> = std::result::Result<T, E>;

/// One team's folder inside the shared folder.
#[derive(Debug, Clone)]
pub struct TeamFolder {
    root: PathBuf,
    team: TeamFile,
}

/// `TagDesk-<team name>-<first 8 of the team id>`: readable in a file manager, unique per team.
/// Characters some file system refuses become `_`.
pub fn folder_name(team_name: &str, team_id: &str) -> String {
    let clean: String = team_name
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(40)
        .collect();
    let clean = clean.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let clean = if clean.is_empty() { "Team" } else { clean };
    let prefix: String = team_id.chars().take(8).collect();
    format!("TagDesk-{clean}-{prefix}")
}

impl TeamFolder {
    /// The owner's start: makes `<shared>/TagDesk-…/` with its team.json, or opens this team's
    /// folder when it is there already (also under an older team name). A folder of the same
    /// name holding another team is refused.
    pub fn create(shared: &Path, team: &TeamFile) -> Result<TeamFolder> {
        if !container::valid_id(&team.id) {
            return Err(WriteError::BadId(team.id.clone()).into());
        }
        if let Some(found) = Self::locate(shared, &team.id)? {
            return Ok(found);
        }
        let root = shared.join(folder_name(&team.name, &team.id));
        if root.join("team.json").exists() {
            return Self::open(&root, &team.id);
        }
        fs::create_dir_all(root.join("devices")).map_err(io_at(&root))?;
        write_once(&root, "team.json", &json(team))?;
        Ok(TeamFolder {
            root,
            team: team.clone(),
        })
    }

    /// Opens `root` (a `TagDesk-…` folder) as team `team_id`'s.
    pub fn open(root: &Path, team_id: &str) -> Result<TeamFolder> {
        let folder = Self::open_any(root)?;
        if folder.team.id != team_id {
            return Err(FolderError::OtherTeam {
                folder: root.to_path_buf(),
                id: folder.team.id,
                name: folder.team.name,
            });
        }
        Ok(folder)
    }

    /// Opens `root` whatever its team: for a joiner, who learns the team from it.
    pub fn open_any(root: &Path) -> Result<TeamFolder> {
        let not_team = || FolderError::NotTeamFolder {
            folder: root.to_path_buf(),
        };
        let team: TeamFile = read_json(&root.join("team.json"))?.ok_or_else(not_team)?;
        if team.format_version > FORMAT_VERSION {
            return Err(FolderError::TooNew {
                folder: root.to_path_buf(),
                found: team.format_version,
            });
        }
        if !container::valid_id(&team.id) {
            return Err(not_team());
        }
        Ok(TeamFolder {
            root: root.to_path_buf(),
            team,
        })
    }

    /// Finds team `team_id`'s folder in `shared`, or `shared` itself when the user picked the
    /// team folder rather than the folder holding it.
    pub fn locate(shared: &Path, team_id: &str) -> Result<Option<TeamFolder>> {
        if shared.join("team.json").exists() {
            return Self::open(shared, team_id).map(Some);
        }
        let suffix = format!("-{}", team_id.chars().take(8).collect::<String>());
        let entries = match fs::read_dir(shared) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_at(shared)(e)),
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("TagDesk-") && name.ends_with(&suffix) {
                // Another team with the same id prefix, or a folder still arriving: keep looking.
                if let Ok(folder) = Self::open(&entry.path(), team_id) {
                    return Ok(Some(folder));
                }
            }
        }
        Ok(None)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn team(&self) -> &TeamFile {
        &self.team
    }

    pub(super) fn device_dir(&self, device: &str) -> Result<PathBuf> {
        if !container::valid_id(device) {
            return Err(WriteError::BadId(device.into()).into());
        }
        Ok(self.root.join("devices").join(device))
    }

    /// Writes (or rewrites, when the name or app version changed) this device's device.json.
    pub fn write_device(&self, device: &str, info: &DeviceFile) -> Result<()> {
        let dir = self.device_dir(device)?;
        fs::create_dir_all(&dir).map_err(io_at(&dir))?;
        write_once(&dir, "device.json", &json(info))
    }

    /// Every device folder, with its device.json when it has arrived and parses.
    pub fn devices(&self) -> Result<Vec<(String, Option<DeviceFile>)>> {
        let dir = self.root.join("devices");
        let mut devices = Vec::new();
        for entry in fs::read_dir(&dir).map_err(io_at(&dir))?.flatten() {
            let id = entry.file_name().to_string_lossy().into_owned();
            if container::valid_id(&id) && entry.path().is_dir() {
                let info = read_json(&entry.path().join("device.json")).unwrap_or(None);
                devices.push((id, info));
            }
        }
        devices.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(devices)
    }

    /// Writes `device`'s operations `first..` (one record per seq) as one chunk. Writing the
    /// same range again, after a crash before the caller recorded it, gives the same file.
    pub fn write_chunk<R: AsRef<[u8]>>(
        &self,
        device: &str,
        first: u64,
        records: &[R],
    ) -> Result<ChunkRef> {
        let (bytes, last) = self.chunk_bytes(device, first, records)?;
        let dir = self.device_dir(device)?;
        fs::create_dir_all(&dir).map_err(io_at(&dir))?;
        let name = ranges::chunk_name(first, last);
        write_once(&dir, &name, &bytes)?;
        Ok(ChunkRef {
            device: device.into(),
            first,
            last,
            path: dir.join(name),
        })
    }

    /// The container bytes of a chunk and its last seq.
    pub(super) fn chunk_bytes<R: AsRef<[u8]>>(
        &self,
        device: &str,
        first: u64,
        records: &[R],
    ) -> Result<(Vec<u8>, u64)> {
        let count = records.len() as u64;
        let last = first
            .checked_add(count.saturating_sub(1))
            .filter(|_| count > 0 && first > 0)
            .ok_or(WriteError::BadRange {
                first,
                last: first.saturating_add(count).saturating_sub(1),
            })?;
        let header = Header {
            kind: Kind::Chunk,
            team: self.team.id.clone(),
            device: device.into(),
            first,
            last,
        };
        let bytes = container::write(&header, &container::write_records(records))?;
        Ok((bytes, last))
    }

    /// `device`'s chunk files, in no particular order; other files are ignored.
    pub fn chunks(&self, device: &str) -> Result<Vec<ChunkRef>> {
        let dir = self.device_dir(device)?;
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_at(&dir)(e)),
        };
        let mut chunks = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            if let Some((first, last)) = name.to_str().and_then(ranges::parse_chunk_name) {
                chunks.push(ChunkRef {
                    device: device.into(),
                    first,
                    last,
                    path: entry.path(),
                });
            }
        }
        Ok(chunks)
    }

    /// What to read of `device` after `cursor` (the last seq applied of it).
    pub fn plan(&self, device: &str, cursor: u64) -> Result<Plan> {
        Ok(ranges::plan(&self.chunks(device)?, cursor))
    }

    /// Every other device and what to read of it after the caller's cursors.
    pub fn incoming(&self, me: &str, cursors: &Seen) -> Result<Vec<(String, Plan)>> {
        let mut incoming = Vec::new();
        for (device, _) in self.devices()? {
            if device != me {
                let cursor = cursors.get(&device).copied().unwrap_or(0);
                let plan = self.plan(&device, cursor)?;
                incoming.push((device, plan));
            }
        }
        Ok(incoming)
    }

    /// A chunk's records, all or none. The header must agree with the file's name and folder,
    /// so a file renamed or copied into the wrong place is never read as other operations.
    pub fn read_chunk(&self, chunk: &ChunkRef) -> Result<Vec<Vec<u8>>, ReadError> {
        let bytes = match fs::read(&chunk.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(ReadError::Gone),
            Err(e) => return Err(ReadError::Io(e)),
        };
        let (header, payload) = container::read(&bytes, Kind::Chunk, &self.team.id)?;
        if (header.device.as_str(), header.first, header.last)
            != (chunk.device.as_str(), chunk.first, chunk.last)
        {
            return Err(Reason::Corrupted.into());
        }
        let records = container::read_records(&payload)?;
        if records.len() as u64 != chunk.last - chunk.first + 1 {
            return Err(Reason::Corrupted.into());
        }
        Ok(records.into_iter().map(<[u8]>::to_vec).collect())
    }

    /// Records how far `device` has applied each other device (compaction waits for everyone).
    pub fn write_seen(&self, device: &str, seen: &Seen) -> Result<()> {
        let dir = self.device_dir(device)?;
        fs::create_dir_all(&dir).map_err(io_at(&dir))?;
        write_once(&dir, "seen.json", &json(seen))
    }

    /// How far `device` has read the others. Missing or not yet fully delivered reads as
    /// "nothing read", which only delays compaction.
    pub fn read_seen(&self, device: &str) -> Result<Seen> {
        let path = self.device_dir(device)?.join("seen.json");
        Ok(read_json(&path).unwrap_or(None).unwrap_or_default())
    }
}

#[cfg(test)]
#[path = "folder_tests.rs"]
mod tests;
