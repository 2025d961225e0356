//! Issue 16, "fits the screen", in the real window: at 1024×700 the segment builder keeps its
//! combinator on one line and its buttons clear of the count panel, a segment's member opens
//! its profile; and a tour of every page at both sizes in both languages leaves screenshots
//! (with TAGDESK_SCREENSHOT_DIR) for a person to look at.

use fantoccini::Locator;
use std::time::Duration;
use tagdesk_e2e::builder::{choose_tag, click_until, control};
use tagdesk_e2e::{number_attr, with_app, App};

/// (x, y, width, height) of an element as laid out in the window.
type Rect = (f64, f64, f64, f64);

async fn rects(app: &App, css: &str) -> Vec<Rect> {
    let mut out = Vec::new();
    for el in app
        .client
        .find_all(Locator::Css(css))
        .await
        .unwrap_or_default()
    {
        out.push(el.rectangle().await.expect("an element's rectangle"));
    }
    out
}

fn overlap(a: Rect, b: Rect) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

/// Builds "(VIP) 或者 (微信群)" by clicks: two groups under an OR root.
async fn build_two_groups(app: &App) {
    let root = control("builder-combinator", "[]");
    click_until(
        app,
        &format!("{root} [data-testid='builder-combinator-or']"),
        &format!("{root} .ant-radio-button-wrapper-checked [data-testid='builder-combinator-or']"),
    )
    .await;
    for (group, tag) in [("[0]", "VIP"), ("[1]", "微信群")] {
        // A click during a re-render is lost: click until the group, then its rule, is there.
        click_until(
            app,
            &control("builder-add-group", "[]"),
            &control("builder-combinator", group),
        )
        .await;
        let rule = format!("{},0]", &group[..group.len() - 1]);
        click_until(
            app,
            &control("builder-add-rule", group),
            &format!("[data-testid='rule'][data-path='{rule}']"),
        )
        .await;
        // A new rule starts on the tag field: no field to choose first.
        choose_tag(app, &rule, tag).await;
    }
}

#[tokio::test]
async fn at_1024_the_builder_keeps_its_combinators_on_one_line_clear_of_the_count_and_a_member_opens_its_profile(
) {
    with_app(|app, _dir| async move {
        app.client
            .set_window_size(1024, 700)
            .await
            .expect("resize the window");
        app.press_id("nav-segments").await;
        app.find_css("[data-testid^='pinned-card-']").await;
        app.press_id("segment-new").await;
        build_two_groups(&app).await;
        app.find_css("[data-testid='segment-live-count'][data-state='ready']")
            .await;
        app.screenshot_named("fit-1024-two-groups.png").await;

        let combinators = rects(&app, "[data-testid='builder-combinator']").await;
        assert_eq!(
            combinators.len(),
            3,
            "the root and two groups each have 并且/或者"
        );
        let button = rects(
            &app,
            "[data-testid='builder-combinator'] .ant-radio-button-wrapper",
        )
        .await;
        let line = button.iter().map(|r| r.3).fold(f64::MAX, f64::min);
        for r in &combinators {
            assert!(
                r.3 <= line + 2.0,
                "并且/或者 is one line ({line}px), not {}px: {r:?}",
                r.3
            );
        }

        let panel = rects(&app, ".segment-live-panel").await;
        assert_eq!(panel.len(), 1);
        let panel = panel[0];
        let adds = app
            .client
            .find_all(Locator::Css("[data-testid='builder-add-group']"))
            .await
            .unwrap();
        assert_eq!(adds.len(), 3, "+ 条件组 on the root and on each group");
        for add in &adds {
            assert!(add.is_displayed().await.unwrap(), "+ 条件组 is shown");
            let text = add.text().await.unwrap();
            assert!(
                text.contains("条件组"),
                "the button says what it adds: {text:?}"
            );
            let r = add.rectangle().await.unwrap();
            assert!(
                !overlap(r, panel),
                "+ 条件组 {r:?} is clear of the count panel {panel:?}"
            );
        }
        for r in rects(&app, "[data-testid='rule']").await {
            assert!(
                !overlap(r, panel),
                "a condition {r:?} runs under the count panel {panel:?}"
            );
        }

        let name = app.find("segment-name").await;
        name.send_keys("VIP或微信群").await.expect("type the name");
        app.press_id("segment-save").await;
        let row = app.find_css("[data-testid='member-row']").await;
        let id = number_attr(&row, "data-id").await.expect("a member's id");
        app.press("[data-testid='member-row'] td").await;
        app.find_css(&format!("[data-testid='customer-profile'][data-id='{id}']"))
            .await;
        app.screenshot_named("fit-1024-member-profile.png").await;
    })
    .await;
}

