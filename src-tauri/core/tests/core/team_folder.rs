//! A team through a shared folder (issue 18): the owner starts a team, a colleague joins from
//! its snapshot, each tags offline, and an exchange on each brings the other's tags; files
//! read twice change nothing; a damaged file is skipped with its reason and read once mended.

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use tagdesk_core::demo::{self, DemoSpec};
use tagdesk_core::problem::Problem;
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::{db, team};

/// A 30-customer demo database that starts the team (shared with team_events.rs).
pub(super) fn owner(dir: &Path) -> Connection {
    let mut conn = db::create(&dir.join("owner.sqlite")).unwrap();
    let spec = DemoSpec {
        customers: 30,
        now: 1_763_000_000,
        ..DemoSpec::small()
    };
    demo::generate(&mut conn, &spec).unwrap();
    conn
}

/// The shared folder, the owner's database (a team started in it) and a colleague's (joined
/// from its snapshot).
fn owner_and_colleague(
    dir: &Path,
    team_name: &str,
    (owner_person, person): (&str, &str),
) -> (PathBuf, Connection, Connection) {
    let shared = dir.join("坚果云");
    std::fs::create_dir_all(&shared).unwrap();
    let a = owner(dir);
    team::start(&a, &shared, team_name, owner_person, 1_000).unwrap();
    let joined = dir.join("colleague.sqlite");
    team::join(
        &shared,
        &joined,
        &format!("{person}的笔记本"),
        person,
        1_001,
    )
    .unwrap();
    let b = db::open(&joined).unwrap();
    (shared, a, b)
}

fn holds(conn: &Connection, customer_uid: &str, tag_name: &str) -> bool {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM assignments a JOIN customers c ON c.id = a.customer_id
             JOIN tag_nodes t ON t.id = a.tag_id WHERE c.uid = ?1 AND t.name = ?2 AND t.kind = 'tag')",
        [customer_uid, tag_name],
        |r| r.get(0),
    )
    .unwrap()
}

fn first_customer(conn: &Connection) -> (i64, String) {
    conn.query_row(
        "SELECT id, uid FROM customers ORDER BY id LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

fn give(conn: &mut Connection, id: i64, tag: &str) {
    let tag = super::tag(conn, tag);
    tagging::add(
        conn,
        &TagTarget::Customers { ids: vec![id] },
        tag,
        TagSource::Manual,
        "t",
    )
    .unwrap();
}

#[test]
fn a_colleague_joins_from_the_snapshot_and_tags_travel_both_ways_through_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut a, mut b) = owner_and_colleague(dir.path(), "华东销售", ("王芳", "李雷"));
    let status = team::status(&b, "x").unwrap();
    assert_eq!(
        status.team.as_ref().map(|t| t.name.as_str()),
        Some("华东销售")
    );
    assert_eq!(status.device.person, "李雷");

    let (id, uid) = first_customer(&a);
    give(&mut a, id, "产品试用者");
    let sent = team::exchange_now(&mut a, 2_000).unwrap();
    assert_eq!(sent.sent, 1);
    let got = team::exchange_now(&mut b, 2_001).unwrap();
    assert_eq!((got.applied, got.skipped.len()), (1, 0), "{got:?}");
    assert_eq!(got.from[0].person, "王芳");
    assert!(holds(&b, &uid, "产品试用者"));

    give(&mut b, id, "微信群来源");
    team::exchange_now(&mut b, 3_000).unwrap();
    let back = team::exchange_now(&mut a, 3_001).unwrap();
    assert_eq!(back.applied, 1, "{back:?}");
    assert!(holds(&a, &uid, "微信群来源"));

    // Exchanging again finds nothing new on either side.
    for conn in [&mut a, &mut b] {
        let again = team::exchange_now(conn, 4_000).unwrap();
        assert_eq!((again.sent, again.applied), (0, 0), "{again:?}");
    }
    let devices = team::status(&a, "x").unwrap().devices;
    assert_eq!(devices.len(), 1);
    assert_eq!(
        (devices[0].person.as_str(), devices[0].received),
        ("李雷", 1)
    );
}

