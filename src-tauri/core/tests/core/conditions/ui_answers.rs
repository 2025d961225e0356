//! The engine's answers that the UI's component tests replay (ui/src/test/engineAnswers.json):
//! a small tag tree, the catalog, the count of the tree the builder's click test builds and a
//! refusal. The UI is thus tested against what this engine says, not against a copy of it.
//! Fails when the committed file is stale; TAGDESK_WRITE_UI_ANSWERS=1 rewrites it.

use super::examples::field;
use super::world::NOW;
use crate::empty_db;
use rusqlite::{params, Connection};
use serde_json::json;
use std::path::Path;
use tagdesk_core::conditions::{catalog, Condition, FieldOp, Index};
use tagdesk_core::error::IpcError;
use tagdesk_core::segments;
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags::{self, NewNode, NodeKind, SelectMode};

const FILE: &str = "../../ui/src/test/engineAnswers.json";

/// Two single-select groups (客户等级: VIP / 普通, 来源: 微信群 / 朋友介绍) and nine customers
/// in four cities. Returns the ids of VIP and 微信群.
fn world(conn: &mut Connection) -> (i64, i64) {
    let node = |conn: &Connection, parent: Option<i64>, kind: NodeKind, name: &str| {
        let select_mode = (kind == NodeKind::Group).then_some(SelectMode::Single);
        tags::create_node(
            conn,
            &NewNode {
                select_mode,
                ..NewNode::new(parent, kind, name)
            },
        )
        .unwrap()
    };
    let root = node(conn, None, NodeKind::Category, "客户属性");
    let level = node(conn, Some(root), NodeKind::Group, "客户等级");
    let vip = node(conn, Some(level), NodeKind::Tag, "VIP");
    let plain = node(conn, Some(level), NodeKind::Tag, "普通");
    let source = node(conn, Some(root), NodeKind::Group, "来源");
    let wechat = node(conn, Some(source), NodeKind::Tag, "微信群");
    let friend = node(conn, Some(source), NodeKind::Tag, "朋友介绍");
    let cities = [
        "上海", "上海", "北京", "上海", "杭州", "北京", "上海", "深圳", "上海",
    ];
    for (i, city) in cities.iter().enumerate() {
        let at = NOW - (cities.len() - i) as i64 * 86_400;
        conn.execute(
            "INSERT INTO customers(name, phone, city, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![format!("客户{}", i + 1), format!("1380000{:04}", i + 1), city, at],
        )
        .unwrap();
    }
    let give = |conn: &mut Connection, tag: i64, ids: &[i64]| {
        let target = TagTarget::Customers { ids: ids.to_vec() };
        tagging::add(conn, &target, tag, TagSource::Manual, "t").unwrap();
    };
    give(conn, vip, &[1, 2, 3, 5]);
    give(conn, plain, &[4, 6, 7, 8, 9]);
    give(conn, wechat, &[1, 3, 4, 6, 9]);
    give(conn, friend, &[2, 5, 7, 8]);
    // Tagging stamps the wall clock; the answers must not change from one run to the next.
    conn.execute("UPDATE customers SET updated_at = created_at", [])
        .unwrap();
    (vip, wechat)
}

fn answers() -> String {
    let mut conn = empty_db();
    let (vip, wechat) = world(&mut conn);
    let index = Index::build(&conn).unwrap();
    // What the builder's click test builds: (VIP AND city = 上海) OR NOT 微信群.
    let journey = Condition::Or {
        children: vec![
            Condition::And {
                children: vec![
                    Condition::Tag { tag_id: vip },
                    field("city", FieldOp::Eq, &["上海"]),
                ],
            },
            Condition::Not {
                child: Box::new(Condition::Tag { tag_id: wechat }),
            },
        ],
    };
    let mut count = segments::count(&conn, &index, &journey).unwrap();
    count.millis = 0.0;
    let unknown = Condition::And {
        children: vec![
            Condition::Tag { tag_id: vip },
            Condition::Tag { tag_id: 999 },
        ],
    };
    let refusal = IpcError::from(segments::count(&conn, &index, &unknown).unwrap_err());
    let out = json!({
        "tree": tags::tree(&conn).unwrap(),
        "catalog": catalog(&conn, &index).unwrap(),
        "journey": { "condition": journey, "count": count },
        "unknown_tag": { "condition": unknown, "error": refusal },
    });
    serde_json::to_string_pretty(&out).unwrap() + "\n"
}

#[test]
fn committed_ui_answers_match_the_engine() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(FILE);
    let fresh = answers();
    if std::env::var("TAGDESK_WRITE_UI_ANSWERS").as_deref() == Ok("1") {
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/test/engineAnswers.json is stale: the engine answers differently now; run \
         TAGDESK_WRITE_UI_ANSWERS=1 cargo test -p tagdesk-core --test core -- ui_answers \
         and check the UI tests that replay it"
    );
}
