//! The walking skeleton in the real window: demo data on first start, the tag tree, the
//! language switch, and a damaged database met with choices instead of a crash.

use tagdesk_e2e::{count, demo_db, App};

fn data_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[tokio::test]
async fn first_start_lists_demo_customers_from_the_database() {
    let dir = data_dir();
    let app = App::start(dir.path()).await;
    app.find("app-shell").await;
    app.find("demo-banner").await;
    let total = count(&demo_db(dir.path()), "SELECT count(*) FROM customers");
    assert!(total > 0);
    let shown = app
        .text_until("customer-total", |t| t.chars().any(|c| c.is_ascii_digit()))
        .await;
    let digits: String = shown.chars().filter(|c| c.is_ascii_digit()).collect();
    assert_eq!(
        digits,
        total.to_string(),
        "the total shown is the database's"
    );

    let rows = app
        .eventually("customer rows", || async {
            let rows = app.find_all("customer-row").await;
            (!rows.is_empty()).then_some(rows)
        })
        .await;
    let first = rows[0].text().await.unwrap();
    let newest: String = demo_db(dir.path())
        .query_row(
            "SELECT name FROM customers ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        first.contains(&newest),
        "first row {first:?} shows the newest customer {newest}"
    );
    if let Ok(path) = std::env::var("TAGDESK_SCREENSHOT_DIR") {
        app.screenshot(&std::path::Path::new(&path).join("customers.png"))
            .await;
    }
    app.stop().await;
}

#[tokio::test]
async fn the_tag_page_shows_the_tree_with_real_counts() {
    let dir = data_dir();
    let app = App::start(dir.path()).await;
    app.click("nav-tags").await;
    app.text_until("page-title", |t| t == "标签").await;
    app.find("tag-tree").await;
    let vip = app
        .find_css("[data-testid='tag-node'][data-name='VIP']")
        .await;
    let shown = vip.text().await.unwrap();
    let expected = count(
        &demo_db(dir.path()),
        "SELECT count(*) FROM assignments a JOIN tag_nodes n ON n.id = a.tag_id WHERE n.name = 'VIP'",
    );
    assert!(
        shown.contains(&expected.to_string()),
        "VIP node {shown:?} shows its count {expected}"
    );
    app.find_css("[data-testid='tag-node'][data-name='生命周期']")
        .await;
    if let Ok(path) = std::env::var("TAGDESK_SCREENSHOT_DIR") {
        app.screenshot(&std::path::Path::new(&path).join("tags.png"))
            .await;
    }
    app.stop().await;
}

#[tokio::test]
async fn switching_to_english_changes_labels_and_is_remembered() {
    let dir = data_dir();
    let app = App::start(dir.path()).await;
    app.text_until("nav-customers", |t| t == "客户").await;
    app.click("lang-en").await;
    app.text_until("nav-customers", |t| t == "Customers").await;
    app.text_until("nav-tags", |t| t == "Tags").await;
    app.stop().await;

    let app = App::start(dir.path()).await;
    app.text_until("nav-customers", |t| t == "Customers").await;
    app.click("lang-zh").await;
    app.text_until("nav-customers", |t| t == "客户").await;
    app.stop().await;
}

#[tokio::test]
async fn a_damaged_database_offers_choices_and_is_left_untouched() {
    let dir = data_dir();
    let broken = dir.path().join("shop.sqlite");
    let garbage = b"SQLite format 3\0 but then the disk died".repeat(100);
    std::fs::write(&broken, &garbage).unwrap();
    std::fs::write(
        dir.path().join("prefs.json"),
        serde_json::json!({ "language": null, "last_database": broken }).to_string(),
    )
    .unwrap();

    let app = App::start(dir.path()).await;
    let screen = app.find("db-problem").await;
    let text = screen.text().await.unwrap();
    assert!(text.contains("shop.sqlite"), "the file is named: {text}");
    app.click("problem-open-demo").await;
    app.find("app-shell").await;
    app.find("demo-banner").await;
    assert_eq!(
        std::fs::read(&broken).unwrap(),
        garbage,
        "the damaged file is not modified"
    );
    app.stop().await;
}

#[tokio::test]
async fn starting_an_own_database_leaves_the_demo_and_shows_what_to_do() {
    let dir = data_dir();
    let app = App::start(dir.path()).await;
    app.find("demo-banner").await;
    app.click("start-own-db").await;
    app.find("customers-empty").await;
    assert!(
        app.find_all("demo-banner").await.is_empty(),
        "no demo banner on an own database"
    );
    assert!(dir.path().join("tagdesk.sqlite").exists());
    app.stop().await;
}
