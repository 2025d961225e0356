//! WebKitGTK draws the page in a process of its own. When that process ends (it crashed, or
//! the system took its memory back), the window stays open but blank and deaf to clicks: the
//! user sees a frozen TagDesk with nothing to do but kill it. Loading the page again brings the
//! screens back; nothing is lost, since every change is saved by the core as it is made.
//! The line on stderr is what tells a frozen window in the end-to-end tests from a slow one.

use crate::started::Started;
use std::time::{Duration, Instant};
use tauri::{App, Manager};

/// A page that ends this often within [`WINDOW`] is not loaded again: it would only end again,
/// with the processor busy loading it for nothing.
const MOST_RELOADS: usize = 3;
const WINDOW: Duration = Duration::from_secs(60);

/// Watches the main window's page process: when it ends, says so and loads the page again.
pub fn reload_when_it_ends(app: &App) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let app = app.handle().clone();
    let watched = window.with_webview(move |webview| {
        #[cfg(target_os = "linux")]
        {
            use webkit2gtk::WebViewExt;
            let view = webview.inner();
            let reloads = std::cell::RefCell::new(Reloads::default());
            view.connect_web_process_terminated(move |view, reason| {
                if !reloads.borrow_mut().another(Instant::now()) {
                    eprintln!("TagDesk: the page's process ended ({reason:?}) again; not loading it again");
                    return;
                }
                eprintln!("TagDesk: the page's process ended ({reason:?}); loading it again");
                app.state::<Started>().page_restarted();
                view.reload();
            });
        }
        #[cfg(not(target_os = "linux"))]
        let _ = (webview, app);
    });
    if let Err(e) = watched {
        eprintln!("TagDesk: the page's process is not watched: {e}");
    }
}

/// When the page was loaded again lately.
#[derive(Default)]
struct Reloads(Vec<Instant>);

impl Reloads {
    /// Whether one more reload at `now` is allowed; if so, counts it.
    fn another(&mut self, now: Instant) -> bool {
        self.0.retain(|at| now.duration_since(*at) < WINDOW);
        if self.0.len() >= MOST_RELOADS {
            return false;
        }
        self.0.push(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_that_keeps_ending_is_loaded_again_three_times_a_minute_at_most() {
        let start = Instant::now();
        let mut reloads = Reloads::default();
        let at = |s: u64| start + Duration::from_secs(s);
        assert!(reloads.another(at(0)));
        assert!(reloads.another(at(10)));
        assert!(reloads.another(at(20)));
        assert!(!reloads.another(at(30)), "a fourth within the minute");
        assert!(reloads.another(at(61)), "the first has left the minute");
        assert!(!reloads.another(at(62)));
    }
}
