//! Tagging in the real window, checked against the real database: a tag added from a profile,
//! a bulk tag over "all matching" a search and its undo, a merge of two tags, and a
//! single-select group replacing the customer's previous tag.

use fantoccini::Locator;
use std::path::Path;
use tagdesk_e2e::picker::{confirm_pick, merge_into, open_picker, pick_tag, present, type_into};
use tagdesk_e2e::{count, demo_db, number_attr, with_app, App, Element};

/// Customers (not deleted) carrying the tag called `tag`, optionally only `customer`.
fn holders(dir: &Path, tag: &str, extra_where: &str) -> i64 {
    count(
        &demo_db(dir),
        &format!(
            "SELECT count(DISTINCT a.customer_id) FROM assignments a
             JOIN tag_nodes n ON n.id = a.tag_id
             JOIN customers c ON c.id = a.customer_id
             WHERE n.kind = 'tag' AND n.name = '{tag}' AND c.deleted_at IS NULL {extra_where}"
        ),
    )
}

async fn wait_rows(app: &App) -> Vec<Element> {
    app.eventually("customer rows", || async {
        let rows = app.find_all("customer-row").await;
        (!rows.is_empty()).then_some(rows)
    })
    .await
}

fn digits(text: &str) -> i64 {
    let d: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    d.parse().unwrap_or(-1)
}

#[tokio::test]
async fn a_tag_added_from_the_profile_is_shown_saved_and_undone() {
    with_app(|app, dir| async move {
        let rows = wait_rows(&app).await;
        // The first row on screen whose customer lacks 预算充足, so adding it changes something.
        let mut chosen = None;
        for row in &rows {
            let id = number_attr(row, "data-id").await.expect("row has data-id");
            if holders(&dir, "预算充足", &format!("AND a.customer_id = {id}")) == 0 {
                chosen = Some((row.clone(), id));
                break;
            }
        }
        let (row, id) = chosen.expect("a customer on screen without 预算充足");
        let mine = format!("AND a.customer_id = {id}");

        row.find(Locator::Css("[data-testid='row-open']"))
            .await
            .expect("name cell")
            .click()
            .await
            .expect("open profile");
        app.find_css(&format!("[data-testid='customer-profile'][data-id='{id}']"))
            .await;
        open_picker(&app, "profile-add-tag").await;
        pick_tag(&app, "预算充足").await;
        confirm_pick(&app).await;
        app.find_css("[data-testid='profile-tag'][data-name='预算充足']")
            .await;
        assert_eq!(
            holders(&dir, "预算充足", &mine),
            1,
            "the customer holds 预算充足 in the database"
        );
        app.screenshot_named("profile-tagged.png").await;

        app.press_id("profile-undo").await;
        app.eventually("预算充足 gone after undo", || async {
            (!present(&app, "[data-testid='profile-tag'][data-name='预算充足']").await)
                .then_some(())
        })
        .await;
        assert_eq!(
            holders(&dir, "预算充足", &mine),
            0,
            "undo took the tag off in the database"
        );
    })
    .await;
}

#[tokio::test]
async fn bulk_tagging_all_customers_matching_a_search_tags_exactly_those_lacking_it_and_undo_restores(
) {
    with_app(|app, dir| async move {
    wait_rows(&app).await;
    let all = app
        .text_until("customer-total", |t| t.chars().any(|c| c.is_ascii_digit()))
        .await;

    let matching = "AND (c.name LIKE '%王%' OR c.phone LIKE '%王%' OR c.email LIKE '%王%' OR c.company LIKE '%王%')";
    let wang = count(
        &demo_db(&dir),
        &format!("SELECT count(*) FROM customers c WHERE c.deleted_at IS NULL {matching}"),
    );
    let wang_with_seed = holders(&dir, "种子用户", matching);
    let seed_before = holders(&dir, "种子用户", "");
    assert!(wang > wang_with_seed, "some 王 customers lack 种子用户");

    type_into(&app, "customer-search", "王").await;
    let shown = app
        .text_until("customer-total", |t| t != all && digits(t) == wang)
        .await;
    assert_eq!(digits(&shown), wang, "the list counts the 王 customers");
    app.press_id("select-all-matching").await;
    open_picker(&app, "bulk-add-tag").await;
    pick_tag(&app, "种子用户").await;
    confirm_pick(&app).await;

    let result = app.find("bulk-result").await;
    let changed = number_attr(&result, "data-changed").await.expect("changed count");
    let text = result.text().await.unwrap();
    assert!(
        text.contains(&changed.to_string()),
        "the message {text:?} states the count"
    );
    assert_eq!(
        changed,
        wang - wang_with_seed,
        "every 王 customer lacking 种子用户 was tagged, and no one else"
    );
    assert_eq!(holders(&dir, "种子用户", matching), wang);
    assert_eq!(holders(&dir, "种子用户", ""), seed_before + changed);
    app.screenshot_named("bulk-tagged.png").await;

    let undo = app.find("undo-last").await;
    app.eventually("undo enabled", || async {
        undo.is_enabled().await.unwrap_or(false).then_some(())
    })
    .await;
    undo.click().await.expect("undo");
    app.eventually("database back as before", || async {
        (holders(&dir, "种子用户", "") == seed_before).then_some(())
    })
    .await;
    assert_eq!(holders(&dir, "种子用户", matching), wang_with_seed);
    })
    .await;
}

