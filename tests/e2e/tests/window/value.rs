//! Journey 3 step 2 in the real window: the Value page runs RFM on the demo database and shows
//! the eight classes, whose counts add up to the customers who ordered in the window (checked
//! against the database); 今日必跟进 lists a customer with the tags that gave the points.

use fantoccini::Locator;
use tagdesk_e2e::{count, demo_db, with_app, App};

/// Sums `data-customers` over the class rows once all eight are shown.
async fn class_counts(app: &App) -> Vec<i64> {
    app.eventually("the eight class rows", || async {
        let rows = app.find_all("rfm-class-row").await;
        if rows.len() != 8 {
            return None;
        }
        let mut counts = Vec::new();
        for row in rows {
            counts.push(row.attr("data-customers").await.ok()??.parse().ok()?);
        }
        Some(counts)
    })
    .await
}

#[tokio::test]
async fn rfm_on_the_demo_shows_eight_classes_and_followups_give_reasons() {
    with_app(|app, dir| async move {
        app.press_id("nav-value").await;
        app.press_id("rfm-run").await;
        // The run replaces the summary; wait for this run's (it shows the run-at time).
        app.find("rfm-result").await;
        app.eventually("the run to finish", || async {
            app.client
                .find(Locator::Css("[data-testid='rfm-run']"))
                .await
                .ok()
                .map(|_| ())
        })
        .await;
        let counts = class_counts(&app).await;
        let buyers = count(
            &demo_db(&dir),
            "SELECT count(DISTINCT e.customer_id) FROM events e
             JOIN customers c ON c.id = e.customer_id AND c.deleted_at IS NULL
             WHERE e.kind = '下单' AND e.occurred_at > CAST(strftime('%s','now') AS INTEGER) - 365 * 86400
               AND e.occurred_at <= CAST(strftime('%s','now') AS INTEGER)",
        );
        assert!(buyers > 0, "the demo holds orders in the last year");
        assert_eq!(
            counts.iter().sum::<i64>(),
            buyers,
            "classes {counts:?} cover exactly the customers who ordered"
        );
        let tagged = count(
            &demo_db(&dir),
            "SELECT count(DISTINCT a.customer_id) FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
             JOIN tag_nodes g ON g.id = t.parent_id WHERE g.name = 'RFM 客户价值'",
        );
        assert!(tagged >= buyers, "every buyer holds a class tag");
        let bars = app.find_all("bar").await;
        assert_eq!(bars.len(), 8, "one bar per class");
        app.screenshot_named("value.png").await;

        app.press_id("value-tab-followups").await;
        let row = app.find("followup-row").await;
        let reasons = row
            .find_all(Locator::Css("[data-testid='followup-reason']"))
            .await
            .expect("reasons");
        assert!(!reasons.is_empty(), "the top customer shows why");
        app.press_id("followup-name").await;
        app.find_css("[data-testid='customer-profile'][data-id]").await;
        app.screenshot_named("value-followups.png").await;
    })
    .await;
}
