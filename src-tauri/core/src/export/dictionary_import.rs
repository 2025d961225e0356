//! Reading a tag dictionary back: each row's path is found or created (categories, groups and
//! tags as its kind column says) and its dictionary fields are written. Exporting and then
//! importing into an empty database reproduces the tree. Each creation and edit is recorded as
//! one made by hand is (the history can take it back, and in a team the nodes travel to the
//! colleagues before the edits that name them).

use crate::error::{Error, Result};
use crate::problem::Problem;
use crate::spreadsheet::{self, Cell, ReadOptions};
use crate::tags::{self, name_key, NewNode, NodeKind, SelectMode, TagNodeEdit, TagOrigin};
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;

/// Imports the dictionary at `path` in one transaction; returns how many nodes it created.
pub fn import_dictionary(conn: &mut Connection, path: &Path, actor: &str) -> Result<i64> {
    let table = spreadsheet::read(path, &ReadOptions::default())?;
    let header: Vec<String> = table
        .rows
        .first()
        .map(|r| r.iter().map(Cell::text).collect())
        .unwrap_or_default();
    let col = |name: &str| header.iter().position(|h| h == name);
    let path_col =
        col("路径").ok_or_else(|| spreadsheet::problem(path, Problem::NotADictionary))?;
    let tx = conn.transaction()?;
    let mut created = 0;
    for (i, row) in table.rows.iter().enumerate().skip(1) {
        let cell = |name: &str| {
            col(name)
                .and_then(|c| row.get(c))
                .map(Cell::text)
                .unwrap_or_default()
        };
        let full = row.get(path_col).map(Cell::text).unwrap_or_default();
        if full.is_empty() {
            continue;
        }
        let parts: Vec<&str> = full
            .split('/')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let kind = match cell("类型").as_str() {
            "标签组" => NodeKind::Group,
            "标签" => NodeKind::Tag,
            _ => NodeKind::Category,
        };
        let mut parent: Option<i64> = None;
        for (depth, part) in parts.iter().enumerate() {
            let last = depth + 1 == parts.len();
            let existing: Option<i64> = tx
                .query_row(
                    "SELECT id FROM tag_nodes WHERE ifnull(parent_id, 0) = ifnull(?1, 0) AND name_key = ?2",
                    rusqlite::params![parent, name_key(part)],
                    |r| r.get(0),
                )
                .optional()?;
            parent = Some(match existing {
                Some(id) => id,
                None => {
                    let node_kind = if last {
                        kind
                    } else if depth + 2 == parts.len() && kind == NodeKind::Tag {
                        NodeKind::Group
                    } else {
                        NodeKind::Category
                    };
                    created += 1;
                    tags::create(&tx, &NewNode::new(parent, node_kind, part), actor)
                        .map_err(|e| row_problem(i, e))?
                }
            });
        }
        let id = parent.expect("a non-empty path has a node");
        let text = |name: &str| Some(cell(name)).filter(|s| !s.is_empty());
        let edit = TagNodeEdit {
            name: parts.last().map(|s| s.to_string()).unwrap_or_default(),
            select_mode: Some(if cell("选择方式") == "单选" {
                SelectMode::Single
            } else {
                SelectMode::Multi
            }),
            color: text("颜色"),
            meaning: text("含义"),
            value_range: text("取值范围"),
            update_frequency: text("更新频率"),
            owner: text("负责人"),
            scope: text("适用范围"),
            weight: cell("权重").parse().unwrap_or(0.0),
            origin: Some(if cell("打标方式") == "自动" {
                TagOrigin::Automatic
            } else {
                TagOrigin::Manual
            }),
        };
        tags::update(&tx, id, &edit, actor).map_err(|e| row_problem(i, e))?;
    }
    tx.commit()?;
    Ok(created)
}

/// A row of the dictionary refused, with why, numbered as the sheet numbers it (0 = header).
fn row_problem(index: usize, e: Error) -> Error {
    Error::invalid(
        "dictionary",
        Problem::DictionaryRow {
            row: index as u32 + 1,
            problem: Box::new(e.problem()),
        },
    )
}
