//! Issue 16, "complete English, complete Chinese", in the real window: every page and the main
//! dialogs are visited in each language on a database whose data is in that language, and the
//! text the window shows (document.body.innerText) must hold none of the other language's. In
//! English the data is Latin only, so any Chinese character is the app's; in Chinese the data
//! is Chinese only, so any Latin word is the app's, except the few that are names in both
//! languages (TagDesk, RFM, Excel, CSV …), file names and paths. Screenshots of every view at
//! 1024×700 and 1280×800 go to $TAGDESK_SCREENSHOT_DIR when it is set.

use fantoccini::Locator;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tagdesk_core::conditions::Index;
use tagdesk_core::customers::{self, CustomerInput};
use tagdesk_core::events::{self, EventInput};
use tagdesk_core::starter_language::{self, StarterLanguage};
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::tags::{self, NewNode, NodeKind, SelectMode};
use tagdesk_core::{db, rules, segments};
use tagdesk_e2e::App;

/// A user's database in one language: everything in it is that language's words.
pub(crate) struct Seed {
    /// The UI language ("en" or "zh-CN") and the file the database lives in.
    pub(crate) language: &'static str,
    pub(crate) file: &'static str,
    /// Who made the seeded changes; in English the core's default author, which the UI must word.
    actor: &'static str,
    /// The name the user set in Settings, if any.
    user_name: Option<&'static str>,
    category: &'static str,
    /// (group, single-select, tags).
    pub(crate) groups: [(&'static str, bool, [&'static str; 2]); 2],
    /// (name, city, email).
    pub(crate) customers: &'static [(&'static str, &'static str, Option<&'static str>)],
    segment: &'static str,
    rule: &'static str,
}

pub(crate) const ENGLISH: Seed = Seed {
    language: "en",
    file: "shop-en.sqlite",
    actor: "本机用户",
    user_name: None,
    category: "Customer profile",
    groups: [
        ("Tier", true, ["Gold", "Silver"]),
        ("Interests", false, ["Outdoor", "Gadgets"]),
    ],
    customers: &[
        ("Alice Brown", "Boston", Some("alice@example.com")),
        ("Bob Stone", "Denver", Some("bob@example.com")),
        ("Carol White", "Boston", None),
        ("Dan Green", "Austin", Some("dan@example.com")),
        ("Eve Black", "Seattle", None),
        ("Frank Moss", "Boston", Some("frank@example.com")),
        ("Grace Hill", "Denver", None),
        ("Henry Ford", "Austin", Some("henry@example.com")),
        ("Iris Lane", "Seattle", None),
        ("Jack Reed", "Boston", Some("jack@example.com")),
        ("Kate Wood", "Denver", None),
        ("Liam Cole", "Austin", None),
    ],
    segment: "Gold buyers",
    rule: "Boston is gold",
};

pub(crate) const CHINESE: Seed = Seed {
    language: "zh-CN",
    file: "shop-zh.sqlite",
    actor: "李娜",
    user_name: Some("李娜"),
    category: "客户画像",
    groups: [
        ("会员等级", true, ["金卡", "银卡"]),
        ("兴趣", false, ["户外", "数码"]),
    ],
    customers: &[
        ("王伟", "杭州", None),
        ("李娜", "上海", None),
        ("张敏", "杭州", None),
        ("陈晨", "北京", None),
        ("刘洋", "深圳", None),
        ("赵磊", "杭州", None),
        ("孙丽", "上海", None),
        ("周杰", "北京", None),
        ("吴芳", "深圳", None),
        ("郑强", "杭州", None),
        ("冯静", "上海", None),
        ("何勇", "北京", None),
    ],
    segment: "金卡买家",
    rule: "杭州客户升金卡",
};

