//! Issue 6 in the real window: a rule "城市 = 杭州 ⇒ 预算充足" is built with the segment builder,
//! previewed (its count agrees with the database), enabled and saved; a customers import then
//! brings a customer in 杭州, who gets the tag from the rule, as their profile shows.

use fantoccini::Locator;
use tagdesk_e2e::builder::{choose_field, control, in_rule};
use tagdesk_e2e::picker::{confirm_pick, open_picker, pick_tag};
use tagdesk_e2e::{count, demo_db, with_app, App};

const RULE: &str = "杭州客户预算充足";
const TAG: &str = "预算充足";

async fn attr_of(app: &App, css: &str, attr: &str) -> Option<String> {
    let el = app.client.find(Locator::Css(css)).await.ok()?;
    el.attr(attr).await.ok()?
}

#[tokio::test]
async fn a_rule_is_previewed_enabled_and_tags_a_matching_customer_after_an_import() {
    with_app(|app, dir| async move {
        app.press_id("nav-rules").await;
        app.find("rules-empty").await;
        app.press_id("rule-new").await;
        let name = app.find("rule-name").await;
        name.send_keys(RULE).await.expect("type the rule name");
        open_picker(&app, "rule-action-pick").await;
        pick_tag(&app, TAG).await;
        confirm_pick(&app).await;
        app.find_css(&format!("[data-testid='rule-action-tag'][data-name='{TAG}']"))
            .await;

        app.press(&control("builder-add-rule", "[]")).await;
        choose_field(&app, "[0]", "attr:city", "城市", "rule-value-input").await;
        let city = app.find_css(&in_rule("[0]", "rule-value-input")).await;
        city.send_keys("杭州").await.expect("type the city");

        // What the rule would add: customers in 杭州 without the tag.
        let expected = count(
            &demo_db(&dir),
            &format!(
                "SELECT count(*) FROM customers c WHERE c.deleted_at IS NULL
                   AND lower(trim(c.city)) = '杭州'
                   AND c.id NOT IN (SELECT a.customer_id FROM assignments a
                                    JOIN tag_nodes t ON t.id = a.tag_id WHERE t.name = '{TAG}')"
            ),
        );
        assert!(expected > 0, "the demo data holds customers in 杭州 without {TAG}");
        let gain = app
            .eventually("the preview to show the database's number", || async {
                if app.client.find(Locator::Css("[data-testid='rule-preview'][data-stale='false']")).await.is_err() {
                    let _ = app.client.find(Locator::Css("[data-testid='rule-preview-run']")).await.ok()?.click().await;
                    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                }
                let n: i64 = attr_of(&app, "[data-testid='rule-preview'][data-stale='false'] [data-testid='preview-gain']", "data-count")
                    .await?
                    .parse()
                    .ok()?;
                Some(n)
            })
            .await;
        assert_eq!(gain, expected, "the preview counts what the database says");
        app.find("preview-gain-sample").await;
        assert_eq!(
            count(&demo_db(&dir), "SELECT count(*) FROM rules"),
            0,
            "a preview writes nothing"
        );
        // The preview sits under the builder: bring the action, condition and preview into view.
        let _ = app
            .client
            .execute(
                "document.querySelector(\"[data-testid='rule-action-type']\").scrollIntoView({block: 'start'})",
                vec![],
            )
            .await;
        app.screenshot_named("rules.png").await;

        app.press("[data-testid='rule-enabled']").await;
        app.find_css("[data-testid='rule-enabled'].ant-switch-checked").await;
        app.press_id("rule-save").await;
        // Switched on, the rule is offered a run of its own; here the import is to run it.
        app.press_id("rule-run-later").await;
        app.find_css(&format!("[data-testid='rule-row'][data-name='{RULE}'][data-enabled='true']"))
            .await;
        assert_eq!(
            count(&demo_db(&dir), &format!("SELECT enabled FROM rules WHERE name = '{RULE}'")),
            1,
            "the rule is saved enabled, with no confirmation since it was previewed"
        );
        app.screenshot_named("rules-list.png").await;

        let csv = dir.join("新客户.csv");
        std::fs::write(&csv, "姓名,手机号,城市\n规则测试杭州,13800009001,杭州\n规则测试苏州,13800009002,苏州\n").unwrap();
        app.press_id("nav-io").await;
        app.open_in_import_wizard(&csv).await;
        app.click("import-next").await;
        app.find("import-preview").await;
        app.click("import-next").await;
        app.click("import-run").await;
        app.find("import-result").await;
        let ran = app.find("import-rules").await.text().await.unwrap();
        assert!(
            ran.contains("这 2 位客户") && ran.contains("新增 1 个标签"),
            "the result says what the rules did: {ran}"
        );
        app.text_until("run-outcomes", |t| t.contains(RULE)).await;

        let given = |name: &str| {
            count(
                &demo_db(&dir),
                &format!(
                    "SELECT count(*) FROM assignments a JOIN customers c ON c.id = a.customer_id
                     JOIN tag_nodes t ON t.id = a.tag_id JOIN rules r ON r.id = a.source_ref
                     WHERE c.name = '{name}' AND t.name = '{TAG}' AND a.source = 'rule' AND r.name = '{RULE}'"
                ),
            )
        };
        assert_eq!(given("规则测试杭州"), 1, "the imported customer in 杭州 got the tag from the rule");
        assert_eq!(given("规则测试苏州"), 0, "the one in 苏州 did not");

        app.press_id("nav-customers").await;
        let search = app.find("customer-search").await;
        search.send_keys("规则测试杭州").await.unwrap();
        app.press("[data-testid='customer-row'][data-name='规则测试杭州'] [data-testid='row-open']")
            .await;
        app.find_css(&format!("[data-testid='profile-tag'][data-name='{TAG}'][data-rule='{RULE}']"))
            .await;
        // Let the drawer finish sliding in.
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        app.screenshot_named("rules-profile.png").await;
    })
    .await;
}

