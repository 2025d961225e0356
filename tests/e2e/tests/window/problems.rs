//! Problems in the Chinese window read as Chinese sentences: an import row with a bad phone in
//! the preview, a tag name that clashes with a sibling, and an undo a later operation blocks.
//! Only the user's own data (file names, values, tag names) may be Latin.

use fantoccini::Locator;
use tagdesk_e2e::picker::{bulk, type_into};
use tagdesk_e2e::with_app;

/// `text` with the user's own words taken out has Chinese and no run of two Latin words (an
/// English sentence left behind).
fn reads_as_chinese(text: &str, own: &[&str]) -> bool {
    let mut rest = text.to_string();
    for word in own {
        rest = rest.replace(word, " ");
    }
    let has_chinese = rest.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let latin_words: Vec<&str> = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .collect();
    has_chinese && latin_words.len() < 2
}

#[tokio::test]
async fn an_import_row_with_a_bad_phone_reads_in_chinese_in_the_preview() {
    with_app(|app, dir| async move {
        let csv = dir.join("members.csv");
        std::fs::write(&csv, "姓名,手机号\n问题甲,13800007001\n问题乙,12345\n").unwrap();
        app.press_id("nav-io").await;
        app.open_in_import_wizard(&csv).await;
        app.click("import-next").await;
        let problems = app
            .text_until("import-problems", |t| t.contains("12345"))
            .await;
        assert!(problems.contains("不是手机号"), "{problems}");
        assert!(
            reads_as_chinese(&problems, &["12345", "members.csv"]),
            "{problems}"
        );
        app.screenshot_named("problems-import.png").await;
    })
    .await;
}

#[tokio::test]
async fn a_tag_name_clashing_with_a_sibling_reads_in_chinese() {
    with_app(|app, _dir| async move {
        app.press_id("nav-tags").await;
        app.press("[data-testid='tag-node'][data-name='客户等级']")
            .await;
        // 新建标签 is disabled until the group's selection has taken effect.
        app.find_css("[data-testid='tag-create-tag']:not([disabled])")
            .await;
        app.press_id("tag-create-tag").await;
        type_into(&app, "node-name-input", "ＶＩＰ").await;
        // The warning that VIP already exists appears above the footer and moves the OK
        // button down; a click aimed before it appears lands beside the button.
        app.find_css("[data-testid='close-name'][data-closeness='same']")
            .await;
        app.settled().await;
        app.press_id("modal-ok").await;
        let shown = app
            .eventually("the clash under the name", || async {
                let el = app
                    .client
                    .find(Locator::Css(".ant-modal .ant-form-item-explain-error"))
                    .await
                    .ok()?;
                let text = el.text().await.ok()?;
                (!text.is_empty()).then_some(text)
            })
            .await;
        assert!(shown.contains("重名"), "{shown}");
        assert!(reads_as_chinese(&shown, &["ＶＩＰ", "VIP"]), "{shown}");
        app.screenshot_named("problems-tag-name.png").await;
    })
    .await;
}

#[tokio::test]
async fn an_undo_a_later_operation_blocks_reads_in_chinese() {
    with_app(|app, _dir| async move {
        app.find_css("[data-testid='customer-row']").await;
        assert!(bulk(&app, "王", "bulk-add-tag", "种子用户").await > 0);
        assert!(bulk(&app, "王华", "bulk-remove-tag", "种子用户").await > 0);
        app.press_id("nav-history").await;
        let row = app
            .eventually("the bulk tag in the history", || async {
                for row in app.find_all("history-row").await {
                    let kind = row.attr("data-kind").await.ok()??;
                    if kind == "tag_add" && row.text().await.ok()?.contains("种子用户") {
                        return Some(row);
                    }
                }
                None
            })
            .await;
        row.find(Locator::Css("[data-testid='history-undo']"))
            .await
            .expect("an undo button")
            .click()
            .await
            .expect("undo");
        let blocker = app
            .text_until("undo-blocker", |t| t.contains("种子用户"))
            .await;
        assert!(reads_as_chinese(&blocker, &["种子用户"]), "{blocker}");
        app.screenshot_named("problems-undo-blocked.png").await;
    })
    .await;
}
