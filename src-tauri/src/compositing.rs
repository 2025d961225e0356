//! WebKitGTK composites the page through OpenGL. Without a GPU (no DRM render node: a VM, a
//! server, Xvfb in CI) that GL is Mesa's llvmpipe, which compiles shaders and rasterises on the
//! CPU: at start it took ~1 s of CPU of the 2.6 s the window needed to show the customer list
//! on a 2-core machine (docs/BENCHMARKS.md, "Starting the app"). There, WebKit's non-composited
//! mode draws the same page with less work. With a GPU, compositing stays on.

use std::path::Path;

const SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Must run before GTK starts (WebKit reads the variable when it creates the web process) and
/// before any other thread exists (setting the environment is not thread-safe). A value the
/// user set is left alone.
pub fn off_without_gpu() {
    if cfg!(target_os = "linux") && std::env::var_os(SWITCH).is_none() && !has_render_node() {
        std::env::set_var(SWITCH, "1");
    }
}

fn has_render_node() -> bool {
    let Ok(entries) = Path::new("/dev/dri").read_dir() else {
        return false;
    };
    entries
        .flatten()
        .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
}
