use super::*;
use crate::error::ErrorCode;
use crate::problem::Language;

fn tiny_demo() -> DemoSpec {
    DemoSpec {
        customers: 40,
        ..DemoSpec::small()
    }
}

#[test]
fn first_start_creates_and_opens_the_demo_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::start(dir.path().to_path_buf(), tiny_demo());
    let status = desk.status();
    let db = status.database.expect("a database is open");
    assert!(db.is_demo);
    assert!(status.problem.is_none());
    assert_eq!(status.language, Language::ZhCn);
    let n: i64 = desk
        .conn()
        .unwrap()
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 40);
}

#[test]
fn a_restart_reopens_the_last_database_and_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::start(dir.path().to_path_buf(), tiny_demo());
    let own = desk.create(None).unwrap();
    assert!(!own.database.as_ref().unwrap().is_demo);
    desk.set_language(Language::En).unwrap();
    drop(desk);
    let desk = Desk::start(dir.path().to_path_buf(), tiny_demo());
    let status = desk.status();
    assert_eq!(status.database.unwrap().path, own.database.unwrap().path);
    assert_eq!(status.language, Language::En);
}

#[test]
fn a_damaged_last_database_is_reported_with_its_backups_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::start(dir.path().to_path_buf(), tiny_demo());
    let status = desk.create(None).unwrap();
    let path = PathBuf::from(status.database.unwrap().path);
    db::make_backup(desk.conn().unwrap(), &path, "manual").unwrap();
    drop(desk);
    let garbage = vec![0xA5u8; 8192];
    std::fs::write(&path, &garbage).unwrap();

    let mut desk = Desk::start(dir.path().to_path_buf(), tiny_demo());
    let status = desk.status();
    assert!(status.database.is_none());
    let problem = status.problem.expect("the problem is reported");
    assert_eq!(problem.error.code, ErrorCode::DatabaseCorrupt);
    assert_eq!(problem.backups.len(), 1);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        garbage,
        "the damaged file is untouched"
    );

    let restored = desk
        .restore_backup(Path::new(&problem.backups[0].path))
        .unwrap();
    assert!(restored.problem.is_none());
    assert!(restored.database.is_some());
}

#[test]
fn a_missing_last_database_offers_a_choice_instead_of_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::start(dir.path().to_path_buf(), tiny_demo());
    let path = PathBuf::from(desk.create(None).unwrap().database.unwrap().path);
    drop(desk);
    std::fs::remove_file(&path).unwrap();
    let mut desk = Desk::start(dir.path().to_path_buf(), tiny_demo());
    let problem = desk.status().problem.expect("missing file is a problem");
    assert_eq!(problem.error.code, ErrorCode::DatabaseMissing);
    assert!(!path.exists(), "nothing is created in its place");
    let status = desk.open_demo().unwrap();
    assert!(status.database.unwrap().is_demo);
}

#[test]
fn opening_a_bad_file_keeps_the_current_database_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::start(dir.path().to_path_buf(), tiny_demo());
    let junk = dir.path().join("junk.xlsx");
    std::fs::write(&junk, b"PK\x03\x04 not a database").unwrap();
    let err = desk.open(&junk).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DatabaseCorrupt);
    assert!(desk.status().database.unwrap().is_demo);
}

#[test]
fn unsupported_languages_are_refused() {
    assert!(serde_json::from_str::<Language>("\"fr\"").is_err());
    assert_eq!(
        serde_json::from_str::<Language>("\"zh-CN\"").unwrap(),
        Language::ZhCn
    );
}
