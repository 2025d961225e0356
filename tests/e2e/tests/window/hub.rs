//! Issue 20 in the real window: two laptops of one team on a team hub (a PostgreSQL 15 server
//! the test starts in a folder of its own), both windows open at the same time (two tauri-driver
//! sessions, each with its own ports and WebKitWebDriver). On the owner's window a tag is given
//! by hand, and nothing else is pressed on either window: the owner's window sends the change at
//! once (useHubSendSoon), and the colleague's window, with its customer's profile open, shows the
//! tag: its live loop (useHubLive) hears the hub's notice and exchanges. Both Team pages show the hub card and its two members. Then the owner makes a
//! group 市场部's business line on the Team page, and it leaves the colleague's laptop (of no
//! department) at their next exchange. The team is put on the hub and joined through the core
//! (the Team page's connect card is covered by its component tests).

use fantoccini::Locator;
use std::path::Path;
use std::time::Instant;
use tagdesk_core::demo::{self, DemoSpec};
use tagdesk_core::hub::local_server::LocalServer;
use tagdesk_core::hub::members::{self, NewHubMember};
use tagdesk_core::hub::{self, HubAddress, HubRole};
use tagdesk_core::{clock, db};
use tagdesk_e2e::picker::{confirm_pick, open_picker, pick_tag, present};
use tagdesk_e2e::{bounded, demo_db, App};
use tempfile::TempDir;

const TAG: &str = "预算充足";
const OWNER: &str = "王芳";
const COLLEAGUE: &str = "李雷";

/// A running hub server. Declared before its folder so that it stops (LocalServer's drop runs
/// `pg_ctl stop`) before the folder is removed, on a failing test too.
struct Hub {
    server: LocalServer,
    _dir: TempDir,
}

impl Hub {
    fn start() -> Hub {
        let dir = tempfile::tempdir().expect("temp dir");
        let server = LocalServer::start(dir.path())
            .expect("a PostgreSQL 15 server starts (scripts/setup.sh --e2e installs it)");
        Hub { server, _dir: dir }
    }
}

/// The owner's demo database put on the hub as team 销售部 by 王芳, who adds 李雷 as an editor;
/// 李雷's laptop joins from the hub.
fn owner_and_colleague(hub: &Hub, owner: &Path, colleague: &Path) {
    let address = hub
        .server
        .make_team_database("team", "wangfang", "wangfang-secret")
        .unwrap();
    let mut conn = db::create(&owner.join("demo.sqlite")).unwrap();
    let spec = DemoSpec {
        customers: 300,
        ..DemoSpec::small()
    };
    demo::generate(&mut conn, &spec).unwrap();
    hub::start(&mut conn, &address, "销售部", OWNER, clock::now()).unwrap();
    members::add(
        &conn,
        &NewHubMember {
            login: "lilei".into(),
            password: "lilei-secret".into(),
            person: COLLEAGUE.into(),
            role: HubRole::Editor,
            department: None,
        },
    )
    .unwrap();
    drop(conn);
    let colleague_address = HubAddress {
        login: "lilei".into(),
        password: "lilei-secret".into(),
        ..address
    };
    hub::join(
        &colleague_address,
        &colleague.join("demo.sqlite"),
        "李雷的笔记本",
        clock::now(),
    )
    .unwrap();
}

