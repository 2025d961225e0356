//! Journey 3 in the real window: a GBK CSV under a title row goes through the import wizard
//! (mapping suggested, dry run summary, run) and its customers appear in the list.

use tagdesk_e2e::{count, demo_db, App};

#[tokio::test]
async fn a_gbk_csv_is_imported_through_the_wizard_and_its_customers_appear() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("会员名单.csv");
    let text = "十一月会员导出\n姓名,手机号,城市,标签\n导入测试甲,+86 138 0000 7001,上海,种子用户\n导入测试乙,13800007002,北京,\n导入测试丙,12345,广州,\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(&csv, &bytes).unwrap();

    let app = App::start(dir.path()).await;
    app.click("nav-io").await;
    app.open_in_import_wizard(&csv).await;
    app.click("import-next").await;
    app.find("import-preview").await;
    let digits = |t: &str| t.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
    let new = app.text_until("sum-new", |t| !digits(t).is_empty()).await;
    assert_eq!(digits(&new), "2", "two rows are new: {new}");
    let rejected = app
        .text_until("sum-rejected", |t| !digits(t).is_empty())
        .await;
    assert_eq!(
        digits(&rejected),
        "1",
        "the bad phone is rejected: {rejected}"
    );
    assert_eq!(
        count(
            &demo_db(dir.path()),
            "SELECT count(*) FROM customers WHERE name LIKE '导入测试%'"
        ),
        0,
        "the dry run wrote nothing"
    );
    app.click("import-next").await;
    app.click("import-run").await;
    app.find("import-result").await;
    let db = demo_db(dir.path());
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM customers WHERE name LIKE '导入测试%'"
        ),
        2
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM customers WHERE phone = '13800007001'"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM assignments a JOIN customers c ON c.id = a.customer_id
             JOIN tag_nodes t ON t.id = a.tag_id WHERE c.name = '导入测试甲' AND t.name = '种子用户'"
        ),
        1
    );
    if let Ok(path) = std::env::var("TAGDESK_SCREENSHOT_DIR") {
        app.screenshot(&std::path::Path::new(&path).join("import.png"))
            .await;
    }

    app.click("nav-customers").await;
    let search = app.find("customer-search").await;
    search.send_keys("导入测试").await.unwrap();
    app.text_until("customer-total", |t| t.contains('2')).await;
    app.find_css("[data-testid='customer-row'][data-name='导入测试乙']")
        .await;
    app.stop().await;
}

/// A file large enough that its customers' search entries are written after the import
/// returns: searching finds them at once, and the entries follow in the background.
#[tokio::test]
async fn a_large_import_is_searchable_at_once_and_its_search_entries_follow() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("年度会员.csv");
    let mut text = String::from("姓名,手机号,城市\n");
    for i in 0..20_000 {
        text.push_str(&format!("年度会员{i},136{i:08},杭州\n"));
    }
    text.push_str("孤品客户,13599998888,杭州\n");
    std::fs::write(&csv, text).unwrap();

    let app = App::start(dir.path()).await;
    app.click("nav-io").await;
    app.open_in_import_wizard(&csv).await;
    app.click("import-next").await;
    app.text_until("sum-new", |t| t.contains("20001") || t.contains("20,001"))
        .await;
    app.click("import-next").await;
    app.click("import-run").await;
    app.find("import-result").await;

    app.click("nav-customers").await;
    let search = app.find("customer-search").await;
    search.send_keys("孤品").await.unwrap();
    let digits = |t: &str| t.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
    app.text_until("customer-total", |t| digits(t) == "1").await;
    app.find_css("[data-testid='customer-row'][data-name='孤品客户']")
        .await;

    let db = demo_db(dir.path());
    app.eventually("every customer has search entries", || async {
        let pending = count(
            &db,
            "SELECT count(*) FROM meta WHERE key = 'search_backlog_from'",
        );
        let indexed = count(&db, "SELECT count(*) FROM customer_search_docsize");
        let customers = count(&db, "SELECT count(*) FROM customers");
        (pending == 0 && indexed == customers).then_some(())
    })
    .await;
    search.clear().await.unwrap();
    search.send_keys("13599998888").await.unwrap();
    app.text_until("customer-total", |t| digits(t) == "1").await;
    app.find_css("[data-testid='customer-row'][data-name='孤品客户']")
        .await;
    app.stop().await;
}
