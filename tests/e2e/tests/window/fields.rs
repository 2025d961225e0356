//! Custom fields in the real window, checked against the real database: a number field declared
//! in Settings appears on a customer's profile, refuses text without saving anything, and saves a
//! number.

use fantoccini::Locator;
use std::path::Path;
use tagdesk_e2e::{count, demo_db, number_attr, with_app, App};

async fn type_css(app: &App, css: &str, text: &str) {
    app.press(css).await;
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
    with_app(|app, dir| async move {
        // Declare the field in Settings.
        app.find("app-shell").await;
        app.press_id("nav-settings").await;
        // A click that lands while the page is still settling is lost: repeat until the form shows.
        app.eventually("the new-field form", || async {
            if app.find_all("field-label").await.is_empty() {
                let _ = app.client.find(Locator::Css("[data-testid='field-add']")).await.ok()?.click().await;
                return None;
            }
            Some(())
        })
        .await;
        type_css(&app, "[data-testid='field-label']", "预算").await;
        app.press_id("field-kind-number").await;
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
        // Clicked on the button itself rather than at a point on the screen: a pointer click
        // while the modal still moves can land on its mask, which closes it unsaved.
        app.eventually("the field saved", || async {
            let saved = app
                .client
                .execute(
                    "if (document.querySelector(\"[data-testid='field-row']\")) return true;
                     document.querySelector(\"[data-testid='field-save']\")?.click();
                     return false;",
                    vec![],
                )
                .await
                .ok()?;
            if saved.as_bool() != Some(true) {
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                return None;
            }
            Some(())
        })
        .await;
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
        app.press_id("nav-customers").await;
        let row = app.find("customer-row").await;
        let id = number_attr(&row, "data-id").await.expect("row has data-id");
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
        app.press_id("profile-save").await;
        app.eventually("预算 marked invalid", || async {
            marked_invalid(&app, budget).await.then_some(())
        })
        .await;
        app.screenshot_named("field-invalid.png").await;
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
        app.press_id("profile-save").await;
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
