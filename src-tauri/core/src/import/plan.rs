//! The dry run: every row read, validated, matched and classified; nothing written.

use super::mapping::Attribute;
use super::sheet::{self, Head};
use super::tags_column::{self, TagIndex, TagRef};
use super::templates::{self, TemplateRef};
use super::{
    mapping, values, ColumnTarget, ImportSpec, ImportSummary, MatchBy, MergePolicy, ProblemCode,
    RowProblem,
};
use crate::custom_fields::{self, CustomField, CustomValue, FieldKind};
use crate::customers::{self, CustomerInput};
use crate::error::{Error, Result};
use crate::spreadsheet::Cell;
use rusqlite::{Connection, OptionalExtension};
use std::borrow::Cow;
use std::collections::HashMap;

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
    /// The cells of the first [`SAMPLE_ROWS`] planned rows as text, for the preview.
    pub sample: Vec<Vec<String>>,
    pub problems: Vec<RowProblem>,
    pub summary: ImportSummary,
    /// Event kinds the file names that are not declared yet (created by the run when the
    /// spec says so).
    pub kinds_to_create: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct PlannedRow {
    /// 1-based row in the file.
    pub row: u32,
    /// Boxed: a 100,000-row plan grows by copying its rows, and a row holding the whole
    /// input made that copying a tenth of an import.
    pub input: Box<CustomerInput>,
    pub tags: Vec<TagRef>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    New,
    Update { id: i64 },
    Unchanged { id: i64 },
    Rejected,
    Duplicate { first_row: u32 },
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
        seen: HashMap::new(),
        plan: None,
    };
    sheet::scan(spec, &mut rows)?;
    Ok(rows.plan.expect("a scanned sheet has headers"))
}

/// A read transaction unless the caller already holds one.
pub(super) fn snapshot(conn: &Connection) -> Result<Option<rusqlite::Transaction<'_>>> {
    Ok(match conn.is_autocommit() {
        true => Some(conn.unchecked_transaction()?),
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
    }
}

/// Counts `outcome`, notes a duplicate's problem, keeps the row's cells for the sample.
pub(super) fn tally<R>(
    plan: &mut ImportPlan<R>,
    row: u32,
    cells: &[Cell],
    outcome: &Outcome,
    mut problems: Vec<RowProblem>,
    what: &str,
) {
    match outcome {
        Outcome::New => plan.summary.new += 1,
        Outcome::Update { .. } => plan.summary.updated += 1,
        Outcome::Unchanged { .. } => plan.summary.unchanged += 1,
        Outcome::Rejected => plan.summary.rejected += 1,
        Outcome::Duplicate { first_row } => {
            plan.summary.duplicates_in_file += 1;
            problems.push(RowProblem {
                code: ProblemCode::DuplicateInFile,
                row,
                column: None,
                header: String::new(),
                value: String::new(),
                reason: format!("the same {what} as row {first_row}; this row was not imported"),
            });
        }
    }
    plan.problems.extend(problems);
    if plan.sample.len() < SAMPLE_ROWS {
        plan.sample.push(cells.iter().map(Cell::text).collect());
    }
}

struct CustomerRows<'a> {
    conn: &'a Connection,
    spec: &'a ImportSpec,
    fields: &'a [CustomField],
    nodes: &'a [crate::tags::TagNode],
    tags: &'a TagIndex,
    seen: HashMap<String, u32>,
    plan: Option<ImportPlan>,
}

impl sheet::Rows for CustomerRows<'_> {
    fn start(&mut self, head: &Head) -> Result<()> {
        let (conn, spec) = (self.conn, self.spec);
        let suggested: Vec<ColumnTarget> = head
            .headers
            .iter()
            .map(|h| mapping::suggest(h, self.fields, self.nodes))
            .collect();
        let (columns, template) = templates::mapping_for(
            conn,
            spec,
            &head.headers,
            &suggested,
            self.fields,
            self.nodes,
        )?;
        if !columns.contains(&ColumnTarget::Attribute {
            attribute: Attribute::Name,
        }) {
            return Err(Error::invalid(
                "columns",
                "choose the column that holds the customers' names",
            ));
        }
        self.seen.clear();
        self.plan = Some(empty_plan(head, suggested, columns, template));
        Ok(())
    }

    fn row(&mut self, row: u32, cells: Vec<Cell>) -> Result<()> {
        let plan = self.plan.as_mut().expect("started");
        let mut problems = Vec::new();
        let (input, row_tags) = read_row(
            plan,
            &cells,
            row,
            self.fields,
            self.tags,
            self.spec,
            &mut problems,
        );
        let outcome = if !problems.is_empty() {
            Outcome::Rejected
        } else {
            classify(self.conn, self.spec, &input, &row_tags, row, &mut self.seen)?
        };
        tally(plan, row, &cells, &outcome, problems, "customer");
        plan.rows.push(PlannedRow {
            row,
            input: Box::new(input),
            tags: row_tags,
            outcome,
        });
        Ok(())
    }
}

