//! Encryption at rest (issue 20): a database encrypted with a passphrase opens only with it,
//! holds the same data, keeps no customer readable in its bytes or its backups, and every
//! change of encryption that fails leaves the file as it was.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use tagdesk_core::conditions::Condition;
use tagdesk_core::customers::{self, CustomerQuery};
use tagdesk_core::db::{self, Target};
use tagdesk_core::demo::{self, DemoSpec};
use tagdesk_core::desk::Desk;
use tagdesk_core::segments;
use tagdesk_core::ErrorCode;

const PASS: &str = "correct horse 电池";
const PHONE: &str = "13912345678";

/// A demo database on disk with one known customer, closed.
fn plain_file(dir: &Path) -> PathBuf {
    let path = dir.join("laptop.sqlite");
    let mut conn = db::create(&path).unwrap();
    demo::generate(
        &mut conn,
        &DemoSpec {
            customers: 300,
            now: 1_763_000_000,
            ..DemoSpec::small()
        },
    )
    .unwrap();
    crate::add_customer(&conn, "加密测试客户", Some(PHONE), Some("保密公司"));
    path
}

fn no_cancel() -> AtomicBool {
    AtomicBool::new(false)
}

fn encrypt(path: &Path, passphrase: &str) -> PathBuf {
    db::change_encryption(
        path,
        Target::Encrypted(passphrase),
        &|_, _| {},
        &no_cancel(),
    )
    .unwrap()
}

/// Every customer's name and phone, and the number of assignments: enough to tell a copy
/// that lost or changed something.
fn fingerprint(path: &Path) -> (Vec<(String, Option<String>)>, i64) {
    let conn = db::open(path).unwrap();
    let mut rows: Vec<(String, Option<String>)> = conn
        .prepare("SELECT name, phone FROM customers ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    rows.shrink_to_fit();
    let assigned = conn
        .query_row("SELECT count(*) FROM assignments", [], |r| r.get(0))
        .unwrap();
    (rows, assigned)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn an_encrypted_database_reopens_with_its_passphrase_and_holds_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_file(dir.path());
    let before = fingerprint(&path);
    encrypt(&path, PASS);
    assert!(db::is_encrypted(&path));
    db::forget_passphrase(&path);

    db::unlock(&path, PASS).unwrap();
    assert_eq!(
        fingerprint(&path),
        before,
        "the encrypted copy holds every row"
    );
    let conn = db::open(&path).unwrap();
    let found = customers::list(
        &conn,
        &CustomerQuery {
            search: Some("加密测试".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(found.total, 1, "search works on the encrypted file");
}

#[test]
fn the_encrypted_file_and_its_log_do_not_contain_a_customers_phone() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_file(dir.path());
    assert!(
        contains(&std::fs::read(&path).unwrap(), PHONE.as_bytes()),
        "plain file shows it"
    );
    encrypt(&path, PASS);
    // A write after encryption goes through the (encrypted) write-ahead log.
    let conn = db::open(&path).unwrap();
    crate::add_customer(&conn, "另一个客户", Some("13800001111"), None);
    for file in [path.clone(), dir.path().join("laptop.sqlite-wal")] {
        if let Ok(bytes) = std::fs::read(&file) {
            assert!(
                !contains(&bytes, PHONE.as_bytes()),
                "{} shows the phone",
                file.display()
            );
            assert!(
                !contains(&bytes, "13800001111".as_bytes()),
                "{}",
                file.display()
            );
        }
    }
}

#[test]
fn opening_without_the_passphrase_asks_for_it_and_a_wrong_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_file(dir.path());
    encrypt(&path, PASS);
    db::forget_passphrase(&path);
    let bytes = std::fs::read(&path).unwrap();

    let needed = db::open(&path).unwrap_err();
    assert_eq!(needed.code(), ErrorCode::PassphraseNeeded, "{needed}");
    let wrong = db::unlock(&path, "not the passphrase").unwrap_err();
    assert_eq!(wrong.code(), ErrorCode::PassphraseWrong, "{wrong}");
    assert_eq!(
        db::open(&path).unwrap_err().code(),
        ErrorCode::PassphraseNeeded
    );
    assert!(
        std::fs::read(&path).unwrap() == bytes,
        "a wrong passphrase wrote nothing"
    );
}

#[test]
fn a_damaged_file_is_still_called_damaged_not_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite");
    std::fs::write(&path, "这不是数据库 ".repeat(400)).unwrap();
    assert_eq!(
        db::open(&path).unwrap_err().code(),
        ErrorCode::DatabaseCorrupt
    );
}

#[test]
fn decrypting_gives_back_a_plain_file_with_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_file(dir.path());
    let before = fingerprint(&path);
    encrypt(&path, PASS);
    db::change_encryption(&path, Target::Plain, &|_, _| {}, &no_cancel()).unwrap();
    assert!(!db::is_encrypted(&path));
    assert!(db::passphrase_of(&path).is_none());
    assert_eq!(fingerprint(&path), before);
}

