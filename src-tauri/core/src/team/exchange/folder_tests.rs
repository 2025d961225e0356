use super::*;
use crate::team::exchange::files::{json, stage};
use crate::team::exchange::ranges::chunk_name;
use tempfile::TempDir;

const TEAM: &str = "7f3a9c21e0b44d58";

fn team() -> TeamFile {
    TeamFile {
        id: TEAM.into(),
        name: "华东销售部".into(),
        format_version: FORMAT_VERSION,
    }
}

fn ops(device: &str, first: u64, last: u64) -> Vec<Vec<u8>> {
    (first..=last)
        .map(|seq| format!(r#"{{"uid":"{device}-{seq}"}}"#).into_bytes())
        .collect()
}

fn folder() -> (TempDir, TeamFolder) {
    let shared = TempDir::new().unwrap();
    let folder = TeamFolder::create(shared.path(), &team()).unwrap();
    (shared, folder)
}

/// What a reader gets of `device` after `cursor`, following the plan as a caller must.
fn read_all(folder: &TeamFolder, device: &str, cursor: u64) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for planned in folder.plan(device, cursor).unwrap().reads {
        let records = folder.read_chunk(&planned.chunk).unwrap();
        out.extend(records.into_iter().skip(planned.skip));
    }
    out
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn creating_a_team_folder_lays_out_team_json_under_a_readable_name() {
    let (shared, folder) = folder();
    assert_eq!(
        folder.root(),
        shared.path().join("TagDesk-华东销售部-7f3a9c21")
    );
    let reopened = TeamFolder::open(folder.root(), TEAM).unwrap();
    assert_eq!(reopened.team(), &team());
    let again = TeamFolder::create(shared.path(), &team()).unwrap();
    assert_eq!(
        again.root(),
        folder.root(),
        "create finds the team's folder"
    );
}

#[test]
fn a_team_name_with_characters_a_file_system_refuses_still_names_a_folder() {
    assert_eq!(
        folder_name("A/B: \"x\"?.", "0123456789"),
        "TagDesk-A_B_ _x__-01234567"
    );
    assert_eq!(folder_name("  ..", "ab"), "TagDesk-Team-ab");
}

#[test]
fn a_folder_of_another_team_is_refused() {
    let (shared, folder) = folder();
    let err = TeamFolder::open(folder.root(), "0000000000000000").unwrap_err();
    assert!(matches!(err, FolderError::OtherTeam { ref name, .. } if name == "华东销售部"));
    assert_eq!(err.problem().code(), "team_folder_other_team");
    // The same folder name taken by another team's files (same name, same id prefix).
    let mut other = team();
    other.id = "7f3a9c21ffffffff".into();
    let err = TeamFolder::create(shared.path(), &other).unwrap_err();
    assert!(matches!(err, FolderError::OtherTeam { .. }), "{err:?}");
}

#[test]
fn a_folder_without_team_json_or_from_a_newer_tagdesk_is_refused() {
    let empty = TempDir::new().unwrap();
    assert!(matches!(
        TeamFolder::open(empty.path(), TEAM),
        Err(FolderError::NotTeamFolder { .. })
    ));
    let (_shared, folder) = folder();
    let mut newer = team();
    newer.format_version = FORMAT_VERSION + 1;
    fs::write(folder.root().join("team.json"), json(&newer)).unwrap();
    assert!(matches!(
        TeamFolder::open(folder.root(), TEAM),
        Err(FolderError::TooNew { .. })
    ));
}

#[test]
fn locate_finds_the_team_folder_from_the_shared_folder_or_itself() {
    let (shared, folder) = folder();
    let found = TeamFolder::locate(shared.path(), TEAM).unwrap().unwrap();
    assert_eq!(found.root(), folder.root());
    let itself = TeamFolder::locate(folder.root(), TEAM).unwrap().unwrap();
    assert_eq!(itself.root(), folder.root());
    assert!(TeamFolder::locate(shared.path(), "99999999aaaa")
        .unwrap()
        .is_none());
}

#[test]
fn devices_are_listed_with_their_device_json() {
    let (_shared, folder) = folder();
    let info = DeviceFile {
        name: "李娜的笔记本".into(),
        person: "李娜".into(),
        app_version: "0.9.0".into(),
    };
    folder.write_device("aaa", &info).unwrap();
    folder.write_chunk("bbb", 1, &ops("bbb", 1, 1)).unwrap();
    fs::create_dir_all(folder.root().join("devices/not a device!")).unwrap();
    let devices = folder.devices().unwrap();
    assert_eq!(
        devices,
        vec![("aaa".into(), Some(info)), ("bbb".into(), None)]
    );
}

#[test]
fn a_written_chunk_is_listed_and_reads_back_its_records() {
    let (_shared, folder) = folder();
    let chunk = folder.write_chunk("aaa", 1, &ops("aaa", 1, 3)).unwrap();
    assert_eq!(chunk.path.file_name().unwrap(), "ops-1-3.tdx");
    assert_eq!(folder.chunks("aaa").unwrap(), vec![chunk.clone()]);
    assert_eq!(folder.read_chunk(&chunk).unwrap(), ops("aaa", 1, 3));
}

#[test]
fn an_empty_chunk_or_one_from_seq_zero_is_refused() {
    let (_shared, folder) = folder();
    assert!(folder.write_chunk::<Vec<u8>>("aaa", 1, &[]).is_err());
    assert!(folder.write_chunk("aaa", 0, &ops("aaa", 1, 1)).is_err());
    assert!(folder.write_chunk("../x", 1, &ops("x", 1, 1)).is_err());
}

#[test]
fn incoming_lists_other_devices_after_the_cursors_and_not_my_own() {
    let (_shared, folder) = folder();
    folder.write_chunk("aaa", 1, &ops("aaa", 1, 2)).unwrap();
    folder.write_chunk("bbb", 1, &ops("bbb", 1, 4)).unwrap();
    folder.write_chunk("bbb", 5, &ops("bbb", 5, 6)).unwrap();
    folder.write_chunk("ccc", 1, &ops("ccc", 1, 1)).unwrap();
    let cursors = Seen::from([("bbb".to_string(), 4), ("ccc".to_string(), 1)]);
    let incoming = folder.incoming("aaa", &cursors).unwrap();
    let summary: Vec<(&str, Vec<u64>)> = incoming
        .iter()
        .map(|(d, p)| (d.as_str(), p.reads.iter().map(|r| r.chunk.first).collect()))
        .collect();
    assert_eq!(summary, vec![("bbb", vec![5]), ("ccc", vec![])]);
}

#[test]
fn stray_cloud_copies_and_temp_files_are_ignored() {
    let (_shared, folder) = folder();
    let chunk = folder.write_chunk("aaa", 1, &ops("aaa", 1, 5)).unwrap();
    let dir = chunk.path.parent().unwrap();
    let bytes = fs::read(&chunk.path).unwrap();
    fs::write(dir.join("ops-1-5 (conflicted copy).tdx"), &bytes).unwrap();
    fs::write(dir.join("ops-1-5 (1).tdx"), &bytes).unwrap();
    fs::write(dir.join(".ops-6-9.tdx.tmp-1-2"), &bytes[..10]).unwrap();
    fs::write(dir.join("ops-6-9.tdx.part"), &bytes[..10]).unwrap();
    assert_eq!(folder.chunks("aaa").unwrap(), vec![chunk]);
    assert_eq!(read_all(&folder, "aaa", 0), ops("aaa", 1, 5));
}

#[test]
fn a_half_delivered_chunk_is_truncated_and_read_whole_once_complete() {
    let (_shared, folder) = folder();
    folder.write_chunk("bbb", 1, &ops("bbb", 1, 3)).unwrap();
    let chunk = folder.write_chunk("bbb", 4, &ops("bbb", 4, 8)).unwrap();
    let whole = fs::read(&chunk.path).unwrap();
    fs::write(&chunk.path, &whole[..whole.len() / 2]).unwrap();

    let plan = folder.plan("bbb", 0).unwrap();
    assert_eq!(folder.read_chunk(&plan.reads[0].chunk).unwrap().len(), 3);
    let err = folder.read_chunk(&plan.reads[1].chunk).unwrap_err();
    assert!(matches!(err, ReadError::Bad(Reason::Truncated)), "{err:?}");
    assert_eq!(
        err.problem("ops-4-8.tdx").unwrap(),
        Problem::ExchangeFileTruncated {
            file: "ops-4-8.tdx".into()
        }
    );

    fs::write(&chunk.path, &whole).unwrap();
    assert_eq!(read_all(&folder, "bbb", 3), ops("bbb", 4, 8));
}

#[test]
fn a_chunk_renamed_to_another_range_is_corrupted_not_misread() {
    let (_shared, folder) = folder();
    let chunk = folder.write_chunk("aaa", 1, &ops("aaa", 1, 3)).unwrap();
    let moved = chunk.path.with_file_name(chunk_name(4, 6));
    fs::rename(&chunk.path, &moved).unwrap();
    let listed = folder.chunks("aaa").unwrap();
    assert!(matches!(
        folder.read_chunk(&listed[0]),
        Err(ReadError::Bad(Reason::Corrupted))
    ));
}

#[test]
fn a_chunk_removed_after_listing_is_gone_not_a_problem() {
    let (_shared, folder) = folder();
    let chunk = folder.write_chunk("aaa", 1, &ops("aaa", 1, 3)).unwrap();
    fs::remove_file(&chunk.path).unwrap();
    let err = folder.read_chunk(&chunk).unwrap_err();
    assert!(matches!(err, ReadError::Gone));
    assert_eq!(err.problem("ops-1-3.tdx"), None);
}

#[test]
fn seen_round_trips_and_a_missing_or_partial_one_reads_as_nothing_seen() {
    let (_shared, folder) = folder();
    assert_eq!(folder.read_seen("aaa").unwrap(), Seen::new());
    let seen = Seen::from([("bbb".to_string(), 40), ("ccc".to_string(), 7)]);
    folder.write_seen("aaa", &seen).unwrap();
    assert_eq!(folder.read_seen("aaa").unwrap(), seen);
    let path = folder.root().join("devices/aaa/seen.json");
    fs::write(&path, r#"{"bbb": 4"#).unwrap();
    assert_eq!(folder.read_seen("aaa").unwrap(), Seen::new());
}

#[test]
fn a_write_interrupted_before_its_rename_leaves_no_chunk_and_the_rewrite_is_identical() {
    let (_shared, folder) = folder();
    let records = ops("aaa", 1, 4);
    let dir = folder.root().join("devices/aaa");
    fs::create_dir_all(&dir).unwrap();
    // The crash: the temp file is written and synced, the rename never happens.
    let (bytes, last) = folder.chunk_bytes("aaa", 1, &records).unwrap();
    let temp = stage(&dir, &chunk_name(1, last), &bytes).unwrap();
    assert!(temp.exists());
    assert!(folder.chunks("aaa").unwrap().is_empty(), "no visible chunk");
    assert!(folder.plan("aaa", 0).unwrap().reads.is_empty());

    // Next start: the same operations are written again, as the "written up to" seq says.
    let chunk = folder.write_chunk("aaa", 1, &records).unwrap();
    assert_eq!(
        fs::read(&chunk.path).unwrap(),
        bytes,
        "same range, same content"
    );
    assert_eq!(folder.read_chunk(&chunk).unwrap(), records);
    // And compaction clears the leftover temp file.
    folder.compact("aaa", 2).unwrap();
    assert_eq!(names(&dir), vec!["ops-1-4.tdx"]);
}

#[test]
fn rewriting_a_chunk_already_published_replaces_it_with_the_same_bytes() {
    let (_shared, folder) = folder();
    let first = folder.write_chunk("aaa", 1, &ops("aaa", 1, 2)).unwrap();
    let before = fs::read(&first.path).unwrap();
    folder.write_chunk("aaa", 1, &ops("aaa", 1, 2)).unwrap();
    assert_eq!(fs::read(&first.path).unwrap(), before);
    assert_eq!(folder.chunks("aaa").unwrap().len(), 1);
}

#[test]
fn the_problem_of_a_bad_file_names_the_file() {
    let p = ReadError::Bad(Reason::FutureVersion {
        found: 3,
        supported: 1,
    })
    .problem("ops-1-3.tdx")
    .unwrap();
    assert_eq!(
        p,
        Problem::ExchangeFileTooNew {
            file: "ops-1-3.tdx".into(),
            found: 3,
            supported: 1
        }
    );
}
