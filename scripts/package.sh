#!/usr/bin/env bash
# Builds the installable Debian package of TagDesk with Tauri's bundler (the npm CLI in ui/) and
# prints the .deb's path on its last line.
#
#   scripts/package.sh            # the optimised build: Cargo profile `app`, as scripts/run.sh
#                                 # (~20 min from clean on 2 cores; shares run.sh's build)
#   scripts/package.sh --debug    # bundles the debug build with the embedded UI that
#                                 # `cargo build -p tagdesk --features tauri/custom-protocol` made
#                                 # (what the e2e tests run): nothing is recompiled, so CI
#                                 # (scripts/test.sh) checks the package in seconds. Not for users.
#
# Install: `sudo apt install ./TagDesk_<version>_<arch>.deb` (apt fetches the WebKitGTK libraries
# it depends on); then `tagdesk` starts it and it is in the desktop's application menu.
# Uninstall: `sudo apt remove tagdesk`.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
[[ $mode == "" || $mode == --debug ]] || { echo "usage: scripts/package.sh [--debug]" >&2; exit 2; }
scripts/setup.sh >&2
# The CLI runs from src-tauri/, the app's crate (the workspace root has no package of its own).
case $mode in
  "")
    profile=app
    # Builds the UI (tauri.conf.json's beforeBuildCommand), then the app with the
    # tauri/custom-protocol feature that embeds ui/dist, then the package.
    (cd src-tauri && ../ui/node_modules/.bin/tauri build --ci --bundles deb -- --profile app) >&2
    ;;
  --debug)
    profile=debug
    # Exactly the e2e tests' build (same features, so cargo finds it fresh), then only the
    # bundler: `tauri build --debug` would run the UI build again, and new files in ui/dist
    # make cargo recompile the shell that embeds them.
    cargo build -p tagdesk --features tauri/custom-protocol >&2
    (cd src-tauri && ../ui/node_modules/.bin/tauri bundle --ci --debug --bundles deb) >&2
    ;;
esac

target=$(cargo metadata --format-version 1 --no-deps | node -e \
  'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
version=$(node -p 'require("./tauri.conf.json").version')
deb="$target/$profile/bundle/deb/TagDesk_${version}_$(dpkg --print-architecture).deb"
[[ -f $deb ]] || { echo "the bundler made no $deb" >&2; exit 1; }
echo "$deb"
