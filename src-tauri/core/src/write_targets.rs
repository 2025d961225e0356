//! Where the app may write a file the window names. The window passes paths as strings; were
//! they written wherever they point, a script in the page (or a slip of the keyboard) could
//! overwrite any file the user owns. So a file is written only where the user chose it in the
//! shell's own save dialog, or as a spreadsheet inside the app's data folder, where a typed
//! path is fine because nothing there belongs to anyone else. A folder (a team's shared folder)
//! is written in only when the user chose it, or a folder above it, in the shell's folder dialog.

use crate::error::{Error, Result};
use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What may be written into the data folder on a typed path: the kinds of file the app exports,
/// never a name that could replace a database, its backups or the preferences kept there.
const DATA_FOLDER_KINDS: &[&str] = &["xlsx", "csv"];

pub struct WriteTargets {
    data_dir: PathBuf,
    /// Paths chosen in the save dialog this session, resolved.
    granted: Mutex<HashSet<PathBuf>>,
    /// Folders chosen in the folder dialog this session, resolved.
    folders: Mutex<HashSet<PathBuf>>,
    /// Files an export wrote this session, resolved: the only ones the window may ask the
    /// shell to open or show in their folder.
    written: Mutex<HashSet<PathBuf>>,
}

impl WriteTargets {
    pub fn new(data_dir: &Path) -> WriteTargets {
        WriteTargets {
            data_dir: data_dir.to_path_buf(),
            granted: Mutex::default(),
            folders: Mutex::default(),
            written: Mutex::default(),
        }
    }

    /// Records a path the user chose in a save dialog; returns it resolved.
    pub fn grant(&self, chosen: &Path) -> Result<PathBuf> {
        let resolved = resolve(chosen).map_err(|_| Error::PathNotAllowed(chosen.into()))?;
        self.granted().insert(resolved.clone());
        Ok(resolved)
    }

    /// Where to write `requested`: the real place it names, when the user chose it in the
    /// dialog or it is a spreadsheet in the data folder. A relative path is taken in the data
    /// folder. Anything else (`..` out of the folder, a link to a file elsewhere) is refused.
    pub fn check(&self, requested: &Path) -> Result<PathBuf> {
        let refused = || Error::PathNotAllowed(requested.into());
        let resolved = resolve(&self.data_dir.join(requested)).map_err(|_| refused())?;
        if self.granted().contains(&resolved) {
            return Ok(resolved);
        }
        let in_data_folder =
            std::fs::canonicalize(&self.data_dir).is_ok_and(|dir| resolved.starts_with(dir));
        let kind = resolved.extension().and_then(OsStr::to_str).unwrap_or("");
        let exported_kind = DATA_FOLDER_KINDS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(kind));
        if in_data_folder && exported_kind {
            Ok(resolved)
        } else {
            Err(refused())
        }
    }

    /// Records a folder the user chose in the folder dialog; returns it resolved.
    pub fn grant_folder(&self, chosen: &Path) -> Result<PathBuf> {
        let refused = || Error::PathNotAllowed(chosen.into());
        let resolved = std::fs::canonicalize(chosen).map_err(|_| refused())?;
        if !resolved.is_dir() {
            return Err(refused());
        }
        lock(&self.folders).insert(resolved.clone());
        Ok(resolved)
    }

    /// The real place of the folder `requested`, when it is a folder the user chose in the
    /// folder dialog or lies inside one (a team keeps its files in a folder of its own inside
    /// the one the user picked). Links and `..` are resolved before comparing, so neither
    /// leads out of the chosen folder.
    pub fn check_folder(&self, requested: &Path) -> Result<PathBuf> {
        let refused = || Error::PathNotAllowed(requested.into());
        let resolved = std::fs::canonicalize(requested).map_err(|_| refused())?;
        let chosen = lock(&self.folders)
            .iter()
            .any(|folder| resolved.starts_with(folder));
        if chosen && resolved.is_dir() {
            Ok(resolved)
        } else {
            Err(refused())
        }
    }

    /// Records that an export wrote `path` (as [`WriteTargets::check`] returned it).
    pub fn wrote(&self, path: &Path) {
        lock(&self.written).insert(path.to_path_buf());
    }

    /// The real place `requested` names, when an export wrote it this session: opening a file
    /// or showing it in its folder is offered for what the user just exported, never for any
    /// path the window names.
    pub fn exported(&self, requested: &Path) -> Result<PathBuf> {
        let refused = || Error::PathNotAllowed(requested.into());
        let resolved = resolve(&self.data_dir.join(requested)).map_err(|_| refused())?;
        if lock(&self.written).contains(&resolved) && resolved.is_file() {
            Ok(resolved)
        } else {
            Err(refused())
        }
    }

    fn granted(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        lock(&self.granted)
    }
}

fn lock(set: &Mutex<HashSet<PathBuf>>) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
    set.lock().unwrap_or_else(|p| p.into_inner())
}

/// The real place `path` names: its folder with every link and `..` resolved (the folder must
/// exist), and the file itself followed when it is a link. A folder is never a file to write.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let not_a_file = || std::io::Error::from(std::io::ErrorKind::InvalidInput);
    let name = path.file_name().ok_or_else(not_a_file)?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let joined = std::fs::canonicalize(folder)?.join(name);
    match std::fs::symlink_metadata(&joined) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::canonicalize(&joined)?;
            if target.is_dir() {
                return Err(not_a_file());
            }
            Ok(target)
        }
        Ok(meta) if meta.is_dir() => Err(not_a_file()),
        _ => Ok(joined),
    }
}

#[cfg(test)]
mod tests;
