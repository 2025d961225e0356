//! Custom fields: attributes a team declares for itself (会员卡号, 预算, 签约日期 …), typed so
//! they can be validated on entry and compared in segments.

mod removal;

pub use removal::delete;
pub(crate) use removal::{delete_within, image, restore, FieldImage};

use crate::audit;
use crate::clock;
use crate::db::json_column;
use crate::error::{Error, Result};
use crate::operations::{Image, Images};
use crate::problem::{Problem, Thing};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::{Entry, HashMap};
use std::sync::OnceLock;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "FieldKind.ts")]
pub enum FieldKind {
    Text,
    Number,
    /// YYYY-MM-DD
    Date,
    SingleChoice,
    /// Stored as a JSON array of the chosen options.
    MultiChoice,
}

impl FieldKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Number => "number",
            FieldKind::Date => "date",
            FieldKind::SingleChoice => "single_choice",
            FieldKind::MultiChoice => "multi_choice",
        }
    }

    fn parse(s: &str) -> FieldKind {
        match s {
            "number" => FieldKind::Number,
            "date" => FieldKind::Date,
            "single_choice" => FieldKind::SingleChoice,
            "multi_choice" => FieldKind::MultiChoice,
            _ => FieldKind::Text,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "CustomField.ts")]
pub struct CustomField {
    pub id: i64,
    pub label: String,
    pub kind: FieldKind,
    /// The choices, for choice fields.
    pub options: Vec<String>,
    pub position: i64,
    pub archived: bool,
}

/// What the settings form submits.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export_to = "CustomFieldInput.ts")]
pub struct CustomFieldInput {
    pub label: String,
    pub kind: FieldKind,
    pub options: Vec<String>,
}

/// One custom value of a customer, as text; a multi-choice value is a JSON array.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "CustomValue.ts")]
pub struct CustomValue {
    pub field_id: i64,
    pub value: String,
}

pub fn list(conn: &Connection) -> Result<Vec<CustomField>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM custom_fields ORDER BY position, id"
    ))?;
    let rows = stmt.query_map([], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const COLUMNS: &str = "id, label, kind, options, position, archived";

fn read(r: &rusqlite::Row) -> rusqlite::Result<CustomField> {
    Ok(CustomField {
        id: r.get(0)?,
        label: r.get(1)?,
        kind: FieldKind::parse(&r.get::<_, String>(2)?),
        options: json_column(r, 3)?,
        position: r.get(4)?,
        archived: r.get(5)?,
    })
}

pub(crate) fn clean(
    conn: &Connection,
    input: &CustomFieldInput,
    except: Option<i64>,
) -> Result<(String, Vec<String>)> {
    let label = input.label.trim().to_string();
    if label.is_empty() {
        return Err(Error::invalid("label", Problem::NameRequired));
    }
    let clash: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM custom_fields WHERE lower(label) = lower(?1) AND id <> ifnull(?2, -1))",
        params![label, except],
        |r| r.get(0),
    )?;
    if clash {
        return Err(Error::invalid(
            "label",
            Problem::NameTaken {
                name: label.to_string(),
                existing: label.to_string(),
            },
        ));
    }
    let mut options: Vec<String> = Vec::new();
    for o in input
        .options
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
    {
        if !options.iter().any(|x| x == o) {
            options.push(o.to_string());
        }
    }
    let choice = matches!(input.kind, FieldKind::SingleChoice | FieldKind::MultiChoice);
    if choice && options.is_empty() {
        return Err(Error::invalid("options", Problem::OptionsRequired));
    }
    Ok((label, if choice { options } else { Vec::new() }))
}

pub fn create(conn: &Connection, input: &CustomFieldInput, actor: &str) -> Result<i64> {
    let (label, options) = clean(conn, input, None)?;
    // A removed field's id is not given again: its values wait under it (see `removal`).
    let id = crate::operations::fresh_id(conn, "custom_fields", "custom_field")?;
    conn.execute(
        "INSERT INTO custom_fields(id, key, label, kind, options, position, created_at)
         VALUES (?5, lower(hex(randomblob(8))), ?1, ?2, ?3,
                 (SELECT ifnull(max(position) + 1, 0) FROM custom_fields), ?4)",
        params![
            label,
            input.kind.as_str(),
            serde_json::to_string(&options)?,
            clock::now(),
            id
        ],
    )?;
    let images = Images::of(Image::CustomField { field: None }, field_image(conn, id)?);
    audit::record_edit(
        conn,
        actor,
        "create",
        "custom_field",
        Some(id),
        input,
        Some(images),
    )?;
    Ok(id)
}

