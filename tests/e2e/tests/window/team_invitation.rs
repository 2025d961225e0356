//! Issue 18 in the real window: the owner starts a team on the Team page (its folder chosen in
//! the folder dialog) and saves an invitation file; a colleague's app, with its own data folder
//! and its own demo database, joins from that file on its Team page and then holds the owner's
//! tag tree and customers. The dialogs are answered by `team_dialogs`.

use crate::team_dialogs::Dialogs;
use rusqlite::Connection;
use std::path::Path;
use tagdesk_core::customers::{self, CustomerInput};
use tagdesk_core::db;
use tagdesk_core::demo::{self, DemoSpec};
use tagdesk_core::tags::{self, NewNode, NodeKind};
use tagdesk_e2e::{count, demo_db, picker};

/// What only the owner's database has: a group and tag of its own, and a customer.
const GROUP: &str = "邀请测试分组";
const TAG: &str = "王芳的标签";
const CUSTOMER: &str = "邀请测试客户";
const PHONE: &str = "13900007777";

#[tokio::test]
async fn a_colleague_joins_from_an_invitation_made_in_the_window_and_sees_the_owners_tags_and_customers(
) {
    let (work, shared, owner, colleague) = (tempdir(), tempdir(), tempdir(), tempdir());
    owners_database(owner.path());
    let invitation = work.path().join("加入-销售部.tagdesk-invite");
    let dialogs = Dialogs::new(work.path());

    // The owner starts the team in the window and saves an invitation.
    let app = dialogs.start(owner.path()).await;
    app.press_id("nav-team").await;
    app.find("team-start-card").await;
    dialogs.choose(shared.path());
    app.press_id("team-start-folder-choose").await;
    app.find("team-start-folder-path").await;
    picker::type_into(&app, "team-start-name", "销售部").await;
    let person = app.find("team-start-person").await;
    if person
        .prop("value")
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
        .is_empty()
    {
        picker::type_into(&app, "team-start-person", "王芳").await;
    }
    app.press_id("team-start").await;
    app.find("team-pack-card").await;
    dialogs.choose(&invitation);
    app.press_id("team-invite-make").await;
    let made = app.text_until("team-invite-made", |t| !t.is_empty()).await;
    assert!(made.contains("销售部"), "{made}");
    assert!(
        invitation.is_file(),
        "the invitation is where the dialog chose"
    );
    app.stop().await;
    let owners = demo_db(owner.path());
    let customers = count(
        &owners,
        "SELECT count(*) FROM customers WHERE deleted_at IS NULL",
    );

    // The colleague's app starts on its own demo database and joins from the file.
    let app = dialogs.start(colleague.path()).await;
    app.press_id("nav-team").await;
    app.find("team-join-card").await;
    dialogs.choose(&invitation);
    app.press_id("team-join-invitation").await;
    app.find("team-pack-card").await;
    let joined =
        Connection::open(colleague.path().join("team.sqlite")).expect("the team's database");
    assert_eq!(
        count(
            &joined,
            "SELECT count(*) FROM customers WHERE deleted_at IS NULL"
        ),
        customers,
        "the owner's customers, not the colleague's demo"
    );
    assert_eq!(tree(&joined), tree(&owners), "the owner's tag tree");

    // The window shows them: the owner's customer found by phone, the owner's group and tag.
    app.press_id("nav-customers").await;
    app.text_until("customer-total", |t| digits(t) == customers.to_string())
        .await;
    picker::type_into(&app, "customer-search", PHONE).await;
    app.eventually("the owner's customer in the list", || async {
        let rows = app.find_all("customer-row").await;
        let mut names = String::new();
        for row in rows {
            names.push_str(&row.text().await.unwrap_or_default());
        }
        names.contains(CUSTOMER).then_some(())
    })
    .await;
    app.press_id("nav-tags").await;
    app.find_css(&format!("[data-testid='tag-node'][data-name='{GROUP}']"))
        .await;
    app.find_css(&format!("[data-testid='tag-node'][data-name='{TAG}']"))
        .await;
    app.client.set_window_size(1024, 700).await.expect("resize");
    app.press_id("nav-team").await;
    app.find("team-pack-card").await;
    app.screenshot_named("team-joined-from-invitation.png")
        .await;
    app.stop().await;
}

/// The owner's database before any team: a small demo, plus a group, tag and customer of its own.
fn owners_database(dir: &Path) {
    let mut conn = db::create(&dir.join("demo.sqlite")).unwrap();
    let spec = DemoSpec {
        customers: 300,
        ..DemoSpec::small()
    };
    demo::generate(&mut conn, &spec).unwrap();
    let group = tags::create(&conn, &NewNode::new(None, NodeKind::Group, GROUP), "王芳").unwrap();
    tags::create(
        &conn,
        &NewNode::new(Some(group), NodeKind::Tag, TAG),
        "王芳",
    )
    .unwrap();
    let input = CustomerInput {
        name: CUSTOMER.into(),
        phone: Some(PHONE.into()),
        ..CustomerInput::default()
    };
    customers::create(&conn, &input, "王芳").unwrap();
}

/// Every live node of the tag tree as (kind, name), sorted.
fn tree(conn: &Connection) -> Vec<(String, String)> {
    let mut stmt = conn
        .prepare("SELECT kind, name FROM tag_nodes WHERE deleted_at IS NULL ORDER BY kind, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The digits of `text` (the customer list writes 1,234).
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}
