//! Saved column mappings ("会员月报"): the mapping made for one month's file, kept by header name
//! so next month's file — same headers, perhaps in another order — is mapped the same way,
//! automatically when its headers are exactly the template's.

use super::mapping::key;
use super::{ColumnTarget, ImportSpec, ImportWhat};
use crate::custom_fields::CustomField;
use crate::db::json_column;
use crate::error::{Error, Result};
use crate::problem::{Problem, Thing};
use crate::tag_usage::{self, UsageKind};
use crate::tags::{NodeKind, TagNode};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

/// What one header of the file meant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "TemplateColumn.ts")]
pub struct TemplateColumn {
    pub header: String,
    pub target: ColumnTarget,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "ImportTemplate.ts")]
pub struct ImportTemplate {
    pub id: i64,
    pub name: String,
    /// In the order of the file the template was saved from.
    pub columns: Vec<TemplateColumn>,
    pub updated_at: i64,
    /// Events when the mapping names an event kind, time, amount or property; the wizard
    /// offers a template only for the kind of file it was made for.
    pub what: ImportWhat,
}

/// Customers or events, from what the mapping's columns mean.
fn what_of(columns: &[TemplateColumn]) -> ImportWhat {
    let names_events = columns.iter().any(|c| {
        matches!(
            c.target,
            ColumnTarget::EventKind
                | ColumnTarget::EventTime
                | ColumnTarget::EventAmount
                | ColumnTarget::EventId
                | ColumnTarget::EventProperty { .. }
        )
    });
    match names_events {
        true => ImportWhat::Events,
        false => ImportWhat::Customers,
    }
}

/// A template as the wizard saves it: the file's headers and the mapping by position.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export_to = "ImportTemplateInput.ts")]
pub struct ImportTemplateInput {
    pub name: String,
    pub headers: Vec<String>,
    pub columns: Vec<ColumnTarget>,
}

/// The template that supplied a preview's mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "TemplateRef.ts")]
pub struct TemplateRef {
    pub id: i64,
    pub name: String,
}

/// Every template, most recently saved first.
pub fn list(conn: &Connection) -> Result<Vec<ImportTemplate>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, columns, updated_at FROM import_templates ORDER BY updated_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let columns: Vec<TemplateColumn> = json_column(r, 2)?;
        Ok(ImportTemplate {
            id: r.get(0)?,
            name: r.get(1)?,
            what: what_of(&columns),
            columns,
            updated_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Saves a template; one with the same name (ignoring case and width) is replaced, keeping its
/// id. Returns the id.
pub fn save(conn: &Connection, input: &ImportTemplateInput) -> Result<i64> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", Problem::NameRequired));
    }
    if input.headers.len() != input.columns.len() {
        return Err(Error::invalid(
            "columns",
            Problem::TemplateMismatch {
                headers: input.headers.len() as u32,
                columns: input.columns.len() as u32,
            },
        ));
    }
    let columns: Vec<TemplateColumn> = input
        .headers
        .iter()
        .zip(&input.columns)
        .filter(|(h, _)| !key(h).is_empty())
        .map(|(header, target)| TemplateColumn {
            header: header.trim().to_string(),
            target: target.clone(),
        })
        .collect();
    if columns.iter().all(|c| c.target == ColumnTarget::Ignore) {
        return Err(Error::invalid("columns", Problem::MappingEmpty));
    }
    let name_key = crate::tags::name_key(name);
    let json = serde_json::to_string(&columns)?;
    conn.execute(
        "INSERT INTO import_templates(name, name_key, columns, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT(name_key) DO UPDATE SET name = ?1, columns = ?3, updated_at = ?4",
        params![name, name_key, json, crate::clock::now()],
    )?;
    tag_usage::note_json(conn, UsageKind::ImportTemplate, &json, crate::clock::now())?;
    Ok(conn.query_row(
        "SELECT id FROM import_templates WHERE name_key = ?1",
        [name_key],
        |r| r.get(0),
    )?)
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM import_templates WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound {
            what: Thing::ImportTemplate,
            id: id.to_string(),
        });
    }
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<ImportTemplate> {
    list(conn)?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| Error::NotFound {
            what: Thing::ImportTemplate,
            id: id.to_string(),
        })
}

