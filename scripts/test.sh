#!/usr/bin/env bash
# Runs every check and test of TagDesk, installing what is missing first:
# formatting, lints, core unit + integration tests (including the generated-bindings check),
# UI type check + component tests + build, the app build, and end-to-end tests that drive the
# real window through tauri-driver under Xvfb; then the Debian package of that build is made,
# installed with apt and opened.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
# Each step says how far in it starts and how much disk is left (CI's disk once ran out).
step() {
  printf '\n==> %s (%ss, %s free)\n' "$1" $((SECONDS - started)) \
    "$(df -h --output=avail . | tail -n 1 | tr -d ' ')"
}

step "set-up"
scripts/setup.sh --e2e
export PATH="$HOME/.cargo/bin:$PATH"
# One build from scratch: incremental caches would only take disk (and CI's disk is finite).
export CARGO_INCREMENTAL=0

step "cargo fmt --check"
cargo fmt --all -- --check

step "core tests (unit, integration, bindings up to date)"
cargo test -p tagdesk-core

step "UI: type check, component tests, build"
(cd ui && npm run --silent typecheck && npm run --silent test && npm run --silent build)

step "clippy -D warnings"
cargo clippy -p tagdesk-core -p tagdesk-e2e --all-targets -- -D warnings
cargo clippy -p tagdesk --features tauri/custom-protocol --all-targets -- -D warnings

step "shell unit tests"
cargo test -p tagdesk --features tauri/custom-protocol --lib

step "build the app with the embedded UI"
cargo build -p tagdesk --features tauri/custom-protocol

step "end-to-end tests in the real window (tauri-driver + WebKitWebDriver under Xvfb)"
# One window at a time. A UI test that times out on a loaded machine gets up to two more
# tries (nextest reports such a pass as FLAKY, so flakiness stays visible).
if cargo nextest --version >/dev/null 2>&1; then
  timeout 1500 xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo nextest run -p tagdesk-e2e --test-threads 1 --retries 2 --no-fail-fast
else
  timeout 1500 xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo test -p tagdesk-e2e -- --test-threads=1
fi

step "Debian package: bundled with Tauri's bundler, installed with apt, opened under Xvfb"
# --debug bundles the debug build that the e2e tests just ran (nothing is recompiled: seconds);
# the optimised package (scripts/package.sh without --debug) takes ~20 min more from clean.
deb=$(scripts/package.sh --debug | tail -n 1)
scripts/check-package.sh "$deb"

step "all tests passed"
