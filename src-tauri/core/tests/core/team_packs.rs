//! Sync packs (issue 18): a team whose laptops meet no shared folder sends `.tdpack` files by
//! mail. A pack brings what its maker had, its own changes and those it received; applied twice
//! it changes nothing; another team's pack or a damaged one is refused whole with its reason.

use rusqlite::Connection;
use std::path::Path;
use tagdesk_core::demo::{self, DemoSpec};
use tagdesk_core::error::Error;
use tagdesk_core::problem::Problem;
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::team::exchange::pack::{self, Section};
use tagdesk_core::team::{self, packs, wire::WireOperation};
use tagdesk_core::{clock, db, operations};

fn owner(path: &Path, shared: &Path, team_name: &str) -> Connection {
    let mut conn = db::create(path).unwrap();
    let spec = DemoSpec {
        customers: 20,
        now: 1_763_000_000,
        ..DemoSpec::small()
    };
    demo::generate(&mut conn, &spec).unwrap();
    std::fs::create_dir_all(shared).unwrap();
    team::start(&conn, shared, team_name, "李娜", 1_000).unwrap();
    conn
}

/// The owner of a team and `n` colleagues who joined from its snapshot (the shared folder used
/// once, to join; afterwards only packs travel).
fn team_of(dir: &Path, n: usize) -> Vec<Connection> {
    let shared = dir.join("U盘");
    let mut team = vec![owner(&dir.join("owner.sqlite"), &shared, "销售部")];
    for i in 0..n {
        let path = dir.join(format!("colleague-{i}.sqlite"));
        let person = format!("同事{i}");
        team::join(&shared, &path, &format!("{person}的笔记本"), &person, 1_001).unwrap();
        team.push(db::open(&path).unwrap());
    }
    team
}

fn first_customer(conn: &Connection) -> (i64, String) {
    conn.query_row(
        "SELECT id, uid FROM customers ORDER BY id LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

fn give(conn: &mut Connection, id: i64, name: &str) {
    let tag = super::tag(conn, name);
    let target = TagTarget::Customers { ids: vec![id] };
    tagging::add(conn, &target, tag, TagSource::Manual, "t").unwrap();
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

fn refusal(result: tagdesk_core::error::Result<team::ExchangeReport>) -> Problem {
    match result {
        Err(Error::Invalid { problem, .. }) => problem,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_pack_applied_twice_brings_the_change_once_and_then_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(dir.path(), 1);
    let (id, uid) = first_customer(&team[0]);
    give(&mut team[0], id, "产品试用者");
    let (bytes, made) = packs::make(&team[0]).unwrap();
    assert_eq!((made.own, made.others), (1, 0), "{made:?}");

    let first = packs::apply(&mut team[1], &bytes, "a.tdpack", 2_000).unwrap();
    assert_eq!(first.applied, 1, "{first:?}");
    assert_eq!(first.from.len(), 1);
    assert_eq!(
        first.from[0].person, "李娜",
        "the pack names whose change came"
    );
    assert!(holds(&team[1], &uid, "产品试用者"));

    let again = packs::apply(&mut team[1], &bytes, "a.tdpack", 2_001).unwrap();
    assert_eq!((again.applied, again.already), (0, 1), "{again:?}");
    assert!(again.from.is_empty());
}

#[test]
fn a_pack_passes_on_what_its_maker_received_from_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(dir.path(), 2);
    let (id, uid) = first_customer(&team[0]);
    give(&mut team[0], id, "产品试用者");
    let (from_owner, _) = packs::make(&team[0]).unwrap();
    packs::apply(&mut team[1], &from_owner, "owner.tdpack", 2_000).unwrap();
    let (b_id, b_uid) = first_customer(&team[1]);
    give(&mut team[1], b_id, "高价值");

    let (relayed, made) = packs::make(&team[1]).unwrap();
    assert_eq!((made.own, made.others, made.devices), (1, 1, 1), "{made:?}");
    let report = packs::apply(&mut team[2], &relayed, "b.tdpack", 2_001).unwrap();
    assert_eq!(report.applied, 2, "{report:?}");
    assert!(
        holds(&team[2], &uid, "产品试用者"),
        "the owner's change came through B"
    );
    assert!(holds(&team[2], &b_uid, "高价值"));

    // The owner's own pack, arriving late, holds nothing the relay did not bring.
    let late = packs::apply(&mut team[2], &from_owner, "owner.tdpack", 2_002).unwrap();
    assert_eq!((late.applied, late.already), (0, 1), "{late:?}");
}

#[test]
fn a_pack_of_another_team_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(dir.path(), 1);
    let other = owner(
        &dir.path().join("other.sqlite"),
        &dir.path().join("别的盘"),
        "客服部",
    );
    let (bytes, _) = packs::make(&other).unwrap();
    let problem = refusal(packs::apply(&mut team[1], &bytes, "客服部.tdpack", 2_000));
    assert!(
        matches!(&problem, Problem::ExchangeFileForeign { file } if file == "客服部.tdpack"),
        "{problem:?}"
    );
}

#[test]
fn a_damaged_pack_is_refused_with_its_reason_and_nothing_of_it_applied() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(dir.path(), 1);
    let (id, uid) = first_customer(&team[0]);
    give(&mut team[0], id, "产品试用者");
    let (bytes, _) = packs::make(&team[0]).unwrap();

    let cut = refusal(packs::apply(
        &mut team[1],
        &bytes[..bytes.len() - 10],
        "a.tdpack",
        2_000,
    ));
    assert!(
        matches!(cut, Problem::ExchangeFileTruncated { .. }),
        "{cut:?}"
    );
    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x40;
    let bad = refusal(packs::apply(&mut team[1], &flipped, "a.tdpack", 2_000));
    assert!(
        matches!(bad, Problem::ExchangeFileCorrupted { .. }),
        "{bad:?}"
    );
    assert!(!holds(&team[1], &uid, "产品试用者"));

    let whole = packs::apply(&mut team[1], &bytes, "a.tdpack", 2_001).unwrap();
    assert_eq!(whole.applied, 1, "the pack mended applies: {whole:?}");
}

#[test]
fn a_pack_made_outside_a_team_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let conn = db::create(&dir.path().join("alone.sqlite")).unwrap();
    assert!(matches!(
        packs::make(&conn),
        Err(Error::Invalid {
            problem: Problem::NotInTeam,
            ..
        })
    ));
}

