//! The processes a test's window runs in (tauri-driver, WebKitWebDriver, the app, WebKit's
//! page and network processes), found by the data folder they all inherit in their
//! environment; and what the app says on stderr, kept for the test to read.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

/// The lines written on stderr so far, in order.
pub type Said = Arc<Mutex<Vec<String>>>;

/// The processes started for the test whose data folder is `data_dir`: (pid, executable).
pub fn of(data_dir: &Path) -> Vec<(String, PathBuf)> {
    let marker = format!("TAGDESK_DATA_DIR={}", data_dir.display());
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let dir = entry.path();
        let ours = std::fs::read(dir.join("environ"))
            .is_ok_and(|env| env.split(|b| *b == 0).any(|v| v == marker.as_bytes()));
        if let (true, Ok(exe)) = (ours, std::fs::read_link(dir.join("exe"))) {
            found.push((entry.file_name().to_string_lossy().to_string(), exe));
        }
    }
    found
}

/// Kills the one process of the test whose executable `is` picks (`what` names it).
pub fn kill_one(data_dir: &Path, what: &str, is: impl Fn(&Path) -> bool) {
    let picked: Vec<String> = of(data_dir)
        .into_iter()
        .filter(|(_, exe)| is(exe))
        .map(|(pid, _)| pid)
        .collect();
    assert_eq!(
        picked.len(),
        1,
        "one {what} process runs with this data folder"
    );
    let killed = Command::new("kill").args(["-9", &picked[0]]).status();
    assert!(
        killed.is_ok_and(|s| s.success()),
        "the {what} process was killed"
    );
}

/// What each of the test's processes is doing (state and processor time so far), for a window
/// that stopped answering: a page process at full processor time is a page in a loop; a
/// missing one, a crash; all asleep, a wait that never ends.
pub fn states(data_dir: &Path) -> String {
    let states: Vec<String> = of(data_dir)
        .into_iter()
        .map(|(pid, exe)| {
            let name = exe.file_name().unwrap_or_default().to_string_lossy();
            format!("{name} {}", state(&pid))
        })
        .collect();
    states.join("; ")
}

/// A process's state letter and processor time in seconds, from /proc/<pid>/stat.
fn state(pid: &str) -> String {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return "gone".into();
    };
    // The name, in parentheses, may hold spaces: the fields are counted after it, from the
    // state (field 3); utime and stime are fields 14 and 15, in ticks of 1/100 s.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let seconds = (ticks(11) + ticks(12)) as f64 / 100.0;
    format!("{} {seconds:.1} s", fields.first().unwrap_or(&"?"))
}

/// Sends `signal` to the process `pid` (gone already: nothing to do).
pub fn signal(signal: &str, pid: &str) {
    let _ = Command::new("kill")
        .args([signal, pid])
        .stderr(Stdio::null())
        .status();
}

/// Reads the driver's stderr (the app's too, which it inherits) on a thread of its own, passing
/// each line on to the test's stderr and keeping it. The thread ends when the last of the
/// processes holding the pipe does.
pub fn pass_on_stderr(driver: &mut Child) -> Said {
    let said = Said::default();
    if let Some(stderr) = driver.stderr.take() {
        let kept = said.clone();
        std::thread::spawn(move || {
            let lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
            for line in lines.map_while(Result::ok) {
                eprintln!("{line}");
                kept.lock().unwrap_or_else(|e| e.into_inner()).push(line);
            }
        });
    }
    said
}
