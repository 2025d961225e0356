//! `rules run`: runs the enabled rules over everyone (or one rule, `--rule NAME`) exactly as
//! the rules page's "run" does, in one transaction, and prints what they gave and took back:
//! for a script that brings rule tags up to date after edits made elsewhere.

use crate::args::Args;
use crate::{print_json, Failure};
use serde_json::json;
use std::path::Path;
use tagdesk_core::clock;
use tagdesk_core::desk::Desk;
use tagdesk_core::jobs::Job;
use tagdesk_core::rules::{self, RunScope, RunTrigger};

pub fn run(words: &[String]) -> Result<(), Failure> {
    let Some((verb, rest)) = words.split_first() else {
        return Err(Failure::usage("rules: a verb is missing (run)"));
    };
    if verb != "run" {
        return Err(Failure::usage(format!("rules: unknown verb {verb}")));
    }
    let args = Args::parse(rest, &["--db", "--rule"], &["--json"])?;
    args.no_positional()?;
    let mut desk = Desk::on_file(Path::new(args.required("--db")?))?;
    let rule_id = match args.value("--rule") {
        None => None,
        Some(name) => Some(rule_named(desk.conn()?, name)?),
    };
    let (conn, index, actor) = desk.indexed()?;
    let scope = RunScope {
        rule_id,
        customer_ids: None,
        trigger: RunTrigger::Manual,
    };
    let run = rules::run_job(conn, index, &scope, clock::now(), &actor, &Job::default())?;
    if args.switch("--json") {
        let per_rule: Vec<serde_json::Value> = run
            .rules
            .iter()
            .map(|r| json!({ "rule": r.name, "matched": r.matched, "added": r.added, "removed": r.removed }))
            .collect();
        print_json(&json!({
            "scanned": run.scanned,
            "added": run.added,
            "removed": run.removed,
            "rules": per_rule,
        }))
    } else {
        println!(
            "rules over {} customers: {} tags given, {} taken back",
            run.scanned, run.added, run.removed
        );
        for r in &run.rules {
            println!(
                "  {}: {} match, +{} −{}",
                r.name, r.matched, r.added, r.removed
            );
        }
        Ok(())
    }
}

/// The id of the rule called `name`.
fn rule_named(conn: &rusqlite::Connection, name: &str) -> Result<i64, Failure> {
    rules::list(conn)?
        .into_iter()
        .find(|r| r.name == name.trim())
        .map(|r| r.id)
        .ok_or_else(|| Failure::failed(format!("no rule is called “{name}”")))
}
