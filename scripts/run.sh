#!/usr/bin/env bash
# Sets up what is missing, builds TagDesk optimised (the `app` profile of Cargo.toml) and opens
# it. On first start, with no database yet, it creates and opens the demo database (示例数据).
# The end-to-end tests keep using the debug build (target/debug/tagdesk).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
(cd ui && npm run --silent build)
cargo build --profile app -p tagdesk --features tauri/custom-protocol
app="${CARGO_TARGET_DIR:-target}/app/tagdesk"
if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  echo "No display found: running TagDesk inside a virtual X display (xvfb-run)."
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$app"
fi
exec "$app"
