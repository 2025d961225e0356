//! Roles and rights, enforced by the hub for every push and shown in the author's inbox.

use super::{team, without, NOW};
use crate::team_exchange::{give, tags_by_uid};
use rusqlite::Connection;
use tagdesk_core::error::Error;
use tagdesk_core::hub::{self, groups, members, rights, HubRole};
use tagdesk_core::problem::Problem;
use tagdesk_core::team::inbox::{self, Case};

fn tag_in_group(conn: &Connection, group: &str) -> (i64, String, String) {
    conn.query_row(
        "SELECT t.id, t.uid, g.uid FROM tag_nodes t JOIN tag_nodes g ON g.id = t.parent_id
         WHERE g.kind = 'group' AND g.name = ?1 AND t.deleted_at IS NULL ORDER BY t.id LIMIT 1",
        [group],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
}

fn any_group(conn: &Connection) -> String {
    conn.query_row(
        "SELECT g.name FROM tag_nodes g WHERE g.kind = 'group' AND g.deleted_at IS NULL
           AND EXISTS (SELECT 1 FROM tag_nodes t WHERE t.parent_id = g.id)
         ORDER BY g.id LIMIT 1",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

fn refusals(conn: &Connection) -> Vec<String> {
    inbox::open_cases(conn)
        .unwrap()
        .into_iter()
        .filter_map(|e| match e.case {
            Case::HubRefused { reason, .. } => Some(reason),
            _ => None,
        })
        .collect()
}

#[test]
fn a_viewers_push_is_refused_and_shown_in_their_inbox_and_reaches_nobody() {
    let mut t = team();
    let viewer = t.add("zhao", HubRole::Viewer, None);
    let mut laptop = t.join(&viewer);
    assert_eq!(rights::mine(&laptop).unwrap().role, Some(HubRole::Viewer));
    let owner = rights::mine(&t.owner).unwrap();
    assert!(owner.on_hub && owner.role == Some(HubRole::Owner));
    let group = any_group(&laptop);
    let (tag, _, _) = tag_in_group(&laptop, &group);
    let first = without(&laptop, tag);
    give(&mut laptop, &[first], tag);
    let report = hub::exchange(&mut laptop, NOW).unwrap();
    assert_eq!(report.sent, 0, "nothing accepted");
    assert_eq!(refusals(&laptop), vec!["hub_viewer_read_only".to_string()]);
    assert_eq!(report.inbox, 1, "the exchange counts the new case");
    // A second exchange does not open the case again.
    hub::exchange(&mut laptop, NOW).unwrap();
    assert_eq!(refusals(&laptop).len(), 1);
    let before = tags_by_uid(&t.owner);
    hub::exchange(&mut t.owner, NOW).unwrap();
    assert_eq!(
        tags_by_uid(&t.owner),
        before,
        "the refused change reached nobody"
    );
    let audit = members::audit(&t.owner, 0, 1000).unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "refused" && a.login == "zhao" && a.device_name.is_some()),
        "the refusal is in the audit trail: {audit:?}"
    );
}

#[test]
fn an_editor_cannot_change_a_group_another_department_owns_but_its_own_department_can() {
    let mut t = team();
    let group = any_group(&t.owner);
    let (_, _, group_uid) = tag_in_group(&t.owner, &group);
    let owned_id: i64 = t
        .owner
        .query_row(
            "SELECT id FROM tag_nodes WHERE uid = ?1",
            [&group_uid],
            |r| r.get(0),
        )
        .unwrap();
    groups::give(&t.owner, owned_id, "市场部", false).unwrap();
    let owned = groups::list(&t.owner).unwrap();
    assert_eq!(owned.len(), 1);
    assert_eq!(owned[0].group_id, Some(owned_id));
    assert!(
        owned[0].group_name.as_deref().unwrap().ends_with(&group),
        "{owned:?}"
    );
    let sales = t.add("li", HubRole::Editor, Some("销售部"));
    let marketing = t.add("chen", HubRole::Editor, Some("市场部"));
    let mut li = t.join(&sales);
    let mut chen = t.join(&marketing);
    // The window of each knows beforehand what the hub will say.
    let group_id = |conn: &Connection| -> i64 {
        conn.query_row(
            "SELECT id FROM tag_nodes WHERE uid = ?1",
            [&group_uid],
            |r| r.get(0),
        )
        .unwrap()
    };
    let li_rights = rights::mine(&li).unwrap();
    assert_eq!(li_rights.role, Some(HubRole::Editor));
    assert_eq!(li_rights.department.as_deref(), Some("销售部"));
    assert_eq!(
        li_rights.locked_groups,
        vec![rights::LockedGroup {
            group_id: group_id(&li),
            department: "市场部".into()
        }]
    );
    assert!(rights::mine(&chen).unwrap().locked_groups.is_empty());
    assert!(rights::mine(&t.owner).unwrap().locked_groups.is_empty());
    let (tag, tag_uid, _) = tag_in_group(&li, &group);
    let someone = without(&li, tag);
    give(&mut li, &[someone], tag);
    hub::exchange(&mut li, NOW).unwrap();
    assert_eq!(refusals(&li), vec!["hub_group_owned".to_string()]);
    // The inbox names the group and the department.
    let items = tagdesk_core::team::inbox_view::items(&li).unwrap();
    let shown = format!("{:?}", items.last().unwrap().case);
    assert!(
        shown.contains(&group) && shown.contains("市场部"),
        "{shown}"
    );

    let (tag, _, _) = tag_in_group(&chen, &group);
    let other = without(&chen, tag);
    give(&mut chen, &[other], tag);
    let report = hub::exchange(&mut chen, NOW).unwrap();
    assert_eq!(report.sent, 1, "its own department may");
    assert!(refusals(&chen).is_empty());
    hub::exchange(&mut t.owner, NOW).unwrap();
    // Given back to the whole company: the next exchange unlocks it on li's laptop.
    groups::set_owner(&t.owner, &group_uid, None, false).unwrap();
    assert!(groups::list(&t.owner).unwrap().is_empty());
    hub::exchange(&mut li, NOW).unwrap();
    assert!(rights::mine(&li).unwrap().locked_groups.is_empty());
    let other_uid: String = chen
        .query_row("SELECT uid FROM customers WHERE id = ?1", [other], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(tags_by_uid(&t.owner).contains(&(other_uid, tag_uid)));
}

#[test]
fn only_admins_change_rules_and_a_removed_member_gets_nothing_more() {
    let t = team();
    let editor = t.add("sun", HubRole::Editor, None);
    let mut sun = t.join(&editor);
    let mut settings = tagdesk_core::rfm::settings(&sun).unwrap();
    settings.window_days = 90;
    tagdesk_core::rfm::save_settings(&sun, &settings, "t").unwrap();
    hub::exchange(&mut sun, NOW).unwrap();
    assert_eq!(refusals(&sun), vec!["hub_needs_admin".to_string()]);

    members::remove(&t.owner, "sun").unwrap();
    let err = hub::exchange(&mut sun, NOW).unwrap_err();
    assert!(
        matches!(
            err.problem(),
            Problem::HubLoginFailed { .. } | Problem::HubNotMember
        ),
        "{err:?}"
    );
    let listed = members::list(&t.owner).unwrap();
    assert!(listed.iter().any(|m| m.login == "sun" && !m.active));
    // An editor may not add members.
    let editor2 = t.add("zhou", HubRole::Editor, None);
    let zhou = t.join(&editor2);
    let refused = members::remove(&zhou, "boss");
    assert!(matches!(
        refused,
        Err(Error::Invalid {
            problem: Problem::HubNeedsAdmin,
            ..
        })
    ));
}

#[test]
fn an_editor_cannot_move_a_category_that_holds_another_departments_group() {
    let mut t = team();
    let group = any_group(&t.owner);
    let (_, _, group_uid) = tag_in_group(&t.owner, &group);
    let (owned_id, category): (i64, Option<i64>) = t
        .owner
        .query_row(
            "SELECT id, parent_id FROM tag_nodes WHERE uid = ?1",
            [&group_uid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let category = category.expect("the demo's groups sit in categories");
    groups::give(&t.owner, owned_id, "市场部", false).unwrap();
    let sales = t.add("li", HubRole::Editor, Some("销售部"));
    let mut li = t.join(&sales);
    let category_uid: String = t
        .owner
        .query_row("SELECT uid FROM tag_nodes WHERE id = ?1", [category], |r| {
            r.get(0)
        })
        .unwrap();
    let here: i64 = li
        .query_row(
            "SELECT id FROM tag_nodes WHERE uid = ?1",
            [&category_uid],
            |r| r.get(0),
        )
        .unwrap();
    tagdesk_core::tags::move_node(&mut li, here, None, 0, "li").unwrap();
    let report = hub::exchange(&mut li, NOW).unwrap();
    assert_eq!(report.sent, 0);
    assert_eq!(refusals(&li), vec!["hub_group_owned".to_string()]);
    // The owner may.
    let owner_here: i64 = category;
    tagdesk_core::tags::move_node(&mut t.owner, owner_here, None, 0, "boss").unwrap();
    assert_eq!(hub::exchange(&mut t.owner, NOW).unwrap().sent, 1);
}
