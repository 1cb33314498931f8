#!/usr/bin/env bash
# The production topology on one machine, from Debian's packages (scripts/setup.sh installs them):
# a throwaway PostgreSQL cluster, two Strapi nodes on it (same secrets, session management), and
# nginx serving a copy of dist/ with deploy/nginx-site.conf, proxying /api/ round-robin to the
# nodes. Everything lives under $PROD_DIR (in /tmp: PostgreSQL and nginx's workers run as other
# users, who cannot enter a checkout under /root) and is removed by `down`; nothing system-wide
# changes.
#   scripts/prod.sh up [dist]      a built dist/ (default: ./dist); prints the app's URL
#   scripts/prod.sh down
#   scripts/prod.sh node-stop N | node-start N     one Strapi node (1 or 2)
#   scripts/prod.sh pg-stop | pg-start             the database
#   scripts/prod.sh status
# Settings: AUTH_MODE (refresh), ACCESS_TOKEN_LIFESPAN, RATELIMIT_ENABLED, PROD_PORT (8088),
# PROD_PG_PORT (5433), PROD_NODE_PORTS ("1341 1342").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROD_DIR=${PROD_DIR:-${TMPDIR:-/tmp}/yew-strapi-auth-prod}
PORT_APP=${PROD_PORT:-8088}
PG_PORT=${PROD_PG_PORT:-5433}
read -r -a NODE_PORTS <<<"${PROD_NODE_PORTS:-1341 1342}"
PGDATA="$PROD_DIR/pg"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
APP_URL="http://127.0.0.1:$PORT_APP"

pg() { runuser -u postgres -- "$PG_BIN/$1" "${@:2}"; }

pg_start() {
  pg pg_ctl -D "$PGDATA" -l "$PROD_DIR/pg-log/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  log "PostgreSQL ready on 127.0.0.1:$PG_PORT"
}

pg_stop() {
  [ -f "$PGDATA/postmaster.pid" ] || return 0
  pg pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null || true
  log "PostgreSQL stopped"
}

# The environment every node shares: the same database and secrets (the dev ones from strapi/),
# and the token and rate-limit settings `up` was given (kept in $PROD_DIR/settings, so a node
# restarted later by node-start runs exactly like the others).
SETTINGS="$PROD_DIR/settings"
node_env() { # N
  local n=$1
  [ -f "$SETTINGS" ] && cat "$SETTINGS"
  echo "NODE_NAME=node$n PORT=${NODE_PORTS[$((n - 1))]} IS_PROXIED=true" \
    "DATABASE_CLIENT=postgres DATABASE_HOST=127.0.0.1 DATABASE_PORT=$PG_PORT" \
    "DATABASE_NAME=strapi DATABASE_USERNAME=strapi DATABASE_PASSWORD=strapi DATABASE_POOL_MIN=0" \
    "APP_URL=$APP_URL PUBLIC_URL=$APP_URL"
}

node_ctl() { # start|halt N
  # shellcheck disable=SC2046 # node_env is a list of assignments
  env $(node_env "$2") "$ROOT/scripts/strapi.sh" "$1"
}