/// The template made for files with exactly these headers (order and spacing, case and
/// full-width forms aside), the most recently saved when several are.
pub fn matching(
    conn: &Connection,
    headers: &[String],
    what: ImportWhat,
) -> Result<Option<ImportTemplate>> {
    let wanted = header_set(headers.iter().map(String::as_str));
    if wanted.is_empty() {
        return Ok(None);
    }
    Ok(list(conn)?.into_iter().find(|t| {
        t.what == what && header_set(t.columns.iter().map(|c| c.header.as_str())) == wanted
    }))
}

/// The mapping a plan starts from: the spec's columns when the wizard sent some, else those of
/// the saved template made for these headers and this kind of file, else the suggestions.
pub(super) fn mapping_for(
    conn: &Connection,
    spec: &ImportSpec,
    headers: &[String],
    suggested: &[ColumnTarget],
    fields: &[CustomField],
    nodes: &[TagNode],
) -> Result<(Vec<ColumnTarget>, Option<TemplateRef>)> {
    if !spec.columns.is_empty() {
        return Ok((spec.columns.clone(), None));
    }
    Ok(match matching(conn, headers, spec.what)? {
        Some(t) => (
            columns_for(&t, headers, fields, nodes),
            Some(TemplateRef {
                id: t.id,
                name: t.name,
            }),
        ),
        None => (suggested.to_vec(), None),
    })
}

fn header_set<'a>(headers: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    headers.map(key).filter(|k| !k.is_empty()).collect()
}

/// The template's mapping laid over a file's headers, by header name: a header the template
/// does not know is ignored, and so is a target that no longer exists (a custom field archived,
/// a group deleted or archived since the template was saved).
pub fn columns_for(
    template: &ImportTemplate,
    headers: &[String],
    fields: &[CustomField],
    nodes: &[TagNode],
) -> Vec<ColumnTarget> {
    let mut used = vec![false; template.columns.len()];
    headers
        .iter()
        .map(|h| {
            let k = key(h);
            let found = template
                .columns
                .iter()
                .enumerate()
                .position(|(i, c)| !used[i] && !k.is_empty() && key(&c.header) == k);
            match found {
                Some(i) => {
                    used[i] = true;
                    let target = &template.columns[i].target;
                    if still_exists(target, fields, nodes) {
                        target.clone()
                    } else {
                        ColumnTarget::Ignore
                    }
                }
                None => ColumnTarget::Ignore,
            }
        })
        .collect()
}

fn still_exists(target: &ColumnTarget, fields: &[CustomField], nodes: &[TagNode]) -> bool {
    match target {
        ColumnTarget::CustomField { field_id } => {
            fields.iter().any(|f| f.id == *field_id && !f.archived)
        }
        ColumnTarget::Group { group_id } => nodes
            .iter()
            .any(|n| n.id == *group_id && n.kind == NodeKind::Group && !n.deleted && !n.archived),
        _ => true,
    }
}

