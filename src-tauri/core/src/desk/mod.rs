//! The desk: which database is open, or why none could be, and the choices that follow.
//! The Tauri shell holds one `Desk` and only forwards to it.

use crate::clock;
use crate::conditions::index::{self, Index};
use crate::customers::search;
use crate::db::{self, BackupInfo};
use crate::demo::{self, DemoSpec};
use crate::error::{Error, IpcError, Result};
use crate::follow_up::FinishedWork;
use crate::interrupted::{self, InterruptedWork};
use crate::prefs::Prefs;
use crate::problem::{Language, Problem};
use crate::segments;
use crate::starter_language::{self, StarterLanguage};
use crate::write_lock::UserFirst;
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use ts_rs::TS;

pub use encryption::EncryptionStatus;

/// An open database.
pub struct Workspace {
    pub path: PathBuf,
    pub conn: Connection,
    pub is_demo: bool,
    /// Work a crash cut off before this opening (read once: later notes are work under way).
    interrupted: Vec<InterruptedWork>,
    /// Follow-up work a crash cut off, done at an opening and not yet dismissed.
    finished: Vec<FinishedWork>,
    /// The condition index, built in the background from opening on; the first segment
    /// command waits for it.
    index: Option<Index>,
    pending_index: Option<index::Pending>,
    /// Today's counts of pinned segments are still to be recorded for this opening.
    snapshot_due: bool,
    /// The index was built from the tables and is still to be saved for the next opening.
    save_due: bool,
    integrity: db::IntegrityCheck,
    /// Opened read-only (the file may not be written): no migrations, no background writes,
    /// and every change is refused (`ErrorCode::ReadOnly`).
    read_only: bool,
    _checkpointer: db::Worker,
    /// Writes the search entries a large import left for after its commit.
    search: db::Worker,
    /// Claimed whenever the connection is handed out: the search catch-up waits its turn.
    user_first: UserFirst,
}

impl Workspace {
    fn open(path: &Path) -> Result<Self> {
        let conn = db::open(path)?;
        let read_only = conn.is_readonly(rusqlite::MAIN_DB)?;
        if !read_only {
            // Made now rather than at the first change, so that the Team page can be read on a
            // read-only connection while an exchange holds this one.
            crate::operations::device_id(&conn)?;
        }
        let integrity = db::IntegrityCheck::start(path.to_path_buf());
        integrity.guard(&conn)?;
        let is_demo = db::meta_get(&conn, "is_demo")?.as_deref() == Some("1");
        let interrupted = interrupted::list(&conn)?;
        let pending_index = Index::build_in_background(&conn, path).ok();
        let user_first = UserFirst::default();
        let search =
            search::catch_up_worker(path.to_path_buf(), user_first.clone(), integrity.clone());
        Ok(Workspace {
            path: path.to_path_buf(),
            conn,
            is_demo,
            interrupted,
            finished: Vec::new(),
            index: None,
            pending_index,
            snapshot_due: false,
            save_due: false,
            integrity,
            read_only,
            _checkpointer: db::checkpointer(path.to_path_buf()),
            search,
            user_first,
        })
    }
}

impl Drop for Workspace {
    /// Saves the index at closing (when it was built and changed since its last save), so
    /// the next opening of a large database reads it instead of rebuilding it.
    fn drop(&mut self) {
        if let (false, Some(index)) = (self.read_only, self.index.as_mut()) {
            let _ = index.save(&self.conn, &self.path);
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "DatabaseInfo.ts")]
pub struct DatabaseInfo {
    pub path: String,
    pub is_demo: bool,
    /// A large file is checked in the background after it opens; true until that finishes.
    pub integrity_checking: bool,
    /// What the background check found wrong, if anything: the UI warns and offers backups.
    pub integrity_problem: Option<String>,
    /// The file may not be written, so it is open read-only: the UI says so, and changes are
    /// refused.
    pub read_only: bool,
    /// Imports the last session started and never finished (the process died): nothing of
    /// them was kept. Shown until dismissed.
    pub interrupted: Vec<InterruptedWork>,
    /// Rules (and RFM/lifecycle) an import or edit owed when the process died, run when this
    /// database opened, so the change and its rules are all there. Shown until dismissed.
    pub finished: Vec<FinishedWork>,
}

/// A database that could not be opened, with what the user can do about it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "DatabaseProblem.ts")]
pub struct DatabaseProblem {
    pub error: IpcError,
    pub path: String,
    /// Backups that can be restored in place of the file, newest first.
    pub backups: Vec<BackupInfo>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "AppStatus.ts")]
pub struct AppStatus {
    pub database: Option<DatabaseInfo>,
    pub problem: Option<DatabaseProblem>,
    pub language: Language,
    /// Where TagDesk keeps its databases unless told otherwise.
    pub data_dir: String,
    /// Recorded as the author of changes.
    pub user_name: String,
}

