//! The preview says exactly what the run does: for any rows — names of every length and
//! script, emoji, phones and numbers stored as text, dates in every accepted form and some
//! that are not — the run's counts and problems are the preview's, the database gains exactly
//! the "new" customers, and importing the same file again adds nothing.

use super::{csv, run};
use crate::empty_db;
use proptest::prelude::*;
use tagdesk_core::custom_fields::{self, CustomFieldInput, FieldKind};
use tagdesk_core::import::{self, ImportSpec, KeylessRows, MergePolicy};

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("   ".to_string()),
        "[a-zA-Z ]{1,12}",
        "[王李张刘陈杨赵黄周吴]{1,3}",
        "[\u{4e00}-\u{4e80}]{95,105}",
        "[a-z😀🎉👩‍💼]{1,6}",
        Just("合计".to_string()),
        (1u32..200).prop_map(|n| n.to_string()),
    ]
}

fn phone() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (0u32..40).prop_map(|n| format!("138{n:08}")),
        (0u32..40).prop_map(|n| format!("+86 139 {:04} {:04}", n, n)),
        Just("12345".to_string()),
        Just("1.38123E+10".to_string()),
        Just("１３８００１３８０００".to_string()),
    ]
}

fn email() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (0u32..20).prop_map(|n| format!("u{n}@qq.com")),
        (0u32..20).prop_map(|n| format!("U{n}@QQ.COM")),
        Just("not-an-email".to_string()),
    ]
}

fn birthday() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("1990-02-28".to_string()),
        Just("1990/2/28".to_string()),
        Just("1990年2月28日".to_string()),
        Just("19900228".to_string()),
        Just("1990.2.28".to_string()),
        Just("1990-02-30".to_string()),
        Just("明天".to_string()),
    ]
}

fn points() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (0u32..5000).prop_map(|n| n.to_string()),
        Just("12.5".to_string()),
        Just("１２".to_string()),
        Just("很多".to_string()),
    ]
}

fn external_id() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (0u32..15).prop_map(|n| format!("M-{n}"))
    ]
}

fn rows() -> impl Strategy<Value = Vec<[String; 6]>> {
    prop::collection::vec(
        (
            name(),
            phone(),
            email(),
            birthday(),
            points(),
            external_id(),
        )
            .prop_map(|(a, b, c, d, e, f)| [a, b, c, d, e, f]),
        1..30,
    )
}

fn customers(conn: &rusqlite::Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn the_run_does_exactly_what_the_preview_said(
        rows in rows(),
        overwrite in any::<bool>(),
        skip_keyless in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut table: Vec<Vec<&str>> = vec![vec!["姓名", "手机", "邮箱", "生日", "积分", "外部编号"]];
        table.extend(rows.iter().map(|r| r.iter().map(String::as_str).collect()));
        let table: Vec<&[&str]> = table.iter().map(Vec::as_slice).collect();
        let path = csv(&dir, "会员.csv", &table);
        let mut conn = empty_db();
        let points = CustomFieldInput { label: "积分".into(), kind: FieldKind::Number, options: vec![] };
        custom_fields::create(&conn, &points, "t").unwrap();
        let spec = ImportSpec {
            policy: if overwrite { MergePolicy::Overwrite } else { MergePolicy::FillEmpty },
            keyless: if skip_keyless { KeylessRows::Skip } else { KeylessRows::Add },
            ..ImportSpec::customers(&path)
        };
        for pass in ["first", "second"] {
            let before = customers(&conn);
            let preview = import::preview(&conn, &spec).unwrap();
            let report = run(&mut conn, &spec)
                .unwrap_or_else(|e| panic!("{pass} run refused what the preview passed: {e}"));
            prop_assert_eq!(&report.summary, &preview.summary, "{} pass", pass);
            prop_assert_eq!(&report.problems, &preview.problems, "{} pass", pass);
            prop_assert_eq!(customers(&conn) - before, preview.summary.new, "{} pass", pass);
            if pass == "second" {
                prop_assert_eq!(preview.summary.new, 0, "the same file again adds nothing");
            }
        }
    }
}