/// Writes the seed's database into `dir` as the user's last database, in the seed's language.
pub(crate) fn seed(dir: &Path, seed: &Seed) {
    let path = dir.join(seed.file);
    let mut conn = db::create(&path).expect("a new database");
    // As the app does for a database created in this language (Desk::create).
    starter_language::adopt(&mut conn, StarterLanguage::of_ui(seed.language)).unwrap();
    let actor = seed.actor;
    let category = tags::create(
        &conn,
        &NewNode::new(None, NodeKind::Category, seed.category),
        actor,
    )
    .unwrap();
    let mut tag_ids = Vec::new();
    for (group, single, names) in seed.groups {
        let group = tags::create(
            &conn,
            &NewNode {
                select_mode: Some(if single {
                    SelectMode::Single
                } else {
                    SelectMode::Multi
                }),
                ..NewNode::new(Some(category), NodeKind::Group, group)
            },
            actor,
        )
        .unwrap();
        for name in names {
            tag_ids.push(
                tags::create(
                    &conn,
                    &NewNode::new(Some(group), NodeKind::Tag, name),
                    actor,
                )
                .unwrap(),
            );
        }
    }
    let order_kind = events::order_kind(&conn).unwrap().expect("an order kind");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let mut ids = Vec::new();
    for (i, (name, city, email)) in seed.customers.iter().enumerate() {
        let input = CustomerInput {
            name: name.to_string(),
            phone: Some(format!("1380013{:04}", 1000 + i)),
            email: email.map(str::to_string),
            city: Some(city.to_string()),
            ..CustomerInput::default()
        };
        let id = customers::create(&conn, &input, actor).unwrap();
        for order in 0..(i % 4) {
            let event = EventInput {
                customer_id: id,
                kind: order_kind.clone(),
                occurred_at: now - ((i * 23 + order * 61) as i64 + 1) * 86_400,
                amount: Some(1_200.0 + (i * 350) as f64),
                properties: Default::default(),
            };
            events::add(&conn, &event, actor).unwrap();
        }
        ids.push(id);
    }
    let (gold, outdoor) = (tag_ids[0], tag_ids[2]);
    let some = |step: usize| TagTarget::Customers {
        ids: ids.iter().copied().step_by(step).collect(),
    };
    tagging::add(&mut conn, &some(2), gold, TagSource::Manual, actor).unwrap();
    tagging::add(&mut conn, &some(3), outdoor, TagSource::Manual, actor).unwrap();
    let index = Index::build(&conn).unwrap();
    let segment = serde_json::from_value(serde_json::json!({
        "name": seed.segment, "kind": "dynamic", "pinned": true,
        "condition": { "type": "tag", "tag_id": gold },
    }))
    .unwrap();
    segments::create(&mut conn, &index, &segment, actor).unwrap();
    let rule = serde_json::from_value(serde_json::json!({
        "name": seed.rule, "owner": null, "priority": 0, "enabled": false,
        "condition": { "type": "field", "field": "city", "op": "eq", "values": [seed.customers[0].1] },
        "action": { "type": "add_tag", "tag_id": gold },
    }))
    .unwrap();
    rules::create(&mut conn, &rule, actor).unwrap();
    drop(conn);
    std::fs::write(
        dir.join("prefs.json"),
        serde_json::json!({ "language": seed.language, "last_database": path, "user_name": seed.user_name })
            .to_string(),
    )
    .unwrap();
}

/// Characters of Chinese writing, its punctuation (from U+2E80 on) and full-width forms.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Latin words that are names in both languages (products, file formats, the cloud drives a
/// team folder lives on, the database a team hub runs on), or units; and
/// "product", the property key migration 0007 gave the starter order kind: a key stored in the
/// database and typed in imports, data rather than wording (left as it is, see the report).
const SHARED_WORDS: [&str; 19] = [
    "TagDesk",
    "RFM",
    "Excel",
    "CSV",
    "TSV",
    "ODS",
    "xlsx",
    "xls",
    "csv",
    "ID",
    "KB",
    "MB",
    "GB",
    "UTF",
    "product",
    "NAS",
    "OneDrive",
    "Dropbox",
    "PostgreSQL",
];

