//! Journey 4 in the real window: the team lead opens 标签健康, finds the tags nobody holds and
//! archives them (one undo brings them back), finds 高活 / 高活跃 and VIP / ＶＩＰ and merges each
//! pair after its preview, and fills in the dictionary of a core tag. Each step is checked in the
//! database the app writes.

use std::path::{Path, PathBuf};
use tagdesk_core::customers::{self, CustomerInput};
use tagdesk_core::db;
use tagdesk_core::starter_language::{self, StarterLanguage};
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags::{self, NewNode, NodeKind};
use tagdesk_e2e::{count, App};

const ACTOR: &str = "组长";
const EMPTY_TAGS: [&str; 3] = ["旧活动A", "旧活动B", "旧活动C"];

/// A shop's tags with two pairs that mean the same and three tags nobody holds; returns the file.
fn seed(dir: &Path) -> PathBuf {
    let path = dir.join("shop.sqlite");
    let mut conn = db::create(&path).expect("a new database");
    starter_language::adopt(&mut conn, StarterLanguage::of_ui("zh-CN")).unwrap();
    let node = |parent: Option<i64>, kind: NodeKind, name: &str| {
        tags::create(&conn, &NewNode::new(parent, kind, name), ACTOR).unwrap()
    };
    let category = node(None, NodeKind::Category, "客户画像");
    let activity = node(Some(category), NodeKind::Group, "活跃度");
    let member = node(Some(category), NodeKind::Group, "会员");
    let level = node(Some(category), NodeKind::Group, "等级");
    let campaign = node(Some(category), NodeKind::Group, "活动");
    let high = node(Some(activity), NodeKind::Tag, "高活");
    let higher = node(Some(activity), NodeKind::Tag, "高活跃");
    let vip = node(Some(level), NodeKind::Tag, "VIP");
    let wide_vip = node(Some(member), NodeKind::Tag, "ＶＩＰ");
    for name in EMPTY_TAGS {
        node(Some(campaign), NodeKind::Tag, name);
    }
    let ids: Vec<i64> = (0..20)
        .map(|i| {
            let input = CustomerInput {
                name: format!("客户{i:02}"),
                phone: Some(format!("1390000{:04}", i)),
                ..CustomerInput::default()
            };
            customers::create(&conn, &input, ACTOR).unwrap()
        })
        .collect();
    let mut give = |tag: i64, range: std::ops::Range<usize>| {
        let target = TagTarget::Customers {
            ids: ids[range].to_vec(),
        };
        tagging::add(&mut conn, &target, tag, TagSource::Manual, ACTOR).unwrap();
    };
    give(high, 0..10);
    give(higher, 0..9);
    give(vip, 10..16);
    give(wide_vip, 10..15);
    drop(conn);
    std::fs::write(
        dir.join("prefs.json"),
        serde_json::json!({ "language": "zh-CN", "last_database": path, "user_name": ACTOR })
            .to_string(),
    )
    .unwrap();
    path
}

fn live(db: &Path, sql: &str) -> i64 {
    count(&rusqlite::Connection::open(db).expect("the database"), sql)
}

fn archived_empty_tags(db: &Path) -> i64 {
    live(
        db,
        "SELECT count(*) FROM tag_nodes WHERE name LIKE '旧活动_' AND archived_at IS NOT NULL",
    )
}

#[tokio::test]
async fn the_team_lead_archives_unused_tags_merges_the_pairs_and_fills_the_dictionary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = seed(dir.path());
    let app = std::sync::Arc::new(App::start(dir.path()).await);
    let inner = app.clone();
    let outcome = tokio::spawn(async move { journey(&inner, &db).await }).await;
    if let Ok(app) = std::sync::Arc::try_unwrap(app) {
        app.stop().await;
    }
    outcome.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
}