#[test]
fn a_damaged_chunk_is_skipped_with_its_reason_and_applied_once_it_arrives_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (shared, mut a, mut b) = owner_and_colleague(dir.path(), "Team", ("A", "B"));
    let (id, uid) = first_customer(&a);
    give(&mut a, id, "产品试用者");
    team::exchange_now(&mut a, 2_000).unwrap();

    let chunk = walk(&shared)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "tdx"))
        .unwrap();
    let whole = std::fs::read(&chunk).unwrap();
    std::fs::write(&chunk, &whole[..whole.len() / 2]).unwrap();
    let cut = team::exchange_now(&mut b, 2_001).unwrap();
    assert_eq!(cut.applied, 0);
    assert!(
        matches!(
            cut.skipped.as_slice(),
            [Problem::ExchangeFileTruncated { .. }]
        ),
        "{cut:?}"
    );
    assert!(!holds(&b, &uid, "产品试用者"));

    std::fs::write(&chunk, &whole).unwrap();
    let mended = team::exchange_now(&mut b, 2_002).unwrap();
    assert_eq!((mended.applied, mended.skipped.len()), (1, 0), "{mended:?}");
    assert!(holds(&b, &uid, "产品试用者"));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn chunks_everyone_has_read_are_merged_and_a_later_joiner_still_gets_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let (shared, mut a, mut b) = owner_and_colleague(dir.path(), "Team", ("A", "B"));
    let uids: Vec<(i64, String)> = a
        .prepare("SELECT id, uid FROM customers ORDER BY id LIMIT 10")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (round, (id, _)) in uids.iter().enumerate() {
        give(&mut a, *id, "产品试用者");
        team::exchange_now(&mut a, 2_000 + round as i64).unwrap();
        team::exchange_now(&mut b, 2_000 + round as i64).unwrap();
    }
    team::exchange_now(&mut a, 3_000).unwrap();
    let chunks = walk(&shared)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "tdx"))
        .count();
    assert!(
        chunks < uids.len(),
        "{chunks} chunk files for {} exchanges",
        uids.len()
    );

    // A third laptop joining from the start-of-team snapshot reads the merged chunk.
    let late = dir.path().join("c.sqlite");
    team::join(&shared, &late, "c", "C", 4_000).unwrap();
    let mut c = db::open(&late).unwrap();
    team::exchange_now(&mut c, 4_001).unwrap();
    for (_, uid) in &uids {
        assert!(holds(&c, uid, "产品试用者"), "{uid}");
    }
}

#[test]
fn the_automatic_exchange_skips_a_folder_out_of_reach_and_exchanges_once_it_is_back() {
    use tagdesk_core::team::sync::{exchange_if_reachable, AutoExchange};
    let dir = tempfile::tempdir().unwrap();
    let (shared, mut a, mut b) = owner_and_colleague(dir.path(), "Team", ("A", "B"));
    let (id, uid) = first_customer(&a);
    give(&mut a, id, "产品试用者");
    assert!(matches!(
        exchange_if_reachable(&mut a, 2_000).unwrap(),
        AutoExchange::Exchanged { report } if report.sent == 1
    ));

    // The USB stick is elsewhere: nothing happens, nothing is an error.
    let away = dir.path().join("elsewhere");
    std::fs::rename(&shared, &away).unwrap();
    assert!(matches!(
        exchange_if_reachable(&mut b, 2_001).unwrap(),
        AutoExchange::Unreachable { .. }
    ));
    assert!(!holds(&b, &uid, "产品试用者"));
    let last: Option<i64> = b
        .query_row("SELECT last_exchange_at FROM team", [], |r| r.get(0))
        .unwrap();
    assert_eq!(last, None, "a skipped exchange is not an exchange");

    std::fs::rename(&away, &shared).unwrap();
    match exchange_if_reachable(&mut b, 2_002).unwrap() {
        AutoExchange::Exchanged { report } => assert_eq!(report.applied, 1, "{report:?}"),
        other => panic!("expected an exchange, got {other:?}"),
    }
    assert!(holds(&b, &uid, "产品试用者"));

    let mut alone = db::create(&dir.path().join("alone.sqlite")).unwrap();
    assert_eq!(
        exchange_if_reachable(&mut alone, 2_003).unwrap(),
        AutoExchange::NotInTeam
    );
}
