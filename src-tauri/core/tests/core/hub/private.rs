//! Business-line groups: a private group reaches only its department, admins and the owner —
//! not in the copy others join from, not in what they pull, and it leaves the laptop of a
//! member who had it before it became private (checked in the bytes on their laptops).

use super::{file_bytes, team, without, NOW};
use crate::team_exchange::give;
use rusqlite::Connection;
use tagdesk_core::desk::Desk;
use tagdesk_core::hub::{self, groups, HubRole};
use tagdesk_core::jobs::Job;
use tagdesk_core::tags::{self, NewNode, NodeKind};

/// Names only the private group uses, to look for in the files.
const GROUP: &str = "直播私域业务线";
const TAG: &str = "直播间复购王";
const LATER_TAG: &str = "直播新品尝鲜客";

fn node(conn: &Connection, name: &str) -> Option<i64> {
    conn.query_row(
        "SELECT id FROM tag_nodes WHERE name = ?1 AND deleted_at IS NULL",
        [name],
        |r| r.get(0),
    )
    .ok()
}

fn holders(conn: &Connection, tag: &str) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM assignments a JOIN tag_nodes n ON n.id = a.tag_id WHERE n.name = ?1",
        [tag],
        |r| r.get(0),
    )
    .unwrap()
}

fn holds_name(conn: &Connection, path: &std::path::Path, name: &str) -> bool {
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let bytes = file_bytes(path);
    bytes.windows(name.len()).any(|w| w == name.as_bytes())
}

