//! The dry run: every row read, validated, matched and classified; nothing written.

use super::mapping::Attribute;
use super::tags_column::{self, TagIndex, TagRef};
use super::templates::{self, TemplateRef};
use super::{
    header, mapping, values, ColumnTarget, ImportSpec, ImportSummary, MatchBy, MergePolicy,
    RowProblem,
};
use crate::custom_fields::{self, CustomField, CustomValue, FieldKind};
use crate::customers::{self, CustomerInput};
use crate::error::{Error, Result};
use crate::spreadsheet::{self, Cell, Row, SheetRows};
use rusqlite::{Connection, OptionalExtension};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

/// Planned rows whose cells are kept as text (the preview shows them); the others' are not.
pub const SAMPLE_ROWS: usize = 50;

/// What the import would do, row by row.
#[derive(Debug, Clone)]
pub struct ImportPlan {
    pub sheet: String,
    pub encoding: Option<String>,
    /// 1-based.
    pub header_row: u32,
    pub headers: Vec<String>,
    pub suggested: Vec<ColumnTarget>,
    pub columns: Vec<ColumnTarget>,
    /// The saved template that supplied `columns`, when one did.
    pub template: Option<TemplateRef>,
    pub rows: Vec<PlannedRow>,
    /// The cells of the first [`SAMPLE_ROWS`] planned rows as text, for the preview.
    pub sample: Vec<Vec<String>>,
    pub problems: Vec<RowProblem>,
    pub summary: ImportSummary,
}

#[derive(Debug, Clone)]
pub struct PlannedRow {
    /// 1-based row in the file.
    pub row: u32,
    pub input: CustomerInput,
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
    let path = Path::new(&spec.path);
    let mut sheet = spreadsheet::rows(path, &spec.read)?;
    loop {
        if let Some(plan) = plan_rows(conn, spec, path, &mut sheet)? {
            return Ok(plan);
        }
    }
}