const PAGES: [&str; 10] = [
    "customers",
    "tags",
    "health",
    "segments",
    "rules",
    "value",
    "io",
    "team",
    "history",
    "settings",
];

/// Visits every page and the two builders, leaving one screenshot each named for the
/// language, the size and the page.
async fn tour(app: &App, lang: &str, width: u32, height: u32) {
    app.client
        .set_window_size(width, height)
        .await
        .expect("resize the window");
    app.press_id(&format!("lang-{lang}")).await;
    for page in PAGES {
        app.press_id(&format!("nav-{page}")).await;
        app.find(&format!("nav-{page}")).await;
        tokio::time::sleep(Duration::from_millis(1200)).await;
        app.screenshot_named(&format!("{lang}-{width}-{page}.png"))
            .await;
        if page == "segments" {
            app.press_id("segment-new").await;
            tokio::time::sleep(Duration::from_millis(1200)).await;
            app.screenshot_named(&format!("{lang}-{width}-segment-builder.png"))
                .await;
        }
        if page == "rules" {
            app.press_id("rule-new").await;
            tokio::time::sleep(Duration::from_millis(1200)).await;
            app.screenshot_named(&format!("{lang}-{width}-rule-editor.png"))
                .await;
        }
    }
}

#[tokio::test]
async fn every_page_is_photographed_at_both_sizes_in_both_languages() {
    with_app(|app, _dir| async move {
        app.find_css("[data-testid='nav-customers']").await;
        for lang in ["zh", "en"] {
            for (w, h) in [(1024, 700), (1280, 800)] {
                tour(&app, lang, w, h).await;
            }
        }
    })
    .await;
}

#[tokio::test]
async fn at_1024_in_english_the_customer_list_fits_with_its_tags_column_and_no_sideways_scroll() {
    with_app(|app, _dir| async move {
        app.client
            .set_window_size(1024, 700)
            .await
            .expect("resize the window");
        app.press_id("lang-en").await;
        app.press_id("nav-customers").await;
        app.find_css("[data-testid='customer-row'] [data-testid='tag-chip']")
            .await;
        app.screenshot_named("fit-1024-en-customers.png").await;
        let fits = app
            .client
            .execute(
                "const list = document.querySelector(\"[data-testid='customer-table']\");
                 return list.scrollWidth <= list.clientWidth;",
                vec![],
            )
            .await
            .expect("measure the list");
        assert_eq!(
            fits.as_bool(),
            Some(true),
            "the list scrolls sideways at 1024 px"
        );
        let list = rects(&app, "[data-testid='customer-table']").await[0];
        let headers = rects(&app, "[role='columnheader']").await;
        assert!(
            headers.len() >= 8,
            "the default columns are shown: {headers:?}"
        );
        let last = headers.last().copied().unwrap();
        assert!(
            last.0 + last.2 <= list.0 + list.2 + 1.0,
            "the last column {last:?} ends inside the list {list:?}"
        );
        // Every row's chips stay inside their cell: those that do not fit are counted in "+N".
        let overflowing = app
            .client
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='tag-chips']\")]
                   .filter(c => c.scrollWidth > c.clientWidth + 1).length;",
                vec![],
            )
            .await
            .expect("measure the chips");
        assert_eq!(
            overflowing.as_u64(),
            Some(0),
            "a row's tag chips are cut off"
        );
    })
    .await;
}
