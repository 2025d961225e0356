//! The window while a long import runs: its progress advances, other commands answer at once
//! (they do not queue behind the import), and cancel stops it with nothing kept.

use fantoccini::Locator;
use tagdesk_e2e::{count, demo_db, number_attr, App};

/// How many customers a search for a demo surname finds, asked through IPC as a page would.
/// Answers `[total, milliseconds]`.
const SEARCH: &str = "const done = arguments[arguments.length - 1];
    const started = performance.now();
    window.__TAURI_INTERNALS__
      .invoke('customers_list', { query: { search: '张', tag_ids: [], sort: null, offset: 0, limit: 5 } })
      .then((page) => done([page.total, performance.now() - started]), (e) => done('failed: ' + JSON.stringify(e)));";

#[tokio::test]
async fn during_a_long_import_progress_advances_a_search_answers_and_cancel_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("大名单.csv");
    let mut text = String::from("姓名,手机\n");
    for i in 0..150_000 {
        text.push_str(&format!("长导入{i},137{i:08}\n"));
    }
    std::fs::write(&csv, text).unwrap();

    let app = App::start(dir.path()).await;
    let before = count(&demo_db(dir.path()), "SELECT count(*) FROM customers");
    app.click("nav-io").await;
    app.open_in_import_wizard(&csv).await;
    app.click("import-next").await;
    app.find("import-preview").await;
    app.click("import-next").await;
    app.click("import-run").await;

    let first = progress(&app, 0).await;
    let later = progress(&app, first).await;
    assert!(later > first);
    let found = app
        .client
        .execute_async(SEARCH, vec![])
        .await
        .expect("the search answered");
    let still_running = app
        .client
        .find(Locator::Css("[data-testid='import-progress']"))
        .await
        .is_ok();
    let total = found.get(0).and_then(|n| n.as_i64());
    assert!(
        total.is_some_and(|n| n > 0),
        "the demo customers are found: {found}"
    );
    // For the record (docs, closing notes), not a timed assertion.
    eprintln!("search during the import answered in {} ms", found[1]);
    assert!(
        still_running,
        "the search answered while the import ran, not after it"
    );

    app.click("import-cancel").await;
    app.find("import-cancelled").await;
    assert_eq!(
        count(&demo_db(dir.path()), "SELECT count(*) FROM customers"),
        before,
        "a cancelled import keeps nothing"
    );
    app.stop().await;
}

/// Waits until the import reports more rows done than `than`.
async fn progress(app: &App, than: i64) -> i64 {
    app.eventually("the import's progress to advance", || async {
        let el = app
            .client
            .find(Locator::Css("[data-testid='import-progress-count']"))
            .await
            .ok()?;
        number_attr(&el, "data-done").await.filter(|&n| n > than)
    })
    .await
}
