use super::*;
use crate::team::exchange::container::FORMAT_VERSION;
use crate::team::exchange::folder::{DeviceFile, Seen, TeamFile};
use tempfile::TempDir;

fn ops(first: u64, last: u64) -> Vec<Vec<u8>> {
    (first..=last)
        .map(|seq| format!(r#"{{"uid":"aaa-{seq}"}}"#).into_bytes())
        .collect()
}

/// A team folder where device aaa wrote chunks 1-2, 3-5, 6-6, 7-9 and bbb, ccc exist.
fn folder() -> (TempDir, TeamFolder) {
    let shared = TempDir::new().unwrap();
    let team = TeamFile {
        id: "7f3a9c21e0b44d58".into(),
        name: "Sales".into(),
        format_version: FORMAT_VERSION,
    };
    let folder = TeamFolder::create(shared.path(), &team).unwrap();
    for (first, last) in [(1, 2), (3, 5), (6, 6), (7, 9)] {
        folder.write_chunk("aaa", first, &ops(first, last)).unwrap();
    }
    let info = DeviceFile {
        name: "laptop".into(),
        person: "Li Na".into(),
        app_version: "1.0.0".into(),
    };
    for device in ["bbb", "ccc"] {
        folder.write_device(device, &info).unwrap();
    }
    (shared, folder)
}

fn seen(folder: &TeamFolder, device: &str, aaa: u64) {
    let seen = Seen::from([("aaa".to_string(), aaa)]);
    folder.write_seen(device, &seen).unwrap();
}

fn ranges(folder: &TeamFolder) -> Vec<(u64, u64)> {
    let mut r: Vec<(u64, u64)> = folder
        .chunks("aaa")
        .unwrap()
        .iter()
        .map(|c| (c.first, c.last))
        .collect();
    r.sort();
    r
}

fn read_all(folder: &TeamFolder, cursor: u64) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for planned in folder.plan("aaa", cursor).unwrap().reads {
        let records = folder.read_chunk(&planned.chunk).unwrap();
        out.extend(records.into_iter().skip(planned.skip));
    }
    out
}

#[test]
fn chunks_every_device_has_read_become_one_with_the_same_records() {
    let (_shared, folder) = folder();
    seen(&folder, "bbb", 9);
    seen(&folder, "ccc", 6);
    let union = folder.compact("aaa", 2).unwrap().unwrap();
    assert_eq!((union.first, union.last), (1, 6));
    assert_eq!(ranges(&folder), vec![(1, 6), (7, 9)]);
    assert_eq!(read_all(&folder, 0), ops(1, 9));
}

#[test]
fn a_device_that_has_not_read_a_chunk_keeps_it_apart() {
    let (_shared, folder) = folder();
    seen(&folder, "bbb", 9);
    // ccc has no seen.json yet: it has read nothing, so nothing is compacted.
    assert_eq!(folder.compact("aaa", 2).unwrap(), None);
    assert_eq!(ranges(&folder), vec![(1, 2), (3, 5), (6, 6), (7, 9)]);
    assert_eq!(folder.read_by_all("aaa").unwrap(), 0);
}

#[test]
fn fewer_parts_than_asked_are_left_for_a_later_compaction() {
    let (_shared, folder) = folder();
    seen(&folder, "bbb", 9);
    seen(&folder, "ccc", 9);
    assert_eq!(folder.compact("aaa", 5).unwrap(), None);
    assert_eq!(ranges(&folder).len(), 4);
    assert!(folder.compact("aaa", 4).unwrap().is_some());
    assert_eq!(ranges(&folder), vec![(1, 9)]);
}

#[test]
fn a_device_alone_in_the_team_compacts_everything() {
    let shared = TempDir::new().unwrap();
    let team = TeamFile {
        id: "0123456789abcdef".into(),
        name: "Solo".into(),
        format_version: FORMAT_VERSION,
    };
    let folder = TeamFolder::create(shared.path(), &team).unwrap();
    folder.write_chunk("aaa", 1, &ops(1, 1)).unwrap();
    folder.write_chunk("aaa", 2, &ops(2, 3)).unwrap();
    assert!(folder.compact("aaa", 2).unwrap().is_some());
    assert_eq!(ranges(&folder), vec![(1, 3)]);
}

#[test]
fn a_reader_listing_during_compaction_gets_every_operation_once() {
    let (_shared, folder) = folder();
    // The moment between writing the union and removing the parts.
    folder.write_chunk("aaa", 1, &ops(1, 9)).unwrap();
    assert_eq!(read_all(&folder, 0), ops(1, 9));
    assert_eq!(read_all(&folder, 5), ops(6, 9));
    // Some parts removed already.
    for part in folder.chunks("aaa").unwrap() {
        if (part.first, part.last) == (3, 5) || (part.first, part.last) == (1, 2) {
            fs::remove_file(&part.path).unwrap();
        }
    }
    assert_eq!(read_all(&folder, 0), ops(1, 9));
    assert_eq!(read_all(&folder, 4), ops(5, 9));
}

#[test]
fn a_compaction_that_crashed_before_removing_the_parts_is_tidied_next_time() {
    let (_shared, folder) = folder();
    seen(&folder, "bbb", 9);
    seen(&folder, "ccc", 9);
    folder.write_chunk("aaa", 1, &ops(1, 9)).unwrap();
    assert_eq!(folder.compact("aaa", 2).unwrap(), None);
    assert_eq!(ranges(&folder), vec![(1, 9)]);
    assert_eq!(read_all(&folder, 0), ops(1, 9));
}

#[test]
fn a_part_that_cannot_be_read_stops_compaction_and_nothing_is_removed() {
    let (_shared, folder) = folder();
    seen(&folder, "bbb", 9);
    seen(&folder, "ccc", 9);
    let part = folder
        .chunks("aaa")
        .unwrap()
        .into_iter()
        .find(|c| c.first == 3)
        .unwrap();
    let bytes = fs::read(&part.path).unwrap();
    fs::write(&part.path, &bytes[..bytes.len() - 3]).unwrap();
    assert_eq!(folder.compact("aaa", 2).unwrap(), None);
    assert_eq!(ranges(&folder), vec![(1, 2), (3, 5), (6, 6), (7, 9)]);
}

#[test]
fn a_second_compaction_folds_the_first_union_into_a_longer_one() {
    let (_shared, folder) = folder();
    seen(&folder, "bbb", 5);
    seen(&folder, "ccc", 5);
    folder.compact("aaa", 2).unwrap().unwrap();
    assert_eq!(ranges(&folder), vec![(1, 5), (6, 6), (7, 9)]);
    seen(&folder, "bbb", 9);
    seen(&folder, "ccc", 9);
    folder.compact("aaa", 2).unwrap().unwrap();
    assert_eq!(ranges(&folder), vec![(1, 9)]);
    assert_eq!(read_all(&folder, 0), ops(1, 9));
}

#[test]
fn a_snapshot_left_half_written_by_a_crash_is_removed_by_its_device_only() {
    let (_shared, folder) = folder();
    let dir = folder.root().join("snapshots");
    std::fs::create_dir_all(&dir).unwrap();
    let mine = dir.join(".aaa-12.tdsnap.tmp-1-2");
    let theirs = dir.join(".bbb-12.tdsnap.tmp-1-2");
    for file in [&mine, &theirs] {
        std::fs::write(file, b"half a database").unwrap();
    }
    folder.compact("aaa", 2).unwrap();
    assert!(!mine.exists());
    assert!(theirs.exists(), "bbb may be writing it right now");
}
