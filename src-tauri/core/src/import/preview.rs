//! What the wizard shows before anything is written: the mapping, the first rows with their
//! problems, and the summary of the whole file.

use super::events;
use super::plan::{analyse, ImportPlan, Outcome};
use super::{ColumnTarget, ImportSpec, ImportSummary, ImportWhat, RowProblem, TemplateRef};
use crate::error::Result;
use rusqlite::Connection;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

const LISTED_PROBLEMS: usize = 500;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "ImportPreview.ts")]
pub struct ImportPreview {
    pub sheets: Vec<String>,
    pub sheet: String,
    pub encoding: Option<String>,
    pub header_row: u32,
    pub headers: Vec<String>,
    pub suggested: Vec<ColumnTarget>,
    pub columns: Vec<ColumnTarget>,
    /// The saved template whose headers are the file's and which supplied `columns`.
    pub template: Option<TemplateRef>,
    pub sample: Vec<PreviewRow>,
    /// The first 500 problems; `problem_count` says how many there are.
    pub problems: Vec<RowProblem>,
    pub problem_count: i64,
    pub summary: ImportSummary,
    /// Events: kinds the file names that are not declared (created only if the spec says so).
    pub kinds_to_create: Vec<String>,
    /// What the mapping still lacks before anything can be planned (see `ImportPlan`): the
    /// preview then shows the headers and first rows to map, and no outcome.
    pub unmapped: Option<crate::problem::Problem>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "PreviewRow.ts")]
pub struct PreviewRow {
    pub row: u32,
    pub cells: Vec<String>,
    pub outcome: PreviewOutcome,
    pub problems: Vec<RowProblem>,
}

/// What the import would do with a row of the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "PreviewOutcome.ts")]
pub enum PreviewOutcome {
    New,
    Update,
    /// For events: an event stored already.
    Unchanged,
    Rejected,
    Duplicate,
    Skipped,
}

pub fn preview(conn: &Connection, spec: &ImportSpec) -> Result<ImportPreview> {
    match spec.what {
        ImportWhat::Customers => view(spec, analyse(conn, spec)?),
        ImportWhat::Events => view(spec, events::analyse(conn, spec)?),
    }
}

fn view<R>(spec: &ImportSpec, plan: ImportPlan<R>) -> Result<ImportPreview> {
    let sample = plan
        .sample
        .iter()
        .map(|s| PreviewRow {
            row: s.row,
            cells: s.cells.clone(),
            outcome: match s.outcome {
                Outcome::New => PreviewOutcome::New,
                Outcome::Update { .. } => PreviewOutcome::Update,
                Outcome::Unchanged { .. } => PreviewOutcome::Unchanged,
                Outcome::Rejected => PreviewOutcome::Rejected,
                Outcome::Duplicate { .. } => PreviewOutcome::Duplicate,
                Outcome::Skipped => PreviewOutcome::Skipped,
            },
            problems: plan
                .problems
                .iter()
                .filter(|p| p.row == s.row)
                .cloned()
                .collect(),
        })
        .collect();
    Ok(ImportPreview {
        sheets: crate::spreadsheet::sheets(Path::new(&spec.path))?,
        sheet: plan.sheet,
        encoding: plan.encoding,
        header_row: plan.header_row,
        headers: plan.headers,
        suggested: plan.suggested,
        columns: plan.columns,
        template: plan.template,
        sample,
        problem_count: plan.problems.len() as i64,
        problems: plan.problems.into_iter().take(LISTED_PROBLEMS).collect(),
        summary: plan.summary,
        kinds_to_create: plan.kinds_to_create,
        unmapped: plan.unmapped,
    })
}
