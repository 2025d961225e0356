//! `team exchange | pack | apply`: the Team page's "exchange now" and sync packs for scripts —
//! an exchange at night from a scheduled task on a laptop that stays on, or a pack made and
//! applied where nobody opens the window. Each goes through the desk as the window's does, so
//! received changes get this laptop's rules run over the customers they touched.

use crate::args::Args;
use crate::{print_json, Failure};
use serde_json::json;
use std::path::Path;
use tagdesk_core::desk::Desk;
use tagdesk_core::team::ExchangeReport;

enum Verb {
    Exchange,
    Pack,
    Apply,
}

pub fn run(words: &[String]) -> Result<(), Failure> {
    let Some((verb, rest)) = words.split_first() else {
        return Err(Failure::usage(
            "team: a verb is missing (exchange, pack, apply)",
        ));
    };
    // Known before the database is opened: a mistyped verb touches no file.
    let verb = match verb.as_str() {
        "exchange" => Verb::Exchange,
        "pack" => Verb::Pack,
        "apply" => Verb::Apply,
        other => return Err(Failure::usage(format!("team: unknown verb {other}"))),
    };
    let args = Args::parse(rest, &["--db"], &["--json"])?;
    let mut desk = Desk::on_file(Path::new(args.required("--db")?))?;
    match verb {
        Verb::Exchange => {
            args.no_positional()?;
            let report = desk.team_exchange()?;
            print_report(&report, args.switch("--json"))
        }
        Verb::Pack => {
            let made = desk.team_pack_make(Path::new(args.one_positional("OUT.tdpack")?))?;
            if args.switch("--json") {
                print_json(
                    &json!({ "own": made.own, "others": made.others, "devices": made.devices }),
                )
            } else {
                println!(
                    "pack holds {} own operations and {} of {} other devices",
                    made.own, made.others, made.devices
                );
                Ok(())
            }
        }
        Verb::Apply => {
            let report = desk.team_pack_apply(Path::new(args.one_positional("PACK.tdpack")?))?;
            print_report(&report, args.switch("--json"))
        }
    }
}

fn print_report(report: &ExchangeReport, as_json: bool) -> Result<(), Failure> {
    // A file skipped is read again next time; a script learns of it from the exit code.
    let skipped: Vec<String> = report.skipped.iter().map(|p| format!("{p:?}")).collect();
    if as_json {
        print_json(&json!({
            "sent": report.sent,
            "applied": report.applied,
            "already": report.already,
            "pending": report.pending,
            "inbox": report.inbox,
            "skipped": skipped,
        }))?;
    } else {
        println!(
            "sent {}, applied {}, already here {}, kept for a newer TagDesk {}, new in the inbox {}",
            report.sent, report.applied, report.already, report.pending, report.inbox
        );
    }
    match skipped.as_slice() {
        [] => Ok(()),
        files => Err(Failure::failed(format!(
            "skipped, read again next time: {}",
            files.join("; ")
        ))),
    }
}
