use super::*;
use crate::customers::{self, CustomerInput, CustomerQuery};
use crate::import::{self, ImportSpec, MergePolicy};
use crate::spreadsheet::{self, Cell, ReadOptions};
use crate::tagging::{self, TagSource, TagTarget};

#[test]
fn formula_like_text_is_neutralised() {
    assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(neutralise("+86 138"), "'+86 138");
    assert_eq!(neutralise("-1"), "'-1");
    assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(neutralise("王伟"), "王伟");
}

fn fixture() -> rusqlite::Connection {
    let mut conn = crate::demo::starter_db();
    for (name, phone, notes) in [
        ("王伟", "13812345678", "=1+1"),
        ("李娜", "13900001111", "老客户"),
    ] {
        let id = customers::create(
            &conn,
            &CustomerInput {
                name: name.into(),
                phone: Some(phone.into()),
                birthday: Some("1990-05-06".into()),
                notes: Some(notes.into()),
                ..Default::default()
            },
            "t",
        )
        .unwrap();
        let vip: i64 = conn
            .query_row("SELECT id FROM tag_nodes WHERE name = 'VIP'", [], |r| {
                r.get(0)
            })
            .unwrap();
        tagging::add(
            &mut conn,
            &TagTarget::Customers { ids: vec![id] },
            vip,
            TagSource::Manual,
            "t",
        )
        .unwrap();
    }
    conn
}

#[test]
fn an_xlsx_export_has_real_dates_harmless_formulas_and_tags_per_group() {
    let conn = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("客户导出.xlsx");
    let spec = ExportSpec {
        scope: ExportScope::Everyone,
        columns: vec![],
        format: ExportFormat::Xlsx,
        tags: TagsLayout::PerGroup,
        path: path.display().to_string(),
        language: Language::ZhCn,
    };
    assert_eq!(export_customers(&conn, &spec).unwrap(), 2);
    let table = spreadsheet::read(&path, &ReadOptions::default()).unwrap();
    let header: Vec<String> = table.rows[0].iter().map(Cell::text).collect();
    let level = header
        .iter()
        .position(|h| h == "客户等级")
        .expect("a column per group");
    let birthday = header.iter().position(|h| h == "生日").unwrap();
    let notes = header.iter().position(|h| h == "备注").unwrap();
    assert!(
        matches!(table.rows[1][birthday], Cell::DateTime(_)),
        "birthdays are dates"
    );
    assert_eq!(
        table.rows[1][notes].text(),
        "=1+1",
        "formula-like text is stored as the user's text (a quote-prefixed string)"
    );
    assert_eq!(table.rows[1][level].text(), "VIP");
}

