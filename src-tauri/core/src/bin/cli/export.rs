//! `export`: everyone, or a saved segment's members, to .xlsx or CSV with the export dialog's
//! first choices (every attribute, the creation time and the custom fields in use; one column
//! per tag group), for files handed to other systems without opening the window.

use crate::args::Args;
use crate::{open_existing, Failure};
use std::path::Path;
use tagdesk_core::conditions::Index;
use tagdesk_core::export::{
    export_customers, ExportFormat, ExportScope, ExportSpec, Language, TagsLayout,
};
use tagdesk_core::segments;

pub fn run(words: &[String]) -> Result<(), Failure> {
    let args = Args::parse(words, &["--db", "--segment", "--tags", "--language"], &[])?;
    let out = args.one_positional("OUT.xlsx|OUT.csv")?;
    let format = format_of(Path::new(out))?;
    let layouts = [
        ("per-group", TagsLayout::PerGroup),
        ("joined", TagsLayout::Joined),
        ("none", TagsLayout::None),
    ];
    let languages = [("zh-CN", Language::ZhCn), ("en", Language::En)];
    let spec = ExportSpec {
        scope: ExportScope::Everyone,
        columns: Vec::new(),
        format,
        tags: args
            .choice("--tags", &layouts)?
            .unwrap_or(TagsLayout::PerGroup),
        path: out.to_string(),
        language: args.choice("--language", &languages)?.unwrap_or_default(),
    };
    let conn = open_existing(Path::new(args.required("--db")?))?;
    let written = match args.value("--segment") {
        None => export_customers(&conn, &spec)?,
        Some(name) => {
            let segment_id = segment_named(&conn, name)?;
            // The segment's members as the window exports them: through the condition index.
            let index = Index::build(&conn)?;
            segments::export_members(&conn, &index, segment_id, &spec)?
        }
    };
    println!("{written} customers → {out}");
    Ok(())
}

/// The format the file name asks for.
fn format_of(out: &Path) -> Result<ExportFormat, Failure> {
    let extension = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "xlsx" => Ok(ExportFormat::Xlsx),
        "csv" => Ok(ExportFormat::Csv),
        "" => Err(Failure::usage(format!(
            "{} has no extension: end the name in .xlsx or .csv",
            out.display()
        ))),
        other => Err(Failure::usage(format!(
            "cannot export to .{other} files: end the name in .xlsx or .csv"
        ))),
    }
}

/// The saved segment called `name`: exactly, else ignoring case when only one matches.
fn segment_named(conn: &rusqlite::Connection, name: &str) -> Result<i64, Failure> {
    let saved = segments::list(conn)?;
    if let Some(s) = saved.iter().find(|s| s.name == name) {
        return Ok(s.id);
    }
    let folded: Vec<_> = saved
        .iter()
        .filter(|s| s.name.to_lowercase() == name.to_lowercase())
        .collect();
    if let [one] = folded.as_slice() {
        return Ok(one.id);
    }
    let names: Vec<&str> = saved.iter().map(|s| s.name.as_str()).collect();
    Err(Failure::failed(match names.is_empty() {
        true => format!("no saved segment is called “{name}”: the database has none"),
        false => format!(
            "no saved segment is called “{name}”; saved segments: {}",
            names.join(", ")
        ),
    }))
}