/// The owner's one operation, dated `ahead` seconds later than it was made, in a pack.
fn pack_dated_ahead(owner: &Connection, ahead: i64) -> Vec<u8> {
    let (_, mut op): (i64, WireOperation) = team::own_after(owner, 0, 10).unwrap().pop().unwrap();
    op.at += ahead;
    let team_id: String = owner
        .query_row("SELECT team_id FROM team", [], |r| r.get(0))
        .unwrap();
    let device = operations::device_id(owner).unwrap();
    let section = Section {
        device: device.clone(),
        first: 1,
        last: 1,
        records: vec![serde_json::to_vec(&op).unwrap()],
    };
    pack::write(&team_id, &device, &[section]).unwrap()
}

#[test]
fn a_device_whose_clock_is_hours_ahead_is_named_and_its_change_applied_all_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(dir.path(), 1);
    let (id, uid) = first_customer(&team[0]);
    give(&mut team[0], id, "产品试用者");
    let bytes = pack_dated_ahead(&team[0], 2 * 3600);

    let report = packs::apply(&mut team[1], &bytes, "a.tdpack", clock::now()).unwrap();
    assert_eq!(report.applied, 1, "never refused: {report:?}");
    assert!(holds(&team[1], &uid, "产品试用者"));
    let status = team::status(&team[1], "t").unwrap();
    let owner = &status.devices[0];
    let ahead = owner
        .clock_ahead
        .expect("the owner's clock is reported ahead");
    assert!((2 * 3600 - 60..=2 * 3600 + 60).contains(&ahead), "{ahead}");
}

#[test]
fn a_clock_a_minute_ahead_is_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(dir.path(), 1);
    let (id, _) = first_customer(&team[0]);
    give(&mut team[0], id, "产品试用者");
    let bytes = pack_dated_ahead(&team[0], 60);
    packs::apply(&mut team[1], &bytes, "a.tdpack", clock::now()).unwrap();
    let status = team::status(&team[1], "t").unwrap();
    assert_eq!(status.devices[0].clock_ahead, None);
}

fn cursor(conn: &Connection, device: &str) -> i64 {
    conn.query_row(
        "SELECT applied_seq FROM team_devices WHERE device = ?1",
        [device],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_section_that_starts_past_a_gap_is_applied_but_leaves_the_gap_to_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = team_of(dir.path(), 1);
    let (id, uid) = first_customer(&team[0]);
    give(&mut team[0], id, "产品试用者");
    give(&mut team[0], id, "高价值");
    let (full, _) = packs::make(&team[0]).unwrap();
    let owner = operations::device_id(&team[0]).unwrap();
    let team_id: String = team[0]
        .query_row("SELECT team_id FROM team", [], |r| r.get(0))
        .unwrap();
    // Only the owner's seq 2, as a pack from someone who missed seq 1 would carry it.
    let second = pack::read(&full, &team_id).unwrap().sections[0].records[1].clone();
    let section = Section {
        device: owner.clone(),
        first: 2,
        last: 2,
        records: vec![second],
    };
    let partial = pack::write(&team_id, &owner, &[section]).unwrap();

    let report = packs::apply(&mut team[1], &partial, "b.tdpack", 2_000).unwrap();
    assert_eq!(report.applied, 1, "{report:?}");
    assert!(holds(&team[1], &uid, "高价值"));
    assert!(!holds(&team[1], &uid, "产品试用者"));
    assert_eq!(cursor(&team[1], &owner), 0, "seq 1 is still owed");

    let report = packs::apply(&mut team[1], &full, "a.tdpack", 2_001).unwrap();
    assert_eq!((report.applied, report.already), (1, 1), "{report:?}");
    assert!(holds(&team[1], &uid, "产品试用者"));
    assert_eq!(cursor(&team[1], &owner), 2);
}
