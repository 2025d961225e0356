//! Journey 1.5 in the real window: build "(VIP AND city = 上海) OR NOT 微信群" by clicks in the
//! segment builder, see the live count equal what the database says, save it and pin it to
//! the dashboard.

use fantoccini::Locator;
use std::sync::atomic::Ordering::Relaxed;
use tagdesk_e2e::builder::{choose_field, choose_tag, click_until, control, in_rule};
use tagdesk_e2e::{count, demo_db, number_attr, with_app, App};

#[tokio::test]
async fn a_segment_built_by_clicks_counts_like_the_database_and_is_pinned() {
    with_app(|app, dir| async move {
        app.press_id("nav-segments").await;
        // The demo's boards appear once counted and push the builder down: wait for them.
        app.find_css("[data-testid^='pinned-card-']").await;
        app.press_id("segment-new").await;

        let root = control("builder-combinator", "[]");
        click_until(
            &app,
            &format!("{root} [data-testid='builder-combinator-or']"),
            &format!("{root} .ant-radio-button-wrapper-checked [data-testid='builder-combinator-or']"),
        )
        .await;
        app.press(&control("builder-add-group", "[]")).await;
        app.press(&control("builder-add-rule", "[0]")).await;
        choose_field(&app, "[0,0]", "tag", "标签", "rule-value-tags").await;
        choose_tag(&app, "[0,0]", "VIP").await;

        // The group's count arrives about now; it sits after the buttons, so this click cannot
        // land on 非 (it used to, when the count pushed the buttons along).
        app.press(&control("builder-add-rule", "[0]")).await;
        app.find_css("[data-testid='rule'][data-path='[0,1]']").await;
        let first_not = app.find_css(&control("builder-not-toggle", "[0]")).await;
        let class = first_not.attr("class").await.expect("class").unwrap_or_default();
        assert!(!class.contains("ant-switch-checked"), "adding a rule to group 1 must not have switched its 非 on");
        choose_field(&app, "[0,1]", "attr:city", "城市", "rule-value-input").await;
        let city = app.find_css(&in_rule("[0,1]", "rule-value-input")).await;
        city.send_keys("上海").await.expect("type the city");

        app.press(&control("builder-add-group", "[]")).await;
        let not = control("builder-not-toggle", "[1]");
        click_until(&app, &not, &format!("{not}.ant-switch-checked")).await;
        app.press(&control("builder-add-rule", "[1]")).await;
        choose_field(&app, "[1,0]", "tag", "标签", "rule-value-tags").await;
        choose_tag(&app, "[1,0]", "微信群").await;

        let expected = count(
            &demo_db(&dir),
            "SELECT count(*) FROM customers c WHERE c.deleted_at IS NULL AND (
                 (c.id IN (SELECT a.customer_id FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
                           WHERE t.name = 'VIP' AND t.kind = 'tag')
                  AND lower(trim(c.city)) = '上海')
                 OR c.id NOT IN (SELECT a.customer_id FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
                                 WHERE t.name = '微信群' AND t.kind = 'tag'))",
        );
        assert!(expected > 0, "the demo data holds matching customers");
        let polls = &std::sync::atomic::AtomicUsize::new(0);
        let app_ref: &App = &app;
        let live = app
            .eventually("the live count to settle on the database's number", || async move {
                if polls.fetch_add(1, Relaxed) == 100 {
                    app_ref.screenshot_named("segments-count-wait.png").await;
                }
                let el = app_ref
                    .client
                    .find(Locator::Css("[data-testid='segment-live-count'][data-state='ready']"))
                    .await
                    .ok()?;
                let n = number_attr(&el, "data-count").await?;
                (n == expected).then_some(n)
            })
            .await;
        assert_eq!(live, expected);
        app.screenshot_named("segments-builder.png").await;

        let name = app.find("segment-name").await;
        name.send_keys("上海VIP或非微信群").await.expect("type the name");
        app.press_id("segment-save").await;
        let id = app
            .eventually("the segment to be saved", || async {
                let n = count(
                    &demo_db(&dir),
                    "SELECT ifnull(max(id), 0) FROM segments WHERE name = '上海VIP或非微信群' AND kind = 'dynamic'",
                );
                (n > 0).then_some(n)
            })
            .await;

        app.press_id(&format!("segment-pin-{id}")).await;
        let card = app
            .eventually("the pinned card", || async {
                let el = app
                    .client
                    .find(Locator::Css(&format!("[data-testid='pinned-card-{id}']")))
                    .await
                    .ok()?;
                number_attr(&el, "data-count").await
            })
            .await;
        assert_eq!(card, expected, "the card shows today's count");
        assert_eq!(
            count(&demo_db(&dir), &format!("SELECT pinned FROM segments WHERE id = {id}")),
            1
        );
        app.screenshot_named("segments.png").await;
    })
    .await;
}

/// Drags the element at `from` onto `onto`. WebKitWebDriver does not start native drag
/// sessions from pointer actions, so the page gets the HTML5 drag events a drag produces
/// (dragstart on the handle, dragover and drop on the target, one DataTransfer between them);
/// what the app does with them is what this checks.
async fn drag(app: &App, from: &str, onto: &str) {
    let source = app.find_css(from).await;
    let target = app.find_css(onto).await;
    let script = "const [from, onto] = arguments;
        const data = new DataTransfer();
        const fire = (el, type) => el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
        fire(from, 'dragstart');
        fire(onto, 'dragenter');
        fire(onto, 'dragover');
        fire(onto, 'drop');
        fire(from, 'dragend');";
    let args = vec![
        serde_json::to_value(&source).expect("element as json"),
        serde_json::to_value(&target).expect("element as json"),
    ];
    app.client.execute(script, args).await.expect("drag events");
}

#[tokio::test]
async fn a_rule_dragged_by_its_handle_onto_another_moves_before_it() {
    with_app(|app, _dir| async move {
        app.press_id("nav-segments").await;
        // The demo's boards appear once counted and push the builder down: wait for them.
        app.find_css("[data-testid^='pinned-card-']").await;
        app.press_id("segment-new").await;
        app.press(&control("builder-add-rule", "[]")).await;
        choose_field(&app, "[0]", "tag", "标签", "rule-value-tags").await;
        app.press(&control("builder-add-rule", "[]")).await;
        choose_field(&app, "[1]", "attr:city", "城市", "rule-value-input").await;
        app.screenshot_named("builder-drag.png").await;

        drag(
            &app,
            &in_rule("[1]", "builder-drag"),
            &in_rule("[0]", "rule-field"),
        )
        .await;
        app.eventually("the city rule to come first", || async {
            app.client
                .find(Locator::Css(&in_rule("[0]", "rule-value-input")))
                .await
                .ok()
        })
        .await;
        assert!(
            app.client
                .find(Locator::Css(&in_rule("[1]", "rule-value-tags")))
                .await
                .is_ok(),
            "the tag rule moved down to second place"
        );
    })
    .await;
}
