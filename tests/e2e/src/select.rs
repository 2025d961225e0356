//! Choosing an option of an antd Select by its label.

use crate::App;
use fantoccini::Locator;
use std::time::Duration;

/// Opens the select `test_id` and clicks the option titled `title` until the select shows it:
/// a click on a dropdown still opening or closing is lost.
pub async fn choose(app: &App, test_id: &str, title: &str) {
    let select = format!("[data-testid='{test_id}']");
    let option = format!(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title='{title}']");
    app.eventually(&format!("{title} chosen in {test_id}"), || async {
        let shown = app.client.find(Locator::Css(&select)).await.ok()?;
        if shown.text().await.unwrap_or_default().contains(title) {
            return Some(());
        }
        match app.client.find(Locator::Css(&option)).await {
            Ok(el) => {
                let _ = el.click().await;
            }
            Err(_) => {
                let _ = shown.click().await;
            }
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        None
    })
    .await;
}
