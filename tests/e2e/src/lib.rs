//! Harness for end-to-end tests: starts the built TagDesk app through tauri-driver (which
//! drives WebKitWebDriver) with its own data folder, and hands the test a WebDriver client.
//!
//! Needs: the app built with the embedded UI (`cargo build -p tagdesk --features
//! tauri/custom-protocol`), `tauri-driver` on PATH, and a display (run under `xvfb-run`).

pub mod builder;
pub mod picker;
mod processes;
pub mod select;
pub mod window;

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use fantoccini::elements::Element;

/// How long a test waits for the UI before failing.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// The longest a test body run by [`with_app`] may take. Every wait in it gives up after
/// [`PATIENCE`], but a WebDriver call that WebKitWebDriver never answers would wait without end
/// and leave the whole run to CI's time limit, naming nothing.
pub const BODY_LIMIT: Duration = Duration::from_secs(300);

/// How long stopping the app may take before its processes are killed outright.
const STOP_GRACE: Duration = Duration::from_secs(15);

pub struct App {
    pub client: Client,
    pub data_dir: PathBuf,
    driver: Child,
    /// What the app and its driver wrote on stderr so far, line by line (also passed on).
    said: processes::Said,
}

impl App {
    /// Starts the app with `data_dir` as its data folder (kept: tests inspect it).
    pub async fn start(data_dir: &Path) -> App {
        Self::start_with_env(data_dir, &[]).await
    }

