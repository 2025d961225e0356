//! The desk as the window shares it: while a long job holds it, reads, the status, progress and
//! cancel still answer.

use std::path::Path;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;
use tagdesk_core::customers::{self, CustomerQuery};
use tagdesk_core::db;
use tagdesk_core::desk::shared::SharedDesk;
use tagdesk_core::desk::Desk;
use tagdesk_core::import::ImportSpec;
use tagdesk_core::ErrorCode;

/// Long enough for a reader never to wait this long unless it waits for the job.
const NEVER: Duration = Duration::from_secs(60);

fn shared_on(path: &Path) -> Arc<SharedDesk> {
    drop(db::create(path).unwrap());
    Arc::new(SharedDesk::new(Desk::on_file(path).unwrap()))
}

fn search(text: &str) -> CustomerQuery {
    CustomerQuery {
        search: Some(text.into()),
        tag_ids: vec![],
        sort: None,
        offset: 0,
        limit: 20,
    }
}

/// Runs `f` on another thread and gives its answer, or None if it has not answered by `NEVER`.
fn answers<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(NEVER).ok()
}

/// The desk held on another thread, as a long command holds it, until released.
struct Held {
    release: mpsc::Sender<()>,
    job: std::thread::JoinHandle<Result<(), tagdesk_core::IpcError>>,
}

impl Held {
    /// Returns once the desk is held.
    fn on(shared: &Arc<SharedDesk>) -> Held {
        let (held_tx, held_rx) = mpsc::channel();
        let (release, release_rx) = mpsc::channel::<()>();
        let holder = shared.clone();
        let job = std::thread::spawn(move || {
            holder.with(|_| {
                held_tx.send(()).unwrap();
                let _ = release_rx.recv();
                Ok(())
            })
        });
        held_rx.recv().unwrap();
        Held { release, job }
    }

    fn release(self) {
        self.release.send(()).unwrap();
        self.job.join().unwrap().unwrap();
    }
}

#[test]
fn a_customer_search_and_the_status_answer_while_a_command_holds_the_desk() {
    let dir = tempfile::tempdir().unwrap();
    let shared = shared_on(&dir.path().join("shop.sqlite"));
    shared
        .with_actor(|conn, _| {
            super::add_customer(conn, "张三", Some("13900000001"), None);
            Ok(())
        })
        .unwrap();
    let held = Held::on(&shared);

    let reader = shared.clone();
    let found = answers(move || reader.read(|c| customers::list(c, &search("张三"))));
    let status = answers({
        let shared = shared.clone();
        move || shared.status()
    });

    held.release();
    let found = found.expect("the search answered while the desk was held");
    assert_eq!(found.unwrap().total, 1);
    let status = status.expect("the status answered while the desk was held");
    assert!(status.database.is_some());
}

#[test]
fn the_team_status_of_a_new_database_answers_while_a_command_holds_the_desk() {
    let dir = tempfile::tempdir().unwrap();
    let shared = shared_on(&dir.path().join("new.sqlite"));
    let held = Held::on(&shared);

    // The Team page reads it beside an exchange; this laptop's id was made when the file opened,
    // so reading needs no write (a read-only connection refuses one).
    let reader = shared.clone();
    let status = answers(move || reader.read_as(tagdesk_core::team::status));
    held.release();
    let status = status.expect("answered while the desk was held").unwrap();
    assert!(status.team.is_none());
    let later = shared.with(|d| d.team_status()).unwrap();
    assert_eq!(status.device.id, later.device.id);
    assert_eq!(status.device.id.len(), 12);
}

#[test]
fn progress_advances_and_cancel_stops_a_long_import_while_a_search_answers() {
    let dir = tempfile::tempdir().unwrap();
    let shared = shared_on(&dir.path().join("shop.sqlite"));
    let file = dir.path().join("large.csv");
    let mut text = String::from("姓名,手机\n");
    for i in 0..150_000 {
        text.push_str(&format!("客户{i},139{i:08}\n"));
    }
    std::fs::write(&file, text).unwrap();
    let importer = shared.clone();
    let import = std::thread::spawn(move || {
        importer.with(|d| d.import(&ImportSpec::customers(&file), importer.job()))
    });

    let first = wait_for(|| Some(shared.job().progress()).filter(|p| p.running && p.done > 0));
    let later = wait_for(|| Some(shared.job().progress()).filter(|p| p.done > first.done));
    let reader = shared.clone();
    let found = answers(move || reader.read(|c| customers::list(c, &search("139"))));
    let still_running = !import.is_finished();
    shared.job().cancel();
    let outcome = import.join().unwrap();

    assert!(later.running && later.done < later.total, "{later:?}");
    assert!(
        still_running,
        "the search must answer before the import ends, not after it"
    );
    let found = found
        .expect("the search answered during the import")
        .unwrap();
    assert_eq!(found.total, 0, "the import has not committed anything yet");
    assert_eq!(outcome.unwrap_err().code, ErrorCode::Cancelled);
    let kept = shared
        .read(|c| customers::count(c, &CustomerQuery::default()))
        .unwrap();
    assert_eq!(kept, 0, "a cancelled import keeps nothing");
}

/// Polls `check` until it gives a value; fails after `NEVER`.
fn wait_for<T>(mut check: impl FnMut() -> Option<T>) -> T {
    let start = std::time::Instant::now();
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(start.elapsed() < NEVER, "gave up waiting");
        std::thread::sleep(Duration::from_millis(2));
    }
}
