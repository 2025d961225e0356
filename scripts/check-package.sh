#!/usr/bin/env bash
# Installs a TagDesk .deb with apt (dpkg underneath; apt fetches what the package depends on)
# and checks that the installed app opens as a new user sees it: the command of its menu entry,
# started under Xvfb with an empty home, must create the demo database in its data folder and
# show the customer list within 60 s, and still run 2 s later. Then the app is stopped and the
# package removed again (unless it was installed before), which checks that it uninstalls.
#
#   scripts/check-package.sh path/to/TagDesk_<version>_<arch>.deb [screenshot.png]
#
# With a second argument (and ImageMagick's `import`), the screen is saved there once the list
# is shown.
set -euo pipefail
deb=$(realpath "$1")
shot=${2:-}
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
package=$(dpkg-deb -f "$deb" Package)
was_installed=0
dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" && was_installed=1

echo "==> apt-get install $(basename "$deb") (package $package)"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb" >/dev/null
desktop=$(dpkg -L "$package" | grep -m1 '^/usr/share/applications/.*\.desktop$') ||
  { echo "the package installs no menu entry (.desktop)" >&2; exit 1; }
command=$(sed -n 's/^Exec=//p' "$desktop")
app=$(command -v "$command") || { echo "the menu entry's command '$command' is not on PATH" >&2; exit 1; }
echo "menu entry $desktop starts $app"

home=$(mktemp -d /tmp/tagdesk-package-home.XXXXXX)
log=$home/tagdesk.log
pid=""
stop_app() {
  [[ -n $pid ]] || return 0
  # The app, xvfb-run and its Xvfb share the process group that setsid made.
  kill -TERM -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
}
cleanup() {
  stop_app
  rm -rf "$home"
  if ((!was_installed)); then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq "$package" >/dev/null
    [[ ! -e $app ]] || { echo "$app is still there after removing $package" >&2; exit 1; }
    echo "removed $package again"
  fi
}
trap cleanup EXIT

# A new user: an empty home, so the default data folder (~/.local/share/<identifier>) is new.
env -u TAGDESK_DATA_DIR -u XDG_DATA_HOME HOME="$home" \
  setsid xvfb-run -a -s "-screen 0 1280x800x24" "$app" >"$log" 2>&1 &
pid=$!
fail() {
  echo "$1; the app's output:" >&2
  cat "$log" >&2
  exit 1
}
for ((waited = 0; waited < 600; waited++)); do
  grep -q "customer list shown" "$log" && break
  kill -0 "$pid" 2>/dev/null || fail "the installed app exited"
  sleep 0.1
done
grep "customer list shown" "$log" || fail "no customer list within 60 s"
sleep 2
kill -0 "$pid" 2>/dev/null || fail "the installed app exited after showing the list"
data=$(find "$home/.local/share" -name demo.sqlite -print -quit)
[[ -n $data ]] || fail "no demo database under $home/.local/share"
echo "the installed app opened its new demo database ${data#"$home/"}"
if [[ -n $shot ]]; then
  # xvfb-run chose the display and its cookie: read them from the app's environment.
  app_env=$(tr '\0' '\n' </proc/"$(pgrep -s "$pid" -x "$(basename "$app")")"/environ)
  DISPLAY=$(sed -n 's/^DISPLAY=//p' <<<"$app_env") XAUTHORITY=$(sed -n 's/^XAUTHORITY=//p' <<<"$app_env") \
    import -window root "$shot"
  echo "screenshot: $shot"
fi
stop_app
