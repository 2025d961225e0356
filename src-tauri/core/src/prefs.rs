//! Per-user preferences kept beside the databases (language, which database was open last).
//! A damaged preferences file must never stop the app from starting: it falls back to defaults.

use crate::error::Result;
use crate::problem::Language;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// None means the default (Chinese).
    pub language: Option<Language>,
    pub last_database: Option<PathBuf>,
    /// The name recorded as author of changes; defaults to the system user.
    pub user_name: Option<String>,
}

const FILE: &str = "prefs.json";

impl Prefs {
    pub fn load(dir: &Path) -> Prefs {
        std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes through a temporary file and a rename so a crash never leaves half a file.
    pub fn save(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!("{FILE}.tmp"));
        std::fs::write(&tmp, serde_json::to_vec_pretty(self)?)?;
        std::fs::rename(tmp, dir.join(FILE))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefs_round_trip_and_survive_a_damaged_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Prefs::load(dir.path()), Prefs::default());
        let prefs = Prefs {
            language: Some(Language::En),
            last_database: Some(dir.path().join("x.sqlite")),
            user_name: Some("李娜".into()),
        };
        prefs.save(dir.path()).unwrap();
        assert_eq!(Prefs::load(dir.path()), prefs);
        std::fs::write(dir.path().join(FILE), b"{ not json").unwrap();
        assert_eq!(Prefs::load(dir.path()), Prefs::default());
    }
}