/// The plan of the sheet's rows as they are read, or None when they start over (a sheet that
/// could not be streamed; see [`Row::Again`]).
fn plan_rows(
    conn: &Connection,
    spec: &ImportSpec,
    path: &Path,
    sheet: &mut SheetRows,
) -> Result<Option<ImportPlan>> {
    // The first rows, enough to find the headers, and to know the sheet is not empty.
    let wanted = header::SEARCHED.max(spec.header_row.unwrap_or(0) as usize);
    let mut head: Vec<Vec<Cell>> = Vec::new();
    let (mut filled, mut ended) = (false, false);
    while head.len() < wanted || !filled {
        match sheet.next_row()? {
            Row::Cells(cells) => {
                filled |= !cells.iter().all(Cell::is_empty);
                head.push(cells);
            }
            Row::End => {
                ended = true;
                break;
            }
            Row::Again => return Ok(None),
        }
    }
    if !filled {
        return Err(spreadsheet::no_data(path, &sheet.sheet));
    }
    let header_index = match spec.header_row {
        Some(r) if r >= 1 && (r as usize) <= head.len() => r as usize - 1,
        Some(r) => {
            return Err(Error::invalid(
                "header_row",
                format!("the sheet has no row {r}"),
            ))
        }
        None => header::detect(&head),
    };
    let headers: Vec<String> = head[header_index].iter().map(Cell::text).collect();
    // One read transaction for all the lookups below: one snapshot, and one lock instead of
    // one per row. A caller that already holds a transaction (the real run) is inside it.
    let _snapshot = match conn.is_autocommit() {
        true => Some(conn.unchecked_transaction()?),
        false => None,
    };
    let fields = custom_fields::list(conn)?;
    let nodes = crate::tags::load_nodes(conn)?;
    let suggested: Vec<ColumnTarget> = headers
        .iter()
        .map(|h| mapping::suggest(h, &fields, &nodes))
        .collect();
    let (columns, template) = if !spec.columns.is_empty() {
        (spec.columns.clone(), None)
    } else if let Some(t) = templates::matching(conn, &headers)? {
        let columns = templates::columns_for(&t, &headers, &fields, &nodes);
        let by = TemplateRef {
            id: t.id,
            name: t.name,
        };
        (columns, Some(by))
    } else {
        (suggested.clone(), None)
    };
    if !columns.contains(&ColumnTarget::Attribute {
        attribute: Attribute::Name,
    }) {
        return Err(Error::invalid(
            "columns",
            "choose the column that holds the customers' names",
        ));
    }
    let tags = TagIndex::new(&nodes);
    let mut plan = ImportPlan {
        sheet: sheet.sheet.clone(),
        encoding: sheet.encoding.clone(),
        header_row: header_index as u32 + 1,
        headers,
        suggested,
        columns,
        template,
        rows: Vec::new(),
        sample: Vec::new(),
        problems: Vec::new(),
        summary: ImportSummary::default(),
    };
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut next_index = header_index + 1;
    let mut rest = head.into_iter().skip(next_index);
    loop {
        let cells = match rest.next() {
            Some(cells) => cells,
            None if ended => break,
            None => match sheet.next_row()? {
                Row::Cells(cells) => cells,
                Row::End => break,
                Row::Again => return Ok(None),
            },
        };
        let row = next_index as u32 + 1;
        next_index += 1;
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let mut problems = Vec::new();
        let (input, row_tags) = read_row(&plan, &cells, row, &fields, &tags, spec, &mut problems);
        let outcome = if !problems.is_empty() {
            Outcome::Rejected
        } else {
            classify(conn, spec, &input, &row_tags, row, &mut seen)?
        };
        match &outcome {
            Outcome::New => plan.summary.new += 1,
            Outcome::Update { .. } => plan.summary.updated += 1,
            Outcome::Unchanged { .. } => plan.summary.unchanged += 1,
            Outcome::Rejected => plan.summary.rejected += 1,
            Outcome::Duplicate { first_row } => {
                plan.summary.duplicates_in_file += 1;
                problems.push(RowProblem {
                    row,
                    column: None,
                    header: String::new(),
                    value: String::new(),
                    reason: format!(
                        "the same customer as row {first_row}; this row was not imported"
                    ),
                });
            }
        }
        plan.problems.extend(problems);
        if plan.sample.len() < SAMPLE_ROWS {
            plan.sample.push(cells.iter().map(Cell::text).collect());
        }
        plan.rows.push(PlannedRow {
            row,
            input,
            tags: row_tags,
            outcome,
        });
    }
    Ok(Some(plan))
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
        let mut fail = |reason: String| {
            problems.push(RowProblem {
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
                    fail(reason);
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
                    Err(reason) => fail(reason),
                }
            }
            ColumnTarget::Tags | ColumnTarget::Group { .. } => {
                let within = match target {
                    ColumnTarget::Group { group_id } => Some(*group_id),
                    _ => None,
                };
                for item in tags_column::split(&cell.text_ref()) {
                    match tags.resolve(item, within, spec.unknown_tags) {
                        Ok(t) if !row_tags.contains(&t) => row_tags.push(t),
                        Ok(_) => {}
                        Err(reason) => fail(reason),
                    }
                }
            }
        }
    }
    if input.name.trim().is_empty() {
        problems.push(RowProblem {
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

fn set_attribute(
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
                    "b2b" | "企业" | "公司" => Ok("b2b".to_string()),
                    "b2c" | "个人" => Ok("b2c".to_string()),
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
    let sql = match spec.match_by {
        MatchBy::Phone => "SELECT id FROM customers WHERE phone = ?1 AND deleted_at IS NULL ORDER BY id LIMIT 1",
        MatchBy::Email => "SELECT id FROM customers WHERE email = ?1 COLLATE NOCASE AND deleted_at IS NULL ORDER BY id LIMIT 1",
        _ => "SELECT id FROM customers WHERE external_id = ?1 AND deleted_at IS NULL",
    };
    let existing: Option<i64> = conn
        .prepare_cached(sql)?
        .query_row([&key], |r| r.get(0))
        .optional()?;
    let Some(id) = existing else {
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
