//! Encryption at rest in the real window: Settings › 加密 encrypts the open database with a
//! passphrase typed twice; the app started again shows only the unlock screen, where a wrong
//! passphrase says so in plain words and the right one opens the customers list.

use fantoccini::key::Key;
use std::path::Path;
use tagdesk_e2e::picker::type_into;
use tagdesk_e2e::{bounded, App};

const PASSPHRASE: &str = "春天的客户2026";

#[tokio::test]
async fn an_encrypted_database_opens_only_with_its_passphrase_after_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = App::start(dir.path()).await;
    bounded(&[&app], encrypt(&app)).await;
    app.stop().await;
    assert!(
        !is_plain_sqlite(&dir.path().join("demo.sqlite")),
        "the file on disk is no longer readable SQLite"
    );

    let app = App::start(dir.path()).await;
    bounded(&[&app], unlock(&app)).await;
    app.stop().await;
}

/// Settings › encryption: the passphrase typed twice, then 加密, until it says it is done.
async fn encrypt(app: &App) {
    app.find_css("[data-testid='customer-row']").await;
    app.press_id("nav-settings").await;
    app.text_until("encryption-state", |t| !t.is_empty()).await;
    let off = app.find("encryption-state").await.text().await.unwrap();
    type_into(app, "encryption-new", PASSPHRASE).await;
    type_into(app, "encryption-again", PASSPHRASE).await;
    app.find_css("[data-testid='encryption-submit']:not([disabled])")
        .await;
    app.press_id("encryption-submit").await;
    app.find("encryption-done").await;
    app.text_until("encryption-state", |t| t != off).await;
}

/// The unlock screen, and nothing else: a wrong passphrase is refused in plain words; the
/// right one opens the customers list.
async fn unlock(app: &App) {
    app.find("unlock-screen").await;
    assert!(
        app.find_all("customer-row").await.is_empty(),
        "nothing of the database shows before the passphrase"
    );
    type_into(app, "unlock-passphrase", "不是这个密码").await;
    app.press_id("unlock-submit").await;
    let refused = app.text_until("unlock-error", |t| !t.is_empty()).await;
    assert!(refused.contains("密码不正确"), "{refused}");
    assert!(!refused.contains("passphrase_wrong"), "no code: {refused}");

    // Clear the box as a user would (select all, delete): 解锁 is disabled while it is empty.
    let input = app.find("unlock-passphrase").await;
    let select_all = format!("{}a{}{}", Key::Control, Key::Null, Key::Backspace);
    input.send_keys(&select_all).await.expect("clear");
    app.find_css("[data-testid='unlock-submit'][disabled]")
        .await;
    type_into(app, "unlock-passphrase", PASSPHRASE).await;
    app.press_id("unlock-submit").await;
    app.find_css("[data-testid='customer-row']").await;
    assert!(app.find_all("unlock-screen").await.is_empty());
}

/// Whether the file starts as a plain SQLite database does.
fn is_plain_sqlite(path: &Path) -> bool {
    let bytes = std::fs::read(path).expect("the database file");
    bytes.starts_with(b"SQLite format 3\0")
}
