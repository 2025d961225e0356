#!/usr/bin/env bash
# Refreshes the README screenshots: the end-to-end tests save what the real window shows.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --e2e
export PATH="$HOME/.cargo/bin:$PATH"
(cd ui && npm run --silent build)
cargo build -p tagdesk --features tauri/custom-protocol
mkdir -p docs
TAGDESK_SCREENSHOT_DIR="$PWD/docs" timeout 900 xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p tagdesk-e2e -- --test-threads=1
ls -l docs/*.png
