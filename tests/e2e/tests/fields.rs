//! Custom fields in the real window, checked against the real database: a number field declared
//! in Settings appears on a customer's profile, refuses text without saving anything, and saves a
//! number.

use fantoccini::Locator;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tagdesk_e2e::{count, demo_db, App};

/// Runs `body` against a freshly started app with its own data folder, and stops the app even
/// when the body fails (a driver left running keeps the test run from ending).
async fn run<F, Fut>(body: F)
where
    F: FnOnce(Arc<App>, PathBuf) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let dir = tempfile::tempdir().expect("temp dir");
    let app = Arc::new(App::start(dir.path()).await);
    let outcome = tokio::spawn(body(app.clone(), dir.path().to_path_buf())).await;
    if let Ok(app) = Arc::try_unwrap(app) {
        app.stop().await;
    }
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn screenshot(app: &App, name: &str) {
    if let Ok(dir) = std::env::var("TAGDESK_SCREENSHOT_DIR") {
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        app.screenshot(&Path::new(&dir).join(name)).await;
    }
}

/// Clicks an element once it takes clicks: drawers and modals slide in before they do.
async fn press(app: &App, css: &str) {
    app.eventually(&format!("{css} to take a click"), || async {
        let el = app.client.find(Locator::Css(css)).await.ok()?;
        el.click().await.ok()
    })
    .await;
}

async fn press_id(app: &App, test_id: &str) {
    press(app, &format!("[data-testid='{test_id}']")).await;
}

async fn type_css(app: &App, css: &str, text: &str) {
    press(app, css).await;
    app.find_css(css).await.send_keys(text).await.expect("type");
}

/// Whether the form item around the element matching `css` is marked with an error.
async fn marked_invalid(app: &App, css: &str) -> bool {
    let script = format!(
        "const el = document.querySelector(\"{css}\");
         const item = el && el.closest('.ant-form-item');
         return !!item && item.classList.contains('ant-form-item-has-error');"
    );
    app.client
        .execute(&script, vec![])
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

fn stored_values(dir: &Path, customer: i64) -> Vec<String> {
    let conn = demo_db(dir);
    let mut stmt = conn
        .prepare(
            "SELECT v.value FROM custom_values v JOIN custom_fields f ON f.id = v.field_id
             WHERE f.label = '预算' AND v.customer_id = ?1",
        )
        .unwrap();
    stmt.query_map([customer], |r| r.get(0))
        .unwrap()
        .map(|v| v.unwrap())
        .collect()
}

#[tokio::test]
async fn a_number_field_refuses_text_without_saving_and_saves_a_number() {
    run(|app, dir| async move {
        // Declare the field in Settings.
        app.find("app-shell").await;
        press_id(&app, "nav-settings").await;
        press_id(&app, "field-add").await;
        type_css(&app, "[data-testid='field-label']", "预算").await;
        press_id(&app, "field-kind-number").await;
        app.eventually("the number kind to be chosen", || async {
            let checked = app
                .client
                .execute(
                    "const l = document.querySelector(\"[data-testid='field-kind-number']\").closest('label');
                     if (!l.classList.contains('ant-radio-button-wrapper-checked')) l.click();
                     return l.classList.contains('ant-radio-button-wrapper-checked');",
                    vec![],
                )
                .await
                .ok()?;
            checked.as_bool().filter(|c| *c)
        })
        .await;
        press_id(&app, "field-save").await;
        app.find_css("[data-testid='field-row'][data-name='预算']")
            .await;
        assert_eq!(
            count(
                &demo_db(&dir),
                "SELECT count(*) FROM custom_fields WHERE label = '预算' AND kind = 'number'"
            ),
            1,
            "the field is stored as a number field"
        );

        // Open a customer: the profile offers the new field.
        press_id(&app, "nav-customers").await;
        let row = app.find("customer-row").await;
        let id: i64 = row
            .attr("data-id")
            .await
            .unwrap()
            .expect("row has data-id")
            .parse()
            .unwrap();
        row.find(Locator::Css("[data-testid='row-open']"))
            .await
            .expect("name cell")
            .click()
            .await
            .expect("open profile");
        app.find_css(&format!("[data-testid='customer-profile'][data-id='{id}']"))
            .await;
        let budget = "input[data-label='预算']";
        app.find_css(budget).await;

        // Text is refused in the form: the field is marked and nothing reaches the database.
        type_css(&app, budget, "很多").await;
        press_id(&app, "profile-save").await;
        app.eventually("预算 marked invalid", || async {
            marked_invalid(&app, budget).await.then_some(())
        })
        .await;
        screenshot(&app, "field-invalid.png").await;
        assert_eq!(
            count(&demo_db(&dir), "SELECT count(*) FROM custom_values"),
            0,
            "nothing was saved"
        );
        assert!(
            app.find_all("profile-saved").await.is_empty(),
            "no saved message"
        );

        // A number saves.
        let input = app.find_css(budget).await;
        input
            .send_keys("\u{E003}\u{E003}50000")
            .await
            .expect("retype");
        press_id(&app, "profile-save").await;
        app.find("profile-saved").await;
        let stored = app
            .eventually("预算 stored", || async {
                let v = stored_values(&dir, id);
                (!v.is_empty()).then_some(v)
            })
            .await;
        assert_eq!(
            stored,
            vec!["50000".to_string()],
            "the database holds the number"
        );
        assert!(
            !marked_invalid(&app, budget).await,
            "the field is no longer marked"
        );
    })
    .await;
}