/// The Latin words of `text` the Chinese UI should not show: file names, paths and e-mail
/// addresses are skipped, single letters (R, F, M) pass, and so do the shared words.
fn latin_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for token in text.split_whitespace() {
        let file_like = token.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && (2..=7).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
        });
        if token.contains(['/', '\\', '@']) || file_like {
            continue;
        }
        for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
            if word.len() >= 2 && !SHARED_WORDS.contains(&word) {
                found.push(format!("{word} (in “{token}”)"));
            }
        }
    }
    found
}

/// What the window shows, without the language switches (each language's name is written in
/// that language on purpose).
async fn visible_text(app: &App) -> String {
    let shown = app
        .client
        .execute(
            "const switches = [...document.querySelectorAll(\"[role='group'][data-testid$='-switch']\")]
                .map((s) => s.innerText);
             let text = document.body.innerText;
             for (const s of switches) text = text.replace(s, '');
             return text;",
            vec![],
        )
        .await
        .expect("read the window's text");
    shown.as_str().unwrap_or_default().to_string()
}

/// Records what on the current view is in the other language; saves its screenshot.
pub(crate) async fn look(
    app: &App,
    seed: &Seed,
    width: u32,
    view: &str,
    problems: &mut Vec<String>,
) {
    // Counts and lists arrive a moment after the page.
    tokio::time::sleep(Duration::from_millis(900)).await;
    let text = visible_text(app).await;
    if seed.language == "en" {
        for line in text.lines().filter(|l| l.chars().any(is_cjk)) {
            problems.push(format!("en {view}: {line:?}"));
        }
    } else {
        for word in latin_words(&text) {
            problems.push(format!("zh {view}: {word}"));
        }
    }
    let lang = if seed.language == "en" { "en" } else { "zh" };
    app.screenshot_named(&format!("languages-{lang}-{width}-{view}.png"))
        .await;
}

/// Presses `test_id` until `shown` (CSS) is on screen: a click during a re-render is lost.
pub(crate) async fn open(app: &App, test_id: &str, shown: &str) {
    app.click_until_done(
        &format!("{shown} after {test_id}"),
        &format!("[data-testid='{test_id}']"),
        Duration::from_millis(500),
        || async { app.client.find(Locator::Css(shown)).await.is_ok() },
    )
    .await;
}

/// Presses `css` until it is gone (a dialog or drawer closing).
async fn close(app: &App, css: &str, gone: &str) {
    app.eventually(&format!("{gone} to close"), || async {
        if app.client.find(Locator::Css(gone)).await.is_err() {
            return Some(());
        }
        if let Ok(el) = app.client.find(Locator::Css(css)).await {
            let _ = el.click().await;
        }
        tokio::time::sleep(Duration::from_millis(400)).await;
        None
    })
    .await;
    app.settled().await;
}

