//! Importing customers from a spreadsheet: read, map columns, validate every cell, match
//! existing customers, and only then write — in one transaction that a cancel or a failure
//! leaves untouched. The dry run and the real run share every step but the last.

mod commit;
mod decorated;
mod events;
mod header;
pub(crate) mod mapping;
mod matching;
mod plan;
mod preview;
mod report;
mod row;
mod run;
mod sheet;
mod tags_column;
pub mod templates;
mod values;

pub use mapping::{suggest, suggest_all, Attribute, ColumnTarget};
pub use plan::SampleRow;
pub use plan::{analyse, ImportPlan, Outcome, PlannedRow};
pub use preview::{preview, ImportPreview, PreviewOutcome, PreviewRow};
pub use report::write_error_report;
pub use run::{run, run_job, ImportReport};
pub use templates::{ImportTemplate, ImportTemplateInput, TemplateColumn, TemplateRef};

use crate::problem::Problem;
use crate::spreadsheet::ReadOptions;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Everything the import wizard decided.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export_to = "ImportSpec.ts")]
pub struct ImportSpec {
    pub path: String,
    pub read: ReadOptions,
    /// 1-based row of the headers; detected when None.
    pub header_row: Option<u32>,
    /// Meaning of each column by position; when empty, a saved template whose headers are
    /// exactly the file's supplies it, else the suggestions.
    pub columns: Vec<ColumnTarget>,
    pub match_by: MatchBy,
    pub policy: MergePolicy,
    pub unknown_tags: UnknownTags,
    /// Customers (the default) or events.
    #[serde(default)]
    pub what: ImportWhat,
    /// For events: a kind for every row, and what to do with kinds not declared yet.
    #[serde(default)]
    pub events: EventOptions,
    /// Customers: rows without a phone, email or external id.
    #[serde(default)]
    pub keyless: KeylessRows,
}

/// What a customers import does with rows that have a name but no phone, email or external id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "KeylessRows.ts")]
pub enum KeylessRows {
    /// Add them; a later import matches them by exact name (among customers without a key),
    /// so the same file twice adds them once.
    #[default]
    Add,
    /// Leave them out (listed in the preview).
    Skip,
}

impl ImportSpec {
    /// A customers file with the wizard's first choices: columns as suggested (or a matching
    /// template), match by phone, fill only empty fields, refuse unknown tags.
    pub fn customers(path: &std::path::Path) -> Self {
        ImportSpec {
            path: path.display().to_string(),
            read: ReadOptions::default(),
            header_row: None,
            columns: vec![],
            match_by: MatchBy::Phone,
            policy: MergePolicy::FillEmpty,
            unknown_tags: UnknownTags::Reject,
            what: ImportWhat::Customers,
            events: EventOptions::default(),
            keyless: KeylessRows::Add,
        }
    }

    /// An events file, customers found by phone, events already stored skipped.
    pub fn events(path: &std::path::Path) -> Self {
        ImportSpec {
            policy: MergePolicy::Skip,
            what: ImportWhat::Events,
            ..Self::customers(path)
        }
    }
}

/// What a file holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "ImportWhat.ts")]
pub enum ImportWhat {
    /// One customer a row.
    #[default]
    Customers,
    /// One event a row, of the customer its phone, email or external id (`match_by`) names.
    Events,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "EventOptions.ts")]
pub struct EventOptions {
    /// The kind of rows whose kind cell is empty: every row's, when no column is the kind.
    pub fixed_kind: Option<String>,
    /// Declare kinds the file names that are not declared yet; otherwise reject their rows.
    pub create_kinds: bool,
    /// Rows repeating an earlier row's event (same customer, kind, time, amount, properties
    /// and id): listed in the preview either way, imported unless skipped.
    #[serde(default)]
    pub in_file_duplicates: InFileDuplicates,
}

/// What an events import does with a row that repeats an earlier row of the same file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "InFileDuplicates.ts")]
pub enum InFileDuplicates {
    /// Import it too: two identical orders on one day are two orders.
    #[default]
    Keep,
    /// Leave it out.
    Skip,
}

/// How a row finds the customer it describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "MatchBy.ts")]
pub enum MatchBy {
    /// Every row is a new customer.
    Nothing,
    /// Normalised: spaces, dashes and +86 do not matter.
    Phone,
    /// Case-insensitive.
    Email,
    ExternalId,
}

/// What happens to a customer that already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "MergePolicy.ts")]
pub enum MergePolicy {
    /// Leave the customer as it is.
    Skip,
    /// The file's values replace the stored ones (empty cells leave a field alone).
    Overwrite,
    /// Only fields that are empty now are filled.
    FillEmpty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export_to = "UnknownTags.ts")]
pub enum UnknownTags {
    /// Create tags that do not exist yet under this node (a group or category); with none, a
    /// tags column's new tags go into a group named after the column (created when missing),
    /// so a new database takes a tags column as it is.
    Create { parent_id: Option<i64> },
    /// Reject rows naming a tag that does not exist.
    Reject,
}

/// One problem with one cell (or a whole row when `column` is None).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "RowProblem.ts")]
pub struct RowProblem {
    /// What kind of problem, for scripts and for the UI to act on.
    pub code: ProblemCode,
    /// 1-based row in the file.
    pub row: u32,
    /// 1-based column in the file.
    pub column: Option<u32>,
    pub header: String,
    pub value: String,
    /// Why, for the UI and the error report to word.
    pub problem: Problem,
}

impl RowProblem {
    /// A problem with the cell at 0-based `column` of the file (None: the whole row), named by
    /// its header.
    pub(crate) fn at(
        code: ProblemCode,
        row: u32,
        column: Option<usize>,
        headers: &[String],
        value: String,
        problem: Problem,
    ) -> RowProblem {
        RowProblem {
            code,
            row,
            column: column.map(|c| c as u32 + 1),
            header: column
                .and_then(|c| headers.get(c).cloned())
                .unwrap_or_default(),
            value,
            problem,
        }
    }
}

/// The kinds of row problems an import finds. Rows with a `skipped_*` or `duplicate_*` code
/// are information (the row is left out, or kept, as the spec says), the others reject it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "ProblemCode.ts")]
pub enum ProblemCode {
    /// A cell's value cannot be read as its column's kind (phone, email, date, number …).
    InvalidValue,
    /// The row names no customer.
    NameEmpty,
    /// A tag the tree does not have, and unknown tags are refused.
    UnknownTag,
    /// Two tags of one single-select group in one row.
    TwoSingleSelectTags,
    /// The same customer (or event) as an earlier row of the file.
    DuplicateInFile,
    /// A totals row (合计, 总计, 小计, Total …), skipped.
    SkippedTotalsRow,
    /// A row without a phone, email or external id, skipped as the spec chose.
    SkippedNoKey,
    /// Events: the customer the row names is not in the database.
    CustomerNotFound,
    /// Events: the kind is empty or not declared.
    UnknownEventKind,
    /// The external id is another row's or another customer's.
    ExternalIdTaken,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "ImportSummary.ts")]
pub struct ImportSummary {
    pub new: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub rejected: i64,
    /// Rows describing a customer an earlier row of the same file already described.
    pub duplicates_in_file: i64,
    /// Rows left out on purpose: totals rows, and rows without a key when so chosen.
    pub skipped: i64,
    /// Rows with a name but no phone, email or external id (added or skipped, as chosen).
    pub keyless: i64,
}

#[cfg(test)]
mod tests;
