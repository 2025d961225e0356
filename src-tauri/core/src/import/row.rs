//! One row of a customers file read into a customer: every mapped cell parsed, and the whole
//! record checked by the same rules a save applies, so a row the preview passes is a row the
//! run can write.

use super::mapping::Attribute;
use super::plan::ImportPlan;
use super::tags_column::{self, TagIndex, TagRef};
use super::{values, ColumnTarget, ImportSpec, ProblemCode, RowProblem};
use crate::custom_fields::{self, CustomField, CustomValue, FieldKind};
use crate::customers::{self, CustomerInput};
use crate::error::Error;
use crate::problem::Problem;
use crate::spreadsheet::Cell;
use std::borrow::Cow;
use std::collections::HashSet;

/// The customer and the tags a row describes; what is wrong with it goes to `problems`.
pub(super) fn read_row(
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
        let header = plan.headers.get(col).map(String::as_str).unwrap_or("");
        let mut fail = |code: ProblemCode, problem: Problem| {
            problems.push(RowProblem::at(
                code,
                row,
                Some(col),
                &plan.headers,
                cell.text(),
                problem,
            ))
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
            | ColumnTarget::EventId
            | ColumnTarget::EventProperty { .. } => {}
            ColumnTarget::Tags | ColumnTarget::Group { .. } => {
                let within = match target {
                    ColumnTarget::Group { group_id } => Some(*group_id),
                    _ => None,
                };
                for item in tags_column::split(&cell.text_ref()) {
                    match tags.resolve(item, within, spec.unknown_tags, header) {
                        Ok(t) if !row_tags.contains(&t) => row_tags.push(t),
                        Ok(_) => {}
                        Err(reason) => fail(ProblemCode::UnknownTag, reason),
                    }
                }
            }
        }
    }
    if input.name.trim().is_empty() {
        problems.push(whole_row(
            row,
            ProblemCode::NameEmpty,
            Problem::NameRequired,
        ));
    }
    let mut groups_seen: HashSet<i64> = HashSet::new();
    for t in &row_tags {
        if let Some((group, name)) = tags.single_group_of(t) {
            if !groups_seen.insert(group) {
                problems.push(whole_row(
                    row,
                    ProblemCode::TwoSingleSelectTags,
                    Problem::TwoSingleSelectTags {
                        group: name.to_string(),
                    },
                ));
            }
        }
    }
    (input, row_tags)
}

/// A problem of the whole row rather than of one cell.
pub(super) fn whole_row(row: u32, code: ProblemCode, problem: Problem) -> RowProblem {
    RowProblem {
        code,
        row,
        column: None,
        header: String::new(),
        value: String::new(),
        problem,
    }
}

/// `record` as a save would store it, or the problem a save would refuse it for, at the
/// column that holds the field at fault (the run never meets a record the plan let through).
pub(super) fn checked(
    plan: &ImportPlan,
    record: &CustomerInput,
    row: u32,
    cells: &[Cell],
) -> Result<CustomerInput, RowProblem> {
    customers::clean(record).map_err(|e| {
        let (field, problem) = match e {
            Error::Invalid { field, problem } => (field, problem),
            other => (String::new(), other.problem()),
        };
        let col = plan.columns.iter().position(|c| match c {
            // The attribute's serialised name is the field name a save's checks use.
            ColumnTarget::Attribute { attribute } => {
                serde_json::to_value(attribute)
                    .ok()
                    .as_ref()
                    .and_then(|v| v.as_str())
                    == Some(field.as_str())
            }
            _ => false,
        });
        let code = match field.as_str() {
            "name" if record.name.trim().is_empty() => ProblemCode::NameEmpty,
            _ => ProblemCode::InvalidValue,
        };
        match col {
            Some(col) => RowProblem::at(
                code,
                row,
                Some(col),
                &plan.headers,
                cells.get(col).map(Cell::text).unwrap_or_default(),
                problem,
            ),
            None => RowProblem {
                header: field,
                ..whole_row(row, code, problem)
            },
        }
    })
}

pub(super) fn set_attribute(
    input: &mut CustomerInput,
    attribute: Attribute,
    cell: &Cell,
) -> std::result::Result<(), Problem> {
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
                .map(|e| customers::validate_email(&e).map_err(|e| e.problem()))
                .transpose()?
        }
        Attribute::Birthday => {
            input.birthday = values::date(cell)?.map(|d| d.format("%Y-%m-%d").to_string())
        }
        Attribute::Gender => {
            // A shop's export says 未知 where the customer never said (WeChat's "not set").
            input.gender = text()
                .map(|g| match g.to_lowercase().as_str() {
                    "男" | "男性" | "male" | "m" | "先生" => Ok(Some("male".to_string())),
                    "女" | "女性" | "female" | "f" | "女士" => Ok(Some("female".to_string())),
                    "其他" | "other" => Ok(Some("other".to_string())),
                    "未知" | "保密" | "不详" | "未填" | "unknown" | "-" | "--" => Ok(None),
                    _ => Err(Problem::GenderInvalid { value: g.clone() }),
                })
                .transpose()?
                .flatten()
        }
        Attribute::CustomerType => {
            input.customer_type = text()
                .map(|t| match t.to_lowercase().as_str() {
                    // The export's labels in both languages, as the UI shows them.
                    "b2b" | "企业" | "公司" | "business" => Ok("b2b".to_string()),
                    "b2c" | "个人" | "consumer" => Ok("b2c".to_string()),
                    _ => Err(Problem::CustomerTypeInvalid { value: t.clone() }),
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

fn custom_value(field: &CustomField, cell: &Cell) -> std::result::Result<Option<String>, Problem> {
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
        Some(raw) => custom_fields::normalise(field, &raw).map_err(|e| e.problem()),
    }
}
