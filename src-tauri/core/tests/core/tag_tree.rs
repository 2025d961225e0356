use crate::*;
use tagdesk_core::tagging::{add, TagSource, TagTarget};
use tagdesk_core::tags::{self, NewNode, NodeKind, SelectMode, TagNodeEdit};
use tagdesk_core::{ErrorCode, Problem};

fn edit_named(name: &str) -> TagNodeEdit {
    TagNodeEdit {
        name: name.into(),
        ..Default::default()
    }
}

#[test]
fn sibling_names_clash_ignoring_case_and_width() {
    let conn = demo_db(0);
    let level = node(&conn, "客户等级");
    for clash in ["ＶＩＰ", "vip", " VIP "] {
        let err =
            tags::create_node(&conn, &NewNode::new(Some(level), NodeKind::Tag, clash)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::NameTaken, "{clash} clashes with VIP");
        assert_eq!(
            err.problem(),
            Problem::NameTaken {
                name: clash.trim().into(),
                existing: "VIP".into()
            }
        );
    }
    // The same name elsewhere in the tree is fine.
    tags::create_node(
        &conn,
        &NewNode::new(Some(node(&conn, "商机")), NodeKind::Tag, "VIP"),
    )
    .unwrap();
    assert!(tags::create_node(&conn, &NewNode::new(Some(level), NodeKind::Tag, "  ")).is_err());
}

#[test]
fn renaming_keeps_history_and_counts() {
    let conn = demo_db(150);
    let active = tag(&conn, "高活");
    let held = scalar(
        &conn,
        "SELECT count(*) FROM assignments WHERE tag_id = ?1",
        active,
    );
    let logged = scalar(
        &conn,
        "SELECT count(*) FROM tag_history WHERE tag_id = ?1",
        active,
    );
    tags::update(&conn, active, &edit_named("高活跃"), "t").unwrap();
    assert_eq!(tag(&conn, "高活跃"), active);
    assert_eq!(
        scalar(
            &conn,
            "SELECT count(*) FROM assignments WHERE tag_id = ?1",
            active
        ),
        held
    );
    assert_eq!(
        scalar(
            &conn,
            "SELECT count(*) FROM tag_history WHERE tag_id = ?1",
            active
        ),
        logged
    );
    let err = tags::update(&conn, active, &edit_named("中活"), "t").unwrap_err();
    assert_eq!(
        err.code(),
        ErrorCode::NameTaken,
        "renaming onto a sibling is refused"
    );
}

#[test]
fn moving_keeps_assignments_and_refuses_cycles_and_broken_exclusivity() {
    let mut conn = demo_db(150);
    let dim = node(&conn, "行为特征");
    let group = node(&conn, "活跃度");
    let inner =
        tags::create_node(&conn, &NewNode::new(Some(dim), NodeKind::Category, "细分")).unwrap();
    // Depth 4: 行为特征 / 细分 / 活跃度 / 高活
    tags::move_node(&mut conn, group, Some(inner), 0, "t").unwrap();
    let path: String = conn
        .query_row(
            "WITH RECURSIVE up(id, name, depth) AS (
                SELECT id, name, 0 FROM tag_nodes WHERE name = '高活'
                UNION ALL SELECT n.parent_id, p.name, depth + 1 FROM up JOIN tag_nodes n ON n.id = up.id
                JOIN tag_nodes p ON p.id = n.parent_id)
             SELECT group_concat(name, '/') FROM (SELECT name FROM up ORDER BY depth DESC)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(path, "行为特征/细分/活跃度/高活");
    let err = tags::move_node(&mut conn, dim, Some(inner), 0, "t").unwrap_err();
    assert_eq!(
        err.problem(),
        Problem::MoveInsideItself,
        "a node cannot go inside itself"
    );

    // 高活 holders also hold a 生命周期 tag: moving 高活 into that single-select group would
    // give them two.
    let (high, life) = (tag(&conn, "高活"), node(&conn, "生命周期"));
    let err = tags::move_node(&mut conn, high, Some(life), 0, "t").unwrap_err();
    assert!(
        matches!(err.problem(), Problem::MoveWouldDoubleSingle { customers } if customers > 0),
        "{err}"
    );
}

