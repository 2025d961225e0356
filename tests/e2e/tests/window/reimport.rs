//! Journey 7 in the real window: the shop's member list imported twice (the second time adds
//! no one and updates what changed; the totals row and the member without a phone handled),
//! then every customer exported and the export imported into a new database of its own; and a
//! member export written as a shop system writes it.

use std::collections::BTreeMap;
use std::path::Path;
use tagdesk_e2e::{builder, count, demo_db, select, App};

const MEMBERS: &str = "序号,姓名,手机号,城市\n\
1,回头客甲,13800009001,杭州\n\
2,回头客乙,13800009002,\n\
3,回头客丙,13800009003,温州\n\
4,回头客丁,,绍兴\n\
,合计,,\n";

fn digits(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// Imports `file` through the wizard with the suggested choices: checks the preview's numbers
/// by card, runs it and waits for the result.
async fn import(app: &App, file: &Path, expect: &[(&str, &str)]) {
    app.click("nav-io").await;
    app.open_in_import_wizard(file).await;
    to_preview(app).await;
    check_preview(app, expect).await;
    run(app).await;
}

/// Next is disabled while a dry run reads the file: clicked until the preview shows.
async fn to_preview(app: &App) {
    builder::click_until(
        app,
        "[data-testid='import-next']",
        "[data-testid='import-preview']",
    )
    .await;
}

async fn check_preview(app: &App, expect: &[(&str, &str)]) {
    for (card, want) in expect {
        let text = app.text_until(card, |t| !digits(t).is_empty()).await;
        assert_eq!(digits(&text), *want, "{card}: {text}");
    }
}

async fn run(app: &App) {
    builder::click_until(
        app,
        "[data-testid='import-next']",
        "[data-testid='import-run']",
    )
    .await;
    app.click("import-run").await;
    app.find("import-result").await;
    app.click("import-restart").await;
}

/// Every live customer by (name, phone) with the names of its tags, sorted.
fn customers_and_tags(db: &rusqlite::Connection) -> BTreeMap<(String, String), Vec<String>> {
    let mut stmt = db
        .prepare(
            "SELECT c.name, ifnull(c.phone, ''), t.name FROM customers c
             LEFT JOIN assignments a ON a.customer_id = c.id
             LEFT JOIN tag_nodes t ON t.id = a.tag_id
             WHERE c.deleted_at IS NULL",
        )
        .unwrap();
    let mut out: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (name, phone, tag) = row.unwrap();
        let tags = out.entry((name, phone)).or_default();
        tags.extend(tag);
        // One name per customer: a joined tags column cannot tell two groups' 其他 apart.
        tags.sort();
        tags.dedup();
    }
    out
}

#[tokio::test]
async fn a_member_list_imported_twice_then_exported_imports_into_a_new_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("十二月会员.csv");
    std::fs::write(&file, MEMBERS).unwrap();
    let app = App::start(dir.path()).await;
    import(
        &app,
        &file,
        &[
            ("sum-new", "4"),
            ("sum-skipped", "1"),
            ("sum-rejected", "0"),
        ],
    )
    .await;

    // Next month's file: the same members, one of them with a city now (filled, as the
    // wizard's first choice "fill empty fields only" does).
    std::fs::write(
        &file,
        MEMBERS.replace("回头客乙,13800009002,", "回头客乙,13800009002,上海"),
    )
    .unwrap();
    import(
        &app,
        &file,
        &[
            ("sum-new", "0"),
            ("sum-updated", "1"),
            ("sum-unchanged", "3"),
            ("sum-skipped", "1"),
        ],
    )
    .await;
    let demo = demo_db(dir.path());
    assert_eq!(
        count(
            &demo,
            "SELECT count(*) FROM customers WHERE name LIKE '回头客%'"
        ),
        4,
        "no one was added twice, the member without a phone included"
    );
    assert_eq!(
        count(&demo, "SELECT count(*) FROM customers WHERE name = '合计'"),
        0
    );
    assert_eq!(
        count(
            &demo,
            "SELECT count(*) FROM customers WHERE name = '回头客乙' AND city = '上海'"
        ),
        1,
        "the change was taken"
    );

    // Every customer out, with their tags in one column, into a file typed by hand.
    let export = dir.path().join("全部客户.xlsx");
    app.click("export-customers").await;
    app.find("export-dialog").await;
    app.settled().await;
    app.press("[data-testid='export-dialog-tags'] input[value='joined']")
        .await;
    tagdesk_e2e::picker::type_into(&app, "export-path", &export.display().to_string()).await;
    app.click("export-ok").await;
    app.eventually("the export is written", || async {
        (export.exists() && app.find_all("export-dialog").await.is_empty()).then_some(())
    })
    .await;
    let before = customers_and_tags(&demo);

    // A database of one's own, and the export into it; its tags column makes its own group.
    app.click("start-own-db").await;
    app.eventually("the own database is open", || async {
        app.find_all("demo-banner").await.is_empty().then_some(())
    })
    .await;
    app.click("nav-io").await;
    app.open_in_import_wizard(&export).await;
    select::choose(&app, "import-unknown", "新建到…").await;
    app.text_until("import-unknown-parent", |t| {
        t.contains("新建以列名命名的标签组")
    })
    .await;
    to_preview(&app).await;
    let total = before.len().to_string();
    check_preview(&app, &[("sum-new", &total), ("sum-rejected", "0")]).await;
    run(&app).await;

    let own = rusqlite::Connection::open(dir.path().join("tagdesk.sqlite")).unwrap();
    let after = customers_and_tags(&own);
    assert_eq!(after.len(), before.len());
    let differing: Vec<_> = before
        .iter()
        .filter(|(k, tags)| after.get(*k) != Some(*tags))
        .take(3)
        .collect();
    assert!(
        differing.is_empty(),
        "the same customers and tags; first differences: {differing:?}"
    );
    app.stop().await;
}

