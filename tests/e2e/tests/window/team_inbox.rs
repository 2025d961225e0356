//! Issue 18 in the real window: two laptops of one team give the same customer different tags of
//! one single-select group before either has heard of the other's. The exchange keeps the later
//! tag and puts the case in the conflict inbox (冲突收件箱) of the laptop that hears of the
//! earlier one; there the user takes the other tag, and that choice reaches the first laptop.
//! The team is started and joined through the core, as in team.rs.

use crate::team_setup::{owner_and_colleague, COLLEAGUE_DEVICE};
use fantoccini::Locator;
use rusqlite::{params, Connection};
use std::path::Path;
use tagdesk_e2e::picker::{confirm_pick, open_picker, pick_tag};
use tagdesk_e2e::{demo_db, App};

/// A single-select group of the demo tree, and two of its tags.
const GROUP: &str = "客户等级";
/// Given first, on the owner's laptop: the exchange drops it, the inbox offers it back.
const EARLIER: &str = "金卡";
/// Given later, on the colleague's laptop: the tag the exchange keeps.
const LATER: &str = "VIP";

#[tokio::test]
async fn a_single_select_conflict_shows_in_the_inbox_and_taking_the_other_tag_reaches_the_team() {
    let (shared, owner, colleague) = (tempdir(), tempdir(), tempdir());
    owner_and_colleague(shared.path(), owner.path(), colleague.path());
    let (uid, name) = customer_without_group(&demo_db(owner.path()));

    // Each laptop tags the customer without exchanging afterwards: neither hears of the other's.
    give_without_exchanging(owner.path(), &uid, EARLIER).await;
    give_without_exchanging(colleague.path(), &uid, LATER).await;

    // The owner's 同步 writes the earlier tag to the folder.
    let app = App::start(owner.path()).await;
    exchange_by_hand(&app).await;
    app.eventually("the owner's tag written to the folder", || async {
        written(&demo_db(owner.path()), &uid, EARLIER).then_some(())
    })
    .await;
    app.stop().await;

    // The colleague's 同步 hears of it: the later tag stays, the case goes to the inbox.
    let app = App::start(colleague.path()).await;
    exchange_by_hand(&app).await;
    let item = "[data-testid='team-inbox-item']";
    let sentence = app
        .eventually("the case in the conflict inbox", || async {
            let el = app.client.find(Locator::Css(item)).await.ok()?;
            let text = el.prop("innerText").await.ok()??;
            text.contains(&name).then_some(text)
        })
        .await;
    for word in [GROUP, EARLIER, LATER, "王芳"] {
        assert!(sentence.contains(word), "the case names {word}: {sentence}");
    }
    assert_eq!(
        app.find_all("team-inbox-item").await.len(),
        1,
        "one case for one customer"
    );
    assert_eq!(
        group_tags(&demo_db(colleague.path()), &uid),
        [LATER],
        "the exchange kept the tag given later"
    );
    app.client.set_window_size(1024, 700).await.expect("resize");
    // The inbox is below the exchange and pack cards: show it as a user scrolling down would.
    app.client
        .execute(
            "document.querySelector(\"[data-testid='team-inbox']\")
                 .scrollIntoView({ block: 'center' });",
            vec![],
        )
        .await
        .expect("scroll to the inbox");
    app.settled().await;
    app.screenshot_named("team-inbox.png").await;

    // Taking the other tag there: the customer holds it, and the case is gone.
    app.press_id("team-inbox-use-other").await;
    app.find("team-inbox-none").await;
    assert_eq!(
        group_tags(&demo_db(colleague.path()), &uid),
        [EARLIER],
        "the customer holds the tag the inbox offered, and only it"
    );
    let open = tagdesk_e2e::count(
        &demo_db(colleague.path()),
        "SELECT count(*) FROM team_inbox WHERE resolved_at IS NULL",
    );
    assert_eq!(open, 0, "no open case is left");

    // The colleague's next 同步 carries the choice to the folder.
    exchange_by_hand(&app).await;
    app.eventually("the choice written to the folder", || async {
        written(&demo_db(colleague.path()), &uid, EARLIER).then_some(())
    })
    .await;
    let colleague_wrote: i64 = demo_db(colleague.path())
        .query_row("SELECT written_seq FROM team WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    app.stop().await;

    // The owner's 同步 brings both the colleague's tag and the choice: the choice, later,
    // stands, so both laptops end with the same one tag of the group.
    let app = App::start(owner.path()).await;
    exchange_by_hand(&app).await;
    app.eventually(
        "everything the colleague wrote applied on the owner's laptop",
        || async {
            let applied: i64 = demo_db(owner.path())
                .query_row(
                    "SELECT applied_seq FROM team_devices WHERE name = ?1",
                    [COLLEAGUE_DEVICE],
                    |r| r.get(0),
                )
                .ok()?;
            (applied >= colleague_wrote).then_some(())
        },
    )
    .await;
    app.stop().await;
    assert_eq!(
        group_tags(&demo_db(owner.path()), &uid),
        [EARLIER],
        "the owner's laptop holds the tag chosen in the colleague's inbox"
    );
    // The colleague's choice answered the case the owner's laptop opened on receiving the
    // later tag: nothing is left to decide there.
    let open: i64 = demo_db(owner.path())
        .query_row(
            "SELECT count(*) FROM team_inbox WHERE resolved_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(open, 0, "no case left open on the owner's laptop");
}

/// A customer with a phone (to find them by) and no tag of [`GROUP`]: (uid, name).
fn customer_without_group(conn: &Connection) -> (String, String) {
    conn.query_row(
        "SELECT uid, name FROM customers WHERE phone IS NOT NULL AND deleted_at IS NULL
           AND id NOT IN (SELECT a.customer_id FROM assignments a
                          JOIN tag_nodes t ON t.id = a.tag_id
                          JOIN tag_nodes g ON g.id = t.parent_id WHERE g.name = ?1)
         ORDER BY id LIMIT 1",
        [GROUP],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("a demo customer without a tag of the group")
}

/// Gives the customer `tag` in the profile's tag picker on the laptop whose data folder is
/// `dir`, after the app's first automatic exchange, so that the tag stays on this laptop until
/// the next exchange (the next automatic one is minutes away).
async fn give_without_exchanging(dir: &Path, uid: &str, tag: &str) {
    let (id, phone): (i64, String) = demo_db(dir)
        .query_row(
            "SELECT id, phone FROM customers WHERE uid = ?1",
            [uid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let app = App::start(dir).await;
    app.eventually("the first automatic exchange", || async {
        let at: Option<i64> = demo_db(dir)
            .query_row("SELECT last_exchange_at FROM team WHERE id = 1", [], |r| {
                r.get(0)
            })
            .ok()?;
        at.map(drop)
    })
    .await;
    app.open_profile(id, &phone).await;
    open_picker(&app, "profile-add-tag").await;
    pick_tag(&app, tag).await;
    confirm_pick(&app).await;
    app.find_css(&format!("[data-testid='profile-tag'][data-name='{tag}']"))
        .await;
    app.stop().await;
    let conn = demo_db(dir);
    assert_eq!(group_tags(&conn, uid), [tag], "{tag} given");
    assert!(!written(&conn, uid, tag), "{tag} not yet in the folder");
}

/// Presses 同步 on the Team page and waits for its answer (an automatic exchange may run too).
async fn exchange_by_hand(app: &App) {
    app.exchange_by_hand().await;
    app.find("team-exchange-result").await;
}

/// The names of the tags of [`GROUP`] the customer holds.
fn group_tags(conn: &Connection, uid: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT t.name FROM assignments a JOIN customers c ON c.id = a.customer_id
             JOIN tag_nodes t ON t.id = a.tag_id JOIN tag_nodes g ON g.id = t.parent_id
             WHERE c.uid = ?1 AND g.name = ?2 ORDER BY t.name",
        )
        .unwrap();
    stmt.query_map(params![uid, GROUP], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Whether this laptop's latest operation giving the customer `tag` is in the team folder.
fn written(conn: &Connection, uid: &str, tag: &str) -> bool {
    conn.query_row(
        "SELECT count(*) FROM team_outbox x JOIN team ON team.id = 1
         WHERE x.seq <= team.written_seq AND x.operation_id = (
             SELECT max(b.operation_id) FROM tag_batches b
             JOIN tag_batch_members m ON m.batch_id = b.id
             JOIN tag_nodes t ON t.id = m.tag_id JOIN customers c ON c.id = m.customer_id
             WHERE c.uid = ?1 AND t.name = ?2 AND m.action = 'add')",
        params![uid, tag],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        > 0
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}
