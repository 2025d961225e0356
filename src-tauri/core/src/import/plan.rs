//! The dry run: every row read, validated, matched and classified; nothing written. The real
//! run writes exactly this plan (made inside its transaction), so the preview's counts are
//! the run's.

use super::mapping::Attribute;
use super::matching::{merge, Found, Matcher};
use super::row::{checked, read_row, whole_row};
use super::sheet::{self, Head};
use super::tags_column::{TagIndex, TagRef};
use super::templates::{self, TemplateRef};
use super::{
    mapping, ColumnTarget, ImportSpec, ImportSummary, MergePolicy, ProblemCode, RowProblem,
};
use crate::custom_fields::{self, CustomField};
use crate::customers::{self, CustomerInput};
use crate::error::{Error, Result};
use crate::problem::Problem;
use crate::spreadsheet::Cell;
use rusqlite::Connection;

pub(super) use super::matching::find_customer;
pub(super) use super::row::set_attribute;

/// Planned rows whose cells are kept as text (the preview shows them); the others' are not.
pub const SAMPLE_ROWS: usize = 50;

/// What the import would do, row by row: customers ([`PlannedRow`]) or events.
#[derive(Debug, Clone)]
pub struct ImportPlan<R = PlannedRow> {
    pub sheet: String,
    pub encoding: Option<String>,
    /// 1-based.
    pub header_row: u32,
    pub headers: Vec<String>,
    pub suggested: Vec<ColumnTarget>,
    pub columns: Vec<ColumnTarget>,
    /// The saved template that supplied `columns`, when one did.
    pub template: Option<TemplateRef>,
    pub rows: Vec<R>,
    /// The first [`SAMPLE_ROWS`] rows as the preview shows them.
    pub sample: Vec<SampleRow>,
    pub problems: Vec<RowProblem>,
    pub summary: ImportSummary,
    /// Event kinds the file names that are not declared yet (created by the run when the
    /// spec says so).
    pub kinds_to_create: Vec<String>,
    /// What the mapping still lacks (a column of names; for events the key, the kind or the
    /// time): the plan then holds the file's headers and first rows, so the wizard can show
    /// them to be mapped, and nothing planned; a run refuses it ([`ImportPlan::mapped`]).
    pub unmapped: Option<Problem>,
}

impl<R> ImportPlan<R> {
    /// The plan, or the refusal of a mapping that lacks a column a run needs.
    pub fn mapped(self) -> Result<Self> {
        match self.unmapped {
            Some(problem) => Err(Error::invalid("columns", problem)),
            None => Ok(self),
        }
    }

    /// Keeps a row of a plan whose mapping is incomplete for the preview's samples only.
    pub(super) fn sample_only(&mut self, row: u32, cells: &[Cell]) {
        if self.sample.len() < SAMPLE_ROWS {
            self.sample.push(SampleRow {
                row,
                cells: cells.iter().map(Cell::text).collect(),
                outcome: Outcome::Skipped,
            });
        }
    }
}

/// A row of the file as the preview shows it.
#[derive(Debug, Clone)]
pub struct SampleRow {
    pub row: u32,
    pub cells: Vec<String>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone)]
pub struct PlannedRow {
    /// 1-based row in the file.
    pub row: u32,
    /// The record to store: for a new customer the row's, for an update the stored customer
    /// with the row applied; checked as a save checks. Boxed: a 100,000-row plan grows by
    /// copying its rows, and a row holding the whole input made that copying a tenth of an
    /// import.
    pub input: Box<CustomerInput>,
    pub tags: Vec<TagRef>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    New,
    Update {
        id: i64,
    },
    Unchanged {
        id: i64,
    },
    Rejected,
    Duplicate {
        first_row: u32,
    },
    /// Left out on purpose (a totals row, a row without a key when so chosen).
    Skipped,
}

