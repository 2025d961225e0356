//! The operation history in the real window: two bulk tags, the earlier one undone by name
//! from 操作记录 (the later one stays), then Ctrl+Z takes back the user's own latest.

use fantoccini::Locator;
use std::path::Path;
use tagdesk_e2e::picker::bulk;
use tagdesk_e2e::{count, demo_db, with_app, App, Element};

fn holders(dir: &Path, tag: &str) -> i64 {
    count(
        &demo_db(dir),
        &format!(
            "SELECT count(*) FROM assignments a JOIN tag_nodes n ON n.id = a.tag_id
             WHERE n.kind = 'tag' AND n.name = '{tag}'"
        ),
    )
}

/// Tags every customer matching `search` with `tag` from the customers page; returns how many
/// changed.
async fn bulk_tag(app: &App, search: &str, tag: &str) -> i64 {
    bulk(app, search, "bulk-add-tag", tag).await
}

/// The history's row of the operation of `kind` whose text mentions `text`, once listed.
async fn history_row(app: &App, kind: &str, text: &str) -> Element {
    app.eventually(&format!("the {kind} of {text} in the history"), || async {
        for row in app.find_all("history-row").await {
            let shown =
                row.attr("data-kind").await.ok()?? == kind && row.text().await.ok()?.contains(text);
            if shown {
                return Some(row);
            }
        }
        None
    })
    .await
}

async fn press_undo(row: &Element) {
    row.find(Locator::Css("[data-testid='history-undo']"))
        .await
        .expect("an undo button on the row")
        .click()
        .await
        .expect("undo");
}

#[tokio::test]
async fn an_earlier_operation_is_undone_by_name_from_the_history_and_ctrl_z_undoes_the_latest() {
    with_app(|app, dir| async move {
        app.find_css("[data-testid='customer-row']").await;
        let seed_before = holders(&dir, "种子用户");
        let vip_before = holders(&dir, "VIP");
        let seeded = bulk_tag(&app, "王", "种子用户").await;
        let made_vip = bulk_tag(&app, "李", "VIP").await;
        assert!(seeded > 0 && made_vip > 0);

        app.press_id("nav-history").await;
        let row = history_row(&app, "tag_add", "种子用户").await;
        app.screenshot_named("history.png").await;
        press_undo(&row).await;
        app.eventually("种子用户 back as before", || async {
            (holders(&dir, "种子用户") == seed_before).then_some(())
        })
        .await;
        assert_eq!(holders(&dir, "VIP"), vip_before + made_vip, "the later operation stays");
        app.find("history-undone").await;

        app.client
            .execute(
                "window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true }));",
                vec![],
            )
            .await
            .expect("Ctrl+Z");
        app.eventually("VIP back as before", || async {
            (holders(&dir, "VIP") == vip_before).then_some(())
        })
        .await;
        app.find_css(".ant-message-success").await;
    })
    .await;
}

#[tokio::test]
async fn an_undo_in_the_way_of_a_later_operation_names_it_and_both_are_undone_together() {
    with_app(|app, dir| async move {
        app.find_css("[data-testid='customer-row']").await;
        let seed_before = holders(&dir, "种子用户");
        let seeded = bulk_tag(&app, "王", "种子用户").await;
        let removed = bulk(&app, "王华", "bulk-remove-tag", "种子用户").await;
        assert!(seeded > 0 && removed > 0);

        app.press_id("nav-history").await;
        let row = history_row(&app, "tag_add", "种子用户").await;
        press_undo(&row).await;
        // The dialog names the later removal (its text reads once the dialog has zoomed in).
        app.text_until("undo-blocker", |t| {
            t.contains("种子用户") && t.contains('#')
        })
        .await;
        app.press_id("undo-together").await;
        app.eventually("种子用户 back as before both", || async {
            (holders(&dir, "种子用户") == seed_before).then_some(())
        })
        .await;
    })
    .await;
}
