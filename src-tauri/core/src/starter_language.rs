//! What the app itself names inside a database — the starter event kinds a new database comes
//! with, and the RFM and lifecycle groups a first run creates — is the user's data once written:
//! shown as stored in both UI languages and renamed only by the user. So it is written once, in
//! the language the UI had when the database was created, which the database keeps (meta
//! `starter_language`); a database without it (the Chinese demo, older files) is Chinese.

use crate::db;
use crate::error::Result;
use crate::tags;
use rusqlite::{params, Connection};

const META_KEY: &str = "starter_language";

/// The languages the app names things in; Chinese is how migrations and the taxonomy write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StarterLanguage {
    Chinese,
    English,
}

impl StarterLanguage {
    /// From the UI's language tag ("en"; anything else is Chinese, the default).
    pub fn of_ui(language: &str) -> Self {
        if language == "en" {
            StarterLanguage::English
        } else {
            StarterLanguage::Chinese
        }
    }

    /// Picks the word of this language from a (Chinese, English) pair.
    pub fn pick<'a>(self, words: (&'a str, &'a str)) -> &'a str {
        match self {
            StarterLanguage::Chinese => words.0,
            StarterLanguage::English => words.1,
        }
    }
}

/// A word in (Chinese, English).
type Words = (&'static str, &'static str);

/// The starter event kinds of migration 0007, (Chinese, English) for the name and description.
const STARTER_KINDS: [(Words, Words); 5] = [
    (
        ("浏览定价页", "Viewed pricing"),
        ("访问了价格页面", "Visited the pricing page"),
    ),
    (
        ("下载报告", "Downloaded report"),
        ("下载了白皮书或报告", "Downloaded a white paper or report"),
    ),
    (
        ("下单", "Order"),
        (
            "一笔订单，金额为订单金额",
            "An order; the amount is the order's total",
        ),
    ),
    (
        ("登录", "Login"),
        ("登录了产品", "Logged in to the product"),
    ),
    (
        ("打开邮件", "Opened email"),
        ("打开了营销邮件", "Opened a marketing email"),
    ),
];

/// Records that a database just created belongs to a user of `language` and names its starter
/// event kinds in it. Call it on a new database only: it renames the kinds by their Chinese
/// names, which in an older database may be the user's own choice.
pub fn adopt(conn: &mut Connection, language: StarterLanguage) -> Result<()> {
    let tx = conn.transaction()?;
    if language == StarterLanguage::English {
        for (name, description) in STARTER_KINDS {
            let english = language.pick(name);
            tx.execute(
                "UPDATE event_kinds SET name = ?1, name_key = ?2, description = ?3
                 WHERE name = ?4 AND description = ?5",
                params![
                    english,
                    tags::name_key(english),
                    language.pick(description),
                    name.0,
                    description.0
                ],
            )?;
        }
        db::meta_set(&tx, META_KEY, "en")?;
    }
    tx.commit()?;
    Ok(())
}

/// The language this database's app-made names are written in.
pub fn of(conn: &Connection) -> Result<StarterLanguage> {
    Ok(match db::meta_get(conn, META_KEY)?.as_deref() {
        Some("en") => StarterLanguage::English,
        _ => StarterLanguage::Chinese,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events;

    #[test]
    fn a_database_created_in_english_has_english_starter_kinds_and_keeps_its_order_kind() {
        let mut conn = db::open_in_memory().unwrap();
        adopt(&mut conn, StarterLanguage::English).unwrap();
        let names: Vec<String> = events::list_kinds(&conn)
            .unwrap()
            .into_iter()
            .map(|k| format!("{}: {}", k.name, k.description))
            .collect();
        assert!(
            names.iter().all(|n| n.is_ascii()),
            "no Chinese left: {names:?}"
        );
        assert_eq!(events::order_kind(&conn).unwrap().as_deref(), Some("Order"));
        assert!(
            events::find_kind(&conn, "order").unwrap().is_some(),
            "found by its folded name"
        );
        assert_eq!(of(&conn).unwrap(), StarterLanguage::English);
    }

    #[test]
    fn a_database_created_in_chinese_keeps_the_chinese_starter_kinds() {
        let mut conn = db::open_in_memory().unwrap();
        adopt(&mut conn, StarterLanguage::Chinese).unwrap();
        assert_eq!(events::order_kind(&conn).unwrap().as_deref(), Some("下单"));
        assert_eq!(of(&conn).unwrap(), StarterLanguage::Chinese);
    }

    #[test]
    fn first_rfm_and_lifecycle_runs_in_an_english_database_name_their_groups_in_english() {
        use crate::customers::{self, CustomerInput};
        use crate::events::EventInput;
        let now = 1_750_000_000;
        let mut conn = db::open_in_memory().unwrap();
        adopt(&mut conn, StarterLanguage::English).unwrap();
        let input = CustomerInput {
            name: "Ann".into(),
            ..CustomerInput::default()
        };
        let ann = customers::create(&conn, &input, "t").unwrap();
        let order = EventInput {
            customer_id: ann,
            kind: "Order".into(),
            occurred_at: now - 86_400,
            amount: Some(10.0),
            properties: Default::default(),
        };
        events::add(&conn, &order, "t").unwrap();
        crate::rfm::run(&mut conn, now, "t").unwrap();
        crate::lifecycle::run(&mut conn, now, "t").unwrap();
        // A second run finds the English nodes instead of making Chinese ones beside them.
        crate::rfm::run(&mut conn, now, "t").unwrap();
        let names: Vec<String> = conn
            .prepare("SELECT name FROM tag_nodes ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for expected in [
            "Value",
            "RFM customer value",
            "Important value",
            "Status",
            "Lifecycle",
            "New",
        ] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} in {names:?}"
            );
        }
        assert!(
            names.iter().all(|n| n.is_ascii()),
            "no Chinese node: {names:?}"
        );
        assert_eq!(names.len(), 2 + 2 + 8 + 5, "each node once: {names:?}");
    }
}