    /// [`App::start`] with extra environment for the app (test hooks such as
    /// `TAGDESK_TEST_INDEX_GATE`); tauri-driver passes its environment on to the app.
    pub async fn start_with_env(data_dir: &Path, env: &[(&str, &Path)]) -> App {
        let port = free_port();
        let mut driver = Command::new(tauri_driver());
        // Without a GPU the app draws without compositing (src-tauri/src/compositing.rs), where
        // WebKitGTK 2.50 never answers a screenshot of some pages (rules, value): the page shows,
        // but the snapshot waits forever. Runs that save screenshots composite instead.
        if std::env::var_os("TAGDESK_SCREENSHOT_DIR").is_some() {
            driver.env("WEBKIT_DISABLE_COMPOSITING_MODE", "0");
        }
        let mut driver = driver
            .envs(env.iter().copied())
            .env("XDG_CONFIG_HOME", desktop_without_animations())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &free_port().to_string(),
            ])
            .env("TAGDESK_DATA_DIR", data_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tauri-driver starts (cargo install tauri-driver --locked)");
        let said = processes::pass_on_stderr(&mut driver);
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app_binary() }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            // A session request can go unanswered when the app never shows its window.
            let mut builder = ClientBuilder::native();
            let attempt = builder.capabilities(caps.clone()).connect(&url);
            match tokio::time::timeout(PATIENCE, attempt).await {
                Ok(Ok(client)) => break client,
                Ok(Err(e)) if started.elapsed() > PATIENCE => panic!("no WebDriver session: {e}"),
                Err(_) => panic!("no WebDriver session: the app did not answer in {PATIENCE:?}"),
                Ok(Err(_)) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        App {
            client,
            data_dir: data_dir.to_path_buf(),
            driver,
            said,
        }
    }

    /// Waits for an element by `data-testid`.
    pub async fn find(&self, test_id: &str) -> Element {
        self.find_css(&format!("[data-testid='{test_id}']")).await
    }

    pub async fn find_css(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("element {css} did not appear: {e}"))
    }

    pub async fn find_all(&self, test_id: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(&format!("[data-testid='{test_id}']")))
            .await
            .unwrap_or_default()
    }

    pub async fn click(&self, test_id: &str) {
        self.find(test_id).await.click().await.expect("click");
    }

    /// Polls `check` until it returns Some or patience runs out.
    pub async fn eventually<T, F, Fut>(&self, what: &str, mut check: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        self.poll(what, || {
            let attempt = check();
            async { attempt.await.ok_or_else(|| "not yet".to_string()) }
        })
        .await
    }

    /// Clicks `target` (CSS) until `done` holds, pausing `pause` after each click: a click
    /// that lands while the page re-renders or a modal moves is lost, so it is repeated.
    /// `what` names the wait when patience runs out.
    pub async fn click_until_done<F, Fut>(
        &self,
        what: &str,
        target: &str,
        pause: Duration,
        mut done: F,
    ) where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        self.eventually(what, || {
            let finished = done();
            async move {
                if finished.await {
                    return Some(());
                }
                if let Ok(el) = self.client.find(Locator::Css(target)).await {
                    let _ = el.click().await;
                }
                tokio::time::sleep(pause).await;
                None
            }
        })
        .await
    }

    /// Polls `check` until it returns Ok; when patience runs out, fails naming its last Err and
    /// a screenshot of the window.
    async fn poll<T, F, Fut>(&self, what: &str, mut check: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, String>>,
    {
        let started = Instant::now();
        loop {
            let reason = match check().await {
                Ok(v) => return v,
                Err(reason) => reason,
            };
            if started.elapsed() > PATIENCE {
                let shot = self.failure_screenshot().await;
                panic!("timed out waiting for {what} (last: {reason}); the window then: {shot}");
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Saves the window to a file named in a failing test's message, so a failure in CI can be
    /// looked at; returns the path (or why there is none), with what the test's processes were
    /// doing and the app's last words on stderr. WebKit ends the WebDriver session when the
    /// page's process crashes or hangs; this says which.
    async fn failure_screenshot(&self) -> String {
        let shot = match tokio::time::timeout(STOP_GRACE, self.save_screenshot()).await {
            Ok(saved) => saved,
            Err(_) => "not taken (the window did not answer)".into(),
        };
        let said = self.said.lock().unwrap_or_else(|e| e.into_inner());
        let last: Vec<&str> = said
            .iter()
            .rev()
            .take(3)
            .rev()
            .map(String::as_str)
            .collect();
        format!(
            "{shot}; its processes: {}; the app last said: {last:?}",
            processes::states(&self.data_dir)
        )
    }

    async fn save_screenshot(&self) -> String {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let path = std::env::temp_dir().join(format!("tagdesk-e2e-failure-{nanos}.png"));
        match self.client.screenshot().await {
            Ok(png) => match std::fs::write(&path, png) {
                Ok(()) => path.display().to_string(),
                Err(e) => format!("not saved ({e})"),
            },
            Err(e) => format!("not taken ({})", described(&e)),
        }
    }

    /// Waits until no modal or dropdown is still sliding in or out: a click during that motion
    /// can land on a modal's mask, which closes the modal.
    pub async fn settled(&self) {
        let moving = "[class*='zoom-appear'], [class*='zoom-enter'], [class*='zoom-leave'], \
                      [class*='fade-appear'], [class*='fade-enter'], [class*='fade-leave'], \
                      [class*='slide-up-enter'], [class*='slide-up-leave']";
        self.eventually("the window to stop moving", || async {
            let found = self.client.find_all(Locator::Css(moving)).await;
            found.map(|f| f.is_empty()).unwrap_or(false).then_some(())
        })
        .await;
    }

    /// Waits until the element's text satisfies `pred`; returns the text.
    pub async fn text_until(&self, test_id: &str, pred: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        let started = Instant::now();
        loop {
            if let Ok(el) = self
                .client
                .find(Locator::Css(&format!("[data-testid='{test_id}']")))
                .await
            {
                last = el.text().await.unwrap_or_default();
                if pred(&last) {
                    return last;
                }
            }
            if started.elapsed() > PATIENCE {
                let shot = self.failure_screenshot().await;
                panic!(
                    "text of {test_id} never matched; last seen: {last:?}; the window then: {shot}"
                );
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Saves a screenshot of the window (for the README and for looking at failures).
    pub async fn screenshot(&self, path: &Path) {
        // A frame taken right after a DOM change can be the old one.
        tokio::time::sleep(Duration::from_millis(400)).await;
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(path, png).expect("write screenshot");
    }

    /// Opens `file` in the import wizard of the I/O page (already shown) and waits for the
    /// mapping step.
    pub async fn open_in_import_wizard(&self, file: &Path) {
        picker::type_into(self, "import-path-input", &file.display().to_string()).await;
        self.click("import-path-open").await;
        self.find("import-mapping").await;
    }

    /// Finds a customer on the customers page by phone and opens their profile.
    pub async fn open_profile(&self, id: i64, phone: &str) {
        self.press_id("nav-customers").await;
        picker::type_into(self, "customer-search", phone).await;
        builder::click_until(
            self,
            &format!("[data-testid='customer-row'][data-id='{id}'] [data-testid='row-open']"),
            &format!("[data-testid='customer-profile'][data-id='{id}']"),
        )
        .await;
    }

    /// Closes the open profile and waits until it is gone.
    pub async fn close_profile(&self) {
        self.press(".ant-drawer-open .ant-drawer-close").await;
        self.eventually("the profile to close", || async {
            (!picker::present(self, ".ant-drawer-open").await).then_some(())
        })
        .await;
    }

    /// Presses 同步 on the Team page and waits until that exchange has answered (its result or
    /// its problem shows). While the scheduled exchange runs the button is disabled and a click
    /// on it does nothing, so it is pressed, once free, until the page says it was (the button
    /// notes when it was last pressed) and the exchange is over.
    pub async fn exchange_by_hand(&self) {
        self.press_id("nav-team").await;
        let button = "[data-testid='team-exchange']";
        let pressed_at = || async {
            let el = self.client.find(Locator::Css(button)).await.ok()?;
            el.attr("data-pressed-at").await.ok()?
        };
        let before = self
            .eventually("the 同步 button", || async { pressed_at().await })
            .await;
        let free = "[data-testid='team-exchange'][data-running='false']";
        self.click_until_done(
            "an exchange by hand to answer",
            free,
            Duration::from_millis(500),
            || async {
                let now = pressed_at().await;
                now.is_some_and(|at| at != before) && picker::present(self, free).await
            },
        )
        .await;
    }

    /// Waits until the app has written a line on stderr that `check` accepts; returns it.
    pub async fn said(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        self.eventually(what, || async {
            let said = self.said.lock().unwrap_or_else(|e| e.into_inner());
            said.iter().find(|line| check(line)).cloned()
        })
        .await
    }

    /// Kills the app's process outright, as a dead battery would: no shutdown code runs.
    pub fn kill_app(&self) {
        let binary = PathBuf::from(app_binary());
        processes::kill_one(&self.data_dir, "app", |exe| exe == binary);
    }

    /// Kills the process WebKit draws the page in, as a crash of it would end it.
    pub fn kill_page_process(&self) {
        processes::kill_one(&self.data_dir, "page", |exe| {
            exe.ends_with("WebKitWebProcess")
        });
    }

    /// Ends the session and stops tauri-driver gently (a hard kill leaves WebKitWebDriver
    /// holding the output pipe and the test run hangs). Each step has a time limit: what has
    /// not ended by then is killed outright as the app is dropped.
    pub async fn stop(mut self) {
        let _ = tokio::time::timeout(STOP_GRACE, self.client.clone().close()).await;
        processes::signal("-TERM", &self.driver.id().to_string());
        let deadline = Instant::now() + STOP_GRACE;
        while matches!(self.driver.try_wait(), Ok(None)) && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // A WebKitWebDriver whose app was killed outlives tauri-driver; ask it to end too.
        for (pid, _) in processes::of(&self.data_dir) {
            processes::signal("-TERM", &pid);
        }
        let deadline = Instant::now() + STOP_GRACE;
        while !processes::of(&self.data_dir).is_empty() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for App {
    /// Kills what is still running: after [`App::stop`], whatever did not end when asked; for
    /// a test that failed before it, the whole window (a tauri-driver left running holds the
    /// test's output open, and the run does not end).
    fn drop(&mut self) {
        if matches!(self.driver.try_wait(), Ok(None)) {
            processes::signal("-KILL", &self.driver.id().to_string());
            let _ = self.driver.wait();
        }
        for (pid, _) in processes::of(&self.data_dir) {
            processes::signal("-KILL", &pid);
        }
    }
}

/// Runs `body` against a freshly started app with its own data folder, and stops the app even
/// when the body fails (a driver left running keeps the test run from ending).
pub async fn with_app<F, Fut>(body: F)
where
    F: FnOnce(Arc<App>, PathBuf) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let dir = tempfile::tempdir().expect("temp dir");
    let app = Arc::new(App::start(dir.path()).await);
    let mut run = tokio::spawn(body(app.clone(), dir.path().to_path_buf()));
    let outcome = match tokio::time::timeout(BODY_LIMIT, &mut run).await {
        Ok(outcome) => Some(outcome),
        Err(_) => {
            run.abort();
            let _ = run.await;
            None
        }
    };
    let shot = match &outcome {
        None => app.failure_screenshot().await,
        Some(_) => String::new(),
    };
    if let Ok(app) = Arc::try_unwrap(app) {
        app.stop().await;
    }
    match outcome {
        None => panic!(
            "the test did not end within {BODY_LIMIT:?}: a WebDriver call went unanswered; \
             the window then: {shot}"
        ),
        Some(Err(e)) => std::panic::resume_unwind(e.into_panic()),
        Some(Ok(())) => {}
    }
}

/// Runs `body` against apps started by the test itself (two windows, or one started again) with
/// the time limit [`with_app`] gives a body; on time-out fails naming each window's screenshot.
/// The apps are killed as the failing test drops them.
pub async fn bounded(apps: &[&App], body: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(BODY_LIMIT, body).await.is_ok() {
        return;
    }
    let mut shots = Vec::new();
    for app in apps {
        shots.push(app.failure_screenshot().await);
    }
    panic!(
        "the test did not end within {BODY_LIMIT:?}: a WebDriver call went unanswered; \
         the windows then: {}",
        shots.join(", ")
    );
}

/// WebDriver's error as its message, or its kind when the message is empty (WebKit answers a
/// session it ended with "invalid session id" and nothing more).
fn described(e: &fantoccini::error::CmdError) -> String {
    match e.to_string() {
        text if text.is_empty() || text.ends_with(": ") => format!("{e:?}"),
        text => text,
    }
}

/// A desktop configuration whose GTK settings switch animations off, for the app's
/// `XDG_CONFIG_HOME`: WebKitGTK then reports `prefers-reduced-motion`, and the UI opens and
/// closes modals, drawers and menus at once, so no click lands on one still moving.
fn desktop_without_animations() -> PathBuf {
    let home = std::env::temp_dir().join("tagdesk-e2e-desktop");
    let gtk = home.join("gtk-3.0");
    std::fs::create_dir_all(&gtk).expect("desktop config folder");
    std::fs::write(
        gtk.join("settings.ini"),
        "[Settings]\ngtk-enable-animations=false\n",
    )
    .expect("GTK settings");
    home
}

impl App {
    /// Clicks an element once it takes clicks: drawers and modals slide in before they do.
    /// Gives up after [`PATIENCE`] naming WebDriver's last refusal (it says which element
    /// would have received the click instead).
    pub async fn press(&self, css: &str) {
        self.poll(&format!("{css} to take a click"), || async {
            let el = self
                .client
                .find(Locator::Css(css))
                .await
                .map_err(|e| described(&e))?;
            el.click().await.map(drop).map_err(|e| described(&e))
        })
        .await
    }

    pub async fn press_id(&self, test_id: &str) {
        self.press(&format!("[data-testid='{test_id}']")).await;
    }

    /// Saves a screenshot called `name` into $TAGDESK_SCREENSHOT_DIR, when it is set.
    pub async fn screenshot_named(&self, name: &str) {
        if let Ok(dir) = std::env::var("TAGDESK_SCREENSHOT_DIR") {
            std::fs::create_dir_all(&dir).expect("screenshot dir");
            self.screenshot(&Path::new(&dir).join(name)).await;
        }
    }
}

/// The demo database the app creates on first start in `data_dir`.
pub fn demo_db(data_dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(data_dir.join("demo.sqlite")).expect("demo database exists")
}

pub fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("count query")
}

fn app_binary() -> String {
    if let Ok(path) = std::env::var("TAGDESK_APP") {
        return path;
    }
    // Where cargo put it: $CARGO_TARGET_DIR when set (as scripts/run.sh and package.sh honour
    // it), else the workspace's target folder.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let path = target.join("debug/tagdesk");
    assert!(
        path.exists(),
        "build the app first: cargo build -p tagdesk --features tauri/custom-protocol"
    );
    path.canonicalize().unwrap().display().to_string()
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let cargo_bin = home.join(".cargo/bin/tauri-driver");
    if cargo_bin.exists() {
        cargo_bin
    } else {
        PathBuf::from("tauri-driver")
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A numeric data-* attribute (`data-id`, `data-count`, …) of an element, or None while it is
/// missing or not yet a number.
pub async fn number_attr(el: &Element, name: &str) -> Option<i64> {
    el.attr(name).await.ok()??.parse().ok()
}
