//! The tag dictionary as a spreadsheet the sales team can read: one row per node with its
//! path, kind, selection mode, colour, meaning, value range, update frequency, owner, scope,
//! weight, origin and customer count.

use super::{write_text, xlsx_error};
use crate::error::Result;
use crate::tags::{self, NodeKind, SelectMode, TagNode, TagOrigin};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use std::collections::HashMap;
use std::path::Path;

const HEADERS: &[&str] = &[
    "路径",
    "类型",
    "选择方式",
    "颜色",
    "含义",
    "取值范围",
    "更新频率",
    "负责人",
    "适用范围",
    "权重",
    "打标方式",
    "客户数",
];

/// Writes the dictionary; returns how many nodes it lists.
pub fn export_dictionary(conn: &Connection, path: &Path) -> Result<i64> {
    let tree = tags::tree(conn)?;
    let by_id: HashMap<i64, &TagNode> = tree.nodes.iter().map(|n| (n.id, n)).collect();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("标签词典").map_err(xlsx_error)?;
    let bold = Format::new().set_bold();
    // Formula-like text stays the user's text, shown and edited as text.
    let quoted = Format::new().set_quote_prefix();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx_error)?;
    }
    let mut ordered: Vec<(String, &TagNode)> = tree
        .nodes
        .iter()
        .map(|n| (tags::path_of(&by_id, n.id), n))
        .collect();
    ordered.sort_by(|a, b| a.0.cmp(&b.0));
    for (i, (path_text, n)) in ordered.iter().enumerate() {
        let r = i as u32 + 1;
        let kind = match n.kind {
            NodeKind::Category => "分类",
            NodeKind::Group => "标签组",
            NodeKind::Tag => "标签",
        };
        let select = match n.select_mode {
            Some(SelectMode::Single) => "单选",
            Some(SelectMode::Multi) => "多选",
            None => "",
        };
        let origin = if n.origin == TagOrigin::Automatic {
            "自动"
        } else {
            "手动"
        };
        let texts = [
            path_text.replace(" / ", "/"),
            kind.into(),
            select.into(),
            n.color.clone().unwrap_or_default(),
            n.meaning.clone().unwrap_or_default(),
            n.value_range.clone().unwrap_or_default(),
            n.update_frequency.clone().unwrap_or_default(),
            n.owner.clone().unwrap_or_default(),
            n.scope.clone().unwrap_or_default(),
        ];
        for (c, t) in texts.iter().enumerate() {
            write_text(sheet, (r, c as u16), t, &quoted)?;
        }
        sheet.write_number(r, 9, n.weight).map_err(xlsx_error)?;
        sheet.write_string(r, 10, origin).map_err(xlsx_error)?;
        if let Some(count) = n.customer_count {
            sheet
                .write_number(r, 11, count as f64)
                .map_err(xlsx_error)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    sheet
        .autofilter(0, 0, ordered.len() as u32, HEADERS.len() as u16 - 1)
        .map_err(xlsx_error)?;
    sheet.set_column_width(0, 36).map_err(xlsx_error)?;
    sheet.set_column_width(4, 40).map_err(xlsx_error)?;
    book.save(path).map_err(xlsx_error)?;
    Ok(ordered.len() as i64)
}
