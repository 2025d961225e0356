//! Compaction: a device's many small chunks that every other device has read become one, so a
//! team folder does not fill with a file per exchange. The union is written before the parts
//! are removed, and readers resolve the overlap (`ranges::plan`), so a reader listing in the
//! middle still gets every operation once; a crash in the middle leaves a union and some parts,
//! which the next compaction tidies.

use super::files::is_temp;
use super::folder::{FolderError, TeamFolder};
use super::ranges::{self, ChunkRef};
use std::fs;

type Result<T, E = FolderError> = std::result::Result<T, E>;

impl TeamFolder {
    /// The seq of `device` that every other device of the folder has applied (by their
    /// seen.json); `u64::MAX` when no other device exists yet.
    pub fn read_by_all(&self, device: &str) -> Result<u64> {
        let mut least = u64::MAX;
        for (other, _) in self.devices()? {
            if other != device {
                let seen = self.read_seen(&other)?;
                least = least.min(seen.get(device).copied().unwrap_or(0));
            }
        }
        Ok(least)
    }

    /// Compacts `device`'s own chunks (only a device writes in its folder, so only it compacts
    /// them) once at least `min_parts` of them are read by all: each compaction rewrites the
    /// earlier union too, so waiting for several parts keeps a cloud drive from uploading the
    /// whole history at every exchange. Returns the union chunk written, if any. A part that
    /// cannot be read leaves everything as it is: nothing is rewritten from less than all of it.
    pub fn compact(&self, device: &str, min_parts: usize) -> Result<Option<ChunkRef>> {
        self.remove_temps(device)?;
        let read = self.read_by_all(device)?;
        let all = self.chunks(device)?;
        let done: Vec<ChunkRef> = all.iter().filter(|c| c.last <= read).cloned().collect();
        let Some(start) = done.iter().map(|c| c.first).min() else {
            return Ok(None);
        };
        let plan = ranges::plan(&done, start.saturating_sub(1));
        let Some(end) = plan.reads.last().map(|p| p.chunk.last) else {
            return Ok(None);
        };
        let redundant = |c: &&ChunkRef| start <= c.first && c.last <= end;
        if plan.reads.len() > 1 && plan.reads.len() >= min_parts {
            let mut records = Vec::new();
            for planned in &plan.reads {
                match self.read_chunk(&planned.chunk) {
                    Ok(mut part) => records.extend(part.drain(planned.skip.min(part.len())..)),
                    Err(_) => return Ok(None),
                }
            }
            let union = self.write_chunk(device, start, &records)?;
            for part in all
                .iter()
                .filter(redundant)
                .filter(|c| c.path != union.path)
            {
                remove(part)?;
            }
            return Ok(Some(union));
        }
        // Parts inside a union (left by a compaction that crashed before removing them) go.
        for part in all.iter().filter(|c| {
            plan.reads.iter().all(|p| p.chunk.path != c.path)
                && plan
                    .reads
                    .iter()
                    .any(|p| p.chunk.first <= c.first && c.last <= p.chunk.last)
        }) {
            remove(part)?;
        }
        Ok(None)
    }

    /// Temp files of writes that crashed before their rename: chunks in the device's folder and
    /// its snapshots (each a whole database) in `snapshots/`. No writer of this device is
    /// running while it compacts (one program per database holds the write lock).
    fn remove_temps(&self, device: &str) -> Result<()> {
        let own_snapshot = format!(".{device}-");
        let dirs = [
            (self.device_dir(device)?, String::new()),
            (self.root().join("snapshots"), own_snapshot),
        ];
        for (dir, prefix) in dirs {
            for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if is_temp(&name) && name.starts_with(&prefix) {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        Ok(())
    }
}

/// Removes a part; one already gone (a second compaction racing) is fine.
fn remove(chunk: &ChunkRef) -> Result<()> {
    match fs::remove_file(&chunk.path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(FolderError::Io {
            path: chunk.path.clone(),
            source,
        }),
    }
}

#[cfg(test)]
#[path = "compaction_tests.rs"]
mod tests;
