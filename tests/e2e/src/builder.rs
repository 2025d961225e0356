//! Driving the condition builder (segments, rules): add rules, choose their field and tag, and
//! click through antd's dropdowns, which drop a click that lands while they open or close.

use crate::App;
use fantoccini::Locator;
use std::sync::atomic::Ordering::Relaxed;
use std::time::Duration;

/// An option of a dropdown; antd keeps closed dropdowns hidden in the page, so several match.
pub fn open_option(test_id: &str, attr: &str, value: &str) -> String {
    format!("[data-testid='{test_id}'][{attr}='{value}']")
}

/// Clicks the newest (last) matching option that takes the click.
pub async fn click_option(app: &App, css: &str) -> bool {
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

pub fn in_rule(path: &str, test_id: &str) -> String {
    format!("[data-testid='rule'][data-path='{path}'] [data-testid='{test_id}']")
}

pub fn control(test_id: &str, path: &str) -> String {
    format!("[data-testid='{test_id}'][data-rule-path='{path}']")
}

/// Opens a rule's field select and chooses `value`, until the rule shows the value editor
/// `editor` that field brings (a click on a closing dropdown is lost).
pub async fn choose_field(app: &App, path: &str, value: &str, label: &str, editor: &str) {
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
pub async fn choose_tag(app: &App, path: &str, name: &str) {
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
pub async fn click_until(app: &App, target: &str, done: &str) {
    let what = format!("{done} after clicking {target}");
    app.click_until_done(&what, target, Duration::from_millis(300), || async {
        app.client.find(Locator::Css(done)).await.is_ok()
    })
    .await;
}