fn field_image(conn: &Connection, id: i64) -> Result<Image> {
    Ok(Image::CustomField {
        field: Some(image(conn, id)?),
    })
}

/// Renames a field or changes its options. The kind is fixed once values exist.
pub fn update(conn: &Connection, id: i64, input: &CustomFieldInput, actor: &str) -> Result<()> {
    let current = get(conn, id)?;
    let before = field_image(conn, id)?;
    let (label, options) = clean(conn, input, Some(id))?;
    if current.kind != input.kind {
        let used: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM custom_values WHERE field_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if used {
            return Err(Error::invalid("kind", Problem::KindFixed));
        }
    }
    conn.execute(
        "UPDATE custom_fields SET label = ?2, kind = ?3, options = ?4 WHERE id = ?1",
        params![
            id,
            label,
            input.kind.as_str(),
            serde_json::to_string(&options)?
        ],
    )?;
    let images = Images::of(before, field_image(conn, id)?);
    audit::record_edit(
        conn,
        actor,
        "update",
        "custom_field",
        Some(id),
        input,
        Some(images),
    )?;
    Ok(())
}

pub fn set_archived(conn: &Connection, id: i64, archived: bool, actor: &str) -> Result<()> {
    let before = field_image(conn, id)?;
    conn.execute(
        "UPDATE custom_fields SET archived = ?2 WHERE id = ?1",
        params![id, archived],
    )?;
    let images = Images::of(before, field_image(conn, id)?);
    audit::record_edit(
        conn,
        actor,
        if archived { "archive" } else { "unarchive" },
        "custom_field",
        Some(id),
        &(),
        Some(images),
    )?;
    Ok(())
}

/// One field. Cached: an import stores every row's values through here.
pub(crate) fn get(conn: &Connection, id: i64) -> Result<CustomField> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM custom_fields WHERE id = ?1"
    ))?
    .query_row([id], read)
    .optional()?
    .ok_or(Error::NotFound {
        what: Thing::CustomField,
        id: id.to_string(),
    })
}

pub fn values_of(conn: &Connection, customer_id: i64) -> Result<Vec<CustomValue>> {
    conn.prepare_cached(
        "SELECT field_id, value FROM custom_values WHERE customer_id = ?1 ORDER BY field_id",
    )?
    .query_map([customer_id], |r| {
        Ok(CustomValue {
            field_id: r.get(0)?,
            value: r.get(1)?,
        })
    })?
    .collect::<rusqlite::Result<_>>()
    .map_err(Into::into)
}

/// Validates and stores a customer's custom values; an empty value clears the field.
/// The caller's transaction makes it atomic with the rest of the customer.
pub fn save_values(conn: &Connection, customer_id: i64, values: &[CustomValue]) -> Result<()> {
    if values.is_empty() {
        return Ok(());
    }
    for v in values {
        let field = get(conn, v.field_id)?;
        match normalise(&field, &v.value)? {
            Some(value) => conn
                .prepare_cached(
                    "INSERT INTO custom_values(customer_id, field_id, value) VALUES (?1, ?2, ?3)
                     ON CONFLICT(customer_id, field_id) DO UPDATE SET value = excluded.value",
                )?
                .execute(params![customer_id, field.id, value])?,
            None => conn
                .prepare_cached(
                    "DELETE FROM custom_values WHERE customer_id = ?1 AND field_id = ?2",
                )?
                .execute(params![customer_id, field.id])?,
        };
    }
    Ok(())
}

/// Stores the values of customers that have none yet (just created), checked as
/// [`save_values`] checks them, a few hundred per statement: an import creates customers by
/// the hundred thousand.
pub(crate) fn insert_new_values(conn: &Connection, values: &[(i64, &CustomValue)]) -> Result<()> {
    let mut fields: HashMap<i64, CustomField> = HashMap::new();
    let mut rows: Vec<(i64, i64, String)> = Vec::with_capacity(values.len());
    for (customer, v) in values {
        let field = match fields.entry(v.field_id) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => slot.insert(get(conn, v.field_id)?),
        };
        if let Some(value) = normalise(field, &v.value)? {
            rows.push((*customer, v.field_id, value));
        }
    }
    for chunk in rows.chunks(VALUES_PER_STATEMENT) {
        let mut stmt = if chunk.len() == VALUES_PER_STATEMENT {
            // Built once, as the customers' own multi-row statement is.
            static FULL: OnceLock<String> = OnceLock::new();
            conn.prepare_cached(FULL.get_or_init(|| insert_values_sql(VALUES_PER_STATEMENT)))?
        } else {
            conn.prepare_cached(&insert_values_sql(chunk.len()))?
        };
        for (i, (customer, field, value)) in chunk.iter().enumerate() {
            stmt.raw_bind_parameter(3 * i + 1, customer)?;
            stmt.raw_bind_parameter(3 * i + 2, field)?;
            stmt.raw_bind_parameter(3 * i + 3, value)?;
        }
        stmt.raw_execute()?;
    }
    Ok(())
}

