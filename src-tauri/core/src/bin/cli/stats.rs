//! `stats`: how many rows the main tables hold, to check a generated or imported database at
//! a glance.

use crate::args::Args;
use crate::{open_existing, Failure};
use std::path::Path;

pub fn run(words: &[String]) -> Result<(), Failure> {
    let args = Args::parse(words, &[], &[])?;
    let conn = open_existing(Path::new(args.one_positional("FILE.sqlite")?))?;
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
