//! Keyboard and desktop habits in the real window (issue 16): Ctrl+K's palette opens a customer
//! and a page, "/" focuses the customer search, right-clicks tag a customer and rename a tag, and
//! the window's own title (read from the X server, not the page) names the open file.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Locator;
use std::process::Command;
use std::time::Duration;
use tagdesk_e2e::picker::{confirm_pick, pick_tag, present};
use tagdesk_e2e::{count, demo_db, with_app, App, Element};

/// Presses `key` with Ctrl held, as real key events (not a script's synthetic ones).
async fn ctrl(app: &App, key: char) {
    let chord = KeyActions::new("keyboard".into())
        .then(KeyAction::Down {
            value: Key::Control.into(),
        })
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key })
        .then(KeyAction::Up {
            value: Key::Control.into(),
        });
    app.client.perform_actions(chord).await.expect("key chord");
}

/// Presses one key, as a real key event, wherever the focus is.
async fn press(app: &App, key: char) {
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    app.client.perform_actions(keys).await.expect("key press");
}

/// Right-clicks `el`: a `contextmenu` event at its centre, as the page receives from a right
/// button. WebKitWebDriver's pointer actions press the left button whatever button they name
/// (tried: the row's profile opened), so the event is dispatched from a script.
async fn right_click(app: &App, el: &Element) {
    let script = "const el = arguments[0]; const r = el.getBoundingClientRect();
        el.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, view: window,
          button: 2, buttons: 2, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 }));";
    let target = serde_json::to_value(el).expect("an element reference");
    app.client
        .execute(script, vec![target])
        .await
        .expect("right click");
}

/// Clicks the item `test_id` of the menu a right-click opened until `opens` (CSS) is on screen:
/// a click while the menu still slides in is lost.
async fn choose_from_menu(app: &App, test_id: &str, opens: &str) {
    app.find(test_id).await;
    let item = format!("[data-testid='{test_id}']");
    app.click_until_done(
        &format!("{test_id} to open {opens}"),
        &item,
        Duration::from_millis(400),
        || async { present(app, opens).await },
    )
    .await;
}

/// Opens the palette with Ctrl+K and types `text` into it.
async fn palette(app: &App, text: &str) {
    app.find("app-shell").await;
    ctrl(app, 'k').await;
    let input = app.find("palette-input").await;
    input.send_keys(text).await.expect("type into the palette");
}

/// Waits until the palette's answer is in and `key` is the highlighted item, then presses Enter.
async fn enter_on(app: &App, key: &str) {
    let chosen = format!("[data-testid='palette-item'][data-key='{key}'][aria-selected='true']");
    app.eventually(&format!("{key} highlighted in the palette"), || async {
        let loading = present(app, "[data-testid='palette-loading']").await;
        (!loading && present(app, &chosen).await).then_some(())
    })
    .await;
    app.find("palette-input")
        .await
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("Enter");
}

