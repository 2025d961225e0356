//! Database files and their backups hold customers' personal data, so only their owner may
//! read them, whatever the umask says. (SQLite gives the `-wal` and `-shm` files the mode of
//! the database file.)

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `path` empty and readable by its owner only; fails if anything is already there.
pub(crate) fn create_owner_only(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Creates the folder `dir` (and its parents) if needed, the last one for its owner only.
pub(crate) fn create_owner_only_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Makes an existing file readable and writable by its owner only.
pub(crate) fn make_owner_only(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Whether this program may write `path`. A file whose owner took away every write permission
/// counts as read-only even for an administrator who could write it anyway: the user marked it
/// so, and the app opens it read-only.
pub(crate) fn writable(path: &Path) -> bool {
    let marked_read_only = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
    !marked_read_only && OpenOptions::new().write(true).open(path).is_ok()
}

/// Removes the database at `path` with its write-ahead log and shared-memory file, as far as
/// they are there: a database made for something that then failed, so nothing half-made stays.
pub fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
}

/// A 0-byte file with no write-ahead log beside it holds nothing (SQLite would silently make
/// it a new database). With a log, the log may hold every page still.
pub(crate) fn is_empty(path: &Path) -> bool {
    let len = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    len(path) == 0 && len(Path::new(&wal)) == 0
}

/// Where the segment index of the database at `db` is saved (`<file>.tagdesk-index`): named here,
/// beside the database's other files, so that what handles the database (encryption removes a
/// plain index) need not reach up into the index.
pub fn index_file_of(db: &Path) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".tagdesk-index");
    std::path::PathBuf::from(name)
}