#[tokio::test]
async fn closing_the_window_with_an_unsaved_rule_asks_and_staying_keeps_the_window_and_the_edit() {
    with_app(|app, _dir| async move {
        app.press_id("nav-rules").await;
        app.find("rules-empty").await;
        app.press_id("rule-new").await;
        let name = app.find("rule-name").await;
        name.send_keys("写了一半")
            .await
            .expect("type the rule name");
        // The editor listens for the close request once it holds the edit; until it does, a
        // request would close the window, so ask only after the name is in the field.
        app.eventually("the typed name in the editor", || async {
            let typed = name.prop("value").await.ok()??;
            (typed == "写了一半").then_some(())
        })
        .await;

        let title = app.client.title().await.expect("the window's title");
        assert!(
            title.contains("TagDesk"),
            "the window is named for the app: {title:?}"
        );
        let asked = tokio::task::spawn_blocking(|| tagdesk_e2e::window::ask_to_close("TagDesk"))
            .await
            .expect("ask the window to close");
        assert_eq!(asked, 1, "one TagDesk window to ask");
        let stay = app.find("rule-leave-stay").await;
        let question = app
            .client
            .execute(
                "return document.querySelector('.ant-modal-confirm-title').textContent",
                vec![],
            )
            .await
            .expect("the question's text");
        assert_eq!(question.as_str(), Some("放弃未保存的修改？"));
        stay.click().await.expect("choose to keep editing");

        app.eventually("the question to go", || async {
            app.client
                .find(Locator::Css(".ant-modal-confirm-title"))
                .await
                .is_err()
                .then_some(())
        })
        .await;
        let windows = app.client.windows().await.expect("the window list");
        assert_eq!(windows.len(), 1, "the window is still open");
        let kept = app
            .find("rule-name")
            .await
            .prop("value")
            .await
            .expect("the name field");
        assert_eq!(kept.as_deref(), Some("写了一半"), "the edit is intact");
    })
    .await;
}
