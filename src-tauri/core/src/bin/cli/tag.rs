//! `tag`: gives a tag to (or with `--remove` takes it off) every customer a search matches,
//! those carrying another tag, or everyone, as "tag all matching" does in the list: one
//! transaction and one undoable batch. For scripts that tag a campaign's audience.

use crate::args::Args;
use crate::{print_json, Failure};
use rusqlite::Connection;
use serde_json::json;
use std::path::Path;
use tagdesk_core::customers::CustomerQuery;
use tagdesk_core::desk::Desk;
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags;

pub fn run(words: &[String]) -> Result<(), Failure> {
    let args = Args::parse(
        words,
        &["--db", "--search", "--tagged"],
        &["--all", "--remove", "--json"],
    )?;
    let tag_name = args.one_positional("TAG")?;
    let mut desk = Desk::on_file(Path::new(args.required("--db")?))?;
    let (conn, actor) = desk.conn_as()?;
    let tag_id = tag_named(conn, tag_name)?;
    let chosen = ["--search", "--tagged", "--all"]
        .iter()
        .filter(|f| args.given(f))
        .count();
    // Everyone only when asked for by name: a forgotten filter must not tag the whole database.
    if chosen != 1 {
        return Err(Failure::usage(
            "tag needs exactly one of --search TEXT, --tagged TAG, --all",
        ));
    }
    let query = CustomerQuery {
        search: args.value("--search").map(str::to_string),
        tag_ids: match args.value("--tagged") {
            Some(name) => vec![tag_named(conn, name)?],
            None => Vec::new(),
        },
        ..Default::default()
    };
    let target = TagTarget::Matching { query };
    let report = match args.switch("--remove") {
        false => tagging::add(conn, &target, tag_id, TagSource::Manual, &actor)?,
        true => tagging::remove(conn, &target, tag_id, TagSource::Manual, &actor)?,
    };
    if args.switch("--json") {
        print_json(&json!({ "changed": report.changed, "replaced": report.replaced }))
    } else {
        let verb = if args.switch("--remove") {
            "taken off"
        } else {
            "given to"
        };
        println!("“{tag_name}” {verb} {} customers", report.changed);
        Ok(())
    }
}

/// The id of the one live tag called `name`.
fn tag_named(conn: &Connection, name: &str) -> Result<i64, Failure> {
    let mut stmt = conn
        .prepare(
            "SELECT id FROM tag_nodes
             WHERE kind = 'tag' AND name_key = ?1 AND deleted_at IS NULL",
        )
        .map_err(tagdesk_core::Error::from)?;
    let ids: Vec<i64> = stmt
        .query_map([tags::name_key(name)], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(tagdesk_core::Error::from)?;
    match ids.as_slice() {
        [id] => Ok(*id),
        [] => Err(Failure::failed(format!("no tag is called “{name}”"))),
        _ => Err(Failure::failed(format!(
            "{} tags are called “{name}”; rename one first",
            ids.len()
        ))),
    }
}