#[test]
fn a_new_passphrase_replaces_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_file(dir.path());
    encrypt(&path, PASS);
    encrypt(&path, "another passphrase");
    db::forget_passphrase(&path);
    assert_eq!(
        db::unlock(&path, PASS).unwrap_err().code(),
        ErrorCode::PassphraseWrong
    );
    db::unlock(&path, "another passphrase").unwrap();
    db::open(&path).unwrap();
}

#[test]
fn a_cancelled_or_failed_encryption_leaves_the_original_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_file(dir.path());
    let before = fingerprint(&path);
    let bytes = std::fs::read(&path).unwrap();
    let cancelled = AtomicBool::new(true);
    let err =
        db::change_encryption(&path, Target::Encrypted(PASS), &|_, _| {}, &cancelled).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cancelled, "{err}");
    let short = db::change_encryption(&path, Target::Encrypted("short"), &|_, _| {}, &no_cancel());
    assert_eq!(short.unwrap_err().code(), ErrorCode::Invalid);
    assert!(
        std::fs::read(&path).unwrap() == bytes,
        "the original is byte for byte the same"
    );

    // Another connection in the middle of a read keeps the swap from happening.
    let holder = db::open(&path).unwrap();
    holder
        .execute_batch("BEGIN; SELECT count(*) FROM customers;")
        .unwrap();
    let busy = db::change_encryption(&path, Target::Encrypted(PASS), &|_, _| {}, &no_cancel());
    assert!(
        busy.is_err(),
        "a reader in the middle of a transaction blocks the change"
    );
    drop(holder);

    assert!(
        db::passphrase_of(&path).is_none(),
        "no passphrase kept for a failed change"
    );
    assert!(!db::is_encrypted(&path));
    assert_eq!(
        fingerprint(&path),
        before,
        "the original holds what it held"
    );
    assert!(!dir.path().join("laptop.sqlite.converting").exists());
}

#[test]
fn backups_of_an_encrypted_database_are_encrypted_and_restorable() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_file(dir.path());
    let before = fingerprint(&path);
    let conn = db::open(&path).unwrap();
    let plain_backup = db::make_backup(&conn, &path, "by-hand").unwrap();
    drop(conn);
    let first = encrypt(&path, PASS);
    for backup in [&first, &plain_backup] {
        let bytes = std::fs::read(backup).unwrap();
        assert!(
            db::is_encrypted(backup),
            "{} is encrypted",
            backup.display()
        );
        assert!(!contains(&bytes, PHONE.as_bytes()), "{}", backup.display());
    }
    let conn = db::open(&path).unwrap();
    let later = db::make_backup(&conn, &path, "later").unwrap();
    drop(conn);
    assert!(db::is_encrypted(&later));

    db::restore_backup(&path, &later).unwrap();
    assert_eq!(
        fingerprint(&path),
        before,
        "the restored backup opens with the passphrase"
    );
}