nginx_conf() { # dist
  local site="$PROD_DIR/site" servers="" conf
  for p in "${NODE_PORTS[@]}"; do servers+="server 127.0.0.1:$p max_fails=1 fail_timeout=10s;"$'\n    '; done
  # Plain text substitution (no sed: the CSP and the server list are not regex-safe).
  shopt -u patsub_replacement 2>/dev/null || true
  conf=$(<"$ROOT/deploy/nginx-site.conf")
  conf=${conf//@LISTEN@/127.0.0.1:$PORT_APP}
  conf=${conf//@DIST@/$site}
  conf=${conf//@CSP@/$(tr -d '\n' <"$site/csp.txt")}
  conf=${conf//@UPSTREAM_SERVERS@/${servers%$'\n    '}}
  printf '%s\n' "$conf" >"$PROD_DIR/site.conf"
  # The main configuration: everything in $PROD_DIR, the brotli module Debian ships.
  cat >"$PROD_DIR/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
worker_processes 1;
worker_rlimit_nofile 10240;
pid $PROD_DIR/nginx.pid;
error_log $PROD_DIR/nginx-error.log warn;
# Every open tab may hold a keep-alive connection: the load test (bench/load.sh) opens thousands.
events { worker_connections 4096; }
http {
    access_log $PROD_DIR/nginx-access.log;
    client_body_temp_path $PROD_DIR/tmp/body;
    proxy_temp_path $PROD_DIR/tmp/proxy;
    fastcgi_temp_path $PROD_DIR/tmp/fastcgi;
    uwsgi_temp_path $PROD_DIR/tmp/uwsgi;
    scgi_temp_path $PROD_DIR/tmp/scgi;
    sendfile on;
    include $PROD_DIR/site.conf;
}
CONF
  nginx -t -q -p "$PROD_DIR" -c "$PROD_DIR/nginx.conf"
}

up() {
  local dist=${1:-$ROOT/dist}
  [ -f "$dist/index.html" ] || die "no built dist/ at $dist (run scripts/build.sh)"
  [ -n "$PG_BIN" ] || die "PostgreSQL is missing: run scripts/setup.sh"
  command -v nginx >/dev/null || die "nginx is missing: run scripts/setup.sh"
  down >/dev/null 2>&1 || true
  # Whatever fails on the way up leaves nothing running.
  trap 'down >/dev/null 2>&1' EXIT
  mkdir -p "$PROD_DIR/tmp" "$PGDATA" "$PROD_DIR/pg-log"
  chown postgres "$PGDATA" "$PROD_DIR/pg-log"
  # The postgres user must reach its data directory, nginx's workers the site.
  chmod 755 "$PROD_DIR"
  pg initdb -D "$PGDATA" -U strapi -A trust --no-sync >/dev/null
  pg_start
  pg createdb -h 127.0.0.1 -p "$PG_PORT" -U strapi strapi
  echo "AUTH_MODE=${AUTH_MODE:-refresh} RATELIMIT_ENABLED=${RATELIMIT_ENABLED:-true}" \
    "ACCESS_TOKEN_LIFESPAN=${ACCESS_TOKEN_LIFESPAN:-600} EMAIL_CONFIRMATION=false" \
    ${SESSIONS_HTTPONLY:+SESSIONS_HTTPONLY=$SESSIONS_HTTPONLY} >"$SETTINGS"
  # One node first: it creates the schema; the next finds it there.
  for n in $(seq "${#NODE_PORTS[@]}"); do node_ctl start "$n"; done
  # The site: a copy of dist/ as a deployer serves it, same origin (the <meta> stay empty).
  mkdir -p "$PROD_DIR/site"
  cp -r "$dist/." "$PROD_DIR/site/"
  nginx_conf
  nginx -p "$PROD_DIR" -c "$PROD_DIR/nginx.conf"
  # A site set to keep the session in Strapi's cookie needs nodes with session management.
  if grep -q '<meta name="strapi-token-storage" content="cookie" />' "$PROD_DIR/site/index.html"; then
    check_sessions "$APP_URL/api" || die "refusing to serve a cookie-mode site from Strapi nodes without session management (AUTH_MODE=${AUTH_MODE:-refresh})"
  fi
  trap - EXIT
  log "nginx serves the app on $APP_URL (Strapi nodes on ${NODE_PORTS[*]}, PostgreSQL on $PG_PORT)"
  echo "$APP_URL"
}

down() {
  [ -f "$PROD_DIR/nginx.pid" ] && nginx -p "$PROD_DIR" -c "$PROD_DIR/nginx.conf" -s stop 2>/dev/null || true
  for n in $(seq "${#NODE_PORTS[@]}"); do node_ctl halt "$n" >/dev/null 2>&1 || true; done
  # The mail catcher the nodes shared, unless a dev Strapi still uses it.
  "$ROOT/scripts/strapi.sh" status >/dev/null 2>&1 || "$ROOT/scripts/strapi.sh" stop >/dev/null 2>&1 || true
  [ -d "$PGDATA" ] && pg_stop
  rm -rf "$PROD_DIR"
  log "production topology down"
}

status() {
  for n in $(seq "${#NODE_PORTS[@]}"); do
    printf 'node%s: ' "$n"
    curl -s -o /dev/null -m 2 -w '%{http_code}\n' "http://127.0.0.1:${NODE_PORTS[$((n - 1))]}/_health" || echo down
  done
  printf 'nginx: '; curl -s -o /dev/null -m 2 -w '%{http_code}\n' "$APP_URL/" || echo down
  printf 'postgres: '; pg "pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q && echo up || echo down
}

case "${1:-}" in
  up) up "${2:-}" ;;
  down) down ;;
  node-stop) node_ctl halt "${2:?node number}" ;;
  node-start) node_ctl start "${2:?node number}" ;;
  pg-stop) pg_stop ;;
  pg-start) pg_start ;;
  status) status ;;
  *) echo "usage: $0 up [dist]|down|node-stop N|node-start N|pg-stop|pg-start|status" >&2; exit 2 ;;
esac