pub struct Desk {
    data_dir: PathBuf,
    prefs: Prefs,
    workspace: Option<Workspace>,
    problem: Option<DatabaseProblem>,
    demo: DemoSpec,
    /// Read-only connections to the open database, for reads that must not wait for a job.
    reads: Arc<db::Reads>,
    /// The last file that failed to open for being empty: the user may start a database in it.
    empty_file: Option<PathBuf>,
}

impl Desk {
    /// Opens the last database, or on a first start creates and opens the demo database.
    pub fn start(data_dir: PathBuf, demo: DemoSpec) -> Desk {
        let prefs = Prefs::load(&data_dir);
        let mut desk = Desk {
            data_dir,
            prefs,
            workspace: None,
            problem: None,
            demo,
            reads: Arc::default(),
            empty_file: None,
        };
        let outcome = match desk.prefs.last_database.clone() {
            Some(path) => desk.open(&path),
            None => desk.open_demo(),
        };
        if let Err(e) = outcome {
            // Startup must reach a window; the problem is shown there with its choices.
            let path = desk.prefs.last_database.clone().unwrap_or_default();
            desk.problem = Some(problem(e, &path));
        }
        desk
    }

    /// A desk on the database at `path` alone, for the command line, which names its database
    /// on every call: no preferences are read and no demo is made, and none are written unless
    /// another database is opened through it (a script must not change which database the app
    /// opens next). The file must exist; [`db::create`] makes an empty one.
    pub fn on_file(path: &Path) -> Result<Desk> {
        db::unlock_from_env(path)?;
        let workspace = Workspace::open(path)?;
        let reads = Arc::<db::Reads>::default();
        reads.retarget(Some(path));
        let mut desk = Desk {
            data_dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            prefs: Prefs::default(),
            workspace: Some(workspace),
            problem: None,
            demo: DemoSpec::small(),
            reads,
            empty_file: None,
        };
        desk.finish_owed();
        Ok(desk)
    }

    pub fn status(&self) -> AppStatus {
        AppStatus {
            database: self.workspace.as_ref().map(|w| DatabaseInfo {
                path: w.path.display().to_string(),
                is_demo: w.is_demo,
                integrity_checking: w.integrity.is_running(),
                integrity_problem: w.integrity.damage(),
                read_only: w.read_only,
                interrupted: w.interrupted.clone(),
                finished: w.finished.clone(),
            }),
            problem: self.problem.clone(),
            language: self.prefs.language.unwrap_or_default(),
            data_dir: self.data_dir.display().to_string(),
            user_name: self.actor(),
        }
    }