#[test]
fn the_desk_unlocks_at_start_and_keeps_no_index_file_in_the_clear() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_file(dir.path());
    encrypt(&path, PASS);
    db::forget_passphrase(&path);

    let err = Desk::on_file(&path).err().expect("locked");
    assert_eq!(err.code(), ErrorCode::PassphraseNeeded);
    db::unlock(&path, PASS).unwrap();
    let mut desk = Desk::on_file(&path).unwrap();
    let (conn, index, _) = desk.indexed().unwrap();
    let tag_id = crate::tag(conn, "高活");
    let counted = segments::count(conn, index, &Condition::Tag { tag_id })
        .unwrap()
        .total;
    let held: i64 = conn
        .query_row("SELECT count(*) FROM assignments a JOIN customers c ON c.id = a.customer_id WHERE a.tag_id = ?1 AND c.deleted_at IS NULL", [tag_id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        counted as i64, held,
        "segment counts work on the encrypted file"
    );
    desk.close();
    let index_file = tagdesk_core::conditions::index::saved_file_of(&path);
    assert!(
        !index_file.exists(),
        "the segment index is not saved beside an encrypted file"
    );
}

#[test]
fn a_colleague_joins_an_encrypted_laptops_team_without_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_file(dir.path());
    let _ = encrypt(&path, PASS);
    db::unlock(&path, PASS).unwrap();
    let conn = db::open(&path).unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    tagdesk_core::team::start(&conn, &shared, "华东销售", "王芳", 1_763_000_000).unwrap();
    let colleague = dir.path().join("colleague.sqlite");
    tagdesk_core::team::join(&shared, &colleague, "李雷的笔记本", "李雷", 1_763_000_100).unwrap();
    assert!(
        !db::is_encrypted(&colleague),
        "the colleague's copy is theirs to encrypt or not"
    );
    let phone: String = db::open(&colleague)
        .unwrap()
        .query_row(
            "SELECT phone FROM customers WHERE phone = ?1",
            [PHONE],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(phone, PHONE);
    // The owner's own file stays encrypted.
    drop(conn);
    assert!(db::is_encrypted(&path));
}

/// An encrypted laptop updated from the version before migration 0030: the migration rewrites
/// the tag tables' texts in the encrypted file as in a plain one, and everything stays.
#[test]
fn an_encrypted_database_from_before_deferred_tag_keys_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain_file(dir.path());
    let before = fingerprint(&path);
    encrypt(&path, PASS);
    {
        let conn = db::open(&path).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA schema_version", [], |r| r.get(0))
            .unwrap();
        conn.execute_batch(&format!(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET sql = replace(sql, ' DEFERRABLE INITIALLY DEFERRED', '')
             WHERE name IN {TAG_TABLES};
             PRAGMA schema_version = {};
             PRAGMA writable_schema = RESET;
             PRAGMA user_version = 29;",
            version + 1
        ))
        .unwrap();
        assert_eq!(deferred_tables(&conn), 0, "the keys as before 0030");
    }
    let conn = db::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, db::SCHEMA_VERSION);
    assert_eq!(deferred_tables(&conn), 4);
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    assert!(db::is_encrypted(&path), "still encrypted");
    assert_eq!(fingerprint(&path), before);
}

/// The tables migration 0030 defers the keys of.
const TAG_TABLES: &str = "('assignments', 'tag_batches', 'tag_batch_members', 'tag_batch_removed')";

fn deferred_tables(conn: &rusqlite::Connection) -> i64 {
    conn.query_row(
        &format!(
            "SELECT count(*) FROM sqlite_schema
             WHERE name IN {TAG_TABLES} AND sql LIKE '%DEFERRABLE INITIALLY DEFERRED%'"
        ),
        [],
        |r| r.get(0),
    )
    .unwrap()
}
