#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: a new cluster in a temporary folder, listening on a unix
# socket in that folder and on 127.0.0.1 at a free port, tuned for speed over durability (fsync off); with
# PG_THROWAWAY_DURABLE=1, with PostgreSQL's durable defaults instead (the bench compares it with SQLite's FULL sync).
#
#   scripts/postgres-throwaway.sh [DIR]     starts it (in DIR, or a new temporary folder) and prints its URL
#   scripts/postgres-throwaway.sh stop DIR  stops it and deletes DIR
#
# initdb refuses to run as root: as root, the server runs as the `postgres` user (Debian's package creates
# it), or as a `tandem-pg` user created for it.
set -euo pipefail

find_bin() {
  if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$found" ]; then echo "$found"; return; fi
  echo "PostgreSQL's $1 is not installed: install PostgreSQL (Debian: apt-get install postgresql)," \
    "or set TEST_DATABASE_URL=postgres://user@host:port/db to use a server you have." >&2
  exit 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$OWNER" -- "$@"; else "$@"; fi
}

pick_owner() {
  OWNER=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    if id postgres >/dev/null 2>&1; then OWNER=postgres
    else
      id tandem-pg >/dev/null 2>&1 || useradd --system --no-create-home tandem-pg
      OWNER=tandem-pg
    fi
  fi
}

PG_CTL=$(find_bin pg_ctl)
pick_owner

if [ "${1:-}" = stop ]; then
  dir=${2:?"usage: $0 stop DIR"}
  as_owner "$PG_CTL" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

INITDB=$(find_bin initdb)
dir=${1:-$(mktemp -d -t tandem-pg.XXXXXX)}
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown "$OWNER" "$dir"
as_owner "$INITDB" -D "$dir/data" -U tandem --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300"
if [ "${PG_THROWAWAY_DURABLE:-}" != 1 ]; then
  opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
as_owner "$PG_CTL" -D "$dir/data" -o "$opts" -l "$dir/server.log" -w -t 60 start >/dev/null || {
  cat "$dir/server.log" >&2
  exit 1
}
echo "postgres://tandem@127.0.0.1:$port/postgres"