pub fn analyse(conn: &Connection, spec: &ImportSpec) -> Result<ImportPlan> {
    // One read transaction for all the lookups: one snapshot, and one lock instead of one
    // per row. A caller that already holds a transaction (the real run) is inside it.
    let _snapshot = snapshot(conn)?;
    let fields = custom_fields::list(conn)?;
    let nodes = crate::tags::load_nodes(conn)?;
    let tags = TagIndex::new(&nodes);
    let mut rows = CustomerRows {
        conn,
        spec,
        fields: &fields,
        nodes: &nodes,
        tags: &tags,
        matcher: Matcher::default(),
        plan: None,
    };
    sheet::scan(spec, &mut rows)?;
    let mut plan = rows.plan.expect("a scanned sheet has headers");
    plan.summary.keyless = rows.matcher.keyless_rows;
    Ok(plan)
}

/// A read transaction unless the caller already holds one. Deferred, whatever the
/// connection's default: a dry run only reads, and must not hold the write lock (nor wait for
/// it) while it reads a whole file.
pub(super) fn snapshot(conn: &Connection) -> Result<Option<rusqlite::Transaction<'_>>> {
    let deferred = rusqlite::TransactionBehavior::Deferred;
    Ok(match conn.is_autocommit() {
        true => Some(rusqlite::Transaction::new_unchecked(conn, deferred)?),
        false => None,
    })
}

/// An empty plan for the sheet `head` describes.
pub(super) fn empty_plan<R>(
    head: &Head,
    suggested: Vec<ColumnTarget>,
    columns: Vec<ColumnTarget>,
    template: Option<TemplateRef>,
) -> ImportPlan<R> {
    ImportPlan {
        sheet: head.sheet.clone(),
        encoding: head.encoding.clone(),
        header_row: head.header_row,
        headers: head.headers.clone(),
        suggested,
        columns,
        template,
        rows: Vec::new(),
        sample: Vec::new(),
        problems: Vec::new(),
        summary: ImportSummary::default(),
        kinds_to_create: Vec::new(),
        unmapped: None,
    }
}

/// Counts `outcome`, notes a duplicate's problem, keeps the row's cells for the sample.
pub(super) fn tally<R>(
    plan: &mut ImportPlan<R>,
    row: u32,
    cells: &[Cell],
    outcome: &Outcome,
    mut problems: Vec<RowProblem>,
    duplicate: fn(u32) -> Problem,
) {
    match outcome {
        Outcome::New => plan.summary.new += 1,
        Outcome::Update { .. } => plan.summary.updated += 1,
        Outcome::Unchanged { .. } => plan.summary.unchanged += 1,
        Outcome::Rejected => plan.summary.rejected += 1,
        Outcome::Skipped => plan.summary.skipped += 1,
        Outcome::Duplicate { first_row } => {
            plan.summary.duplicates_in_file += 1;
            problems.push(whole_row(
                row,
                ProblemCode::DuplicateInFile,
                duplicate(*first_row),
            ));
        }
    }
    plan.problems.extend(problems);
    if plan.sample.len() < SAMPLE_ROWS {
        plan.sample.push(SampleRow {
            row,
            cells: cells.iter().map(Cell::text).collect(),
            outcome: outcome.clone(),
        });
    }
}

/// Leaves a row out, saying why (`problem`), whatever the file is.
pub(super) fn skip<R>(plan: &mut ImportPlan<R>, row: u32, cells: &[Cell], problem: RowProblem) {
    tally(
        plan,
        row,
        cells,
        &Outcome::Skipped,
        vec![problem],
        |first_row| Problem::DuplicateCustomer { first_row },
    );
}

struct CustomerRows<'a> {
    conn: &'a Connection,
    spec: &'a ImportSpec,
    fields: &'a [CustomField],
    nodes: &'a [crate::tags::TagNode],
    tags: &'a TagIndex,
    matcher: Matcher,
    plan: Option<ImportPlan>,
}

