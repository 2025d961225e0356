//! WebKitGTK draws the page in a process of its own. When that process ends (it crashed, or
//! the system took its memory back), the window stays open but blank and deaf to clicks: the
//! user sees a frozen TagDesk with nothing to do but kill it. Loading the page again brings the
//! screens back; nothing is lost, since every change is saved by the core as it is made.
//! The line on stderr is what tells a frozen window in the end-to-end tests from a slow one.

use crate::started::Started;
use tauri::{App, Manager};

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
            view.connect_web_process_terminated(move |view, reason| {
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
