//! The customer export's columns: headers in the UI's language and distinct, labels the UI
//! shows, typed custom values, and formula-like text kept exact.

use super::*;
use crate::custom_fields::{self, CustomFieldInput, CustomValue, FieldKind};
use crate::customers::{self, CustomerInput};
use crate::import::{self, mapping::key, Attribute, ColumnTarget, ImportSpec};
use crate::spreadsheet::{self, Cell, ReadOptions};

/// The demo tree and four custom fields (number, date, single and multiple choice); their ids.
fn tree_and_fields() -> (rusqlite::Connection, [i64; 4]) {
    let conn = crate::demo::starter_db();
    let field = |label: &str, kind, options: &[&str]| {
        custom_fields::create(
            &conn,
            &CustomFieldInput {
                label: label.into(),
                kind,
                options: options.iter().map(|o| o.to_string()).collect(),
            },
            "t",
        )
        .unwrap()
    };
    let ids = [
        field("积分", FieldKind::Number, &[]),
        field("签约日期", FieldKind::Date, &[]),
        field("渠道", FieldKind::SingleChoice, &["线上", "门店"]),
        field("兴趣", FieldKind::MultiChoice, &["运动", "阅读"]),
    ];
    (conn, ids)
}

/// [`tree_and_fields`] and one customer: 周敏, female, a business, in 金融, with every field
/// filled.
fn fixture() -> rusqlite::Connection {
    let (conn, ids) = tree_and_fields();
    let values = ["-12.5", "2025-03-04", "门店", r#"["运动","阅读"]"#];
    customers::create(
        &conn,
        &CustomerInput {
            name: "周敏".into(),
            phone: Some("13812345678".into()),
            gender: Some("female".into()),
            customer_type: Some("b2b".into()),
            industry: Some("金融".into()),
            custom: ids
                .iter()
                .zip(values)
                .map(|(id, v)| CustomValue {
                    field_id: *id,
                    value: v.into(),
                })
                .collect(),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    conn
}

fn export(
    conn: &rusqlite::Connection,
    format: ExportFormat,
    language: Language,
) -> (tempfile::TempDir, std::path::PathBuf, Vec<Vec<Cell>>) {
    let dir = tempfile::tempdir().unwrap();
    let ext = if format == ExportFormat::Csv {
        "csv"
    } else {
        "xlsx"
    };
    let path = dir.path().join(format!("out.{ext}"));
    export_customers(
        conn,
        &ExportSpec {
            scope: ExportScope::Everyone,
            columns: vec![],
            format,
            tags: TagsLayout::PerGroup,
            path: path.display().to_string(),
            language,
        },
    )
    .unwrap();
    let rows = spreadsheet::read(&path, &ReadOptions::default())
        .unwrap()
        .rows;
    (dir, path, rows)
}

fn column(rows: &[Vec<Cell>], header: &str) -> Cell {
    let at = rows[0]
        .iter()
        .position(|h| h.text() == header)
        .unwrap_or_else(|| panic!("a {header} column in {:?}", rows[0]));
    rows[1][at].clone()
}

#[test]
fn no_two_exported_headers_are_alike_and_each_is_suggested_as_its_own_column() {
    let conn = fixture();
    let fields = custom_fields::list(&conn).unwrap();
    let nodes = crate::tags::load_nodes(&conn).unwrap();
    let group = |name: &str| ColumnTarget::Group {
        group_id: nodes
            .iter()
            .find(|n| n.kind == crate::tags::NodeKind::Group && n.name == name)
            .unwrap()
            .id,
    };
    for language in [Language::ZhCn, Language::En] {
        let (_dir, _, rows) = export(&conn, ExportFormat::Xlsx, language);
        let headers: Vec<String> = rows[0].iter().map(Cell::text).collect();
        let mut keys: Vec<String> = headers.iter().map(|h| key(h)).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), headers.len(), "{language:?}: {headers:?}");
        let suggested: Vec<ColumnTarget> = headers
            .iter()
            .map(|h| import::suggest(h, &fields, &nodes))
            .collect();
        for (attribute, group_name) in [
            (Attribute::Industry, "行业"),
            (Attribute::JobTitle, "职位"),
            (Attribute::CustomerType, "客户类型"),
        ] {
            let target = ColumnTarget::Attribute { attribute };
            assert_eq!(suggested.iter().filter(|s| **s == target).count(), 1);
            assert!(suggested.contains(&group(group_name)), "{group_name}");
        }
        assert!(suggested.contains(&ColumnTarget::Attribute {
            attribute: Attribute::ExternalId
        }));
    }
    let (_dir, _, rows) = export(&conn, ExportFormat::Csv, Language::ZhCn);
    let headers: Vec<String> = rows[0].iter().map(Cell::text).collect();
    assert!(
        headers.contains(&"行业".to_string()) && headers.contains(&"行业（标签）".to_string()),
        "{headers:?}"
    );
}

#[test]
fn headers_and_labels_follow_the_language_and_import_back() {
    let conn = fixture();
    for (language, name, gender, kind) in [
        (Language::ZhCn, "姓名", "性别", ("女", "企业")),
        (Language::En, "Name", "Gender", ("Female", "Business")),
    ] {
        for format in [ExportFormat::Xlsx, ExportFormat::Csv] {
            let (_dir, path, rows) = export(&conn, format, language);
            assert_eq!(column(&rows, name).text(), "周敏");
            assert_eq!(column(&rows, gender).text(), kind.0, "{language:?}");
            let type_header = Attribute::CustomerType.def().label(language);
            assert_eq!(column(&rows, type_header).text(), kind.1, "{language:?}");

            let (mut fresh, _) = tree_and_fields();
            let report = import::run(
                &mut fresh,
                &ImportSpec::customers(&path),
                "t",
                &|_, _| {},
                &Default::default(),
            )
            .unwrap();
            assert_eq!(report.summary.new, 1, "{:?}", report.problems);
            let stored: (String, String) = fresh
                .query_row("SELECT gender, customer_type FROM customers", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .unwrap();
            assert_eq!(stored, ("female".into(), "b2b".into()), "{language:?}");
        }
    }
}

#[test]
fn custom_numbers_and_dates_are_typed_cells_and_choices_their_labels() {
    let conn = fixture();
    let (_dir, _, rows) = export(&conn, ExportFormat::Xlsx, Language::ZhCn);
    assert_eq!(column(&rows, "积分"), Cell::Number(-12.5));
    assert!(
        matches!(column(&rows, "签约日期"), Cell::DateTime(d) if d.to_string().starts_with("2025-03-04")),
        "{:?}",
        column(&rows, "签约日期")
    );
    assert_eq!(column(&rows, "渠道").text(), "门店");
    assert_eq!(column(&rows, "兴趣").text(), "运动、阅读");
    let (_dir, _, rows) = export(&conn, ExportFormat::Csv, Language::ZhCn);
    assert_eq!(
        column(&rows, "积分").text(),
        "-12.5",
        "a plain number in CSV"
    );
    assert_eq!(column(&rows, "签约日期").text(), "2025-03-04");
}

#[test]
fn a_formula_like_csv_header_is_neutralised_and_reads_back_without_the_mark() {
    let conn = fixture();
    custom_fields::create(
        &conn,
        &CustomFieldInput {
            label: "=HYPERLINK(\"x\")".into(),
            kind: FieldKind::Text,
            options: vec![],
        },
        "t",
    )
    .unwrap();
    let (_dir, path, rows) = export(&conn, ExportFormat::Csv, Language::ZhCn);
    let raw = std::fs::read_to_string(&path).unwrap();
    let header_line = raw.lines().next().unwrap();
    assert!(
        header_line.contains(r#""'=HYPERLINK(""x"")""#),
        "the header is written as text: {header_line}"
    );
    assert!(rows[0].iter().any(|h| h.text() == "=HYPERLINK(\"x\")"));
    assert_eq!(unneutralise("'=1+1"), "=1+1");
    assert_eq!(unneutralise("'abc"), "'abc", "only TagDesk's own mark goes");
    for text in ["'=1+1", "''-2", "=1+1", "'abc"] {
        assert_eq!(
            unneutralise(&neutralise(text)),
            text,
            "a user's own apostrophe survives"
        );
    }
}