async fn journey(app: &App, db: &Path) {
    app.press_id("nav-health").await;
    // 1. The tags nobody holds, archived together, brought back by one undo, archived again.
    let names = app
        .eventually("the three empty tags listed", || async {
            let mut names = Vec::new();
            for el in app.find_all("cleanup-tag").await {
                names.push(el.text().await.ok()?);
            }
            names.sort();
            (names.len() == EMPTY_TAGS.len()).then_some(names)
        })
        .await;
    assert_eq!(names, EMPTY_TAGS, "only the tags without customers");
    app.screenshot_named("health-cleanup.png").await;
    let archive = || async {
        app.press("[data-testid='cleanup-table'] thead .ant-checkbox-input")
            .await;
        app.press_id("cleanup-archive").await;
        app.find("where-used-none").await;
        app.press_id("cleanup-archive-ok").await;
        app.find("cleanup-archived").await;
    };
    archive().await;
    app.eventually("the three archived", || async {
        (archived_empty_tags(db) == 3).then_some(())
    })
    .await;
    app.press_id("cleanup-undo").await;
    app.eventually("the undo brings them back", || async {
        (archived_empty_tags(db) == 0).then_some(())
    })
    .await;
    app.eventually("listed again", || async {
        (app.find_all("cleanup-tag").await.len() == 3).then_some(())
    })
    .await;
    archive().await;
    app.eventually("archived again", || async {
        (archived_empty_tags(db) == 3).then_some(())
    })
    .await;

    // 2. Both pairs found, each merged after its preview.
    app.press_id("health-tab-duplicates").await;
    for (gone, kept, holders) in [("高活跃", "高活", 10), ("ＶＩＰ", "VIP", 6)] {
        let button = app
            .eventually("the pair listed", || async {
                for row in app
                    .client
                    .find_all(fantoccini::Locator::Css(
                        "[data-testid='duplicates-table'] tbody tr",
                    ))
                    .await
                    .ok()?
                {
                    let text = row.text().await.ok()?;
                    if text.contains(gone) && text.contains(kept) {
                        // The smaller tag is A: merging A into B keeps the larger one.
                        return row
                            .find(fantoccini::Locator::Css("[data-testid='merge-a-into-b']"))
                            .await
                            .ok();
                    }
                }
                None
            })
            .await;
        app.screenshot_named("health-duplicates.png").await;
        button.click().await.expect("merge");
        app.find("merge-preview").await;
        app.press_id("merge-preview-ok").await;
        app.find("merge-done").await;
        let db_gone =
            format!("SELECT count(*) FROM tag_nodes WHERE name = '{gone}' AND deleted_at IS NULL");
        app.eventually("the merged tag gone", || async {
            (live(db, &db_gone) == 0).then_some(())
        })
        .await;
        let holding = live(
            db,
            &format!(
                "SELECT count(*) FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
                 WHERE t.name = '{kept}' AND t.deleted_at IS NULL"
            ),
        );
        assert_eq!(holding, holders, "{kept} holds every customer of both");
    }
    app.eventually("no pair left", || async {
        app.find_all("merge-a-into-b")
            .await
            .is_empty()
            .then_some(())
    })
    .await;

    // 3. VIP made a core tag and its dictionary filled in.
    app.press_id("health-tab-dictionary").await;
    let row_css = "[data-testid='dictionary-table'] tbody tr";
    app.eventually("VIP among the incomplete tags", || async {
        for row in app
            .client
            .find_all(fantoccini::Locator::Css(row_css))
            .await
            .ok()?
        {
            if row.text().await.ok()?.starts_with("VIP") {
                row.find(fantoccini::Locator::Css("[data-testid='core-switch']"))
                    .await
                    .ok()?
                    .click()
                    .await
                    .ok()?;
                return Some(());
            }
        }
        None
    })
    .await;
    app.eventually("VIP is core", || async {
        (live(
            db,
            "SELECT count(*) FROM tag_nodes WHERE name = 'VIP' AND core = 1",
        ) == 1)
            .then_some(())
    })
    .await;
    app.press("[data-testid='dictionary-filter'] .ant-segmented-item:last-child")
        .await;
    app.press_id("dictionary-edit").await;
    for (field, text) in [
        ("dict-meaning", "累计消费满一万元的客户"),
        ("dict-owner", "运营部"),
        ("dict-update_frequency", "每月"),
    ] {
        tagdesk_e2e::picker::type_into(app, field, text).await;
    }
    app.screenshot_named("health-dictionary.png").await;
    app.press_id("dict-save").await;
    // Stays shown although the tree is read again after the save.
    app.find("dict-saved").await;
    app.eventually("the dictionary saved", || async {
        (live(
            db,
            "SELECT count(*) FROM tag_nodes WHERE name = 'VIP' AND meaning = '累计消费满一万元的客户'
               AND owner = '运营部' AND update_frequency = '每月'",
        ) == 1)
            .then_some(())
    })
    .await;
}
