#!/usr/bin/env bash
# Starts a team hub on this machine to try it: the system's PostgreSQL 15 (Debian's
# postgresql-15) in a folder of its own, on 127.0.0.1, with a login for the team's owner and a
# database it owns. Then, in TagDesk: 团队 → 团队中心 → 创建, with the address printed below.
#   scripts/hub-local.sh [folder] [port]      start (default folder ~/.local/share/tagdesk-hub)
#   scripts/hub-local.sh stop [folder]        stop it
# PostgreSQL refuses to run as root: as root it runs as the postgres user.
set -euo pipefail

bin=${TAGDESK_PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x $bin/initdb ]]; then
  echo "PostgreSQL 15 is not installed: sudo apt-get install postgresql-15" >&2
  exit 1
fi

as_pg=()
[[ $(id -u) -eq 0 ]] && as_pg=(runuser -u postgres --)

if [[ ${1:-} == stop ]]; then
  dir=${2:-$HOME/.local/share/tagdesk-hub}
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop
  exit 0
fi

dir=${1:-$HOME/.local/share/tagdesk-hub}
port=${2:-5433}
mkdir -p "$dir"
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"

if [[ ! -d $dir/data ]]; then
  password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  pwfile=$(mktemp)
  printf '%s' "$password" >"$pwfile"
  [[ $(id -u) -eq 0 ]] && chown postgres "$pwfile"
  "${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 --pwfile="$pwfile" -E UTF8 --no-locale >/dev/null
  rm -f "$pwfile"
  owner_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  printf 'owner login: tagdesk_owner\nowner password: %s\n' "$owner_password" >"$dir/owner.txt"
  chmod 600 "$dir/owner.txt"
  fresh=1
fi

"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir" start >/dev/null

if [[ ${fresh:-0} -eq 1 ]]; then
  "${as_pg[@]}" "$bin/psql" -h "$dir" -p "$port" -U postgres -q -v ON_ERROR_STOP=1 \
    -v pw="$owner_password" <<'SQL'
CREATE ROLE tagdesk_owner LOGIN CREATEROLE PASSWORD :'pw';
CREATE DATABASE tagdesk OWNER tagdesk_owner;
SQL
fi

echo "Team hub running on 127.0.0.1:$port, database tagdesk"
cat "$dir/owner.txt"
echo "Stop it with: scripts/hub-local.sh stop $dir"
