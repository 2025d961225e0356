//! The desk's side of encryption at rest: unlocking an encrypted database at start, and
//! encrypting, re-keying or decrypting the open one from Settings (`db::change_encryption`
//! does the work; the desk closes its connections first and opens the result after).

use super::{problem, AppStatus, Desk};
use crate::db;
use crate::error::{Error, Result};
use crate::jobs::Job;
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;
use zeroize::Zeroizing;

/// Whether the open database is encrypted, for the Settings section.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "EncryptionStatus.ts")]
pub struct EncryptionStatus {
    pub encrypted: bool,
    /// The database file's size, so the UI can say a large file takes a while.
    pub size_bytes: u64,
    /// Passphrases shorter than this are refused.
    pub min_passphrase_chars: i64,
}

impl Desk {
    /// Opens the encrypted database at `path` with `passphrase`, which stays in memory only.
    /// A wrong passphrase is refused and changes nothing; any other reason the file cannot
    /// open becomes the desk's problem, as at start.
    pub fn unlock(&mut self, path: &Path, passphrase: &str) -> Result<AppStatus> {
        let passphrase = Zeroizing::new(passphrase.to_string());
        db::unlock(path, &passphrase)?;
        match self.open(path) {
            Ok(status) => Ok(status),
            Err(e) => {
                self.problem = Some(problem(e, path));
                Ok(self.status())
            }
        }
    }

    pub fn encryption(&self) -> Result<EncryptionStatus> {
        let w = self.workspace.as_ref().ok_or(Error::NoDatabase)?;
        Ok(EncryptionStatus {
            encrypted: db::passphrase_of(&w.path).is_some(),
            size_bytes: std::fs::metadata(&w.path).map_or(0, |m| m.len()),
            min_passphrase_chars: db::MIN_PASSPHRASE_CHARS as i64,
        })
    }

    /// Encrypts the open database with `passphrase`, or, when it is encrypted already and
    /// `current` is its passphrase, changes the passphrase. A backup is made first.
    pub fn encrypt(
        &mut self,
        current: Option<&str>,
        passphrase: &str,
        job: &Job,
    ) -> Result<AppStatus> {
        let passphrase = Zeroizing::new(passphrase.to_string());
        self.change_encryption(current, db::Target::Encrypted(&passphrase), job)
    }

    /// Takes the encryption off the open database, given its passphrase. A backup (itself
    /// encrypted) is made first.
    pub fn decrypt(&mut self, current: &str, job: &Job) -> Result<AppStatus> {
        self.change_encryption(Some(current), db::Target::Plain, job)
    }

    /// Closes the database, rewrites it, and opens the result (the original when anything
    /// failed, which left it as it was).
    fn change_encryption(
        &mut self,
        current: Option<&str>,
        target: db::Target,
        job: &Job,
    ) -> Result<AppStatus> {
        let path = self.writable_path()?;
        // Someone at an unlocked laptop may not take the encryption off without knowing it.
        if let Some(known) = db::passphrase_of(&path) {
            if current.is_none_or(|c| c != known.as_str()) {
                return Err(Error::PassphraseWrong(path));
            }
        }
        self.close();
        let changed =
            job.run(|progress, cancel| db::change_encryption(&path, target, progress, cancel));
        let reopened = self.open(&path);
        changed?;
        reopened
    }

    fn writable_path(&self) -> Result<PathBuf> {
        let w = self.workspace.as_ref().ok_or(Error::NoDatabase)?;
        if w.read_only {
            return Err(Error::invalid(
                "passphrase",
                crate::problem::Problem::ReadOnly,
            ));
        }
        Ok(w.path.clone())
    }
}