#[test]
fn export_then_import_into_an_empty_database_reproduces_customers_and_tags() {
    let conn = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("round.csv");
    let spec = ExportSpec {
        scope: ExportScope::Everyone,
        columns: vec![],
        format: ExportFormat::Csv,
        tags: TagsLayout::Joined,
        path: path.display().to_string(),
        language: Language::ZhCn,
    };
    export_customers(&conn, &spec).unwrap();
    assert!(
        std::fs::read(&path).unwrap().starts_with(b"\xEF\xBB\xBF"),
        "CSV carries a BOM"
    );

    let mut fresh = crate::db::open_in_memory().unwrap();
    crate::demo::generate(
        &mut fresh,
        &crate::demo::DemoSpec {
            customers: 0,
            ..crate::demo::DemoSpec::small()
        },
    )
    .unwrap();
    let import = ImportSpec {
        policy: MergePolicy::Overwrite,
        ..ImportSpec::customers(&path)
    };
    let report = import::run(&mut fresh, &import, "t", &|_, _| {}, &Default::default()).unwrap();
    assert_eq!(report.summary.new, 2, "{:?}", report.problems);
    let (name, birthday): (String, String) = fresh
        .query_row(
            "SELECT name, birthday FROM customers WHERE phone = '13812345678'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((name.as_str(), birthday.as_str()), ("王伟", "1990-05-06"));
    let vips: i64 = fresh
        .query_row("SELECT count(*) FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id WHERE t.name = 'VIP'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(vips, 2, "tags come back");
}

#[test]
fn the_dictionary_lists_every_node_with_its_path() {
    let conn = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dict.xlsx");
    let n = export_dictionary(&conn, &path).unwrap();
    let table = spreadsheet::read(&path, &ReadOptions::default()).unwrap();
    assert_eq!(table.rows.len() as i64, n + 1);
    assert!(table
        .rows
        .iter()
        .any(|r| r[0].text() == "基础属性/客户等级/VIP" && r[1].text() == "标签"));
}

/// A node as the dictionary carries it: path, kind/mode/origin, colour, meaning, owner, frequency.
type Shape = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

#[test]
fn a_dictionary_round_trip_reproduces_the_tree() {
    let conn = fixture();
    let level: i64 = conn
        .query_row(
            "SELECT id FROM tag_nodes WHERE name = '客户等级'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    crate::tags::update(
        &conn,
        level,
        &crate::tags::TagNodeEdit {
            name: "客户等级".into(),
            select_mode: Some(crate::tags::SelectMode::Single),
            color: Some("#cf1322".into()),
            meaning: Some("会员分级".into()),
            owner: Some("运营部".into()),
            weight: 2.0,
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dict.xlsx");
    export_dictionary(&conn, &path).unwrap();

    let mut fresh = crate::db::open_in_memory().unwrap();
    let created = import_dictionary(&mut fresh, &path, "t").unwrap();
    let shape = |c: &rusqlite::Connection| -> Vec<Shape> {
        let nodes = crate::tags::tree(c).unwrap().nodes;
        let by_id: std::collections::HashMap<i64, &crate::tags::TagNode> =
            nodes.iter().map(|n| (n.id, n)).collect();
        let mut out: Vec<_> = nodes
            .iter()
            .map(|n| {
                (
                    crate::tags::path_of(&by_id, n.id),
                    format!("{:?}/{:?}/{:?}", n.kind, n.select_mode, n.origin),
                    n.color.clone(),
                    n.meaning.clone(),
                    n.owner.clone(),
                    n.update_frequency.clone(),
                )
            })
            .collect();
        out.sort();
        out
    };
    assert_eq!(
        created as usize,
        crate::tags::tree(&conn).unwrap().nodes.len()
    );
    assert_eq!(shape(&fresh), shape(&conn));

    // Each creation is in the history (so in a team it travels), the newest first: taking
    // them back newest first leaves the tree empty.
    let created_ops: Vec<i64> = fresh
        .prepare("SELECT id FROM operations WHERE json_extract(detail, '$.action') = 'create' ORDER BY id DESC")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(created_ops.len() as i64, created);
    let edits: Vec<i64> = fresh
        .prepare("SELECT id FROM operations ORDER BY id DESC")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    crate::operations::undo(&mut fresh, &edits, "t").unwrap();
    assert!(crate::tags::tree(&fresh).unwrap().nodes.is_empty());
}

/// The fixture plus 张敏 (no tag, a custom 积分 value) and 赵云 (deleted); returns their ids.
fn four_customers() -> (rusqlite::Connection, [i64; 4]) {
    let mut conn = fixture();
    let points = crate::custom_fields::create(
        &conn,
        &crate::custom_fields::CustomFieldInput {
            label: "积分".into(),
            kind: crate::custom_fields::FieldKind::Number,
            options: vec![],
        },
        "t",
    )
    .unwrap();
    let mut ids = [0; 4];
    for (i, name) in ["张敏", "赵云"].into_iter().enumerate() {
        ids[i + 2] = customers::create(
            &conn,
            &CustomerInput {
                name: name.into(),
                email: Some(format!("{i}@example.com")),
                custom: vec![crate::custom_fields::CustomValue {
                    field_id: points,
                    value: "120".into(),
                }],
                ..Default::default()
            },
            "t",
        )
        .unwrap();
    }
    customers::soft_delete(&mut conn, &[ids[3]], "t").unwrap();
    let mut stmt = conn
        .prepare("SELECT id FROM customers WHERE name IN ('王伟', '李娜') ORDER BY id")
        .unwrap();
    let first: Vec<i64> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(stmt);
    ids[0] = first[0];
    ids[1] = first[1];
    (conn, ids)
}

fn exported(conn: &rusqlite::Connection, spec: ExportSpec) -> Vec<Vec<String>> {
    export_customers(conn, &spec).unwrap();
    spreadsheet::read(std::path::Path::new(&spec.path), &ReadOptions::default())
        .unwrap()
        .rows
        .iter()
        .map(|r| r.iter().map(Cell::text).collect())
        .collect()
}

fn names_only(scope: ExportScope, path: &std::path::Path) -> ExportSpec {
    ExportSpec {
        scope,
        columns: vec![ExportColumn::Attribute {
            attribute: import::Attribute::Name,
        }],
        format: ExportFormat::Xlsx,
        tags: TagsLayout::None,
        path: path.display().to_string(),
        language: Language::ZhCn,
    }
}

#[test]
fn each_scope_writes_exactly_its_customers_and_never_deleted_ones() {
    let (conn, ids) = four_customers();
    let dir = tempfile::tempdir().unwrap();
    let vip: i64 = conn
        .query_row("SELECT id FROM tag_nodes WHERE name = 'VIP'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let cases = [
        (ExportScope::Everyone, vec!["王伟", "李娜", "张敏"]),
        (
            ExportScope::Matching {
                query: CustomerQuery {
                    tag_ids: vec![vip],
                    ..Default::default()
                },
            },
            vec!["王伟", "李娜"],
        ),
        (
            ExportScope::Matching {
                query: CustomerQuery {
                    search: Some("张".into()),
                    ..Default::default()
                },
            },
            vec!["张敏"],
        ),
        (
            ExportScope::Customers {
                ids: vec![ids[2], ids[0], ids[3]],
            },
            vec!["王伟", "张敏"],
        ),
    ];
    for (i, (scope, want)) in cases.into_iter().enumerate() {
        let path = dir.path().join(format!("{i}.xlsx"));
        let rows = exported(&conn, names_only(scope.clone(), &path));
        let mut expected = vec![vec!["姓名".to_string()]];
        expected.extend(want.iter().map(|n| vec![n.to_string()]));
        assert_eq!(rows, expected, "scope {scope:?}");
    }
}

#[test]
fn only_the_chosen_columns_are_written_in_the_chosen_order() {
    let (conn, ids) = four_customers();
    let points: i64 = conn
        .query_row(
            "SELECT id FROM custom_fields WHERE label = '积分'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sms.csv");
    let rows = exported(
        &conn,
        ExportSpec {
            scope: ExportScope::Customers {
                ids: vec![ids[0], ids[2]],
            },
            columns: vec![
                ExportColumn::CustomField { field_id: points },
                ExportColumn::Attribute {
                    attribute: import::Attribute::Phone,
                },
                ExportColumn::Attribute {
                    attribute: import::Attribute::Name,
                },
            ],
            format: ExportFormat::Csv,
            tags: TagsLayout::Joined,
            path: path.display().to_string(),
            language: Language::ZhCn,
        },
    );
    assert_eq!(
        rows,
        [
            ["积分", "手机", "姓名", "标签"],
            ["", "13812345678", "王伟", "VIP"],
            ["120", "", "张敏", ""],
        ]
    );
}

#[test]
fn an_unknown_custom_field_is_refused_before_anything_is_written() {
    let (conn, _) = four_customers();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.xlsx");
    let mut spec = names_only(ExportScope::Everyone, &path);
    spec.columns = vec![ExportColumn::CustomField { field_id: 999 }];
    assert!(matches!(
        export_customers(&conn, &spec),
        Err(crate::Error::Invalid { field, .. }) if field == "columns"
    ));
    assert!(!path.exists(), "no file was written");
}

#[test]
fn an_xlsx_export_with_a_column_per_group_imports_back_into_an_empty_database() {
    let conn = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("round.xlsx");
    export_customers(
        &conn,
        &ExportSpec {
            scope: ExportScope::Everyone,
            columns: vec![],
            format: ExportFormat::Xlsx,
            tags: TagsLayout::PerGroup,
            path: path.display().to_string(),
            language: Language::ZhCn,
        },
    )
    .unwrap();
    let mut fresh = crate::db::open_in_memory().unwrap();
    crate::demo::generate(
        &mut fresh,
        &crate::demo::DemoSpec {
            customers: 0,
            ..crate::demo::DemoSpec::small()
        },
    )
    .unwrap();
    let import = ImportSpec {
        policy: MergePolicy::Overwrite,
        ..ImportSpec::customers(&path)
    };
    let report = import::run(&mut fresh, &import, "t", &|_, _| {}, &Default::default()).unwrap();
    assert_eq!(report.summary.new, 2, "{:?}", report.problems);
    let shape = |c: &rusqlite::Connection| -> Vec<(String, String, String, String)> {
        let mut stmt = c
            .prepare(
                "SELECT c.name, ifnull(c.phone, ''), ifnull(c.birthday, ''),
                        ifnull((SELECT group_concat(t.name) FROM assignments a
                                JOIN tag_nodes t ON t.id = a.tag_id WHERE a.customer_id = c.id), '')
                 FROM customers c ORDER BY c.name",
            )
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(shape(&fresh), shape(&conn));
}
