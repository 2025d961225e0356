//! `tagdesk-cli` run as a script runs it: the real binary on temporary files, judged by its
//! exit code, its output and what the database holds afterwards.

mod export;
mod import;
mod locks;
mod rfm;
mod tagging;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use tagdesk_core::db;

/// What one run of the binary left.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The one JSON object the command printed, after checking it succeeded.
    pub fn json(&self) -> Value {
        assert_eq!(self.code, Some(0), "the command succeeds: {}", self.stderr);
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is one JSON object ({e}): {}", self.stdout))
    }
}

pub fn cli(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_tagdesk-cli"))
        .args(args)
        .output()
        .expect("tagdesk-cli runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Three customers, the third with a phone number that is not one.
pub const CUSTOMERS: &str = "姓名,手机,城市,外部编号
王伟,13812345678,杭州,C001
李娜,13912345678,上海,C002
张三,12345,北京,C003
";

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

pub fn s(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

pub fn customers_in(db: &Path) -> i64 {
    let conn = db::open(db).unwrap();
    conn.query_row(
        "SELECT count(*) FROM customers WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// A database holding the three customers, imported through the CLI.
pub fn imported(dir: &Path) -> PathBuf {
    let file = write(dir, "customers.csv", CUSTOMERS);
    let db = dir.join("shop.sqlite");
    cli(&["import", s(&file), "--db", s(&db), "--json"]).json();
    db
}
