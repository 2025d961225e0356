//! Export → import round trips: a file TagDesk exported, imported into an empty database with
//! the default choices, gives back the same customers, custom values and tags, in every layout,
//! format and language.
//!
//! "An empty database" holds no customers; it gets the source's tag tree through the tag
//! dictionary's own export and import, and the same custom field definitions (the customers
//! export carries values, not definitions), as a team moving to a new database would do.

mod libreoffice;

use crate::{demo_db, empty_db};
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::Path;
use tagdesk_core::custom_fields::{self, CustomFieldInput, CustomValue, FieldKind};
use tagdesk_core::export::{
    export_customers, export_dictionary, import_dictionary, ExportFormat, ExportScope, ExportSpec,
    Language, TagsLayout,
};
use tagdesk_core::tags;

/// Custom fields of every kind. 来源 and 渠道偏好 share their names with an attribute and a
/// demo tag group, so the export has to tell those columns apart.
fn field_inputs() -> Vec<CustomFieldInput> {
    let field = |label: &str, kind: FieldKind, options: &[&str]| CustomFieldInput {
        label: label.into(),
        kind,
        options: options.iter().map(|o| o.to_string()).collect(),
    };
    vec![
        field("会员卡号", FieldKind::Text, &[]),
        field("积分", FieldKind::Number, &[]),
        field("签约日期", FieldKind::Date, &[]),
        field(
            "渠道偏好",
            FieldKind::SingleChoice,
            &["线上", "门店", "电话"],
        ),
        field("兴趣", FieldKind::MultiChoice, &["运动", "阅读", "旅行"]),
        field("来源", FieldKind::Text, &[]),
    ]
}

fn create_fields(conn: &Connection, inputs: &[CustomFieldInput]) -> Vec<i64> {
    inputs
        .iter()
        .map(|f| custom_fields::create(conn, f, "t").unwrap())
        .collect()
}