/// Every page, the profile, the builders and the dialogs, in the order a new user meets them.
async fn tour(app: &App, seed: &Seed, width: u32, height: u32, problems: &mut Vec<String>) {
    app.client
        .set_window_size(width, height)
        .await
        .expect("resize the window");
    open(app, "nav-customers", "[data-testid='customer-row']").await;
    look(app, seed, width, "customers", problems).await;
    open(
        app,
        "row-open",
        ".ant-drawer-open [data-testid='customer-profile']",
    )
    .await;
    look(app, seed, width, "profile", problems).await;
    close(
        app,
        ".ant-drawer-open .ant-drawer-close",
        ".ant-drawer-open",
    )
    .await;

    open(app, "nav-tags", "[data-testid='tag-node']").await;
    look(app, seed, width, "tags", problems).await;

    open(
        app,
        "nav-health",
        "[data-testid='health-figure-tags'] .ant-statistic-content",
    )
    .await;
    look(app, seed, width, "health", problems).await;
    open(
        app,
        "health-tab-duplicates",
        "[data-testid='duplicates-table']",
    )
    .await;
    look(app, seed, width, "health-duplicates", problems).await;
    open(
        app,
        "health-tab-dictionary",
        "[data-testid='dictionary-table']",
    )
    .await;
    look(app, seed, width, "health-dictionary", problems).await;

    open(app, "nav-segments", "[data-testid='pinned-count']").await;
    look(app, seed, width, "segments", problems).await;
    // A new segment has nothing to cancel: the menu leaves it.
    open(app, "segment-new", "[data-testid='segment-save']").await;
    look(app, seed, width, "segment-builder", problems).await;

    open(app, "nav-rules", "[data-testid='rule-open']").await;
    look(app, seed, width, "rules", problems).await;
    open(app, "rule-new", "[data-testid='rule-editor']").await;
    look(app, seed, width, "rule-editor", problems).await;
    close(
        app,
        "[data-testid='rule-back']",
        "[data-testid='rule-editor']",
    )
    .await;

    open(app, "nav-value", "[data-testid='value-tab-rfm']").await;
    if app.find_all("rfm-result").await.is_empty() {
        open(app, "rfm-run", "[data-testid='rfm-result']").await;
    }
    look(app, seed, width, "rfm", problems).await;
    open(app, "value-tab-lifecycle", "[data-testid='lifecycle-run']").await;
    if app.find_all("lifecycle-result").await.is_empty() {
        open(app, "lifecycle-run", "[data-testid='lifecycle-result']").await;
    }
    look(app, seed, width, "lifecycle", problems).await;
    open(
        app,
        "value-tab-followups",
        "[data-testid='followups-empty'], [data-testid='followup-name']",
    )
    .await;
    look(app, seed, width, "followups", problems).await;

    open(app, "nav-io", "[data-testid='import-choose']").await;
    look(app, seed, width, "import", problems).await;
    open(app, "export-customers", "[data-testid='export-dialog']").await;
    look(app, seed, width, "export", problems).await;
    close(
        app,
        ".ant-modal-wrap:not([style*='display: none']) .ant-modal-close",
        "[data-testid='export-dialog']",
    )
    .await;

    open(app, "nav-history", "[data-testid='history-open']").await;
    look(app, seed, width, "history", problems).await;

    // Not in a team: starting one, joining by folder or by invitation file.
    open(app, "nav-team", "[data-testid='team-join-card']").await;
    look(app, seed, width, "team", problems).await;

    open(app, "nav-settings", "[data-testid='settings-db-path']").await;
    look(app, seed, width, "settings", problems).await;
}

/// Seeds a database in `seed`'s language, tours it at both sizes and fails naming every line
/// or word of the other language; the app is stopped even when the tour fails.
async fn every_view_speaks_only(seed: &'static Seed) {
    let dir = tempfile::tempdir().expect("temp dir");
    self::seed(dir.path(), seed);
    let app = Arc::new(App::start(dir.path()).await);
    let inner = app.clone();
    let outcome = tokio::spawn(async move {
        let mut problems = Vec::new();
        for (w, h) in [(1024, 700), (1280, 800)] {
            tour(&inner, seed, w, h, &mut problems).await;
        }
        problems
    })
    .await;
    if let Ok(app) = Arc::try_unwrap(app) {
        app.stop().await;
    }
    let problems = outcome.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
    assert!(
        problems.is_empty(),
        "{} shows the other language's text:\n{}",
        seed.language,
        problems.join("\n")
    );
}

#[tokio::test]
async fn english_mode_shows_no_chinese_outside_the_users_data() {
    every_view_speaks_only(&ENGLISH).await;
}

#[tokio::test]
async fn chinese_mode_shows_no_english_words_outside_the_users_data() {
    every_view_speaks_only(&CHINESE).await;
}
