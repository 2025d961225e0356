//! Events in the real window: one added by hand on a profile shows in its timeline, and an events
//! CSV (fixtures/events.csv) imported through the wizard shows on the customer's profile.

use fantoccini::Locator;
use std::time::Duration;
use tagdesk_e2e::builder::click_until;
use tagdesk_e2e::{count, demo_db, with_app, App};

/// The events fixture, written for the customer with `phone`: two good rows and one naming an
/// undeclared kind.
const FIXTURE: &str = include_str!("../../fixtures/events.csv");

/// A demo customer with a phone: (id, phone).
fn some_customer(dir: &std::path::Path) -> (i64, String) {
    demo_db(dir)
        .query_row(
            "SELECT id, phone FROM customers WHERE phone IS NOT NULL AND deleted_at IS NULL
             ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a demo customer with a phone")
}

async fn open_profile(app: &App, id: i64, phone: &str) {
    app.open_profile(id, phone).await;
    // The events tab's pane is rendered once chosen; a click while the drawer slides in is lost.
    click_until(
        app,
        "[data-testid='tab-events']",
        "[data-testid='event-add']",
    )
    .await;
}

fn events_of(dir: &std::path::Path, id: i64, kind: &str) -> i64 {
    count(
        &demo_db(dir),
        &format!("SELECT count(*) FROM events WHERE customer_id = {id} AND kind = '{kind}'"),
    )
}

#[tokio::test]
async fn an_event_added_on_a_profile_shows_in_its_timeline() {
    with_app(|app, dir| async move {
        app.find("app-shell").await;
        let (id, phone) = some_customer(&dir);
        let before = events_of(&dir, id, "浏览定价页");
        open_profile(&app, id, &phone).await;
        // The form opens with the first declared kind (浏览定价页) at the current minute.
        // One click opens the modal; clicking again would land on its mask and close it.
        click_until(
            &app,
            "[data-testid='event-add']",
            "[data-testid='event-form']",
        )
        .await;
        app.text_until("event-form", |t| t.contains("浏览定价页"))
            .await;
        app.screenshot_named("event-form.png").await;
        app.click_until_done(
            "the event saved",
            "[data-testid='event-save']",
            Duration::from_millis(300),
            || async { events_of(&dir, id, "浏览定价页") > before },
        )
        .await;
        assert_eq!(
            events_of(&dir, id, "浏览定价页"),
            before + 1,
            "exactly one event added"
        );
        let first = app
            .text_until("event-entry", |t| t.contains("浏览定价页"))
            .await;
        assert!(
            first.contains("浏览定价页"),
            "the newest entry is the new event: {first}"
        );
        app.screenshot_named("event-added.png").await;
    })
    .await;
}

#[tokio::test]
async fn an_events_csv_imported_through_the_wizard_shows_on_the_profile() {
    with_app(|app, dir| async move {
        app.find("app-shell").await;
        let (id, phone) = some_customer(&dir);
        let csv = dir.join("events.csv");
        std::fs::write(&csv, FIXTURE.replace("{phone}", &phone)).unwrap();

        app.press_id("nav-io").await;
        // An events file read as customers has no name column: say what it holds first.
        app.press_id("import-what-events").await;
        app.open_in_import_wizard(&csv).await;
        // Suggested for an events file: phone, kind, time, amount and the declared product.
        app.text_until("map-1", |t| t.contains("事件类型")).await;
        app.text_until("map-4", |t| t.contains("product")).await;
        app.click("import-next").await;
        app.find("import-preview").await;
        let digits = |t: &str| t.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
        let new = app.text_until("sum-new", |t| digits(t) == "2").await;
        assert_eq!(digits(&new), "2", "two events are new: {new}");
        let rejected = app.text_until("sum-rejected", |t| digits(t) == "1").await;
        assert_eq!(digits(&rejected), "1", "the undeclared kind is rejected");
        app.screenshot_named("events-import-preview.png").await;
        app.click("import-next").await;
        app.click("import-run").await;
        app.find("import-result").await;
        assert_eq!(
            count(
                &demo_db(&dir),
                &format!(
                    "SELECT count(*) FROM events WHERE customer_id = {id} AND kind = '下单'
                     AND amount = 1280 AND properties = '{{\"product\":\"企业版\"}}'"
                )
            ),
            1,
            "the order is stored with its amount and product"
        );

        open_profile(&app, id, &phone).await;
        app.find_css("[data-testid='event-entry'][data-kind='下单']")
            .await;
        app.find_css("[data-testid='event-entry'][data-kind='浏览定价页']")
            .await;
        let orders = app
            .client
            .find_all(Locator::Css(
                "[data-testid='event-entry'][data-kind='下单']",
            ))
            .await
            .unwrap();
        let mut texts = Vec::new();
        for o in orders {
            texts.push(o.text().await.unwrap_or_default());
        }
        assert!(
            texts
                .iter()
                .any(|t| t.contains("1280.00") && t.contains("企业版")),
            "the imported order shows its amount and product: {texts:?}"
        );
        app.screenshot_named("events-imported-profile.png").await;
    })
    .await;
}

#[tokio::test]
async fn settings_list_the_declared_kinds_with_orders_marked() {
    with_app(|app, _dir| async move {
        app.find("app-shell").await;
        app.press_id("nav-settings").await;
        let order = app
            .find_css("[data-testid='event-kind-row'][data-name='下单']")
            .await;
        let text = app
            .eventually("the 下单 row filled in", || async {
                let t = order.text().await.ok()?;
                t.contains("product").then_some(t)
            })
            .await;
        assert!(text.contains("订单"), "下单 is marked as orders: {text}");
        assert_eq!(
            app.find_all("event-kind-row").await.len(),
            5,
            "the starter kinds"
        );
        app.client
            .execute(
                "document.querySelector(\"[data-testid='event-kinds-table']\").scrollIntoView()",
                vec![],
            )
            .await
            .expect("scroll to the kinds");
        app.screenshot_named("event-kinds.png").await;
    })
    .await;
}

/// An order export as shops write it: no column says what kind of event a row is (every row
/// is an order), the amount carries its unit and currency, an order of two items takes two
/// lines, a 合计 row closes it.
#[tokio::test]
async fn an_order_export_without_a_kind_column_is_imported_as_one_kind() {
    with_app(|app, dir| async move {
        app.find("app-shell").await;
        let (id, phone) = some_customer(&dir);
        let csv = dir.join("订单导出.csv");
        std::fs::write(
            &csv,
            format!(
                "订单号,下单时间,买家手机号,实付金额(元)\n\
                 E202611010001,2026-11-01 10:00,{phone},¥99.00\n\
                 E202611010002,2026-11-01 10:00,{phone},¥99.00\n\
                 E202611010002,2026-11-01 10:00,{phone},¥5.00\n\
                 ,合计,,203\n"
            ),
        )
        .unwrap();
        let before = events_of(&dir, id, "下单");
        app.press_id("nav-io").await;
        app.press_id("import-what-events").await;
        app.open_in_import_wizard(&csv).await;
        // The columns show, to be mapped, with what is missing; Next waits for it.
        app.text_until("import-unmapped", |t| t.contains("事件类型"))
            .await;
        app.text_until("map-3", |t| t.contains("金额")).await;
        app.press("[data-testid='import-fixed-kind'] .ant-select-content, [data-testid='import-fixed-kind'] .ant-select-selector")
            .await;
        app.press(".ant-select-item-option[title='下单']").await;
        app.eventually("what was missing is given", || async {
            app.find_all("import-unmapped").await.is_empty().then_some(())
        })
        .await;
        click_until(
            &app,
            "[data-testid='import-next']",
            "[data-testid='import-preview']",
        )
        .await;
        let digits = |t: &str| t.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
        app.text_until("sum-new", |t| digits(t) == "2").await;
        app.text_until("sum-skipped", |t| digits(t) == "1").await;
        app.text_until("sum-duplicates", |t| digits(t) == "1").await;
        app.click("import-next").await;
        app.click("import-run").await;
        app.find("import-result").await;
        assert_eq!(
            events_of(&dir, id, "下单") - before,
            2,
            "two identical orders of one day are two orders"
        );
        let amounts = |amount: f64| {
            count(
                &demo_db(&dir),
                &format!(
                    "SELECT count(*) FROM events WHERE customer_id = {id} AND amount = {amount}
                     AND occurred_at >= strftime('%s', '2026-11-01') - 86400"
                ),
            )
        };
        assert_eq!(
            (amounts(99.0), amounts(104.0)),
            (1, 1),
            "the amounts without their currency, the order of two lines as its total"
        );
    })
    .await;
}
