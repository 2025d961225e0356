//! Loading is not emptiness, in the real window: while a database's segment index is still
//! being built no page says there is nothing (no segments, no members, nobody matches, no
//! customers), and after switching to another file no page shows the previous file's data.
//!
//! Every page's "nothing here" element is watched from the moment the test starts looking, by a
//! MutationObserver in the window, so a state that flashes between two polls is caught too.

use fantoccini::Locator;
use tagdesk_e2e::{with_app, App};

/// The "nothing here" elements a page may show only once it knows.
const EMPTY_STATES: [&str; 5] = [
    "segments-empty",
    "members-empty",
    "segment-nobody",
    "dashboard-empty",
    "customers-empty",
];

/// Records in `window.__seen` every watched test id that is ever in the page, and in
/// `window.__rows` the name of every customer row shown, from now on.
const WATCH: &str = "const ids = arguments[0];
    window.__seen = [];
    window.__rows = [];
    const look = () => {
      for (const id of ids) {
        if (!window.__seen.includes(id) && document.querySelector(`[data-testid='${id}']`)) window.__seen.push(id);
      }
      for (const row of document.querySelectorAll(\"[data-testid='row-open']\")) {
        if (!window.__rows.includes(row.title)) window.__rows.push(row.title);
      }
    };
    look();
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });";

async fn watch(app: &App) {
    let ids = serde_json::json!(EMPTY_STATES);
    app.client
        .execute(WATCH, vec![ids])
        .await
        .expect("the watcher is installed");
}

async fn seen(app: &App, what: &str) -> Vec<String> {
    let value = app
        .client
        .execute(&format!("return window.{what};"), vec![])
        .await
        .expect("the watcher answers");
    serde_json::from_value(value).expect("a list of strings")
}

async fn present(app: &App, css: &str) -> bool {
    app.client.find(Locator::Css(css)).await.is_ok()
}

#[tokio::test]
async fn while_the_segment_index_builds_pages_say_loading_and_never_that_there_is_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let gate = dir.path().join("index-gate");
    std::fs::write(&gate, "the segment index waits while this file exists").unwrap();
    let app = App::start_with_env(dir.path(), &[("TAGDESK_TEST_INDEX_GATE", &gate)]).await;
    app.find("nav-segments").await;
    watch(&app).await;

    // The saved segments list without waiting for the index; the boards say they are counting.
    app.press_id("nav-segments").await;
    app.find_css("[data-testid^='segment-item-']").await;
    assert!(
        present(&app, "[data-testid='dashboard-loading']").await,
        "the pinned boards say they are counting while the index builds"
    );
    app.screenshot_named("loading-segments.png").await;

    // A saved segment's members, and the builder's live count, say they are counting.
    app.press("[data-testid^='segment-item-'] .segment-item-open")
        .await;
    app.find("segment-detail").await;
    app.find("members-loading").await;
    app.press_id("segment-new").await;
    app.find("segment-sample-loading").await;

    std::fs::remove_file(&gate).unwrap();
    app.find("live-sample-row").await;
    app.press_id("nav-segments").await;
    app.find_css("[data-testid^='pinned-card-']").await;
    app.press("[data-testid^='segment-item-'] .segment-item-open")
        .await;
    app.find("member-row").await;
    app.press_id("nav-customers").await;
    app.find("customer-row").await;

    assert_eq!(
        seen(&app, "__seen").await,
        Vec::<String>::new(),
        "no page said there was nothing while it was still loading"
    );
    app.stop().await;
}

#[tokio::test]
async fn after_switching_files_no_page_shows_the_previous_files_data() {
    with_app(|app, _dir| async move {
        app.press_id("nav-customers").await;
        app.find("customer-row").await;
        let demo_names = app
            .eventually("the demo's customers to be listed", || async {
                let names = visible_names(&app).await;
                (!names.is_empty()).then_some(names)
            })
            .await;
        app.press_id("nav-segments").await;
        app.find_css("[data-testid^='segment-item-']").await;

        app.press_id("nav-settings").await;
        let old_file = open_file(&app, None).await;
        app.press_id("settings-create-new").await;
        open_file(&app, Some(&old_file)).await;
        watch(&app).await;

        app.press_id("nav-customers").await;
        app.find("customers-empty").await;
        app.press_id("nav-segments").await;
        app.find("segments-empty").await;
        assert!(
            !present(&app, "[data-testid^='segment-item-']").await,
            "the new file has no saved segments"
        );
        let shown = seen(&app, "__rows").await;
        assert!(
            shown.iter().all(|name| !demo_names.contains(name)),
            "after the switch the list showed the previous file's customers: {shown:?}"
        );
    })
    .await;
}

/// The open file's name in the header, once it is there and not `other`. (Read as the
/// element's text content: WebKit's WebDriver answers "" for the ellipsis-clipped header.)
async fn open_file(app: &App, other: Option<&str>) -> String {
    app.eventually("the header to name the open file", || async {
        let name = app
            .client
            .execute(
                "const el = document.querySelector(\"[data-testid='db-name']\"); return el ? el.textContent : '';",
                vec![],
            )
            .await
            .ok()?;
        let name = name.as_str()?.to_string();
        (!name.is_empty() && Some(name.as_str()) != other).then_some(name)
    })
    .await
}

/// The names of the customer rows on screen.
async fn visible_names(app: &App) -> Vec<String> {
    let rows = app
        .client
        .find_all(Locator::Css("[data-testid='row-open']"))
        .await
        .unwrap_or_default();
    let mut names = Vec::new();
    for row in rows {
        if let Ok(Some(name)) = row.attr("title").await {
            names.push(name);
        }
    }
    names
}