impl sheet::Rows for CustomerRows<'_> {
    fn start(&mut self, head: &Head) -> Result<()> {
        let (conn, spec) = (self.conn, self.spec);
        let suggested = mapping::suggest_all(&head.headers, self.fields, self.nodes);
        let (columns, template) = templates::mapping_for(
            conn,
            spec,
            &head.headers,
            &suggested,
            self.fields,
            self.nodes,
        )?;
        let named = columns.contains(&ColumnTarget::Attribute {
            attribute: Attribute::Name,
        });
        self.matcher = Matcher::default();
        let mut plan = empty_plan(head, suggested, columns, template);
        plan.unmapped = (!named).then_some(Problem::ChooseNameColumn);
        self.plan = Some(plan);
        Ok(())
    }

    fn row(&mut self, row: u32, cells: Vec<Cell>) -> Result<()> {
        let plan = self.plan.as_mut().expect("started");
        if plan.unmapped.is_some() {
            plan.sample_only(row, &cells);
            return Ok(());
        }
        let plan = self.plan.as_ref().expect("started");
        let mut problems = Vec::new();
        let (input, tags) = read_row(
            plan,
            &cells,
            row,
            self.fields,
            self.tags,
            self.spec,
            &mut problems,
        );
        let (outcome, record) = match problems.is_empty() {
            true => self.classify(input, &tags, row, &cells, &mut problems)?,
            false => (Outcome::Rejected, input),
        };
        let plan = self.plan.as_mut().expect("started");
        tally(plan, row, &cells, &outcome, problems, |first_row| {
            Problem::DuplicateCustomer { first_row }
        });
        plan.rows.push(PlannedRow {
            row,
            input: Box::new(record),
            tags,
            outcome,
        });
        Ok(())
    }

    fn skip(&mut self, row: u32, cells: &[Cell], problem: RowProblem) {
        skip(self.plan.as_mut().expect("started"), row, cells, problem);
    }
}

impl CustomerRows<'_> {
    /// New, update, unchanged, duplicate, skipped or (when the record a save would store is
    /// refused) rejected; with the record the run stores.
    fn classify(
        &mut self,
        input: CustomerInput,
        tags: &[TagRef],
        row: u32,
        cells: &[Cell],
        problems: &mut Vec<RowProblem>,
    ) -> Result<(Outcome, CustomerInput)> {
        let (conn, spec) = (self.conn, self.spec);
        let plan = self.plan.as_ref().expect("started");
        let found = self
            .matcher
            .find(conn, spec.match_by, spec.keyless, &input, row)?;
        let (target, record) = match found {
            Found::Duplicate { first_row } => return Ok((Outcome::Duplicate { first_row }, input)),
            Found::SkippedKeyless => {
                problems.push(whole_row(
                    row,
                    ProblemCode::SkippedNoKey,
                    Problem::SkippedNoKey,
                ));
                return Ok((Outcome::Skipped, input));
            }
            Found::Existing(id) if spec.policy == MergePolicy::Skip => {
                return Ok((Outcome::Unchanged { id }, input))
            }
            Found::Existing(id) => {
                let current = customers::get(conn, id)?.input;
                let merged = merge(&current, &input, spec.policy);
                (Some((id, current)), merged)
            }
            Found::New => (None, input),
        };
        let record = match checked(plan, &record, row, cells) {
            Ok(record) => record,
            Err(problem) => {
                problems.push(problem);
                return Ok((Outcome::Rejected, record));
            }
        };
        let id = target.as_ref().map(|(id, _)| *id);
        let external_id = record.external_id.as_deref();
        if let Some(problem) = self.matcher.external_id_taken(conn, external_id, id, row)? {
            let col = plan.columns.iter().position(|c| {
                *c == ColumnTarget::Attribute {
                    attribute: Attribute::ExternalId,
                }
            });
            problems.push(RowProblem::at(
                ProblemCode::ExternalIdTaken,
                row,
                col,
                &plan.headers,
                external_id.unwrap_or_default().to_string(),
                problem,
            ));
            return Ok((Outcome::Rejected, record));
        }
        let outcome = match target {
            None => Outcome::New,
            Some((id, current)) if record == current && !lacks_a_tag(conn, id, tags) => {
                Outcome::Unchanged { id }
            }
            Some((id, _)) => Outcome::Update { id },
        };
        Ok((outcome, record))
    }
}

/// Whether the row names a tag customer `id` does not have yet.
fn lacks_a_tag(conn: &Connection, id: i64, tags: &[TagRef]) -> bool {
    tags.iter().any(|t| match t {
        TagRef::New { .. } => true,
        TagRef::Existing(tag) => !conn
            .prepare_cached(
                "SELECT EXISTS(SELECT 1 FROM assignments WHERE tag_id = ?1 AND customer_id = ?2)",
            )
            .and_then(|mut s| s.query_row([*tag, id], |r| r.get::<_, bool>(0)))
            .unwrap_or(false),
    })
}
