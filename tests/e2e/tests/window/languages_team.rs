//! Issue 16's "complete English, complete Chinese" on the Team page of a laptop that is in a
//! team (languages.rs sees it only before a team exists): the exchange card, sync packs, the
//! conflict inbox with a case, the team's laptops and this laptop, in each language on a
//! database whose data is in that language, at 1024×700 and 1280×800.

use crate::languages::{look, open, seed, Seed, CHINESE, ENGLISH};
use std::path::Path;
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::{clock, db, team};
use tagdesk_e2e::App;

/// The people and the colleague's laptop, in the seed's language.
struct Team {
    name: &'static str,
    owner: &'static str,
    colleague: &'static str,
    laptop: &'static str,
}

const ENGLISH_TEAM: Team = Team {
    name: "Sales",
    owner: "Nora",
    colleague: "Bob",
    laptop: "Bob laptop",
};

const CHINESE_TEAM: Team = Team {
    name: "销售部",
    owner: "李娜",
    colleague: "王伟",
    laptop: "王伟的笔记本",
};

/// The seed's database started as a team in `shared`, a colleague joined into `colleague`, and
/// the first customer given the two tags of the seed's single-select group: first here, then
/// later by the colleague, who exchanges. This laptop's next exchange keeps the later tag and
/// opens a case in its inbox.
fn team_with_a_case(shared: &Path, owner: &Path, colleague: &Path, seed: &Seed, people: &Team) {
    let (group, single, [earlier, later]) = seed.groups[0];
    assert!(single, "the seed's first group is single-select ({group})");
    let mut conn = db::open(&owner.join(seed.file)).unwrap();
    let customer = without_group(&conn, group);
    team::start(&conn, shared, people.name, people.owner, clock::now()).unwrap();
    give(&mut conn, &customer, group, earlier, people.owner);
    drop(conn);
    let joined = colleague.join(seed.file);
    team::join(
        shared,
        &joined,
        people.laptop,
        people.colleague,
        clock::now(),
    )
    .unwrap();
    let mut conn = db::open(&joined).unwrap();
    give(&mut conn, &customer, group, later, people.colleague);
    team::exchange_now(&mut conn, clock::now()).unwrap();
}

/// The name of a customer who holds no tag of `group` (the seed tags some).
fn without_group(conn: &rusqlite::Connection, group: &str) -> String {
    conn.query_row(
        "SELECT c.name FROM customers c WHERE NOT EXISTS (
             SELECT 1 FROM assignments a JOIN tag_nodes t ON t.id = a.tag_id
             JOIN tag_nodes g ON g.id = t.parent_id
             WHERE a.customer_id = c.id AND g.name = ?1)
         ORDER BY c.id LIMIT 1",
        [group],
        |r| r.get(0),
    )
    .expect("a customer without a tag of the group")
}

/// Gives `tag` of `group` to the customer called `name`, by hand.
fn give(conn: &mut rusqlite::Connection, name: &str, group: &str, tag: &str, who: &str) {
    let id_of = |sql: &str| -> i64 { conn.query_row(sql, [name], |r| r.get(0)).unwrap() };
    let customer = id_of("SELECT id FROM customers WHERE name = ?1");
    let tag = conn
        .query_row(
            "SELECT t.id FROM tag_nodes t JOIN tag_nodes g ON g.id = t.parent_id
             WHERE t.kind = 'tag' AND t.name = ?1 AND g.name = ?2",
            [tag, group],
            |r| r.get(0),
        )
        .unwrap();
    let target = TagTarget::Customers {
        ids: vec![customer],
    };
    tagging::add(conn, &target, tag, TagSource::Manual, who).unwrap();
}

async fn team_page_speaks_only(seed: &'static Seed, people: &'static Team) {
    let (shared, owner, colleague) = (tempdir(), tempdir(), tempdir());
    self::seed(owner.path(), seed);
    team_with_a_case(shared.path(), owner.path(), colleague.path(), seed, people);
    let app = App::start(owner.path()).await;
    let mut problems = Vec::new();
    tagdesk_e2e::bounded(&[&app], async {
        open(&app, "nav-team", "[data-testid='team-exchange']").await;
        open(&app, "team-exchange", "[data-testid='team-inbox-item']").await;
        for (width, height) in [(1024, 700), (1280, 800)] {
            app.client
                .set_window_size(width, height)
                .await
                .expect("resize the window");
            look(&app, seed, width, "team-member", &mut problems).await;
        }
    })
    .await;
    app.stop().await;
    assert!(
        problems.is_empty(),
        "{}: the Team page of a team shows the other language's text:\n{}",
        seed.language,
        problems.join("\n")
    );
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[tokio::test]
async fn a_teams_page_in_english_shows_no_chinese_outside_the_users_data() {
    team_page_speaks_only(&ENGLISH, &ENGLISH_TEAM).await;
}

#[tokio::test]
async fn a_teams_page_in_chinese_shows_no_english_words_outside_the_users_data() {
    team_page_speaks_only(&CHINESE, &CHINESE_TEAM).await;
}