fn read_row(
    plan: &ImportPlan,
    cells: &[Cell],
    row: u32,
    fields: &[CustomField],
    tags: &TagIndex,
    spec: &ImportSpec,
    problems: &mut Vec<RowProblem>,
) -> (CustomerInput, Vec<TagRef>) {
    let mut input = CustomerInput::default();
    let mut row_tags: Vec<TagRef> = Vec::new();
    for (col, target) in plan.columns.iter().enumerate() {
        let cell = cells.get(col).unwrap_or(&Cell::Empty);
        let mut fail = |code: ProblemCode, reason: String| {
            problems.push(RowProblem {
                code,
                row,
                column: Some(col as u32 + 1),
                header: plan.headers.get(col).cloned().unwrap_or_default(),
                value: cell.text(),
                reason,
            })
        };
        match target {
            ColumnTarget::Ignore => {}
            ColumnTarget::Attribute { attribute } => {
                if let Err(reason) = set_attribute(&mut input, *attribute, cell) {
                    fail(ProblemCode::InvalidValue, reason);
                }
            }
            ColumnTarget::CustomField { field_id } => {
                let Some(field) = fields.iter().find(|f| f.id == *field_id) else {
                    continue;
                };
                match custom_value(field, cell) {
                    Ok(Some(value)) => input.custom.push(CustomValue {
                        field_id: field.id,
                        value,
                    }),
                    Ok(None) => {}
                    Err(reason) => fail(ProblemCode::InvalidValue, reason),
                }
            }
            ColumnTarget::EventKind
            | ColumnTarget::EventTime
            | ColumnTarget::EventAmount
            | ColumnTarget::EventProperty { .. } => {}
            ColumnTarget::Tags | ColumnTarget::Group { .. } => {
                let within = match target {
                    ColumnTarget::Group { group_id } => Some(*group_id),
                    _ => None,
                };
                for item in tags_column::split(&cell.text_ref()) {
                    match tags.resolve(item, within, spec.unknown_tags) {
                        Ok(t) if !row_tags.contains(&t) => row_tags.push(t),
                        Ok(_) => {}
                        Err(reason) => fail(ProblemCode::UnknownTag, reason),
                    }
                }
            }
        }
    }
    if input.name.trim().is_empty() {
        problems.push(RowProblem {
            code: ProblemCode::NameEmpty,
            row,
            column: None,
            header: String::new(),
            value: String::new(),
            reason: "the name is empty".into(),
        });
    }
    let mut groups_seen: HashMap<i64, usize> = HashMap::new();
    for t in &row_tags {
        if let Some((group, name)) = tags.single_group_of(t) {
            if groups_seen.insert(group, 1).is_some() {
                problems.push(RowProblem {
                    code: ProblemCode::TwoSingleSelectTags,
                    row,
                    column: None,
                    header: String::new(),
                    value: String::new(),
                    reason: format!("two tags of the single-select group “{name}”"),
                });
            }
        }
    }
    (input, row_tags)
}

pub(super) fn set_attribute(
    input: &mut CustomerInput,
    attribute: Attribute,
    cell: &Cell,
) -> std::result::Result<(), String> {
    let text = || Some(values::folded(cell)).filter(|s| !s.is_empty());
    let plain = || {
        Some(cell.text_ref())
            .filter(|s| !s.is_empty())
            .map(Cow::into_owned)
    };
    match attribute {
        Attribute::Name => input.name = cell.text(),
        Attribute::Phone => input.phone = values::phone(cell)?,
        Attribute::Email => {
            input.email = text()
                .map(|e| customers::validate_email(&e).map_err(|e| e.to_string()))
                .transpose()?
        }
        Attribute::Birthday => {
            input.birthday = values::date(cell)?.map(|d| d.format("%Y-%m-%d").to_string())
        }
        Attribute::Gender => {
            input.gender = text()
                .map(|g| match g.to_lowercase().as_str() {
                    "男" | "male" | "m" | "先生" => Ok("male".to_string()),
                    "女" | "female" | "f" | "女士" => Ok("female".to_string()),
                    "其他" | "other" => Ok("other".to_string()),
                    _ => Err(format!("“{g}” is not a gender (男/女)")),
                })
                .transpose()?
        }
        Attribute::CustomerType => {
            input.customer_type = text()
                .map(|t| match t.to_lowercase().as_str() {
                    // The export's labels in both languages, as the UI shows them.
                    "b2b" | "企业" | "公司" | "business" => Ok("b2b".to_string()),
                    "b2c" | "个人" | "consumer" => Ok("b2c".to_string()),
                    _ => Err(format!("“{t}” is not a customer type (个人/企业)")),
                })
                .transpose()?
        }
        Attribute::Company => input.company = plain(),
        Attribute::JobTitle => input.job_title = plain(),
        Attribute::Industry => input.industry = plain(),
        Attribute::Province => input.province = plain(),
        Attribute::City => input.city = plain(),
        Attribute::Source => input.source = plain(),
        Attribute::Level => input.level = plain(),
        Attribute::Notes => input.notes = plain(),
        Attribute::ExternalId => input.external_id = text(),
    }
    Ok(())
}

