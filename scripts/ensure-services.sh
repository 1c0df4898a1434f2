#!/usr/bin/env bash
# Makes sure the services AstraDesk's integration tests and local server need answer on loopback:
#   PostgreSQL 15 (127.0.0.1:5432, with the pgvector extension), Redis (127.0.0.1:6379), NATS with
#   JetStream (127.0.0.1:4222); and that the Prometheus binary is installed (Debian package `prometheus`: the
#   metrics tests start their own server on a free loopback port; the package starts no service here); and that
#   Debian's chromium and chromium-driver are installed (/usr/bin/chromium, /usr/bin/chromedriver) for the
#   console's headless browser tests; and that jq is installed (the runbook's log query is run by a test).
# Idempotent and loud: installs or starts only what is missing, says what it did, and fails (non-zero)
# when a service still does not answer. Never skips a service.
# Needs root for installs (apt-get) and for building pgvector from Debian's source package.
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-postgres}"
REDIS_PORT="${REDIS_PORT:-6379}"
NATS_PORT="${NATS_PORT:-4222}"
PG_CONFIG_BIN="/usr/lib/postgresql/${PG_VERSION}/bin/pg_config"

say() { printf '[ensure-services] %s\n' "$*"; }
die() { printf '[ensure-services] FAILED: %s\n' "$*" >&2; exit 1; }

apt_updated=0
apt_install() {
  if [[ $apt_updated -eq 0 ]]; then
    say "apt-get update"
    apt-get update -qq
    apt_updated=1
  fi
  say "installing: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # wait_for <what> <seconds> <command...>
  local what="$1" secs="$2"; shift 2
  for _ in $(seq 1 "$((secs * 4))"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  die "$what does not answer after ${secs}s"
}

pg_answers() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc 'select 1' 2>/dev/null | grep -q 1; }

# CREATE EXTENSION inside a rolled-back transaction: proves the extension is installable, leaves nothing.
vector_works() {
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -q \
    -c 'BEGIN; CREATE EXTENSION IF NOT EXISTS vector; ROLLBACK;' >/dev/null 2>&1
}

build_pgvector() {
  say "pgvector missing: building it from Debian trixie's source package (takes a minute or two)"
  apt_install "postgresql-server-dev-${PG_VERSION}" build-essential
  local d o
  d="$(mktemp -d)"
  mkdir -p "$d/lists/partial"
  echo 'deb-src http://deb.debian.org/debian trixie main' >"$d/sources.list"
  o="-o Dir::Etc::SourceList=$d/sources.list -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$d/lists"
  # shellcheck disable=SC2086
  apt-get $o update -qq
  # shellcheck disable=SC2086
  (cd "$d" && apt-get $o source --download-only pgvector >/dev/null && tar xzf pgvector_*.orig.tar.gz)
  make -s -C "$d"/pgvector-*/ PG_CONFIG="$PG_CONFIG_BIN" OPTFLAGS="" -j2 >/dev/null
  make -s -C "$d"/pgvector-*/ PG_CONFIG="$PG_CONFIG_BIN" install >/dev/null
  rm -rf "$d"
  say "pgvector built and installed"
}

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null || [[ ! -x "$PG_CONFIG_BIN" && ! -d "/usr/lib/postgresql/${PG_VERSION}/bin" ]]; then
    apt_install "postgresql-${PG_VERSION}" postgresql-client
  fi
  if pg_answers; then
    say "PostgreSQL: answering on ${PG_HOST}:${PG_PORT}"
  else
    say "PostgreSQL: not answering, starting cluster ${PG_VERSION}/main"
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start || true
    wait_for "PostgreSQL on ${PG_HOST}:${PG_PORT}" 30 pg_answers
    say "PostgreSQL: started"
  fi
  if vector_works; then
    say "pgvector: CREATE EXTENSION vector works ($(pgvector_version))"
  else
    build_pgvector
    vector_works || die "CREATE EXTENSION vector still fails after building pgvector"
    say "pgvector: CREATE EXTENSION vector works ($(pgvector_version))"
  fi
}

pgvector_version() {
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
    "select default_version from pg_available_extensions where name = 'vector'" 2>/dev/null || echo '?'
}

ensure_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
    say "Redis: answering on 127.0.0.1:${REDIS_PORT}"
    return
  fi
  say "Redis: not answering, starting redis-server"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
  wait_for "Redis on 127.0.0.1:${REDIS_PORT}" 15 sh -c "redis-cli -h 127.0.0.1 -p $REDIS_PORT ping | grep -q PONG"
  say "Redis: started"
}

ensure_nats() {
  command -v nats-server >/dev/null || apt_install nats-server
  if port_open "$NATS_PORT"; then
    say "NATS: answering on 127.0.0.1:${NATS_PORT}"
    return
  fi
  say "NATS: not answering, starting nats-server with JetStream"
  mkdir -p /var/lib/nats-server
  start-stop-daemon --start --oknodo --background --exec "$(command -v nats-server)" -- \
    -a 127.0.0.1 -p "$NATS_PORT" -js -sd /var/lib/nats-server
  wait_for "NATS on 127.0.0.1:${NATS_PORT}" 15 port_open "$NATS_PORT"
  say "NATS: started"
}

ensure_prometheus() {
  if ! command -v prometheus >/dev/null; then
    say "Prometheus: binary missing, installing Debian package prometheus (no service is started)"
    apt_install --no-install-recommends prometheus
  fi
  command -v prometheus >/dev/null || die "prometheus is still not on the PATH after installing the package"
  prometheus --version >/dev/null 2>&1 || die "prometheus --version fails"
  say "Prometheus: $(prometheus --version 2>&1 | head -1) (tests start it on a loopback port)"
}

ensure_jq() {
  if ! command -v jq >/dev/null; then
    say "jq: missing, installing Debian package jq (RunbookCommandsIT runs the runbook's log query)"
    apt_install jq
  fi
  command -v jq >/dev/null || die "jq is still not on the PATH after installing the package"
}

ensure_chromium() {
  if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
    say "Chromium: browser or driver missing, installing Debian packages chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
  [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is still missing after installing the package chromium"
  [[ -x /usr/bin/chromedriver ]] || die "/usr/bin/chromedriver is still missing after installing chromium-driver"
  /usr/bin/chromedriver --version >/dev/null 2>&1 || die "chromedriver --version fails"
  say "Chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1), $(/usr/bin/chromedriver --version | head -1 | cut -d' ' -f1-2) (the console's browser tests run it headless)"
}

ensure_postgres
ensure_redis
ensure_nats
ensure_prometheus
ensure_jq
ensure_chromium
say "all services answer"
