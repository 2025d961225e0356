//! `tagdesk-cli`: the core from a terminal, for scripts (the monthly import, exports handed to
//! other systems, RFM) and benchmarks. Each command goes through the same core functions as
//! the window, so a file imported here gets the wizard's suggestions and defaults and the
//! enabled rules run afterwards as they do in the app.
//!
//! Failures go to stderr: exit code 1 when the work failed, 2 when the command line is wrong
//! (with the usage).

mod args;
mod demo;
mod export;
mod import;
mod rfm;
mod rules;
mod stats;
mod tag;
mod team;

use std::path::Path;
use std::process::ExitCode;
use tagdesk_core::db;

const USAGE: &str = "usage:
  tagdesk-cli import FILE --db DB.sqlite [--kind customers|events] [--sheet NAME] [--match phone|email|external-id]
              [--existing skip|overwrite|fill] [--dry-run] [--json] [--language en|zh-CN]
              customers: [--unknown-tags reject|create] [--keyless add|skip]
              events: [--event-kind NAME] [--create-kinds] [--in-file-duplicates keep|skip]
  tagdesk-cli export OUT.xlsx|OUT.csv --db DB.sqlite [--segment NAME]
              [--tags per-group|joined|none] [--language zh-CN|en]
  tagdesk-cli rfm --db DB.sqlite [--now YYYY-MM-DD] [--window-days N] [--per-customer] [--json]
  tagdesk-cli rules run --db DB.sqlite [--rule NAME] [--json]
  tagdesk-cli tag TAG --db DB.sqlite (--search TEXT | --tagged TAG | --all) [--remove] [--json]
  tagdesk-cli team exchange --db DB.sqlite [--json]
  tagdesk-cli team pack OUT.tdpack --db DB.sqlite [--json]
  tagdesk-cli team apply PACK.tdpack --db DB.sqlite [--json]
  tagdesk-cli demo FILE.sqlite [--customers N] [--seed S] [--events-per-customer E] [--no-history]
  tagdesk-cli stats FILE.sqlite

import creates DB.sqlite (empty) when it does not exist; the other commands need an existing one.";

fn main() -> ExitCode {
    let words: Vec<String> = std::env::args().skip(1).collect();
    let rest = words.get(1..).unwrap_or_default();
    let outcome = match words.first().map(String::as_str) {
        Some("import") => import::run(rest),
        Some("export") => export::run(rest),
        Some("rfm") => rfm::run(rest),
        Some("rules") => rules::run(rest),
        Some("tag") => tag::run(rest),
        Some("team") => team::run(rest),
        Some("demo") => demo::run(rest),
        Some("stats") => stats::run(rest),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::usage(format!("unknown command {other}"))),
        None => Err(Failure::usage("a command is missing")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("tagdesk-cli: {message}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Failed(message)) => {
            eprintln!("tagdesk-cli: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Why a command stopped.
#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong: exit code 2, with the usage.
    Usage(String),
    /// The work failed: exit code 1.
    Failed(String),
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Failure::Usage(message.into())
    }

    pub fn failed(message: impl Into<String>) -> Self {
        Failure::Failed(message.into())
    }
}

/// The core's errors are failures of the work, shown as the core words them.
impl From<tagdesk_core::Error> for Failure {
    fn from(e: tagdesk_core::Error) -> Self {
        Failure::Failed(e.to_string())
    }
}

/// Opens the database at `path`, which must exist: a command that only reads must not leave
/// an empty file behind a mistyped name.
pub fn open_existing(path: &Path) -> Result<rusqlite::Connection, Failure> {
    db::unlock_from_env(path)?;
    Ok(db::open(path)?)
}

/// Prints `value` as one line of JSON on stdout.
pub fn print_json(value: &serde_json::Value) -> Result<(), Failure> {
    let text = serde_json::to_string(value).map_err(|e| Failure::failed(e.to_string()))?;
    println!("{text}");
    Ok(())
}
