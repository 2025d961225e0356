//! `stats`: how many rows the main tables hold, to check a generated or imported database at
//! a glance. It opens the database as the app does, so work a crash left owed (the rules after
//! an import the process did not survive) is done first and listed.

use crate::args::Args;
use crate::Failure;
use std::path::Path;
use tagdesk_core::desk::Desk;

pub fn run(words: &[String]) -> Result<(), Failure> {
    let args = Args::parse(words, &[], &[])?;
    let mut desk = Desk::on_file(Path::new(args.one_positional("FILE.sqlite")?))?;
    let finished = desk
        .status()
        .database
        .map(|d| d.finished)
        .unwrap_or_default();
    for work in finished {
        println!(
            "finished after a crash: {:?} by {}: rules over {} customers, {} tags given, {} taken back{}",
            work.work,
            work.actor,
            work.customers,
            work.rules_added,
            work.rules_removed,
            if work.refreshed_value { ", RFM and lifecycle rerun" } else { "" }
        );
    }
    let conn = desk.conn()?;
    for table in [
        "customers",
        "tag_nodes",
        "assignments",
        "tag_history",
        "events",
    ] {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(tagdesk_core::Error::from)?;
        println!("{table:12} {n}");
    }
    Ok(())
}
