//! `import`: a customers or events file into a database with the wizard's first choices
//! (suggested columns or a matching saved template, match by phone, fill empty fields, refuse
//! unknown tags), for the monthly import a shop runs from a script. The real run goes through
//! the desk, as the window's does, so the enabled rules (and after events RFM and lifecycle,
//! where used) run afterwards; `--dry-run` is the wizard's preview and writes nothing.

use crate::args::Args;
use crate::{open_existing, print_json, Failure};
use serde_json::json;
use std::path::Path;
use tagdesk_core::desk::Desk;
use tagdesk_core::import::{
    self, ImportSpec, ImportSummary, ImportWhat, InFileDuplicates, KeylessRows, MatchBy,
    MergePolicy, RowProblem, UnknownTags,
};
use tagdesk_core::jobs::Job;
use tagdesk_core::Language;
use tagdesk_core::{db, tags};

/// Problems listed without `--json`; the JSON lists them all (a dry run, the first 500).
const LISTED: usize = 20;

/// What an import did, or in a dry run would do.
struct Outcome {
    summary: ImportSummary,
    problems: Vec<RowProblem>,
    /// All problems, of which a dry run lists the first 500 (the wizard's preview).
    problem_count: i64,
    dry_run: bool,
    /// Lines for people only: tags and kinds created, what the rules did.
    notes: Vec<String>,
}

/// Flags that only a customers file, or only an events file, takes.
const CUSTOMERS_ONLY: [&str; 2] = ["--unknown-tags", "--keyless"];
const EVENTS_ONLY: [&str; 3] = ["--event-kind", "--create-kinds", "--in-file-duplicates"];

pub fn run(words: &[String]) -> Result<(), Failure> {
    let args = Args::parse(
        words,
        &[
            "--db",
            "--kind",
            "--match",
            "--existing",
            "--unknown-tags",
            "--keyless",
            "--event-kind",
            "--in-file-duplicates",
            "--language",
            "--sheet",
        ],
        &["--create-kinds", "--dry-run", "--json"],
    )?;
    // The problems are worded in English unless asked otherwise; --json gives their codes.
    let languages = [("zh-CN", Language::ZhCn), ("en", Language::En)];
    let language = args
        .choice("--language", &languages)?
        .unwrap_or(Language::En);
    let file = Path::new(args.one_positional("FILE")?);
    let db_path = Path::new(args.required("--db")?);
    let (mut spec, create_tags) = spec(&args, file)?;
    let outcome = if args.switch("--dry-run") {
        dry_run(db_path, &mut spec, create_tags)?
    } else {
        import(db_path, &mut spec, create_tags)?
    };
    if args.switch("--json") {
        print_json(&as_json(&outcome)?)
    } else {
        print_human(file, db_path, &outcome, language);
        Ok(())
    }
}

/// The spec the flags describe, over the wizard's defaults for the kind of file, and whether
/// unknown tags are to be created (their parent needs the database).
fn spec(args: &Args, file: &Path) -> Result<(ImportSpec, bool), Failure> {
    let what = args
        .choice(
            "--kind",
            &[
                ("customers", ImportWhat::Customers),
                ("events", ImportWhat::Events),
            ],
        )?
        .unwrap_or(ImportWhat::Customers);
    let mut spec = match what {
        ImportWhat::Customers => ImportSpec::customers(file),
        ImportWhat::Events => ImportSpec::events(file),
    };
    // A workbook's sheet by name; by default the first that holds a table, as in the wizard.
    spec.read.sheet = args.value("--sheet").map(str::to_string);
    let match_by = [
        ("phone", MatchBy::Phone),
        ("email", MatchBy::Email),
        ("external-id", MatchBy::ExternalId),
    ];
    if let Some(by) = args.choice("--match", &match_by)? {
        spec.match_by = by;
    }
    let policies = [
        ("skip", MergePolicy::Skip),
        ("overwrite", MergePolicy::Overwrite),
        ("fill", MergePolicy::FillEmpty),
    ];
    if let Some(policy) = args.choice("--existing", &policies)? {
        spec.policy = policy;
    }
    let create_tags = args
        .choice("--unknown-tags", &[("reject", false), ("create", true)])?
        .unwrap_or(false);
    // A flag of the other kind of file is a mistake worth stopping for, not a default.
    let (others, kind) = match what {
        ImportWhat::Customers => (&EVENTS_ONLY[..], "events"),
        ImportWhat::Events => (&CUSTOMERS_ONLY[..], "customers"),
    };
    if let Some(flag) = others.iter().find(|f| args.given(f)) {
        return Err(Failure::usage(format!("{flag} is for --kind {kind}")));
    }
    let keyless = [("add", KeylessRows::Add), ("skip", KeylessRows::Skip)];
    if let Some(keyless) = args.choice("--keyless", &keyless)? {
        spec.keyless = keyless;
    }
    if let Some(kind) = args.value("--event-kind") {
        spec.events.fixed_kind = Some(kind.to_string());
    }
    spec.events.create_kinds = args.switch("--create-kinds");
    let repeated = [
        ("keep", InFileDuplicates::Keep),
        ("skip", InFileDuplicates::Skip),
    ];
    if let Some(repeated) = args.choice("--in-file-duplicates", &repeated)? {
        spec.events.in_file_duplicates = repeated;
    }
    Ok((spec, create_tags))
}

