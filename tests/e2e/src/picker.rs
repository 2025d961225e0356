//! Driving the tag picker (profile, bulk actions, merges, rules).

use crate::App;
use fantoccini::Locator;

pub async fn present(app: &App, css: &str) -> bool {
    !app.client
        .find_all(Locator::Css(css))
        .await
        .unwrap_or_default()
        .is_empty()
}

pub async fn type_into(app: &App, test_id: &str, text: &str) {
    app.press_id(test_id).await;
    let input = app.find(test_id).await;
    input.send_keys(text).await.expect("type");
}

/// Clicks `opener` until the tag picker is open: a click that lands while a drawer or modal is
/// still sliding in is lost, so one that shows no picker within three seconds is repeated.
pub async fn open_picker(app: &App, opener: &str) {
    for _ in 0..15 {
        app.press_id(opener).await;
        for _ in 0..20 {
            if present(app, "[data-testid='tag-picker-search']").await {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        }
    }
    panic!("the tag picker did not open from {opener}");
}

/// Picks a tag in the open tag picker: search by name, choose the option, confirm.
pub async fn pick_tag(app: &App, name: &str) {
    type_into(app, "tag-picker-search", name).await;
    app.press(&format!("[data-testid='tag-option'][data-name='{name}']"))
        .await;
}