#[test]
fn merging_moves_assignments_collapses_duplicates_and_rewrites_segments() {
    let mut conn = demo_db(0);
    let group = node(&conn, "活跃度");
    let twin = tags::create_node(
        &conn,
        &NewNode::new(Some(node(&conn, "商机")), NodeKind::Tag, "高活跃"),
    )
    .unwrap();
    let active = tag(&conn, "高活");
    let a = add_customer(&conn, "甲", None, None);
    let b = add_customer(&conn, "乙", None, None);
    add(
        &mut conn,
        &TagTarget::Customers { ids: vec![a, b] },
        twin,
        TagSource::Manual,
        "t",
    )
    .unwrap();
    add(
        &mut conn,
        &TagTarget::Customers { ids: vec![a] },
        active,
        TagSource::Manual,
        "t",
    )
    .unwrap();
    conn.execute(
        "INSERT INTO segments(name, kind, condition, created_at, updated_at) VALUES ('活跃', 'dynamic', ?1, 0, 0)",
        [serde_json::json!({"op": "or", "children": [{"has_tag": {"tag_id": twin}}]}).to_string()],
    )
    .unwrap();

    let report = tags::merge(&mut conn, &[twin], active, "t").unwrap();
    assert_eq!(
        (report.moved, report.collapsed, report.rewritten),
        (1, 1, 1)
    );
    assert_eq!(
        scalar(
            &conn,
            "SELECT count(*) FROM assignments WHERE tag_id = ?1",
            active
        ),
        2
    );
    assert_eq!(
        scalar(
            &conn,
            "SELECT count(*) FROM assignments WHERE tag_id = ?1",
            twin
        ),
        0
    );
    let cond: String = conn
        .query_row(
            "SELECT condition FROM segments WHERE name = '活跃' AND created_at = 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(cond.contains(&format!("\"tag_id\":{active}")), "{cond}");
    let history = scalar(
        &conn,
        "SELECT count(*) FROM tag_history WHERE customer_id = ?1 AND note LIKE 'merged%'",
        b,
    );
    assert_eq!(
        history, 2,
        "b's history shows the removal of the twin and the gain of the survivor"
    );
    let tree = tags::tree(&conn).unwrap();
    assert!(
        tree.nodes.iter().all(|n| n.id != twin),
        "the merged tag leaves the tree"
    );
    assert!(tree.nodes.iter().any(|n| n.id == group));
}

#[test]
fn deleting_a_tag_in_use_needs_confirmation_and_is_recorded() {
    let mut conn = demo_db(100);
    let budget = tag(&conn, "预算充足");
    let held = scalar(
        &conn,
        "SELECT count(*) FROM assignments WHERE tag_id = ?1",
        budget,
    );
    assert!(held > 0);
    let err = tags::delete(&mut conn, budget, false, "t").unwrap_err();
    assert_eq!(
        err.code(),
        ErrorCode::InUse,
        "a tag in use has its own code"
    );
    assert!(
        matches!(err.problem(), Problem::TagInUse { customers, .. } if customers == held),
        "{err}"
    );
    assert_eq!(tags::delete(&mut conn, budget, true, "t").unwrap(), held);
    assert_eq!(
        scalar(
            &conn,
            "SELECT count(*) FROM assignments WHERE tag_id = ?1",
            budget
        ),
        0
    );
    assert_eq!(
        scalar(
            &conn,
            "SELECT count(*) FROM tag_history WHERE tag_id = ?1 AND note = 'tag_deleted'",
            budget
        ),
        held
    );
    assert!(
        scalar(
            &conn,
            "SELECT count(*) FROM audit_log WHERE action = 'delete' AND entity_id = ?1",
            budget
        ) == 1
    );
    // The name is free again.
    tags::create_node(
        &conn,
        &NewNode::new(Some(node(&conn, "商机")), NodeKind::Tag, "预算充足"),
    )
    .unwrap();
    // An unused tag simply goes.
    let spare = tags::create_node(
        &conn,
        &NewNode::new(Some(node(&conn, "商机")), NodeKind::Tag, "备用"),
    )
    .unwrap();
    tags::delete(&mut conn, spare, false, "t").unwrap();
    assert_eq!(
        scalar(&conn, "SELECT count(*) FROM tag_nodes WHERE id = ?1", spare),
        0
    );
}

#[test]
fn a_group_becomes_single_select_only_when_no_customer_holds_two_of_its_tags() {
    let mut conn = demo_db(0);
    let hobby = node(&conn, "品类偏好");
    let c = add_customer(&conn, "丙", None, None);
    for t in ["母婴", "数码"] {
        let t = tag(&conn, t);
        add(
            &mut conn,
            &TagTarget::Customers { ids: vec![c] },
            t,
            TagSource::Manual,
            "t",
        )
        .unwrap();
    }
    let single = TagNodeEdit {
        name: "品类偏好".into(),
        select_mode: Some(SelectMode::Single),
        ..Default::default()
    };
    assert!(tags::update(&conn, hobby, &single, "t").is_err());
    let digital = tag(&conn, "数码");
    tagdesk_core::tagging::remove(
        &mut conn,
        &TagTarget::Customers { ids: vec![c] },
        digital,
        TagSource::Manual,
        "t",
    )
    .unwrap();
    tags::update(&conn, hobby, &single, "t").unwrap();
}

#[test]
fn archived_tags_stay_in_the_tree_with_their_counts() {
    let conn = demo_db(100);
    let budget = tag(&conn, "预算充足");
    tags::set_archived(&conn, budget, true, "t").unwrap();
    let node = tags::tree(&conn)
        .unwrap()
        .nodes
        .into_iter()
        .find(|n| n.id == budget)
        .unwrap();
    assert!(node.archived);
    assert_eq!(
        node.customer_count.unwrap(),
        scalar(
            &conn,
            "SELECT count(*) FROM assignments WHERE tag_id = ?1",
            budget
        )
    );
}
