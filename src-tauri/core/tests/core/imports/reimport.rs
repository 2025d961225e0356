use super::{csv, run};
use crate::{empty_db, scalar};
use tagdesk_core::custom_fields::{self, CustomFieldInput, FieldKind};
use tagdesk_core::import::{self, ColumnTarget, ImportSpec, MergePolicy};
use tagdesk_core::tags::{self, NewNode, NodeKind, SelectMode};

const MEMBERS: &[&[&str]] = &[
    &["姓名", "手机", "来源", "微信"],
    &["王伟", "13812345678", "微信群", "wx_ww"],
    &["李娜", "13900001111", "朋友介绍", "lina88"],
    &["张敏", "13700002222", "线下活动", ""],
];

/// A text field 微信, so the customers have custom values as well.
fn wechat_field(conn: &rusqlite::Connection) -> i64 {
    let input = CustomFieldInput {
        label: "微信".into(),
        kind: FieldKind::Text,
        options: vec![],
    };
    custom_fields::create(conn, &input, "t").unwrap()
}

/// The single-select group 来源 with the file's values as its tags.
fn source_group(conn: &rusqlite::Connection) -> i64 {
    let group = tags::create_node(
        conn,
        &NewNode {
            select_mode: Some(SelectMode::Single),
            ..NewNode::new(None, NodeKind::Group, "来源")
        },
    )
    .unwrap();
    for name in ["微信群", "朋友介绍", "线下活动"] {
        tags::create_node(conn, &NewNode::new(Some(group), NodeKind::Tag, name)).unwrap();
    }
    group
}

#[test]
fn reimporting_a_file_whose_column_became_a_group_tags_its_customers_under_either_policy() {
    for policy in [MergePolicy::FillEmpty, MergePolicy::Overwrite] {
        let dir = tempfile::tempdir().unwrap();
        let path = csv(&dir, "会员.csv", MEMBERS);
        let mut conn = empty_db();
        let wechat = wechat_field(&conn);
        run(&mut conn, &ImportSpec::customers(&path)).unwrap();
        let group = source_group(&conn);
        // The wizard's choice: 来源 → 标签组：来源.
        let spec = ImportSpec {
            policy,
            columns: vec![
                import::suggest("姓名", &[], &[]),
                import::suggest("手机", &[], &[]),
                ColumnTarget::Group { group_id: group },
                ColumnTarget::CustomField { field_id: wechat },
            ],
            ..ImportSpec::customers(&path)
        };
        let report = run(&mut conn, &spec).unwrap_or_else(|e| panic!("{policy:?}: {e}"));
        assert_eq!(report.summary.updated, 3, "{policy:?}: each gains its tag");
        assert_eq!(report.summary.new, 0, "{policy:?}");
        let tagged = scalar(
            &conn,
            "SELECT count(*) FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
             WHERE t.parent_id = ?1",
            group,
        );
        assert_eq!(tagged, 3, "{policy:?}: every customer carries its 来源 tag");
        let again = run(&mut conn, &spec).unwrap();
        assert_eq!(
            again.summary.unchanged, 3,
            "{policy:?}: a third run changes nothing"
        );
    }
}