#[tokio::test]
async fn merging_a_tag_into_another_moves_its_customers_and_updates_the_count() {
    with_app(|app, dir| async move {
    app.press_id("nav-tags").await;
    app.find("tag-tree").await;
    let either = holders(&dir, "高活", "") + holders(&dir, "中活", "")
        - count(
            &demo_db(&dir),
            "SELECT count(*) FROM assignments a JOIN tag_nodes h ON h.id = a.tag_id
             JOIN assignments b ON b.customer_id = a.customer_id JOIN tag_nodes m ON m.id = b.tag_id
             WHERE h.name = '高活' AND m.name = '中活'",
        );

    merge_into(&app, "中活", "高活").await;
    app.screenshot_named("merged.png").await;
    app.press_id("merge-close").await;

    let node = "[data-testid='tag-node'][data-name='高活'] [data-testid='tag-count']";
    let shown = app
        .eventually("高活's count to become the sum", || async {
            let el = app.client.find(Locator::Css(node)).await.ok()?;
            let text = el.text().await.ok()?;
            (digits(&text) == either).then_some(text)
        })
        .await;
    assert_eq!(digits(&shown), either);
    assert_eq!(
        holders(&dir, "高活", ""),
        either,
        "the database agrees with the tree"
    );
    assert_eq!(
        count(
            &demo_db(&dir),
            "SELECT count(*) FROM assignments a JOIN tag_nodes n ON n.id = a.tag_id WHERE n.name = '中活'"
        ),
        0,
        "中活 carries no assignments any more"
    );
    })
    .await;
}

#[tokio::test]
async fn a_single_select_tag_replaces_the_customers_previous_tag_of_that_group() {
    with_app(|app, dir| async move {
        // The demo database exists once the first rows show.
        wait_rows(&app).await;
        let (id, phone, old): (i64, String, String) = demo_db(&dir)
            .query_row(
                "SELECT c.id, c.phone, n.name FROM customers c
             JOIN assignments a ON a.customer_id = c.id
             JOIN tag_nodes n ON n.id = a.tag_id
             JOIN tag_nodes g ON g.id = n.parent_id
             WHERE g.name = '跟进状态' AND n.name <> '待邀约' AND c.phone IS NOT NULL
               AND c.deleted_at IS NULL
             ORDER BY c.id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .expect("a demo customer with a 跟进状态 tag other than 待邀约");
        app.open_profile(id, &phone).await;
        app.find_css(&format!("[data-testid='profile-tag'][data-name='{old}']"))
            .await;

        open_picker(&app, "profile-add-tag").await;
        pick_tag(&app, "待邀约").await;
        let preview = app
            .text_until("tag-picker-preview", |t| t.contains(&old))
            .await;
        assert!(preview.contains(&old), "the picker says {old} will go");
        confirm_pick(&app).await;
        app.find_css("[data-testid='profile-tag'][data-name='待邀约']")
            .await;
        app.eventually("the old tag gone from the profile", || async {
            (!present(
                &app,
                &format!("[data-testid='profile-tag'][data-name='{old}']"),
            )
            .await)
                .then_some(())
        })
        .await;
        let mine = format!("AND a.customer_id = {id}");
        assert_eq!(holders(&dir, "待邀约", &mine), 1);
        assert_eq!(
            holders(&dir, &old, &mine),
            0,
            "{old} was replaced in the database"
        );
        app.press_id("tab-history").await;
        app.find("history-entry").await;
        let mut entries = Vec::new();
        for e in app.find_all("history-entry").await {
            entries.push(e.text().await.unwrap_or_default());
        }
        assert!(
            entries.iter().any(|e| e.starts_with("+ 待邀约")),
            "history shows 待邀约 added: {entries:?}"
        );
        assert!(
            entries.iter().any(|e| e.starts_with(&format!("− {old}"))),
            "history shows {old} taken off: {entries:?}"
        );
        app.screenshot_named("single-select.png").await;
    })
    .await;
}