/// A customer whose name no other customer's name contains, so a search for it lists it first.
fn unique_customer(dir: &std::path::Path) -> (i64, String) {
    demo_db(dir)
        .query_row(
            "SELECT c.id, c.name FROM customers c WHERE c.deleted_at IS NULL
               AND (SELECT count(*) FROM customers d WHERE instr(d.name, c.name) > 0) = 1
             ORDER BY c.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a customer with a name of their own")
}

#[tokio::test]
async fn ctrl_k_then_a_customers_name_and_enter_opens_that_customers_profile() {
    with_app(|app, dir| async move {
        let (id, name) = unique_customer(&dir);
        palette(&app, &name).await;
        enter_on(&app, &format!("customer-{id}")).await;
        app.find_css(&format!("[data-testid='customer-profile'][data-id='{id}']"))
            .await;
        app.eventually("the palette to close", || async {
            (!present(&app, "[data-testid='palette']").await).then_some(())
        })
        .await;
        app.screenshot_named("palette-customer.png").await;
    })
    .await;
}

#[tokio::test]
async fn ctrl_k_then_a_pages_name_goes_to_that_page() {
    with_app(|app, _dir| async move {
        palette(&app, "操作记录").await;
        enter_on(&app, "page-history").await;
        app.text_until("page-title", |t| t.contains("操作记录"))
            .await;
        app.find("history-list").await;
    })
    .await;
}

#[tokio::test]
async fn slash_outside_a_field_focuses_the_customer_search() {
    with_app(|app, _dir| async move {
        app.find("customer-row").await;
        app.press_id("page-title").await;
        press(&app, '/').await;
        app.eventually("the customer search to have the focus", || async {
            let focused = app.client.active_element().await.ok()?;
            let id = focused.attr("data-testid").await.ok()??;
            (id == "customer-search").then_some(())
        })
        .await;
        // The key that moved the focus typed nothing into the box.
        let value = app.find("customer-search").await.prop("value").await;
        assert_eq!(value.ok().flatten().as_deref(), Some(""));
    })
    .await;
}

#[tokio::test]
async fn right_clicking_a_customer_row_and_choosing_tag_tags_that_customer() {
    with_app(|app, dir| async move {
        let row = app.find("customer-row").await;
        let id: i64 = row
            .attr("data-id")
            .await
            .ok()
            .flatten()
            .and_then(|v| v.parse().ok())
            .expect("the row's customer id");
        let tag: String = demo_db(&dir)
            .query_row(
                "SELECT n.name FROM tag_nodes n JOIN tag_nodes g ON g.id = n.parent_id
                 WHERE n.kind = 'tag' AND n.origin = 'manual' AND n.archived_at IS NULL
                   AND g.select_mode = 'multi'
                   AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.tag_id = n.id AND a.customer_id = ?1)
                 ORDER BY n.id LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .expect("a tag the customer lacks");
        let holders = format!(
            "SELECT count(*) FROM assignments a JOIN tag_nodes n ON n.id = a.tag_id WHERE n.name = '{tag}'"
        );
        let before = count(&demo_db(&dir), &holders);
        let name_cell = row
            .find(Locator::Css("[data-testid='row-open']"))
            .await
            .expect("the row's name");
        right_click(&app, &name_cell).await;
        choose_from_menu(&app, "menu-row-tag", "[data-testid='tag-picker-search']").await;
        app.find("tag-picker-search").await;
        app.settled().await;
        pick_tag(&app, &tag).await;
        confirm_pick(&app).await;
        app.find("bulk-result").await;
        let carries = format!(
            "SELECT count(*) FROM assignments a JOIN tag_nodes n ON n.id = a.tag_id
             WHERE a.customer_id = {id} AND n.name = '{tag}'"
        );
        assert_eq!(count(&demo_db(&dir), &carries), 1, "{tag} given to customer {id}");
        assert_eq!(
            count(&demo_db(&dir), &holders),
            before + 1,
            "no one else was tagged"
        );
    })
    .await;
}

#[tokio::test]
async fn right_clicking_a_tag_in_the_tree_and_choosing_rename_renames_it() {
    with_app(|app, dir| async move {
        app.press_id("nav-tags").await;
        app.find("tag-tree").await;
        let (id, name): (i64, String) = demo_db(&dir)
            .query_row(
                "SELECT id, name FROM tag_nodes WHERE kind = 'tag' AND origin = 'manual' AND archived_at IS NULL
                 ORDER BY id LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("a manual tag");
        let renamed = format!("{name}改");
        let node = app
            .find_css(&format!("[data-testid='tag-node'][data-name='{name}']"))
            .await;
        right_click(&app, &node).await;
        choose_from_menu(&app, "menu-tag-rename", "[data-testid='node-name-input']").await;
        let input = app.find("node-name-input").await;
        app.settled().await;
        // The dialog starts from the old name; typing adds to its end.
        input.send_keys("改").await.expect("type the new name");
        app.press_id("modal-ok").await;
        app.find_css(&format!("[data-testid='tag-node'][data-name='{renamed}']"))
            .await;
        let stored: String = demo_db(&dir)
            .query_row("SELECT name FROM tag_nodes WHERE id = ?1", [id], |r| r.get(0))
            .expect("the tag");
        assert_eq!(stored, renamed);
    })
    .await;
}

/// The titles (_NET_WM_NAME, UTF-8) of the X windows on the test's display, as a window manager sees them.
fn window_titles() -> Vec<String> {
    let tree = Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output()
        .expect("xwininfo runs (x11-utils)");
    let tree = String::from_utf8_lossy(&tree.stdout).to_string();
    // Every window of this test's display (its own Xvfb): only the app's carry a title.
    tree.lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|id| id.starts_with("0x"))
        .map(str::to_owned)
        .filter_map(|id| {
            let out = Command::new("xprop")
                .args(["-id", &id, "-notype", "_NET_WM_NAME"])
                .env("LC_ALL", "C.UTF-8")
                .output()
                .ok()?;
            let text = String::from_utf8_lossy(&out.stdout).to_string();
            let title = text
                .split_once(" = ")?
                .1
                .trim()
                .trim_matches('"')
                .to_owned();
            Some(title)
        })
        .collect()
}

#[tokio::test]
async fn the_window_title_names_the_open_file_in_either_language() {
    with_app(|app, _dir| async move {
        app.find("app-shell").await;
        let titled = app
            .eventually("the window title to name demo.sqlite", || async {
                window_titles()
                    .into_iter()
                    .find(|t| t.starts_with("TagDesk") && t.contains("demo.sqlite"))
            })
            .await;
        assert!(
            !titled.contains("客户标签管理"),
            "the file replaced the generic title: {titled}"
        );
        app.press_id("lang-en").await;
        app.text_until("nav-customers", |t| t == "Customers").await;
        app.eventually("the title after switching to English", || async {
            let titles = window_titles();
            titles
                .iter()
                .any(|t| t.starts_with("TagDesk") && t.contains("demo.sqlite"))
                .then_some(())
        })
        .await;
        let page_title = app.client.title().await.expect("document title");
        assert!(
            page_title.contains("demo.sqlite"),
            "the page's title agrees: {page_title}"
        );
    })
    .await;
}