const VALUES_PER_STATEMENT: usize = 500;

fn insert_values_sql(rows: usize) -> String {
    let mut sql = String::from("INSERT INTO custom_values(customer_id, field_id, value) VALUES ");
    for i in 0..rows {
        let at = 3 * i;
        let sep = if i == 0 { "" } else { ", " };
        sql.push_str(&format!("{sep}(?{}, ?{}, ?{})", at + 1, at + 2, at + 3));
    }
    sql
}

/// The stored form of a value, or None for empty; errors name the field by its label.
pub fn normalise(field: &CustomField, raw: &str) -> Result<Option<String>> {
    let raw = raw.trim();
    if raw.is_empty() || raw == "[]" {
        return Ok(None);
    }
    let bad = |why: Problem| Error::invalid(field.label.clone(), why);
    let value = || raw.to_string();
    let value = match field.kind {
        FieldKind::Text => raw.to_string(),
        FieldKind::Number => {
            let n: f64 = raw
                .replace([',', '，'], "")
                .parse()
                .map_err(|_| bad(Problem::NumberInvalid { value: value() }))?;
            if !n.is_finite() {
                return Err(bad(Problem::NumberInvalid { value: value() }));
            }
            n.to_string()
        }
        FieldKind::Date => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map_err(|_| bad(Problem::DateInvalid { value: value() }))?
            .format("%Y-%m-%d")
            .to_string(),
        FieldKind::SingleChoice => {
            if !field.options.iter().any(|o| o == raw) {
                return Err(bad(Problem::NotOneOf {
                    value: value(),
                    allowed: field.options.clone(),
                }));
            }
            raw.to_string()
        }
        FieldKind::MultiChoice => {
            let chosen: Vec<String> =
                serde_json::from_str(raw).map_err(|_| bad(Problem::OptionListExpected))?;
            if let Some(unknown) = chosen.iter().find(|c| !field.options.contains(c)) {
                return Err(bad(Problem::NotOneOf {
                    value: unknown.clone(),
                    allowed: field.options.clone(),
                }));
            }
            if chosen.is_empty() {
                return Ok(None);
            }
            serde_json::to_string(&chosen)?
        }
    };
    Ok(Some(value))
}

/// Looks a field up by its label (for imports and tests).
pub fn by_label(conn: &Connection, label: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM custom_fields WHERE label = ?1",
            [label],
            |r| r.get(0),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    fn field(conn: &Connection, label: &str, kind: FieldKind, options: &[&str]) -> CustomField {
        let id = create(
            conn,
            &CustomFieldInput {
                label: label.into(),
                kind,
                options: options.iter().map(|s| s.to_string()).collect(),
            },
            "t",
        )
        .unwrap();
        get(conn, id).unwrap()
    }

    #[test]
    fn values_are_validated_by_kind_with_the_field_named() {
        let conn = db::open_in_memory().unwrap();
        let budget = field(&conn, "预算", FieldKind::Number, &[]);
        let signed = field(&conn, "签约日期", FieldKind::Date, &[]);
        let channel = field(&conn, "渠道", FieldKind::MultiChoice, &["线上", "门店"]);
        assert_eq!(
            normalise(&budget, "12,000").unwrap().as_deref(),
            Some("12000")
        );
        let err = normalise(&budget, "很多").unwrap_err();
        assert!(err.to_string().starts_with("预算:"), "{err}");
        assert!(normalise(&signed, "2025-02-30").is_err());
        assert_eq!(
            normalise(&channel, r#"["门店"]"#).unwrap().as_deref(),
            Some(r#"["门店"]"#)
        );
        assert!(normalise(&channel, r#"["电话"]"#).is_err());
        assert_eq!(normalise(&channel, "[]").unwrap(), None);
    }

    #[test]
    fn choice_fields_need_options_and_labels_are_unique() {
        let conn = db::open_in_memory().unwrap();
        let input = CustomFieldInput {
            label: "等级".into(),
            kind: FieldKind::SingleChoice,
            options: vec![" ".into()],
        };
        assert!(create(&conn, &input, "t").is_err());
        field(&conn, "会员卡号", FieldKind::Text, &[]);
        let dup = CustomFieldInput {
            label: "会员卡号".into(),
            kind: FieldKind::Text,
            options: vec![],
        };
        assert!(create(&conn, &dup, "t").is_err());
    }
}