/// The demo database with `n` customers, every custom field filled for some of them, and
/// external ids for half.
fn demo_with_custom_values(n: usize) -> Connection {
    let conn = demo_db(n);
    let ids = create_fields(&conn, &field_inputs());
    let customers = crate::all_customers(&conn);
    for (i, customer) in customers.iter().enumerate() {
        let value = |field: usize, value: String| CustomValue {
            field_id: ids[field],
            value,
        };
        let mut values = vec![value(1, format!("{}", i as f64 * 10.5 - 100.0))];
        if i % 2 == 0 {
            values.push(value(0, format!("VIP-{i:05}")));
        }
        if i % 3 == 0 {
            values.push(value(
                2,
                format!("2024-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            ));
        }
        values.push(value(3, ["线上", "门店", "电话"][i % 3].into()));
        let interests = [&["运动"][..], &["阅读", "旅行"], &[]][i % 3];
        values.push(value(4, serde_json::to_string(interests).unwrap()));
        if i % 5 == 0 {
            values.push(value(5, "老客户转介绍".into()));
        }
        custom_fields::save_values(&conn, *customer, &values).unwrap();
    }
    conn.execute(
        "UPDATE customers SET external_id = 'C' || printf('%05d', id) WHERE id % 2 = 0",
        [],
    )
    .unwrap();
    conn
}

/// Customers, custom values and tags, comparable across databases: keyed by nothing the
/// database chose (ids), sorted.
pub(crate) fn dump(conn: &Connection) -> Vec<String> {
    let nodes = tags::tree(conn).unwrap().nodes;
    let by_id: HashMap<i64, &tags::TagNode> = nodes.iter().map(|n| (n.id, n)).collect();
    let mut stmt = conn
        .prepare(
            "SELECT id, name, phone, email, company, job_title, industry, province, city, source,
                    customer_type, level, gender, birthday, notes, external_id
             FROM customers WHERE deleted_at IS NULL",
        )
        .unwrap();
    let mut out: Vec<String> = stmt
        .query_map([], |r| {
            let id: i64 = r.get(0)?;
            let columns = (1..16)
                .map(|i| r.get::<_, Option<String>>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((id, columns))
        })
        .unwrap()
        .map(Result::unwrap)
        .map(|(id, columns)| {
            let mut custom: Vec<(String, String)> = conn
                .prepare(
                    "SELECT f.label, v.value FROM custom_values v
                     JOIN custom_fields f ON f.id = v.field_id WHERE v.customer_id = ?1",
                )
                .unwrap()
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            custom.sort();
            let mut held: Vec<String> = conn
                .prepare("SELECT tag_id FROM assignments WHERE customer_id = ?1")
                .unwrap()
                .query_map([id], |r| r.get(0))
                .unwrap()
                .map(|t| tags::path_of(&by_id, t.unwrap()))
                .collect();
            held.sort();
            format!("{columns:?} {custom:?} {held:?}")
        })
        .collect();
    out.sort();
    out
}

/// The source's tag tree and custom field definitions in a database with no customers.
fn empty_like(source: &Connection, fields: &[CustomFieldInput], dir: &Path) -> Connection {
    let dictionary = dir.join("dictionary.xlsx");
    export_dictionary(source, &dictionary).unwrap();
    let mut target = empty_db();
    import_dictionary(&mut target, &dictionary, "t").unwrap();
    create_fields(&target, fields);
    target
}

pub(crate) fn spec(path: &Path, format: ExportFormat, tags: TagsLayout) -> ExportSpec {
    ExportSpec {
        scope: ExportScope::Everyone,
        columns: vec![],
        format,
        tags,
        path: path.display().to_string(),
        language: Language::ZhCn,
    }
}

/// Exports `source` in every format, tags layout and language, imports each file into an
/// empty database with the default choices, and compares.
fn assert_round_trips(source: &Connection, fields: &[CustomFieldInput]) {
    let want = dump(source);
    let dir = tempfile::tempdir().unwrap();
    for format in [ExportFormat::Xlsx, ExportFormat::Csv] {
        for layout in [TagsLayout::PerGroup, TagsLayout::Joined] {
            for language in [Language::ZhCn, Language::En] {
                let case = format!("{format:?} {layout:?} {language:?}");
                let ext = if format == ExportFormat::Csv {
                    "csv"
                } else {
                    "xlsx"
                };
                let path = dir
                    .path()
                    .join(format!("{format:?}-{layout:?}-{language:?}.{ext}"));
                let exported = export_customers(
                    source,
                    &ExportSpec {
                        language,
                        ..spec(&path, format, layout)
                    },
                )
                .unwrap();
                let mut target = empty_like(source, fields, dir.path());
                let report = crate::import_customers(&mut target, &path).unwrap();
                assert_eq!(
                    (report.summary.new, report.summary.rejected),
                    (exported, 0),
                    "{case}: every row imports as a new customer: {:?}",
                    report.problems.iter().take(3).collect::<Vec<_>>()
                );
                let got = dump(&target);
                let first_difference = got.iter().zip(&want).find(|(g, w)| g != w);
                assert!(
                    got == want,
                    "{case}: the import differs from the source, e.g. {first_difference:?}"
                );
            }
        }
    }
}

#[test]
fn the_demo_export_imports_back_exactly_in_every_layout_format_and_language() {
    let source = demo_with_custom_values(300);
    assert_round_trips(&source, &field_inputs());
}

/// Text a spreadsheet would run as a formula, as customer names, notes and field labels.
pub(crate) const FORMULAS: [&str; 4] = [
    "=HYPERLINK(\"http://evil.example\",\"点我\")",
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "-2+3",
];
/// The same as group names, which cannot hold '/'.
pub(crate) const GROUP_FORMULAS: [&str; 4] = [
    "=HYPERLINK(\"evil.example\",\"点我\")",
    "+cmd|' -C calc'!A0",
    "@SUM(A1:A2)",
    "-2+3",
];
/// The same as tag names, which a tags cell separates at , ， 、 ; ； | and '/'.
pub(crate) const TAG_FORMULAS: [&str; 4] = [
    "=HYPERLINK(\"evil.example\")",
    "+cmd' -C calc'!A0",
    "@SUM(A1:A2)",
    "=1+1",
];

/// Four customers named by [`FORMULAS`], each with a note, a custom text value under a field
/// labelled by one of them, and a tag of [`TAG_FORMULAS`] in a group of [`GROUP_FORMULAS`].
pub(crate) fn formula_world() -> (Connection, Vec<CustomFieldInput>) {
    let mut conn = empty_db();
    let fields: Vec<CustomFieldInput> = FORMULAS
        .iter()
        .map(|label| CustomFieldInput {
            label: label.to_string(),
            kind: FieldKind::Text,
            options: vec![],
        })
        .collect();
    let field_ids = create_fields(&conn, &fields);
    let dimension = tags::create_node(
        &conn,
        &tags::NewNode::new(None, tags::NodeKind::Category, "外部数据"),
    )
    .unwrap();
    for (i, name) in FORMULAS.iter().enumerate() {
        let group = tags::create_node(
            &conn,
            &tags::NewNode::new(Some(dimension), tags::NodeKind::Group, GROUP_FORMULAS[i]),
        )
        .unwrap();
        let tag = tags::create_node(
            &conn,
            &tags::NewNode::new(Some(group), tags::NodeKind::Tag, TAG_FORMULAS[i]),
        )
        .unwrap();
        let id = tagdesk_core::customers::create(
            &conn,
            &tagdesk_core::customers::CustomerInput {
                name: name.to_string(),
                phone: Some(format!("1380000000{i}")),
                notes: Some(FORMULAS[(i + 1) % 4].to_string()),
                custom: vec![CustomValue {
                    field_id: field_ids[i],
                    value: FORMULAS[(i + 2) % 4].to_string(),
                }],
                ..Default::default()
            },
            "t",
        )
        .unwrap();
        tagdesk_core::tagging::add(
            &mut conn,
            &tagdesk_core::tagging::TagTarget::Customers { ids: vec![id] },
            tag,
            tagdesk_core::tagging::TagSource::Manual,
            "t",
        )
        .unwrap();
    }
    (conn, fields)
}

#[test]
fn formula_like_names_tags_groups_and_labels_come_back_exactly() {
    let (source, fields) = formula_world();
    assert_round_trips(&source, &fields);
}

#[test]
fn an_import_of_an_export_updates_its_customers_instead_of_duplicating_them() {
    let source = demo_with_custom_values(50);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("again.xlsx");
    let mut target = empty_like(&source, &field_inputs(), dir.path());
    export_customers(
        &source,
        &spec(&path, ExportFormat::Xlsx, TagsLayout::PerGroup),
    )
    .unwrap();
    crate::import_customers(&mut target, &path).unwrap();
    let again = crate::import_customers(&mut target, &path).unwrap();
    assert_eq!(
        (again.summary.new, again.summary.unchanged),
        (0, 50),
        "a second import of the same export changes nothing"
    );
    assert_eq!(dump(&target), dump(&source));
}

#[test]
fn a_dictionary_with_formula_like_names_and_meanings_imports_back_exactly() {
    let source = empty_db();
    let root = tags::create_node(
        &source,
        &tags::NewNode::new(None, tags::NodeKind::Category, GROUP_FORMULAS[0]),
    )
    .unwrap();
    let group = tags::create_node(
        &source,
        &tags::NewNode::new(Some(root), tags::NodeKind::Group, GROUP_FORMULAS[3]),
    )
    .unwrap();
    tags::update(
        &source,
        group,
        &tags::TagNodeEdit {
            name: GROUP_FORMULAS[3].into(),
            meaning: Some(FORMULAS[1].into()),
            owner: Some(FORMULAS[2].into()),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = empty_like(&source, &[], dir.path());
    let shape = |c: &Connection| -> Vec<(String, Option<String>, Option<String>)> {
        let nodes = tags::tree(c).unwrap().nodes;
        let by_id: HashMap<i64, &tags::TagNode> = nodes.iter().map(|n| (n.id, n)).collect();
        let mut out: Vec<_> = nodes
            .iter()
            .map(|n| {
                let path = tags::path_of(&by_id, n.id);
                (path, n.meaning.clone(), n.owner.clone())
            })
            .collect();
        out.sort();
        out
    };
    assert_eq!(shape(&target), shape(&source));
}