/// The mapping of template `id` for these headers.
pub fn apply(conn: &Connection, id: i64, headers: &[String]) -> Result<Vec<ColumnTarget>> {
    let template = get(conn, id)?;
    let columns = serde_json::to_string(&template.columns)?;
    tag_usage::note_json(
        conn,
        UsageKind::ImportTemplate,
        &columns,
        crate::clock::now(),
    )?;
    let fields = crate::custom_fields::list(conn)?;
    let nodes = crate::tags::load_nodes(conn)?;
    Ok(columns_for(&template, headers, &fields, &nodes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{analyse, Attribute, ImportSpec};

    fn attr(attribute: Attribute) -> ColumnTarget {
        ColumnTarget::Attribute { attribute }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn monthly(conn: &Connection) -> i64 {
        save(
            conn,
            &ImportTemplateInput {
                name: "会员月报".into(),
                headers: strings(&["卡号", "顾客", "联系电话", "积分"]),
                columns: vec![
                    attr(Attribute::ExternalId),
                    attr(Attribute::Name),
                    attr(Attribute::Phone),
                    ColumnTarget::Ignore,
                ],
            },
        )
        .unwrap()
    }

    #[test]
    fn a_saved_template_is_listed_and_saving_the_same_name_replaces_it() {
        let conn = crate::db::open_in_memory().unwrap();
        let id = monthly(&conn);
        let again = save(
            &conn,
            &ImportTemplateInput {
                name: " 会员月报 ".into(),
                headers: strings(&["顾客"]),
                columns: vec![attr(Attribute::Name)],
            },
        )
        .unwrap();
        assert_eq!(again, id, "same name, same template");
        let all = list(&conn).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].name, "会员月报");
        assert_eq!(
            all[0].columns,
            [TemplateColumn {
                header: "顾客".into(),
                target: attr(Attribute::Name)
            }]
        );
        delete(&conn, id).unwrap();
        assert!(list(&conn).unwrap().is_empty());
        assert!(matches!(delete(&conn, id), Err(Error::NotFound { .. })));
    }

    #[test]
    fn a_template_needs_a_name_and_at_least_one_mapped_column() {
        let conn = crate::db::open_in_memory().unwrap();
        let input = |name: &str, target: ColumnTarget| ImportTemplateInput {
            name: name.into(),
            headers: strings(&["姓名"]),
            columns: vec![target],
        };
        assert!(matches!(
            save(&conn, &input("  ", attr(Attribute::Name))),
            Err(Error::Invalid { field, .. }) if field == "name"
        ));
        assert!(matches!(
            save(&conn, &input("空", ColumnTarget::Ignore)),
            Err(Error::Invalid { field, .. }) if field == "columns"
        ));
    }

    #[test]
    fn headers_match_a_template_in_any_order_case_or_width_but_not_with_a_column_more() {
        let conn = crate::db::open_in_memory().unwrap();
        let id = monthly(&conn);
        let next_month = strings(&["联系电话", "顾客 ", "积分", "卡号"]);
        let found = matching(&conn, &next_month, ImportWhat::Customers)
            .unwrap()
            .expect("same headers");
        assert_eq!(found.id, id);
        assert_eq!(
            columns_for(&found, &next_month, &[], &[]),
            [
                attr(Attribute::Phone),
                attr(Attribute::Name),
                ColumnTarget::Ignore,
                attr(Attribute::ExternalId)
            ],
            "mapped by header name, not position"
        );
        let mut wider = next_month.clone();
        wider.push("生日".into());
        assert_eq!(
            matching(&conn, &wider, ImportWhat::Customers).unwrap(),
            None
        );
        assert_eq!(
            matching(&conn, &next_month, ImportWhat::Events).unwrap(),
            None,
            "a customers template is not offered for an events file"
        );
        assert_eq!(
            apply(&conn, id, &wider).unwrap()[4],
            ColumnTarget::Ignore,
            "a header the template does not know is ignored when picked by hand"
        );
    }

    #[test]
    fn a_target_that_no_longer_exists_is_ignored() {
        let conn = crate::db::open_in_memory().unwrap();
        let template = ImportTemplate {
            id: 1,
            name: "旧".into(),
            columns: vec![
                TemplateColumn {
                    header: "积分".into(),
                    target: ColumnTarget::CustomField { field_id: 99 },
                },
                TemplateColumn {
                    header: "等级".into(),
                    target: ColumnTarget::Group { group_id: 98 },
                },
            ],
            updated_at: 0,
            what: ImportWhat::Customers,
        };
        let nodes = crate::tags::load_nodes(&conn).unwrap();
        assert_eq!(
            columns_for(&template, &strings(&["积分", "等级"]), &[], &nodes),
            [ColumnTarget::Ignore, ColumnTarget::Ignore]
        );
    }

    #[test]
    fn the_dry_run_uses_a_matching_template_unless_columns_are_given() {
        let conn = crate::db::open_in_memory().unwrap();
        let id = monthly(&conn);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("十二月.csv");
        std::fs::write(&path, "顾客,卡号,联系电话,积分\n王伟,A001,13812345678,12\n").unwrap();
        let mut spec = ImportSpec::customers(&path);
        let plan = analyse(&conn, &spec).unwrap();
        assert_eq!(
            plan.template,
            Some(TemplateRef {
                id,
                name: "会员月报".into()
            })
        );
        assert_eq!(plan.columns[1], attr(Attribute::ExternalId));
        assert_eq!(plan.rows[0].input.external_id.as_deref(), Some("A001"));
        assert_eq!(
            (&plan.suggested[0], &plan.suggested[1]),
            (&ColumnTarget::Ignore, &ColumnTarget::Ignore),
            "without the template 顾客 and 卡号 are not understood"
        );

        spec.columns = vec![
            attr(Attribute::Name),
            ColumnTarget::Ignore,
            attr(Attribute::Phone),
            ColumnTarget::Ignore,
        ];
        let chosen = analyse(&conn, &spec).unwrap();
        assert_eq!(chosen.template, None, "the user's own mapping wins");
        assert_eq!(chosen.rows[0].input.external_id, None);
    }
}
