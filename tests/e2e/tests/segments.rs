//! Journey 1.5 in the real window: build "(VIP AND city = 上海) OR NOT 微信群" by clicks in the
//! segment builder, see the live count equal what the database says, save it and pin it to
//! the dashboard.

use fantoccini::Locator;
use std::sync::atomic::Ordering::Relaxed;
use tagdesk_e2e::{count, demo_db, number_attr, with_app, App};

/// An option of a dropdown; antd keeps closed dropdowns hidden in the page, so several match.
fn open_option(test_id: &str, attr: &str, value: &str) -> String {
    format!("[data-testid='{test_id}'][{attr}='{value}']")
}

/// Clicks the newest (last) matching option that takes the click.
async fn click_option(app: &App, css: &str) -> bool {
    let options = app
        .client
        .find_all(Locator::Css(css))
        .await
        .unwrap_or_default();
    for option in options.into_iter().rev() {
        if option.click().await.is_ok() {
            return true;
        }
    }
    false
}

fn in_rule(path: &str, test_id: &str) -> String {
    format!("[data-testid='rule'][data-path='{path}'] [data-testid='{test_id}']")
}

fn control(test_id: &str, path: &str) -> String {
    format!("[data-testid='{test_id}'][data-rule-path='{path}']")
}

/// Opens a rule's field select and chooses `value`, until the rule shows the value editor
/// `editor` that field brings (a click on a closing dropdown is lost).
async fn choose_field(app: &App, path: &str, value: &str, label: &str, editor: &str) {
    let option = open_option("rule-field-option", "data-value", value);
    let ready = in_rule(path, editor);
    let polls = std::sync::atomic::AtomicUsize::new(0);
    let typed = std::sync::atomic::AtomicBool::new(false);
    app.eventually(&format!("field {value} in rule {path}"), || async {
        if polls.fetch_add(1, Relaxed) == 30 {
            app.screenshot_named("segments-field-wait.png").await;
        }
        if app.client.find(Locator::Css(&ready)).await.is_ok() {
            return Some(());
        }
        if click_option(app, &option).await {
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            return None;
        }
        let select = app
            .client
            .find(Locator::Css(&in_rule(path, "rule-field")))
            .await
            .ok()?;
        let _ = select.click().await;
        // The field list is long: searching its label brings the option into view.
        if let Ok(input) = app.client.active_element().await {
            if !typed.load(Relaxed) && input.send_keys(label).await.is_ok() {
                typed.store(true, Relaxed);
            }
        }
        None
    })
    .await;
}

/// Opens a rule's tag select, searches for `name` and chooses it.
async fn choose_tag(app: &App, path: &str, name: &str) {
    let option = &open_option("rule-tag-option", "data-name", name);
    let typed = &std::sync::atomic::AtomicBool::new(false);
    let shown = &in_rule(path, "rule-value-tags");
    app.eventually(&format!("tag {name} in rule {path}"), || async move {
        // Done only when the rule shows the tag: a click on a closing dropdown is lost.
        if let Ok(select) = app.client.find(Locator::Css(shown)).await {
            if select.text().await.unwrap_or_default().contains(name) {
                return Some(());
            }
        }
        if click_option(app, option).await {
            return None;
        }
        let select = app
            .client
            .find(Locator::Css(&in_rule(path, "rule-value-tags")))
            .await
            .ok()?;
        let _ = select.click().await;
        // The tree is virtualised: searching brings the tag into view.
        if let Ok(input) = app.client.active_element().await {
            if !typed.load(Relaxed) && input.send_keys(name).await.is_ok() {
                typed.store(true, Relaxed);
            }
        }
        None
    })
    .await;
}

/// Clicks `target` until `done` is on the page (a click during a re-render can be lost).
async fn click_until(app: &App, target: &str, done: &str) {
    app.eventually(&format!("{done} after clicking {target}"), || async {
        if app.client.find(Locator::Css(done)).await.is_ok() {
            return Some(());
        }
        if let Ok(el) = app.client.find(Locator::Css(target)).await {
            let _ = el.click().await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        None
    })
    .await;
}

#[tokio::test]
async fn a_segment_built_by_clicks_counts_like_the_database_and_is_pinned() {
    with_app(|app, dir| async move {
        app.press_id("nav-segments").await;
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

        app.press(&control("builder-add-rule", "[0]")).await;
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
