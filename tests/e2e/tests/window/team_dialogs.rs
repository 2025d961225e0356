//! The file dialogs of the team tests, answered as a user would choose in them: WebDriver drives
//! the page but not the system's dialogs, so the app is started with the shell's stand-in
//! (`TAGDESK_TEST_DIALOGS`, debug builds), which answers each dialog with the path the test
//! wrote last, once, and cancels when there is none.

use std::path::{Path, PathBuf};
use tagdesk_e2e::App;

/// The answers for one app's dialogs, in a folder of the test's.
pub struct Dialogs {
    answer: PathBuf,
}

impl Dialogs {
    pub fn new(dir: &Path) -> Dialogs {
        Dialogs {
            answer: dir.join("dialog-answer"),
        }
    }

    /// Starts the app in `data_dir` with its dialogs answered from here.
    pub async fn start(&self, data_dir: &Path) -> App {
        App::start_with_env(data_dir, &[("TAGDESK_TEST_DIALOGS", &self.answer)]).await
    }

    /// The next dialog chooses `path`.
    pub fn choose(&self, path: &Path) {
        std::fs::write(&self.answer, path.display().to_string())
            .expect("write the dialog's answer");
    }

    /// Whether the last answer was taken (a dialog opened since [`Dialogs::choose`]).
    pub fn taken(&self) -> bool {
        !self.answer.exists()
    }
}
