//! Journey 5, "the laptop dies during an import": the app is killed while a big import runs;
//! started again, it holds exactly the customers it held before and says which import was lost.
//! And when only the page's own process dies, the window comes back by itself.

use tagdesk_e2e::{count, demo_db, with_app, App};

#[tokio::test]
async fn an_import_cut_off_by_a_dead_process_keeps_nothing_and_the_next_start_says_so() {
    let dir = tempfile::tempdir().unwrap();
    // Big enough that the import is still writing when the test pulls the plug.
    let csv = dir.path().join("全部会员.csv");
    let mut text = String::from("姓名,手机号,城市\n");
    for i in 0..150_000 {
        text.push_str(&format!("断电测试{i},137{i:08},上海\n"));
    }
    std::fs::write(&csv, text).unwrap();

    let app = App::start(dir.path()).await;
    app.find("demo-banner").await;
    let before = count(&demo_db(dir.path()), "SELECT count(*) FROM customers");
    app.click("nav-io").await;
    app.open_in_import_wizard(&csv).await;
    app.click("import-next").await;
    app.text_until("sum-new", |t| t.contains("150")).await;
    app.click("import-next").await;
    app.click("import-run").await;
    app.text_until("import-progress", |t| {
        t.trim_end_matches('%')
            .parse::<u32>()
            .is_ok_and(|p| p > 0 && p < 90)
    })
    .await;
    app.kill_app();
    app.stop().await;

    let app = App::start(dir.path()).await;
    let banner = app
        .text_until("interrupted-banner", |t| t.contains("全部会员.csv"))
        .await;
    assert!(banner.contains("导入客户"), "{banner}");
    assert!(banner.contains("数据仍是导入前的样子"), "{banner}");
    let db = demo_db(dir.path());
    assert_eq!(count(&db, "SELECT count(*) FROM customers"), before);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM customers WHERE name LIKE '断电测试%'"
        ),
        0
    );
    app.screenshot_named("interrupted.png").await;
    app.click("interrupted-dismiss").await;
    app.eventually("the notice to go", || async {
        app.client
            .find(fantoccini::Locator::Css(
                "[data-testid='interrupted-banner']",
            ))
            .await
            .is_err()
            .then_some(())
    })
    .await;
    app.stop().await;
}

#[tokio::test]
async fn a_window_whose_page_process_crashed_shows_the_customers_again() {
    with_app(|app, dir| async move {
        app.find_css("[data-testid='customer-row']").await;
        app.press_id("nav-tags").await;
        app.find("tag-tree").await;
        let before = count(&demo_db(&dir), "SELECT count(*) FROM customers");

        app.kill_page_process();
        // WebKit ends the WebDriver session with the page's process, so the window is known to
        // be back by what the app says: the page, loaded again, showed the customer list.
        app.said("the page loaded again", |line| {
            line.contains("the page's process ended (Crashed); loading it again")
        })
        .await;
        app.said("the customer list shown again", |line| {
            line.contains("customer list shown again")
        })
        .await;
        assert_eq!(
            count(&demo_db(&dir), "SELECT count(*) FROM customers"),
            before
        );
    })
    .await;
}