/// A customer with a phone who does not hold the tag yet (giving a held tag pushes nothing):
/// (id, phone, uid) in the owner's database.
fn untagged_customer(owner: &Path) -> (i64, String, String) {
    demo_db(owner)
        .query_row(
            "SELECT id, phone, uid FROM customers WHERE phone IS NOT NULL AND id NOT IN
               (SELECT a.customer_id FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
                WHERE t.name = ?1) ORDER BY id LIMIT 1",
            [TAG],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

#[tokio::test]
async fn a_tag_given_in_one_window_shows_in_a_colleagues_window_through_the_hub() {
    // The hub's client is blocking (it runs its own runtime): set up off the test's runtime.
    let (hub, owner, colleague) = tokio::task::spawn_blocking(|| {
        let hub = Hub::start();
        let (owner, colleague) = (tempdir(), tempdir());
        owner_and_colleague(&hub, owner.path(), colleague.path());
        (hub, owner, colleague)
    })
    .await
    .expect("the team on the hub");
    let (id, phone, uid) = untagged_customer(owner.path());
    let colleague_id: i64 = demo_db(colleague.path())
        .query_row("SELECT id FROM customers WHERE uid = ?1", [&uid], |r| {
            r.get(0)
        })
        .unwrap();

    let joined_at = last_exchange_at(colleague.path());
    let (owner_app, colleague_app) =
        tokio::join!(App::start(owner.path()), App::start(colleague.path()));
    // A WebDriver call the window never answers would wait without end: bound the whole body.
    // On failure or time-out the apps are killed as they drop, then the server stops.
    bounded(&[&owner_app, &colleague_app], async {
        colleague_app.open_profile(colleague_id, &phone).await;
        assert!(!holds_tag(&colleague_app).await, "not tagged yet");
        // The colleague's window exchanges once a few seconds after it opens: let that pass
        // first, so that what brings the tag can only be the live loop.
        colleague_app
            .eventually("the colleague's exchange at start", || async {
                (last_exchange_at(colleague.path()) > joined_at).then_some(())
            })
            .await;
        shows_hub_and_members(&owner_app).await;
        give_tag(&owner_app, id, &phone).await;
        // Nothing more is pressed on either window: the colleague's open profile shows the tag.
        let given = Instant::now();
        colleague_app
            .eventually("the tag in the colleague's open profile", || async {
                holds_tag(&colleague_app).await.then_some(())
            })
            .await;
        eprintln!(
            "the tag showed on the colleague's window {:?} after the owner's window showed it",
            given.elapsed()
        );
        colleague_app.close_profile().await;
        shows_hub_and_members(&colleague_app).await;
        owners_cards_at_1024(&owner_app).await;
        a_private_group_leaves_the_colleagues_laptop(&owner_app, &colleague_app, colleague.path())
            .await;
    })
    .await;
    let held: i64 = demo_db(colleague.path())
        .query_row(
            "SELECT count(*) FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
             JOIN customers c ON c.id = a.customer_id WHERE t.name = ?1 AND c.uid = ?2",
            [TAG, &uid],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(held, 1, "the colleague's database holds the tag too");
    tokio::join!(owner_app.stop(), colleague_app.stop());
    drop(hub);
}

/// On the owner's window: gives the customer the tag in their profile (the window sends it to
/// the hub by itself).
async fn give_tag(app: &App, id: i64, phone: &str) {
    app.open_profile(id, phone).await;
    open_picker(app, "profile-add-tag").await;
    pick_tag(app, TAG).await;
    confirm_pick(app).await;
    app.eventually("the tag in the owner's profile", || async {
        holds_tag(app).await.then_some(())
    })
    .await;
}

/// The text of each element with `test_id`, read as the page renders it (WebDriver's element
/// text leaves out cells drawn with an ellipsis); None while one cannot be read.
async fn rows_text(app: &App, test_id: &str) -> Option<Vec<String>> {
    let rows = app
        .client
        .find_all(Locator::Css(&format!("[data-testid='{test_id}']")))
        .await
        .ok()?;
    let mut texts = Vec::new();
    for row in rows {
        texts.push(row.prop("innerText").await.ok()??);
    }
    Some(texts)
}

/// The Team page shows the hub card and both members.
async fn shows_hub_and_members(app: &App) {
    app.press_id("nav-team").await;
    app.find("hub-status-card").await;
    let rows = app
        .eventually("both members in the hub's member list", || async {
            let text = rows_text(app, "hub-member-row").await?.join("\n");
            (text.contains(OWNER) && text.contains(COLLEAGUE)).then_some(text)
        })
        .await;
    assert!(rows.contains("lilei"), "{rows}");
}

/// The owner's Team page at 1024×700: the group owners' card with its give form and the audit
/// trail with its export, saved as screenshots to look at (TAGDESK_SCREENSHOT_DIR).
async fn owners_cards_at_1024(app: &App) {
    app.client
        .set_window_size(1024, 700)
        .await
        .expect("resize the window");
    // The owner's window still shows the profile the tag was given in.
    app.close_profile().await;
    app.press_id("nav-team").await;
    for (card, shot) in [
        ("hub-group-owners", "hub-1024-group-owners.png"),
        ("hub-audit", "hub-1024-audit.png"),
    ] {
        app.find(card).await;
        app.client
            .execute(
                &format!(
                    "document.querySelector(\"[data-testid='{card}']\").scrollIntoView({{block: 'start'}})"
                ),
                vec![],
            )
            .await
            .expect("scroll to the card");
        app.screenshot_named(shot).await;
    }
    app.find("hub-give-group").await;
    app.find("hub-audit-export").await;
}

/// The owner makes a group of the tree 市场部's business line in the window (picked by name,
/// "only this department sees it" ticked); the colleague, of no department, presses 同步 and
/// the group leaves their laptop: gone from their Tags page and from their database. Opened to
/// the company again, it comes back when the colleague downloads the team's data again.
async fn a_private_group_leaves_the_colleagues_laptop(owner: &App, colleague: &App, dir: &Path) {
    let group = a_group_with_tags(dir);
    let shown = format!("[data-testid='tag-node'][data-name='{group}']");
    colleague.press_id("nav-tags").await;
    colleague.find_css(&shown).await;

    owner.press_id("nav-team").await;
    owner.press("[data-testid='hub-give-group'] input").await;
    owner
        .find_css("[data-testid='hub-give-group'] input")
        .await
        .send_keys(&format!("{group}\u{E007}"))
        .await
        .expect("choose the group");
    owner
        .find_css("[data-testid='hub-give-department'] input")
        .await
        .send_keys("市场部")
        .await
        .expect("type the department");
    owner.press_id("hub-give-private").await;
    owner.press_id("hub-give-ok").await;
    owner
        .eventually("the group shown as 市场部's only", || async {
            let rows = rows_text(owner, "hub-group-owner-row").await?;
            rows.iter()
                .any(|t| t.contains(&group) && t.contains("仅 市场部"))
                .then_some(())
        })
        .await;
    owner.screenshot_named("hub-1024-private-group.png").await;

    colleague.exchange_by_hand().await;
    colleague
        .eventually("the group gone from the colleague's database", || async {
            (!has_node(dir, &group)).then_some(())
        })
        .await;
    colleague.press_id("nav-tags").await;
    colleague.find("tag-tree").await;
    colleague
        .eventually("the group gone from the colleague's Tags page", || async {
            (!present(colleague, &shown).await).then_some(())
        })
        .await;

    // Opened to the company again: the colleague's Team page says a removed group may be had
    // back, and one press (confirmed) downloads the team's data again with its earlier tags.
    owner.press_id("hub-group-owner-visibility-toggle").await;
    owner.press_id("hub-group-owner-visibility-confirm").await;
    owner
        .eventually("the group shown as the whole company's", || async {
            let row = owner
                .client
                .find(Locator::Css("[data-testid='hub-group-owner-visibility']"))
                .await
                .ok()?;
            let text = row.prop("innerText").await.ok()??;
            text.contains("全公司可见").then_some(())
        })
        .await;
    colleague.exchange_by_hand().await;
    colleague.find("hub-regained").await;
    colleague.screenshot_named("hub-1024-regained.png").await;
    colleague.press_id("hub-join-again").await;
    colleague.press_id("hub-join-again-confirm").await;
    colleague.press_id("nav-tags").await;
    colleague
        .eventually("the group back on the colleague's Tags page", || async {
            present(colleague, &shown).await.then_some(())
        })
        .await;
}

/// A group with tags, shown on the Tags page with the tree as it opens (its parent, if any, a
/// root category), whose name no other node has.
fn a_group_with_tags(dir: &Path) -> String {
    demo_db(dir)
        .query_row(
            "SELECT g.name FROM tag_nodes g LEFT JOIN tag_nodes p ON p.id = g.parent_id
             WHERE g.kind = 'group' AND g.deleted_at IS NULL
               AND (p.id IS NULL OR p.parent_id IS NULL)
               AND EXISTS (SELECT 1 FROM tag_nodes t WHERE t.parent_id = g.id)
               AND (SELECT count(*) FROM tag_nodes o WHERE o.name = g.name) = 1
             ORDER BY g.id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("the demo tree has a group with tags")
}

fn has_node(dir: &Path, name: &str) -> bool {
    demo_db(dir)
        .query_row(
            "SELECT count(*) FROM tag_nodes WHERE name = ?1",
            [name],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
        > 0
}

/// When the copy in `dir` last exchanged with the hub (seconds).
fn last_exchange_at(dir: &Path) -> i64 {
    demo_db(dir)
        .query_row(
            "SELECT last_exchange_at FROM team_hub WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

async fn holds_tag(app: &App) -> bool {
    present(
        app,
        &format!("[data-testid='profile-tag'][data-name='{TAG}']"),
    )
    .await
}

fn tempdir() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}