fn customers(conn: &Connection, n: usize) -> Vec<i64> {
    let mut stmt = conn
        .prepare("SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id LIMIT ?1")
        .unwrap();
    stmt.query_map([n as i64], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_private_group_reaches_only_its_department() {
    let mut t = team();
    // A colleague of sales who joined before the group existed, and one of marketing.
    let early = t.add("wu", HubRole::Editor, Some("销售部"));
    let mut wu = t.join(&early);

    let group = tags::create(
        &t.owner,
        &NewNode::new(None, NodeKind::Group, GROUP),
        "王总",
    )
    .unwrap();
    let tag = tags::create(
        &t.owner,
        &NewNode::new(Some(group), NodeKind::Tag, TAG),
        "王总",
    )
    .unwrap();
    let some = customers(&t.owner, 5);
    give(&mut t.owner, &some, tag);
    hub::exchange(&mut t.owner, NOW).unwrap();
    hub::exchange(&mut wu, NOW).unwrap();
    assert_eq!(
        holders(&wu, TAG),
        5,
        "before it is private, everybody has it"
    );

    groups::give(&t.owner, group, "市场部", true).unwrap();
    let owned = groups::list(&t.owner).unwrap();
    assert!(
        owned[0].private && owned[0].department == "市场部",
        "{owned:?}"
    );

    // Joiners: sales from a copy without the group, marketing with it.
    let sales = t.add("li", HubRole::Editor, Some("销售部"));
    let marketing = t.add("chen", HubRole::Editor, Some("市场部"));
    let mut li = t.join(&sales);
    let mut chen = t.join(&marketing);
    assert_eq!(node(&li, GROUP), None);
    assert_eq!(node(&li, TAG), None);
    assert_eq!(holders(&chen, TAG), 5);
    assert!(node(&chen, GROUP).is_some());
    let li_path = t.dir.path().join("li.sqlite");
    // The Team page's last exchange is the hub's for a team without a folder.
    let li_team = tagdesk_core::team::status(&li, "li").unwrap().team.unwrap();
    assert_eq!(li_team.last_exchange_at, Some(NOW));
    assert!(!holds_name(&li, &li_path, GROUP) && !holds_name(&li, &li_path, TAG));

    // The one who had it loses it at the next exchange, and keeps everything else.
    let wu_tags_before: i64 = wu
        .query_row(
            "SELECT count(*) FROM tag_nodes WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    hub::exchange(&mut wu, NOW).unwrap();
    assert_eq!(node(&wu, GROUP), None);
    assert_eq!(holders(&wu, TAG), 0);
    let wu_tags_after: i64 = wu
        .query_row(
            "SELECT count(*) FROM tag_nodes WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        wu_tags_after,
        wu_tags_before - 2,
        "only the group and its tag went"
    );
    let wu_path = t.dir.path().join("wu.sqlite");
    wu.execute_batch("VACUUM").unwrap();
    assert!(
        !holds_name(&wu, &wu_path, TAG),
        "no trace of it in wu's file"
    );

    // Later work in the group reaches marketing only; the rest of the same pulls reaches all.
    let later = tags::create(
        &chen,
        &NewNode::new(node(&chen, GROUP), NodeKind::Tag, LATER_TAG),
        "chen",
    )
    .unwrap();
    let few = customers(&chen, 3);
    give(&mut chen, &few, later);
    let elsewhere: i64 = chen
        .query_row(
            "SELECT t.id FROM tag_nodes t JOIN tag_nodes g ON g.id = t.parent_id
             WHERE t.kind = 'tag' AND g.name <> ?1 AND t.deleted_at IS NULL ORDER BY t.id LIMIT 1",
            [GROUP],
            |r| r.get(0),
        )
        .unwrap();
    let elsewhere_name: String = chen
        .query_row(
            "SELECT name FROM tag_nodes WHERE id = ?1",
            [elsewhere],
            |r| r.get(0),
        )
        .unwrap();
    let before_li = holders(&li, &elsewhere_name);
    let lacking = without(&chen, elsewhere);
    give(&mut chen, &[lacking], elsewhere);
    assert_eq!(hub::exchange(&mut chen, NOW).unwrap().sent, 3);
    hub::exchange(&mut t.owner, NOW).unwrap();
    assert_eq!(
        holders(&t.owner, LATER_TAG),
        3,
        "the owner sees every group"
    );
    let report = hub::exchange(&mut li, NOW).unwrap();
    assert_eq!(
        report.applied, 3,
        "the operations come, the private changes left out"
    );
    assert!(report.inbox == 0, "nothing waits for a group li never sees");
    assert_eq!(node(&li, LATER_TAG), None);
    assert_eq!(holders(&li, &elsewhere_name), before_li + 1);
    assert!(!holds_name(&li, &li_path, LATER_TAG));
    hub::exchange(&mut wu, NOW).unwrap();
    assert_eq!(node(&wu, LATER_TAG), None);

    // li may not give tags in it either (the hub refuses as for any group another owns), and
    // the group given back to the whole company is no longer kept from new joiners.
    groups::set_owner(&t.owner, &uid(&t.owner, group), None, false).unwrap();
    let newcomer = t.add("zhou", HubRole::Editor, Some("销售部"));
    let zhou = t.join(&newcomer);
    assert_eq!(holders(&zhou, LATER_TAG), 3);

    // wu, who removed it, is told it may be had back, and gets it by joining again.
    assert_eq!(hub::status(&wu).unwrap().unwrap().regained_groups, 0);
    hub::exchange(&mut wu, NOW).unwrap();
    assert_eq!(hub::status(&wu).unwrap().unwrap().regained_groups, 1);
    assert_eq!(
        holders(&wu, TAG),
        0,
        "the exchange alone brings nothing back"
    );
    drop(wu);
    let mut desk = Desk::on_file(&wu_path).unwrap();
    desk.hub_join_again(&Job::default()).unwrap();
    let again = desk.conn().unwrap();
    assert_eq!(holders(again, TAG), 5);
    assert_eq!(holders(again, LATER_TAG), 3);
    assert_eq!(hub::status(again).unwrap().unwrap().regained_groups, 0);
}

fn uid(conn: &Connection, id: i64) -> String {
    conn.query_row("SELECT uid FROM tag_nodes WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .unwrap()
}