    /// Who is making changes, for history and the audit log.
    pub fn actor(&self) -> String {
        self.prefs
            .user_name
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "本机用户".into())
    }

    /// The open connection and the acting user, for commands that record who did what.
    pub fn conn_as(&mut self) -> Result<(&mut Connection, String)> {
        let actor = self.actor();
        Ok((self.conn()?, actor))
    }

    /// The open connection, the condition index brought up to date, and the acting user, for
    /// segment commands. The first call builds the index (about two seconds per million
    /// customers); later calls only apply what changed.
    pub fn indexed(&mut self) -> Result<(&mut Connection, &Index, String)> {
        let actor = self.actor();
        let w = self.workspace.as_mut().ok_or(Error::NoDatabase)?;
        w.user_first.claim();
        match &mut w.index {
            Some(index) => index.refresh(&w.conn)?,
            None => {
                let index = match w.pending_index.take() {
                    Some(pending) => pending.finish(&w.conn)?,
                    None => Index::build(&w.conn)?,
                };
                w.snapshot_due = !w.read_only;
                w.save_due = !w.read_only && !index.restored();
                w.index = Some(index);
            }
        }
        // A commit waits for the check of a large file after opening (issue 14): these wait
        // for a command after it, so the first count does not.
        if (w.snapshot_due || w.save_due) && !w.integrity.is_running() {
            let index = w.index.as_mut().expect("built above");
            if w.snapshot_due {
                segments::snapshot_pinned(&w.conn, index, clock::now())?;
                w.snapshot_due = false;
            }
            if w.save_due {
                // The next opening reads it instead of rebuilding, even after a crash; a
                // failed save only costs that rebuild.
                let _ = index.save(&w.conn, &w.path);
                w.save_due = false;
            }
        }
        let index = w.index.as_ref().expect("built above");
        Ok((&mut w.conn, index, actor))
    }

    /// Closes the open database, saving its index for the next opening (the app calls this
    /// as it exits, where no destructor would run).
    pub fn close(&mut self) {
        self.reads.retarget(None);
        self.workspace = None;
    }

    /// The read-only connections that follow whichever database this desk has open.
    pub fn reads(&self) -> Arc<db::Reads> {
        self.reads.clone()
    }

    /// Has the search catch-up start on what an import just left it.
    fn nudge_search(&self) {
        if let Some(w) = &self.workspace {
            w.search.nudge();
        }
    }

    /// Forgets the work the last session left unfinished (and the follow-up work finished for
    /// it), once the user has read about it.
    pub fn dismiss_interrupted(&mut self) -> Result<AppStatus> {
        let w = self.workspace.as_mut().ok_or(Error::NoDatabase)?;
        interrupted::dismiss(&w.conn)?;
        crate::follow_up::dismiss(&w.conn)?;
        w.interrupted.clear();
        w.finished.clear();
        Ok(self.status())
    }

    /// The open connection, for every domain command. The background writers hold off while
    /// it is in use (see [`UserFirst`]).
    pub fn conn(&mut self) -> Result<&mut Connection> {
        let w = self.workspace.as_mut().ok_or(Error::NoDatabase)?;
        w.user_first.claim();
        Ok(&mut w.conn)
    }

    /// Opens `path`. On failure the previous database stays open and the error is returned.
    pub fn open(&mut self, path: &Path) -> Result<AppStatus> {
        let workspace = Workspace::open(path).inspect_err(|e| {
            if let Error::DatabaseEmpty(_) = e {
                self.empty_file = Some(path.to_path_buf());
            }
        })?;
        self.switch_to(workspace)?;
        self.finish_owed();
        Ok(self.status())
    }

    /// Creates an empty database at `path`, or at a fresh name in the data folder.
    pub fn create(&mut self, path: Option<&Path>) -> Result<AppStatus> {
        let path = match path {
            Some(p) => p.to_path_buf(),
            None => self.fresh_path("tagdesk"),
        };
        // Named in the UI's language now: what the app writes into a database is data after.
        let mut conn = db::create(&path)?;
        starter_language::adopt(&mut conn, self.starter_language())?;
        drop(conn);
        self.open(&path)
    }

    /// The language the app names starter data in for a database created now.
    fn starter_language(&self) -> StarterLanguage {
        StarterLanguage::of_ui(match self.prefs.language.unwrap_or_default() {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        })
    }

    /// Starts a new, empty database in the 0-byte file that last failed to open, and opens it.
    pub fn start_in_empty(&mut self) -> Result<AppStatus> {
        let path = self.empty_file.take().ok_or(Error::NoDatabase)?;
        let mut conn = db::start_in_empty(&path)?;
        starter_language::adopt(&mut conn, self.starter_language())?;
        drop(conn);
        self.open(&path)
    }

    /// Opens the demo database, generating it first if it does not exist yet.
    pub fn open_demo(&mut self) -> Result<AppStatus> {
        let path = self.data_dir.join("demo.sqlite");
        if !path.exists() {
            let mut conn = db::create(&path)?;
            if let Err(e) = demo::generate(&mut conn, &self.demo) {
                drop(conn);
                let _ = std::fs::remove_file(&path);
                return Err(e);
            }
        }
        self.open(&path)
    }

    /// Restores `backup` over the database that failed to open, then opens it.
    pub fn restore_backup(&mut self, backup: &Path) -> Result<AppStatus> {
        let target = self
            .problem
            .as_ref()
            .map(|p| PathBuf::from(&p.path))
            .or_else(|| self.workspace.as_ref().map(|w| w.path.clone()))
            .ok_or(Error::NoDatabase)?;
        // Close our handles first so the file can be replaced.
        if self.workspace.as_ref().is_some_and(|w| w.path == target) {
            self.reads.retarget(None);
            self.workspace = None;
        }
        db::restore_backup(&target, backup)?;
        self.open(&target)
    }

    pub fn set_language(&mut self, language: Language) -> Result<AppStatus> {
        self.prefs.language = Some(language);
        self.prefs.save(&self.data_dir)?;
        Ok(self.status())
    }

    /// Sets the name recorded as the author of this person's operations; blank goes back to
    /// the system's user name.
    pub fn set_user_name(&mut self, name: &str) -> Result<AppStatus> {
        let name = name.trim();
        if name.chars().count() > 40 {
            return Err(Error::invalid(
                "user_name",
                Problem::NameTooLong { limit: 40 },
            ));
        }
        self.prefs.user_name = (!name.is_empty()).then(|| name.to_string());
        self.prefs.save(&self.data_dir)?;
        Ok(self.status())
    }

    fn switch_to(&mut self, workspace: Workspace) -> Result<AppStatus> {
        self.prefs.last_database = Some(workspace.path.clone());
        self.prefs.save(&self.data_dir)?;
        self.reads.retarget(Some(&workspace.path));
        self.workspace = Some(workspace);
        self.problem = None;
        Ok(self.status())
    }

    fn fresh_path(&self, stem: &str) -> PathBuf {
        (1..)
            .map(|n| match n {
                1 => self.data_dir.join(format!("{stem}.sqlite")),
                n => self.data_dir.join(format!("{stem}-{n}.sqlite")),
            })
            .find(|p| !p.exists())
            .expect("an unused file name exists")
    }
}

fn problem(error: Error, path: &Path) -> DatabaseProblem {
    DatabaseProblem {
        backups: db::list_backups(path).unwrap_or_default(),
        path: path.display().to_string(),
        error: error.into(),
    }
}

mod changes;
mod encryption;
mod follow_up;
mod hub;
pub mod shared;
mod team;

#[cfg(test)]
mod tests;
