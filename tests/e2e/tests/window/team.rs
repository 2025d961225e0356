//! Issue 18 in the real window: two laptops of one team (two data folders, one shared folder).
//! On the first, a tag is given by hand and 同步 writes it to the folder; on the second, 同步
//! brings it in, says from whom, and the customer holds the tag there; a rule the owner saved
//! is listed on the colleague's Rules page. The team is started and
//! joined through the core, which is quicker; team_invitation.rs does it in the window.

use fantoccini::Locator;
use std::path::Path;
use tagdesk_core::conditions::Condition;
use tagdesk_core::db;
use tagdesk_core::rules::{self, RuleAction, RuleInput};
use tagdesk_e2e::picker::{confirm_pick, open_picker, pick_tag};
use tagdesk_e2e::{count, demo_db, App};

const TAG: &str = "预算充足";
const RULE: &str = "预算充足的种子用户";

/// The owner and the colleague of one team (see `team_setup`); after the colleague joined,
/// the owner saves a rule.
fn owner_and_colleague(shared: &Path, owner: &Path, colleague: &Path) {
    crate::team_setup::owner_and_colleague(shared, owner, colleague);
    // After the colleague joined, the owner saves a rule: it reaches the colleague only by
    // exchange, naming the same tags there.
    let mut conn = db::open(&owner.join("demo.sqlite")).unwrap();
    let tag_id = |name: &str| -> i64 {
        conn.query_row(
            "SELECT id FROM tag_nodes WHERE name = ?1 AND kind = 'tag'",
            [name],
            |r| r.get(0),
        )
        .unwrap()
    };
    let input = RuleInput {
        name: RULE.into(),
        owner: Some("王芳".into()),
        priority: 0,
        enabled: false,
        condition: Condition::Tag {
            tag_id: tag_id(TAG),
        },
        action: RuleAction::AddTag {
            tag_id: tag_id("种子用户"),
        },
    };
    rules::create(&mut conn, &input, "王芳").unwrap();
}

#[tokio::test]
async fn a_tag_given_on_one_laptop_reaches_a_colleague_through_the_shared_folder() {
    let (shared, owner, colleague) = (tempdir(), tempdir(), tempdir());
    owner_and_colleague(shared.path(), owner.path(), colleague.path());
    let (id, phone, uid): (i64, String, String) = demo_db(owner.path())
        .query_row(
            &format!(
                "SELECT id, phone, uid FROM customers WHERE phone IS NOT NULL AND id NOT IN
                   (SELECT a.customer_id FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
                    WHERE t.name = '{TAG}') ORDER BY id LIMIT 1"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();

    let app = App::start(owner.path()).await;
    app.open_profile(id, &phone).await;
    open_picker(&app, "profile-add-tag").await;
    pick_tag(&app, TAG).await;
    confirm_pick(&app).await;
    app.find_css(&format!("[data-testid='profile-tag'][data-name='{TAG}']"))
        .await;
    app.close_profile().await;
    // 同步 by hand; the automatic exchange (a few seconds after start) may have sent it first.
    app.exchange_by_hand().await;
    app.find("team-exchange-result").await;
    let sent = app
        .eventually("the tagging to be written to the folder", || async {
            let n = count(&demo_db(owner.path()), "SELECT count(*) FROM team_outbox");
            (n > 0).then_some(n)
        })
        .await;
    assert!(sent > 0);
    app.client.set_window_size(1024, 700).await.expect("resize");
    app.screenshot_named("team.png").await;
    app.stop().await;

    let app = App::start(colleague.path()).await;
    app.exchange_by_hand().await;
    app.find("team-exchange-result").await;
    let held = app
        .eventually("the tag on the colleague's laptop", || async {
            let n = count(
                &demo_db(colleague.path()),
                &format!(
                    "SELECT count(*) FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
                     JOIN customers c ON c.id = a.customer_id
                     WHERE t.name = '{TAG}' AND c.uid = '{uid}'"
                ),
            );
            (n > 0).then_some(n)
        })
        .await;
    assert_eq!(
        held, 1,
        "the colleague's laptop has the tag on the same customer"
    );
    // The Team page names the device it came from, with its person. Read as the page's text:
    // WebDriver's element text leaves out table cells drawn with an ellipsis.
    let devices = app
        .eventually("the device row naming 王芳", || async {
            let row = app
                .client
                .find(Locator::Css("[data-testid='team-device-row']"))
                .await
                .ok()?;
            let text = row.prop("innerText").await.ok()??;
            text.contains("王芳").then_some(text)
        })
        .await;
    assert!(devices.contains("王芳"), "{devices}");
    // The owner's rule came with the exchange and is listed on the Rules page.
    app.press_id("nav-rules").await;
    app.find_css(&format!("[data-testid='rule-row'][data-name='{RULE}']"))
        .await;
    app.stop().await;
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}
