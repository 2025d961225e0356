#!/usr/bin/env bash
# Sets up what is missing, builds TagDesk and opens it. On first start, with no database yet,
# it creates and opens the demo database (示例数据).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
(cd ui && npm run --silent build)
cargo build -p tagdesk --features tauri/custom-protocol
if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  echo "No display found: running TagDesk inside a virtual X display (xvfb-run)."
  exec xvfb-run -a -s "-screen 0 1280x800x24" target/debug/tagdesk
fi
exec target/debug/tagdesk
