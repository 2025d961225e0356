//! Issue 16's "complete English, complete Chinese" on the Team page of a team on a hub (issue
//! 20): the hub card, its members with their roles and departments, the groups given to a
//! department (one of them its business line) and the audit trail, in each language on a
//! database whose data is in that language, at 1024×700 and 1280×800. The hub is a PostgreSQL
//! 15 server the test starts in a folder of its own; the team is put on it through the core.

use crate::languages::{look, open, seed, Seed, CHINESE, ENGLISH};
use std::path::Path;
use tagdesk_core::hub::local_server::LocalServer;
use tagdesk_core::hub::members::{self, NewHubMember};
use tagdesk_core::hub::{self, groups, HubRole};
use tagdesk_core::team::membership;
use tagdesk_core::{clock, db};
use tagdesk_e2e::App;
use tempfile::TempDir;

/// The team's people and the colleague's department, in the seed's language.
struct People {
    team: &'static str,
    owner: &'static str,
    colleague: &'static str,
    department: &'static str,
    /// The owner's laptop (named after the machine until its person names it).
    laptop: &'static str,
}

const ENGLISH_PEOPLE: People = People {
    team: "Sales",
    owner: "Nora",
    colleague: "Bob",
    department: "Marketing",
    laptop: "Front desk",
};

const CHINESE_PEOPLE: People = People {
    team: "销售部",
    owner: "李娜",
    colleague: "王伟",
    department: "市场部",
    laptop: "前台电脑",
};

/// The seed's database put on a hub as the owner's team, with an editor of `department` who
/// owns the seed's second group and has the first as the department's business line.
fn team_on_a_hub(server: &LocalServer, owner: &Path, seed: &Seed, people: &People) {
    let address = server
        .make_team_database("team", LOGINS[0], "owner-secret")
        .unwrap();
    let mut conn = db::open(&owner.join(seed.file)).unwrap();
    hub::start(&mut conn, &address, people.team, people.owner, clock::now()).unwrap();
    membership::set_device(&conn, people.laptop, people.owner).unwrap();
    hub::exchange(&mut conn, clock::now()).unwrap();
    members::add(
        &conn,
        &NewHubMember {
            login: LOGINS[1].into(),
            password: "colleague-secret".into(),
            person: people.colleague.into(),
            role: HubRole::Editor,
            department: Some(people.department.into()),
        },
    )
    .unwrap();
    for (k, (group, ..)) in seed.groups.iter().enumerate() {
        let id: i64 = conn
            .query_row(
                "SELECT id FROM tag_nodes WHERE kind = 'group' AND name = ?1",
                [group],
                |r| r.get(0),
            )
            .unwrap();
        groups::give(&conn, id, people.department, k == 0).unwrap();
    }
}

/// The hub logins of the team (Latin in any language: they are PostgreSQL's roles).
const LOGINS: [&str; 2] = ["owner", "colleague"];

/// Whether a word `look` reported is the user's data, not the app's: a hub login, or a device
/// id (hex) where the device has no name yet.
fn names_data(problem: &str) -> bool {
    let token = problem
        .rsplit_once("(in “")
        .and_then(|(_, t)| t.strip_suffix("”)"))
        .unwrap_or_default();
    LOGINS.contains(&token) || (token.len() >= 8 && token.chars().all(|c| c.is_ascii_hexdigit()))
}

async fn hub_page_speaks_only(seed: &'static Seed, people: &'static People) {
    let owner = tempfile::tempdir().expect("temp dir");
    self::seed(owner.path(), seed);
    let folder = owner.path().to_path_buf();
    // The hub's client is blocking (it runs its own runtime): set up off the test's runtime.
    let (server, _server_dir) = tokio::task::spawn_blocking(move || {
        let dir = TempDir::new().expect("temp dir");
        let server = LocalServer::start(dir.path())
            .expect("a PostgreSQL 15 server starts (scripts/setup.sh --e2e installs it)");
        team_on_a_hub(&server, &folder, seed, people);
        (server, dir)
    })
    .await
    .expect("the team on the hub");
    let app = App::start(owner.path()).await;
    let mut problems = Vec::new();
    tagdesk_e2e::bounded(&[&app], async {
        open(&app, "nav-team", "[data-testid='hub-group-owner-row']").await;
        app.find("hub-audit-export").await;
        for (width, height) in [(1024, 700), (1280, 800)] {
            app.client
                .set_window_size(width, height)
                .await
                .expect("resize the window");
            let mut found = Vec::new();
            look(&app, seed, width, "team-hub", &mut found).await;
            problems.extend(found.into_iter().filter(|p| !names_data(p)));
            // The hub's cards below the first screen, for whoever looks at the screenshots.
            let lang = &seed.language[..2];
            for card in ["hub-members", "hub-group-owners", "hub-audit"] {
                app.client
                    .execute(
                        &format!(
                            "document.querySelector(\"[data-testid='{card}']\")?.scrollIntoView({{block: 'start'}})"
                        ),
                        vec![],
                    )
                    .await
                    .expect("scroll to the card");
                app.screenshot_named(&format!("languages-{lang}-{width}-{card}.png"))
                    .await;
            }
        }
    })
    .await;
    app.stop().await;
    // The server stops (its drop runs `pg_ctl stop`) before its folder goes.
    drop(server);
    assert!(
        problems.is_empty(),
        "{}: the Team page of a team on a hub shows the other language's text:\n{}",
        seed.language,
        problems.join("\n")
    );
}

#[tokio::test]
async fn a_hubs_team_page_in_english_shows_no_chinese_outside_the_users_data() {
    hub_page_speaks_only(&ENGLISH, &ENGLISH_PEOPLE).await;
}

#[tokio::test]
async fn a_hubs_team_page_in_chinese_shows_no_english_words_outside_the_users_data() {
    hub_page_speaks_only(&CHINESE, &CHINESE_PEOPLE).await;
}