/// The wizard's preview: against the database, or against an empty one when there is none
/// yet (what the real run would create), so nothing is written either way.
fn dry_run(db_path: &Path, spec: &mut ImportSpec, create_tags: bool) -> Result<Outcome, Failure> {
    let conn = if db_path.exists() {
        open_existing(db_path)?
    } else {
        db::open_in_memory()?
    };
    spec.unknown_tags = unknown_tags(&conn, create_tags)?;
    let preview = import::preview(&conn, spec)?;
    // The wizard shows the columns to map; a command line can only say what is missing.
    if let Some(problem) = preview.unmapped {
        return Err(tagdesk_core::Error::invalid("columns", problem).into());
    }
    Ok(Outcome {
        summary: preview.summary,
        problems: preview.problems,
        problem_count: preview.problem_count,
        dry_run: true,
        notes: preview
            .kinds_to_create
            .iter()
            .map(|k| format!("event kind “{k}” is not declared yet"))
            .collect(),
    })
}

/// The real run through the desk, on a database created empty first when it is missing (as
/// "start my own database" makes one). A database made for an import that then failed is
/// removed again, so a retry starts from the same place.
fn import(db_path: &Path, spec: &mut ImportSpec, create_tags: bool) -> Result<Outcome, Failure> {
    let created = !db_path.exists();
    if created {
        drop(db::create(db_path)?);
    }
    let outcome = import_into(db_path, spec, create_tags);
    if created && outcome.is_err() {
        db::remove_database(db_path);
    }
    outcome
}

fn import_into(
    db_path: &Path,
    spec: &mut ImportSpec,
    create_tags: bool,
) -> Result<Outcome, Failure> {
    let mut desk = Desk::on_file(db_path)?;
    spec.unknown_tags = unknown_tags(desk.conn()?, create_tags)?;
    let report = desk.import(spec, &Job::default())?;
    let mut notes = Vec::new();
    if report.tags_created > 0 {
        notes.push(format!("created {} tags", report.tags_created));
    }
    if report.kinds_created > 0 {
        notes.push(format!("declared {} event kinds", report.kinds_created));
    }
    if let Some(rules) = &report.rules {
        notes.push(format!(
            "rules: {} tags given, {} taken back",
            rules.added, rules.removed
        ));
    }
    Ok(Outcome {
        summary: report.summary,
        problem_count: report.problems.len() as i64,
        problems: report.problems,
        dry_run: false,
        notes,
    })
}

/// What happens to tags the tree lacks: refused, or created under the node the wizard offers
/// first; in a tree without one (a new database), in a group named after the tags column,
/// which the import makes.
fn unknown_tags(conn: &rusqlite::Connection, create: bool) -> Result<UnknownTags, Failure> {
    Ok(match create {
        false => UnknownTags::Reject,
        true => UnknownTags::Create {
            parent_id: tags::default_parent(conn)?,
        },
    })
}

/// The summary's counts at the top level, then the problems: one object a script reads.
fn as_json(outcome: &Outcome) -> Result<serde_json::Value, Failure> {
    let to_json = |v: serde_json::Result<serde_json::Value>| {
        v.map_err(|e| Failure::failed(format!("malformed data: {e}")))
    };
    let mut object = to_json(serde_json::to_value(&outcome.summary))?;
    let extra = json!({
        "problems": to_json(serde_json::to_value(&outcome.problems))?,
        "problem_count": outcome.problem_count,
        "dry_run": outcome.dry_run,
    });
    if let (Some(object), serde_json::Value::Object(extra)) = (object.as_object_mut(), extra) {
        object.extend(extra);
    }
    Ok(object)
}

fn print_human(file: &Path, db_path: &Path, outcome: &Outcome, language: Language) {
    let s = &outcome.summary;
    println!(
        "{} → {}{}: {} new, {} updated, {} unchanged, {} rejected, {} skipped, {} duplicates in file",
        file.display(),
        db_path.display(),
        if outcome.dry_run { " (dry run, nothing written)" } else { "" },
        s.new,
        s.updated,
        s.unchanged,
        s.rejected,
        s.skipped,
        s.duplicates_in_file
    );
    for note in &outcome.notes {
        println!("{note}");
    }
    for p in outcome.problems.iter().take(LISTED) {
        let code = serde_json::to_value(p.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let at = match p.column {
            Some(column) => format!("row {}, column {column} ({})", p.row, p.header),
            None => format!("row {}", p.row),
        };
        let value = match p.value.is_empty() {
            true => String::new(),
            false => format!(" “{}”", p.value),
        };
        println!("  {at} [{code}]{value}: {}", p.problem.word(language));
    }
    let unlisted = outcome.problem_count - LISTED.min(outcome.problems.len()) as i64;
    if unlisted > 0 {
        println!("  … and {unlisted} more problems (see --json)");
    }
}
