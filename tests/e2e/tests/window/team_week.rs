//! Journey 6, "the team of five", steps 2–3 in the real window: while a rep works offline, the
//! owner merges 高活跃 into 高活 in the window; the rep, not having heard of it, tags 12 customers
//! 高活跃 and renames the group 渠道偏好 to 获客渠道. Once both laptops have exchanged through the
//! folder, the 12 carry 高活 on both, the rename holds on both, and the owner's Team page says
//! whose changes came. The team is set up and the rep's laptop driven through the core (the
//! rep's window is team_inbox.rs's and team.rs's business).

use crate::team_setup::{owner_and_colleague, COLLEAGUE_DEVICE};
use fantoccini::Locator;
use rusqlite::Connection;
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags::{self, NewNode, NodeKind, SelectMode, TagNodeEdit};
use tagdesk_core::{clock, db, team};
use tagdesk_e2e::picker::merge_into;
use tagdesk_e2e::{count, demo_db, App};

const MERGED: &str = "高活跃";
const KEPT: &str = "高活";
const OLD_GROUP: &str = "渠道偏好";
const NEW_GROUP: &str = "获客渠道";
const REP: &str = "李雷";

#[tokio::test]
async fn a_merge_and_a_rename_meet_a_reps_offline_tags_and_every_laptop_ends_the_same() {
    let (shared, owner, rep) = (tempdir(), tempdir(), tempdir());
    owner_and_colleague(shared.path(), owner.path(), rep.path());
    // The owner adds 高活跃 beside 高活; the rep's laptop hears of it, then goes offline.
    let mut conn = db::open(&owner.path().join("demo.sqlite")).unwrap();
    let group = node_id(&conn, "活跃度");
    tags::create(
        &conn,
        &NewNode::new(Some(group), NodeKind::Tag, MERGED),
        "王芳",
    )
    .unwrap();
    team::exchange_now(&mut conn, clock::now()).unwrap();
    drop(conn);
    let mut rep_db = db::open(&rep.path().join("demo.sqlite")).unwrap();
    team::exchange_now(&mut rep_db, clock::now()).unwrap();

    // Offline on the train: 12 customers tagged 高活跃, the channel group renamed.
    let tagged = some_customers(&rep_db, 12);
    let ids = tagged.iter().map(|(id, _)| *id).collect();
    let merged = node_id(&rep_db, MERGED);
    tagging::add(
        &mut rep_db,
        &TagTarget::Customers { ids },
        merged,
        TagSource::Manual,
        REP,
    )
    .unwrap();
    let channel = node_id(&rep_db, OLD_GROUP);
    let rename = TagNodeEdit {
        name: NEW_GROUP.into(),
        select_mode: Some(SelectMode::Single),
        ..TagNodeEdit::default()
    };
    tags::update(&rep_db, channel, &rename, REP).unwrap();

    // Meanwhile, in the owner's window: 高活跃 merged into 高活, and sent.
    let app = App::start(owner.path()).await;
    tagdesk_e2e::bounded(&[&app], async {
        app.press_id("nav-tags").await;
        app.find("tag-tree").await;
        merge_into(&app, MERGED, KEPT).await;
        app.press_id("merge-close").await;
        app.exchange_by_hand().await;

        // The rep's laptop meets the folder: sends its week, hears of the merge.
        team::exchange_now(&mut rep_db, clock::now()).unwrap();

        // The owner's 同步 brings the rep's week in and says from whom.
        app.exchange_by_hand().await;
        let from = app
            .eventually("the rep's changes named on the Team page", || async {
                let el = app
                    .client
                    .find(Locator::Css("[data-testid='team-received-from']"));
                let text = el.await.ok()?.text().await.ok()?;
                text.contains(COLLEAGUE_DEVICE).then_some(text)
            })
            .await;
        assert!(from.contains(REP), "{from}");
        app.press_id("nav-tags").await;
        app.find_css(&format!(
            "[data-testid='tag-node'][data-name='{NEW_GROUP}']"
        ))
        .await;
        assert!(
            app.client
                .find(Locator::Css(&format!(
                    "[data-testid='tag-node'][data-name='{OLD_GROUP}']"
                )))
                .await
                .is_err(),
            "the old group name is gone from the owner's tree"
        );
        app.screenshot_named("team-week.png").await;
    })
    .await;
    app.stop().await;
    team::exchange_now(&mut rep_db, clock::now()).unwrap();

    // Both laptops: the 12 carry 高活, nobody holds 高活跃, the group has its new name.
    for (laptop, conn) in [("owner", demo_db(owner.path())), ("rep", rep_db)] {
        for (_, uid) in &tagged {
            assert!(
                holds(&conn, uid, KEPT),
                "{laptop}: customer {uid} carries {KEPT}"
            );
        }
        let live = |sql: &str| count(&conn, sql);
        assert_eq!(
            live(&format!(
                "SELECT count(*) FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
                 WHERE t.name = '{MERGED}'"
            )),
            0,
            "{laptop}: nobody holds {MERGED}"
        );
        assert_eq!(
            live(&format!(
                "SELECT count(*) FROM tag_nodes WHERE name = '{NEW_GROUP}' AND kind = 'group'
                 AND deleted_at IS NULL"
            )),
            1,
            "{laptop}: the group is {NEW_GROUP}"
        );
    }
}

fn node_id(conn: &Connection, name: &str) -> i64 {
    conn.query_row(
        "SELECT id FROM tag_nodes WHERE name = ?1 AND deleted_at IS NULL",
        [name],
        |r| r.get(0),
    )
    .unwrap()
}

/// `n` customers (id, uid) without any tag of 活跃度, so 高活 on them can only come by the merge.
fn some_customers(conn: &Connection, n: usize) -> Vec<(i64, String)> {
    let mut stmt = conn
        .prepare(
            "SELECT id, uid FROM customers WHERE id NOT IN (
               SELECT a.customer_id FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
               JOIN tag_nodes g ON g.id = t.parent_id WHERE g.name = '活跃度')
             ORDER BY id LIMIT ?1",
        )
        .unwrap();
    let rows = stmt.query_map([n as i64], |r| Ok((r.get(0)?, r.get(1)?)));
    let found: Vec<(i64, String)> = rows.unwrap().map(Result::unwrap).collect();
    assert_eq!(
        found.len(),
        n,
        "the demo has {n} customers without an activity tag"
    );
    found
}

fn holds(conn: &Connection, uid: &str, tag: &str) -> bool {
    conn.query_row(
        "SELECT count(*) FROM assignments a JOIN customers c ON c.id = a.customer_id
         JOIN tag_nodes t ON t.id = a.tag_id WHERE c.uid = ?1 AND t.name = ?2",
        [uid, tag],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        > 0
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}
