#!/usr/bin/env bash
# Make sure MariaDB and Redis answer on 127.0.0.1. If they don't, start them: the system
# services if installed, else private instances with data under .data/. If the binaries are
# missing, install them with apt-get when we are root on Debian/Ubuntu, else say what to run.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="$PWD/.data/services"

mariadb_up() { mariadb-admin -h127.0.0.1 -uroot --connect-timeout=2 ping >/dev/null 2>&1 || mysqladmin -h127.0.0.1 -uroot --connect-timeout=2 ping >/dev/null 2>&1; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

need_install() {
  local pkgs="$1"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "ensure-services: installing $pkgs with apt-get (needed for the database and cache)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null
  else
    echo "ensure-services: $pkgs not installed. Run: sudo apt-get install -y $pkgs" >&2
    exit 1
  fi
}

wait_for() {
  local what="$1" check="$2"
  for _ in $(seq 1 60); do
    if $check; then return 0; fi
    sleep 0.5
  done
  echo "ensure-services: $what did not come up" >&2
  exit 1
}

if ! mariadb_up; then
  command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || need_install "mariadb-server mariadb-client"
  if [ "$(id -u)" = 0 ] && [ -d /var/lib/mysql/mysql ]; then
    echo "ensure-services: starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
  else
    echo "ensure-services: starting a private MariaDB under $DATA/mariadb"
    mkdir -p "$DATA/mariadb"
    if [ ! -d "$DATA/mariadb/mysql" ]; then
      mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$DATA/mariadb" \
        --auth-root-authentication-method=normal >/dev/null
    fi
    (/usr/sbin/mariadbd --no-defaults --user="$(id -un)" --datadir="$DATA/mariadb" --bind-address=127.0.0.1 \
      --port=3306 --socket="$DATA/mariadb.sock" >"$DATA/mariadb.log" 2>&1 &)
  fi
  wait_for MariaDB mariadb_up
fi

if ! redis_up; then
  command -v redis-server >/dev/null || need_install redis-server
  echo "ensure-services: starting Redis"
  mkdir -p "$DATA"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir "$DATA" --logfile "$DATA/redis.log"
  wait_for Redis redis_up
fi

if [ "${FOCUS_NEEDS_CHROMIUM:-1}" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "ensure-services: installing chromium for the browser tests"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "ensure-services: browser tests need Chromium. Run: sudo apt-get install -y chromium" >&2
  fi
fi