fn custom_value(field: &CustomField, cell: &Cell) -> std::result::Result<Option<String>, String> {
    let raw = match field.kind {
        FieldKind::Date => values::date(cell)?.map(|d| d.format("%Y-%m-%d").to_string()),
        FieldKind::Number => values::number(cell)?.map(|n| n.to_string()),
        FieldKind::MultiChoice => {
            let text = cell.text();
            Some(serde_json::to_string(&tags_column::split(&text)).unwrap_or_default())
        }
        _ => Some(cell.text()),
    };
    match raw {
        None => Ok(None),
        Some(raw) => custom_fields::normalise(field, &raw).map_err(|e| match e {
            Error::Invalid { reason, .. } => reason,
            other => other.to_string(),
        }),
    }
}

/// New, update, unchanged or duplicate, by the match key and the merge policy.
fn classify(
    conn: &Connection,
    spec: &ImportSpec,
    input: &CustomerInput,
    tags: &[TagRef],
    row: u32,
    seen: &mut HashMap<String, u32>,
) -> Result<Outcome> {
    let key = match spec.match_by {
        MatchBy::Nothing => None,
        MatchBy::Phone => input.phone.clone(),
        MatchBy::Email => input.email.clone(),
        MatchBy::ExternalId => input.external_id.clone(),
    };
    let Some(key) = key else {
        return Ok(Outcome::New);
    };
    if let Some(first_row) = seen.get(&key) {
        return Ok(Outcome::Duplicate {
            first_row: *first_row,
        });
    }
    seen.insert(key.clone(), row);
    let Some(id) = find_customer(conn, spec.match_by, &key)? else {
        return Ok(Outcome::New);
    };
    if spec.policy == MergePolicy::Skip {
        return Ok(Outcome::Unchanged { id });
    }
    let current = customers::get(conn, id)?.input;
    let merged = merge(&current, input, spec.policy);
    let lacks_a_tag = tags.iter().any(|t| match t {
        TagRef::New { .. } => true,
        TagRef::Existing(tag) => !conn
            .prepare_cached(
                "SELECT EXISTS(SELECT 1 FROM assignments WHERE tag_id = ?1 AND customer_id = ?2)",
            )
            .and_then(|mut s| s.query_row([*tag, id], |r| r.get::<_, bool>(0)))
            .unwrap_or(false),
    });
    Ok(if merged == current && !lacks_a_tag {
        Outcome::Unchanged { id }
    } else {
        Outcome::Update { id }
    })
}

/// The live customer whose phone, email or external id (by `by`) is `key`, already
/// normalised as [`set_attribute`] leaves it.
pub(super) fn find_customer(conn: &Connection, by: MatchBy, key: &str) -> Result<Option<i64>> {
    let sql = match by {
        MatchBy::Nothing => return Ok(None),
        MatchBy::Phone => "SELECT id FROM customers WHERE phone = ?1 AND deleted_at IS NULL ORDER BY id LIMIT 1",
        MatchBy::Email => "SELECT id FROM customers WHERE email = ?1 COLLATE NOCASE AND deleted_at IS NULL ORDER BY id LIMIT 1",
        MatchBy::ExternalId => "SELECT id FROM customers WHERE external_id = ?1 AND deleted_at IS NULL",
    };
    Ok(conn
        .prepare_cached(sql)?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// The stored customer with the file's values applied by `policy`.
pub(crate) fn merge(
    current: &CustomerInput,
    file: &CustomerInput,
    policy: MergePolicy,
) -> CustomerInput {
    let pick = |now: &Option<String>, new: &Option<String>| match (policy, now, new) {
        (_, _, None) => now.clone(),
        (MergePolicy::FillEmpty, Some(v), _) if !v.is_empty() => now.clone(),
        (MergePolicy::Skip, _, _) => now.clone(),
        (_, _, new) => new.clone(),
    };
    let mut out = CustomerInput {
        name: if policy == MergePolicy::Overwrite && !file.name.trim().is_empty() {
            file.name.clone()
        } else {
            current.name.clone()
        },
        phone: pick(&current.phone, &file.phone),
        email: pick(&current.email, &file.email),
        company: pick(&current.company, &file.company),
        job_title: pick(&current.job_title, &file.job_title),
        industry: pick(&current.industry, &file.industry),
        province: pick(&current.province, &file.province),
        city: pick(&current.city, &file.city),
        source: pick(&current.source, &file.source),
        customer_type: pick(&current.customer_type, &file.customer_type),
        level: pick(&current.level, &file.level),
        gender: pick(&current.gender, &file.gender),
        birthday: pick(&current.birthday, &file.birthday),
        notes: pick(&current.notes, &file.notes),
        external_id: pick(&current.external_id, &file.external_id),
        custom: current.custom.clone(),
    };
    for v in &file.custom {
        match out.custom.iter_mut().find(|c| c.field_id == v.field_id) {
            Some(existing) if policy == MergePolicy::Overwrite => existing.value = v.value.clone(),
            Some(_) => {}
            None => out.custom.push(v.clone()),
        }
    }
    out.custom.sort_by_key(|c| c.field_id);
    out
}
