//! Invitation files (issue 18, journey 6.1): a colleague without the team's shared folder joins
//! from a file the owner sent, has the same customers and tags, and exchanges by sync packs. A
//! file that is not a whole invitation is refused with its reason and leaves no database.

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use tagdesk_core::error::Error;
use tagdesk_core::problem::Problem;
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::team::{self, invitation, packs};
use tagdesk_core::{db, operations};

/// The shared folder, the owner's database (a team started in it) and an invitation it made.
fn owner_with_invitation(dir: &Path) -> (PathBuf, Connection, PathBuf) {
    let shared = dir.join("坚果云");
    std::fs::create_dir_all(&shared).unwrap();
    let owner = super::team_folder::owner(dir);
    team::start(&owner, &shared, "华东销售", "王芳", 1_000).unwrap();
    let file = dir.join("加入-华东销售.tagdesk-invite");
    let made = invitation::make_invitation(&owner, &file).unwrap();
    assert_eq!(made.team, "华东销售");
    assert!(made.folder.contains("TagDesk-"), "{made:?}");
    assert_eq!(made.bytes as u64, std::fs::metadata(&file).unwrap().len());
    (shared, owner, file)
}

fn join(file: &Path, target: &Path) -> tagdesk_core::error::Result<()> {
    invitation::join_from_invitation(file, target, "李雷的笔记本", "李雷", 1_001)
}

fn uids(conn: &Connection, sql: &str) -> Vec<String> {
    conn.prepare(sql)
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
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

fn refusal(result: tagdesk_core::error::Result<()>) -> Problem {
    match result {
        Err(Error::Invalid { problem, .. }) => problem,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_colleague_joins_from_an_invitation_and_tags_travel_back_by_sync_pack() {
    let dir = tempfile::tempdir().unwrap();
    let (_shared, mut owner, file) = owner_with_invitation(dir.path());
    let target = dir.path().join("colleague.sqlite");
    join(&file, &target).unwrap();
    let mut colleague = db::open(&target).unwrap();

    let status = team::status(&colleague, "x").unwrap();
    let team_info = status.team.expect("the colleague is in the team");
    assert_eq!(team_info.name, "华东销售");
    assert_eq!(
        team_info.folder,
        team::status(&owner, "x").unwrap().team.unwrap().folder
    );
    assert_eq!(status.device.person, "李雷");
    assert_ne!(
        operations::device_id(&colleague).unwrap(),
        operations::device_id(&owner).unwrap()
    );
    for sql in [
        "SELECT uid FROM customers ORDER BY uid",
        "SELECT uid FROM tag_nodes ORDER BY uid",
        "SELECT c.uid || '/' || t.uid FROM assignments a JOIN customers c ON c.id = a.customer_id
         JOIN tag_nodes t ON t.id = a.tag_id ORDER BY 1",
    ] {
        assert_eq!(uids(&colleague, sql), uids(&owner, sql), "{sql}");
    }

    let (id, uid): (i64, String) = colleague
        .query_row(
            "SELECT id, uid FROM customers ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let tag = super::tag(&colleague, "微信群来源");
    let target_customers = TagTarget::Customers { ids: vec![id] };
    tagging::add(
        &mut colleague,
        &target_customers,
        tag,
        TagSource::Manual,
        "t",
    )
    .unwrap();
    assert!(!holds(&owner, &uid, "微信群来源"));
    let (pack, made) = packs::make(&colleague).unwrap();
    assert_eq!(made.own, 1, "{made:?}");
    let report = packs::apply(&mut owner, &pack, "李雷.tdpack", 2_000).unwrap();
    assert_eq!(report.applied, 1, "{report:?}");
    assert!(holds(&owner, &uid, "微信群来源"));
}

#[test]
fn a_cut_short_or_foreign_file_is_refused_and_leaves_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let (_shared, _owner, file) = owner_with_invitation(dir.path());
    let bytes = std::fs::read(&file).unwrap();
    let cut = dir.path().join("cut.tagdesk-invite");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let target = dir.path().join("colleague.sqlite");
    let problem = refusal(join(&cut, &target));
    assert!(
        matches!(&problem, Problem::InvitationDamaged { file } if file.ends_with("cut.tagdesk-invite")),
        "{problem:?}"
    );
    assert!(!target.exists(), "a refused invitation leaves no database");

    let random = dir.path().join("客户.xlsx");
    std::fs::write(
        &random,
        (0..5000u32).map(|i| (i * 7919) as u8).collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(matches!(
        refusal(join(&random, &target)),
        Problem::NotAnInvitation { .. }
    ));
    assert!(!target.exists(), "a refused file leaves no database");
}

#[test]
fn two_joins_from_one_invitation_are_two_devices() {
    let dir = tempfile::tempdir().unwrap();
    let (_shared, _owner, file) = owner_with_invitation(dir.path());
    let (first, second) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"));
    join(&file, &first).unwrap();
    join(&file, &second).unwrap();
    let device = |path: &Path| operations::device_id(&db::open(path).unwrap()).unwrap();
    assert_ne!(device(&first), device(&second));
}

#[test]
fn a_colleague_joins_even_when_the_team_folder_is_out_of_reach() {
    let dir = tempfile::tempdir().unwrap();
    let (shared, _owner, file) = owner_with_invitation(dir.path());
    std::fs::rename(&shared, dir.path().join("elsewhere")).unwrap();
    let target = dir.path().join("colleague.sqlite");
    join(&file, &target).unwrap();
    let colleague = db::open(&target).unwrap();
    assert_eq!(
        team::status(&colleague, "x").unwrap().team.map(|t| t.name),
        Some("华东销售".to_string())
    );
}

#[test]
fn an_invitation_needs_a_team() {
    let dir = tempfile::tempdir().unwrap();
    let conn = super::team_folder::owner(dir.path());
    let result = invitation::make_invitation(&conn, &dir.path().join("x.tagdesk-invite"));
    assert!(matches!(
        result,
        Err(Error::Invalid {
            problem: Problem::NotInTeam,
            ..
        })
    ));
}
