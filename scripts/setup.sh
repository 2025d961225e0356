#!/usr/bin/env bash
# Installs what TagDesk needs on a fresh Debian/Ubuntu machine, skipping what is already there:
# system libraries for Tauri/WebKitGTK, the UI's npm packages and (with --e2e) tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."

want_e2e=0
[[ "${1:-}" == "--e2e" ]] && want_e2e=1

APT_PACKAGES=(build-essential pkg-config file curl libssl-dev libwebkit2gtk-4.1-dev libxdo-dev
  libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver fonts-wqy-microhei)
# The tests reopen exported workbooks in LibreOffice to check that no cell became a formula.
((want_e2e)) && APT_PACKAGES+=(libreoffice-calc-nogui)
# The team hub's tests start their own PostgreSQL 15 server (docs/HUB.md).
((want_e2e)) && APT_PACKAGES+=(postgresql-15)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v node >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  echo "==> apt: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "TagDesk needs a Rust toolchain (cargo); install it with rustup: https://rustup.rs" >&2
  exit 1
fi

# npm ci is not usable here: the registry mirror lacks other platforms' optional packages that
# a lockfile lists, so install from package.json (and the lockfile where it applies).
stamp=ui/node_modules/.tagdesk-installed
if [[ ! -f $stamp || ui/package.json -nt $stamp || ui/package-lock.json -nt $stamp ]]; then
  echo "==> npm install (ui/)"
  (cd ui && npm install --no-audit --no-fund --loglevel=error)
  touch "$stamp"
fi

if ((want_e2e)) && ! command -v tauri-driver >/dev/null && [[ ! -x $HOME/.cargo/bin/tauri-driver ]]; then
  echo "==> cargo install tauri-driver"
  cargo install tauri-driver --locked --quiet
fi
