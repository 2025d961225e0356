//! Driving the tag picker (profile, bulk actions, merges, rules).

use crate::App;
use fantoccini::Locator;
use std::time::Duration;

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
                // A click while the picker's modal still zooms in can land on its mask,
                // which closes the picker with nothing chosen.
                app.settled().await;
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        }
    }
    panic!("the tag picker did not open from {opener}");
}

/// Chooses a tag in the open tag picker: search by name, click the option until it shows as
/// chosen (a click while the list re-renders after typing can be lost). Clicks are spaced
/// wider than a double click, which would confirm; if one still confirms and the picker
/// closes, the tag was chosen all the same.
pub async fn pick_tag(app: &App, name: &str) {
    type_into(app, "tag-picker-search", name).await;
    let option = format!("[data-testid='tag-option'][data-name='{name}']");
    let chosen = format!("{option}[aria-selected='true']");
    let what = format!("{name} chosen in the tag picker");
    app.click_until_done(&what, &option, Duration::from_millis(700), || async {
        present(app, &chosen).await || !present(app, "[data-testid='tag-picker']").await
    })
    .await;
}

/// Confirms the chosen tag, clicking OK until the picker has closed (a click while its
/// modal is still moving is lost, and the confirmation never happens).
pub async fn confirm_pick(app: &App) {
    app.settled().await;
    app.click_until_done(
        "the tag picker closed after OK",
        "[data-testid='tag-picker-ok']",
        Duration::from_millis(300),
        || async { !present(app, "[data-testid='tag-picker']").await },
    )
    .await;
}

/// Runs the bulk action `opener` (add or remove a tag) with `tag` on every customer matching
/// `search`; returns how many changed.
pub async fn bulk(app: &App, search: &str, opener: &str, tag: &str) -> i64 {
    app.press_id("nav-customers").await;
    // The page keeps the last search: clear it as a user would, with the box's clear button.
    app.client
        .execute(
            "const box = document.querySelector(\"[data-testid='customer-search']\");
             box?.closest('.ant-input-affix-wrapper')?.querySelector('.ant-input-clear-icon')?.click();",
            vec![],
        )
        .await
        .expect("clear the search");
    let before = app
        .text_until("customer-total", |t| t.chars().any(|c| c.is_ascii_digit()))
        .await;
    type_into(app, "customer-search", search).await;
    // The selection is of the list on screen: wait for the search's own total first.
    app.text_until("customer-total", |t| {
        t != before && t.chars().any(|c| c.is_ascii_digit())
    })
    .await;
    app.press_id("select-all-matching").await;
    open_picker(app, opener).await;
    pick_tag(app, tag).await;
    confirm_pick(app).await;
    let result = app.find("bulk-result").await;
    crate::number_attr(&result, "data-changed")
        .await
        .expect("changed count")
}

/// Merges the tag `from` into `into` from the Tags page (which must be open), up to the report
/// of what moved.
pub async fn merge_into(app: &App, from: &str, into: &str) {
    app.find_css(&format!("[data-testid='tag-node'][data-name='{from}']"))
        .await
        .click()
        .await
        .expect("select the tag to merge");
    open_picker(app, "tag-merge").await;
    app.find_css(&format!("[data-testid='merge-source'][data-name='{from}']"))
        .await;
    pick_tag(app, into).await;
    // The confirm button enables once the target is chosen. A second click on an option can
    // land as a double click, which confirms at once: a report on screen counts as confirmed,
    // and the option is only clicked again when it is not already selected.
    let option = format!("[data-testid='tag-option'][data-name='{into}']");
    app.eventually("merge confirmed", || async {
        if present(app, "[data-testid='merge-report']").await {
            return Some(());
        }
        let ok = app
            .client
            .find(Locator::Css("[data-testid='merge-ok']"))
            .await
            .ok()?;
        if ok.is_enabled().await.unwrap_or(false) {
            return ok.click().await.ok();
        }
        let option = app.client.find(Locator::Css(&option)).await.ok()?;
        if option.attr("aria-selected").await.ok().flatten().as_deref() != Some("true") {
            let _ = option.click().await;
        }
        None
    })
    .await;
    app.find("merge-report").await;
}