/// A member export as 微店 or 有赞 write it: a sheet of notes before the list, a title row over
/// it, headers saying whose the value is and in what unit (会员昵称, 手机号(必填), 累计消费(元)),
/// 未知 for a gender never given, a hidden column, a 合计 row and a count of the rows below.
fn shop_export(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .set_name("说明")
        .unwrap()
        .write(0, 0, "本文件由系统导出")
        .unwrap();
    let sheet = book.add_worksheet().set_name("会员列表").unwrap();
    sheet
        .write(0, 0, "会员列表（导出时间：2026-12-01 10:00）")
        .unwrap();
    let headers = [
        "序号",
        "内部ID",
        "会员昵称",
        "手机号(必填)",
        "性别",
        "会员等级",
        "累计消费(元)",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write(2, c as u16, *h).unwrap();
    }
    sheet.set_column_hidden(1).unwrap();
    let rows = [
        ("店铺会员甲", "13800009101", "男", "金卡", 1234.5),
        ("店铺会员乙", "13800009102", "未知", "普通", 0.0),
        ("店铺会员丙", "", "女", "银卡", 88.0),
    ];
    for (i, (name, phone, gender, level, spent)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write(r, 0, i as u32 + 1).unwrap();
        sheet.write(r, 1, format!("U{i}")).unwrap();
        sheet.write(r, 2, *name).unwrap();
        sheet.write(r, 3, *phone).unwrap();
        sheet.write(r, 4, *gender).unwrap();
        sheet.write(r, 5, *level).unwrap();
        sheet.write(r, 6, *spent).unwrap();
    }
    sheet.write(6, 0, "合计").unwrap();
    sheet.write_formula(6, 6, "=SUM(G4:G6)").unwrap();
    sheet.write(8, 0, "共 3 条记录").unwrap();
    book.save(path).unwrap();
}

#[tokio::test]
async fn a_shop_systems_member_export_imports_as_suggested() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("微店会员导出.xlsx");
    shop_export(&file);
    let app = App::start(dir.path()).await;
    app.click("nav-io").await;
    app.open_in_import_wizard(&file).await;
    app.text_until("import-sheet", |t| t.contains("会员列表"))
        .await;
    if let Ok(shots) = std::env::var("TAGDESK_SCREENSHOT_DIR") {
        app.screenshot(&Path::new(&shots).join("import-shop-mapping.png"))
            .await;
    }
    to_preview(&app).await;
    check_preview(
        &app,
        &[
            ("sum-new", "3"),
            ("sum-skipped", "2"),
            ("sum-rejected", "0"),
        ],
    )
    .await;
    run(&app).await;
    let demo = demo_db(dir.path());
    assert_eq!(
        count(
            &demo,
            "SELECT count(*) FROM customers WHERE name LIKE '店铺会员%'"
        ),
        3
    );
    assert_eq!(
        count(
            &demo,
            "SELECT count(*) FROM customers WHERE name = '店铺会员甲'
             AND phone = '13800009101' AND gender = 'male' AND level = '金卡'"
        ),
        1,
        "each column went where its header said"
    );
    assert_eq!(
        count(
            &demo,
            "SELECT count(*) FROM customers WHERE name = '店铺会员乙' AND gender IS NULL"
        ),
        1,
        "未知 is no gender"
    );
    app.stop().await;
}
