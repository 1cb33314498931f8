#!/usr/bin/env bash
# Controls the dev Strapi: start (in the background, until /_health answers), stop (by its PID),
# reset (a clean database; the demo user comes back at boot), restart, status.
# Settings come from the environment: AUTH_MODE=legacy|refresh, ACCESS_TOKEN_LIFESPAN (s),
# RATELIMIT_ENABLED=true|false, DEMO_EMAIL/DEMO_PASSWORD, PORT, ... (see README).
# STRAPI_VERSION=4 controls the Strapi 4.26 back end in strapi4/ instead (legacy JWT only), with its
# own PID, log and database under strapi4/.tmp; the mail catcher and the stand-in provider run
# from strapi/ for both.
# LANE=<name> runs a second set beside the first (the test command's second lane): its own PID
# files, logs and database under .tmp/lane-<name>, its mail catcher and provider too. The caller
# gives the lane its own ports (PORT, SMTP_PORT, MAIL_HTTP_PORT, OAUTH_PORT).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Where mailcatcher.js and test-oauth-provider.js live (with the node_modules they need).
SUPPORT_DIR="$ROOT/strapi"
case "${STRAPI_VERSION:-5}" in
  5) DIR="$ROOT/strapi" LABEL=Strapi ;;
  4)
    DIR="$ROOT/strapi4" LABEL="Strapi 4"
    case "${AUTH_MODE:-legacy}" in
      legacy | legacy-support) ;;
      *) die "Strapi 4 has only the legacy JWT mode: AUTH_MODE=${AUTH_MODE} needs STRAPI_VERSION=5" ;;
    esac
    # 4.26 ignores logger.updates.enabled; only this variable stops its registry query at start.
    export STRAPI_DISABLE_UPDATE_NOTIFICATION=true
    ;;
  *) die "STRAPI_VERSION must be 4 or 5, not \"$STRAPI_VERSION\"" ;;
esac
PORT=${PORT:-1337}
export PORT HOST=${HOST:-127.0.0.1}
# NODE_NAME runs one of several nodes side by side (scripts/prod.sh): its own PID file and log.
INSTANCE=strapi${NODE_NAME:+-$NODE_NAME}
TMP=.tmp${LANE:+/lane-$LANE}
# Relative to the Strapi project (config/database.js joins it to the project's path).
export DATABASE_FILENAME=${DATABASE_FILENAME:-$TMP/data.db}
PIDFILE="$DIR/$TMP/$INSTANCE.pid"
LOGFILE="$DIR/$TMP/$INSTANCE.log"
HEALTH="http://127.0.0.1:$PORT/_health"
SUPPORT_TMP="$SUPPORT_DIR/$TMP"
MAIL_PIDFILE="$SUPPORT_TMP/mailcatcher.pid"
export SMTP_PORT=${SMTP_PORT:-1025} MAIL_HTTP_PORT=${MAIL_HTTP_PORT:-1080}

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
healthy() { [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$HEALTH" || true)" = 204 ]; }
mail_running() { [ -f "$MAIL_PIDFILE" ] && kill -0 "$(cat "$MAIL_PIDFILE")" 2>/dev/null; }

# The mail catcher Strapi delivers to; it outlives Strapi restarts so a test can read mails
# across them, and stops with `stop`.
start_mail() {
  mail_running && return
  (
    cd "$SUPPORT_DIR"
    nohup node mailcatcher.js >"$SUPPORT_TMP/mailcatcher.log" 2>&1 &
    echo $! >"$MAIL_PIDFILE"
  )
  for _ in $(seq 50); do
    curl -s -o /dev/null -m 1 "http://127.0.0.1:$MAIL_HTTP_PORT/messages" && return
    sleep 0.1
  done
  die "the mail catcher did not start (log: $SUPPORT_TMP/mailcatcher.log)"
}

# The stand-in OAuth provider, only with OAUTH_TEST_PROVIDER=true.
OAUTH_PIDFILE="$SUPPORT_TMP/test-oauth-provider.pid"
start_oauth() {
  [ "${OAUTH_TEST_PROVIDER:-false}" = true ] || return 0
  [ -f "$OAUTH_PIDFILE" ] && kill -0 "$(cat "$OAUTH_PIDFILE")" 2>/dev/null && return 0
  (
    cd "$SUPPORT_DIR"
    nohup node test-oauth-provider.js >"$SUPPORT_TMP/test-oauth-provider.log" 2>&1 &
    echo $! >"$OAUTH_PIDFILE"
  )
}

stop_oauth() {
  [ -f "$OAUTH_PIDFILE" ] && kill "$(cat "$OAUTH_PIDFILE")" 2>/dev/null || true
  rm -f "$OAUTH_PIDFILE"
}

stop_mail() {
  mail_running && kill "$(cat "$MAIL_PIDFILE")" 2>/dev/null || true
  rm -f "$MAIL_PIDFILE"
}

start() {
  if running; then
    log "$LABEL already running (pid $(cat "$PIDFILE")); use restart to change its settings"
    return
  fi
  healthy && die "something else answers on port $PORT; stop it first"
  [ -x "$DIR/node_modules/.bin/strapi" ] || die "${DIR#"$ROOT"/}/node_modules is missing: run scripts/setup.sh"
  [ "$DIR" = "$SUPPORT_DIR" ] || [ -d "$SUPPORT_DIR/node_modules/smtp-server" ] ||
    die "strapi/node_modules (the mail catcher's) is missing: run scripts/setup.sh"
  mkdir -p "$DIR/$TMP" "$SUPPORT_TMP" "$DIR/public/uploads"
  start_mail
  start_oauth
  log "starting $LABEL (AUTH_MODE=${AUTH_MODE:-legacy}, rate limit ${RATELIMIT_ENABLED:-true}) on port $PORT"
  # Only the strapi command is put in the background, so $! is Strapi's own PID.
  (
    cd "$DIR"
    NODE_ENV=${NODE_ENV:-development} nohup node_modules/.bin/strapi start >"$LOGFILE" 2>&1 &
    echo $! >"$PIDFILE"
  )
  local waited=0
  until healthy; do
    if ! running; then
      tail -n 40 "$LOGFILE" >&2
      die "$LABEL exited during start (log: $LOGFILE)"
    fi
    waited=$((waited + 1))
    [ $waited -lt 240 ] || { stop; die "$LABEL did not answer /_health within 120 s (log: $LOGFILE)"; }
    sleep 0.5
  done
  log "$LABEL ready at http://127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"
}

stop() {
  running || { rm -f "$PIDFILE"; return 0; }
  local pid
  pid=$(cat "$PIDFILE")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
  log "$LABEL stopped"
}

reset() {
  stop
  rm -f "$DIR/$DATABASE_FILENAME" "$DIR/$DATABASE_FILENAME"-*
  log "database removed; schema and demo user come back at the next start"
}

case "${1:-}" in
  start) start ;;
  stop) stop; stop_mail; stop_oauth ;;
  halt) stop ;; # this Strapi only; the mail catcher and the stand-in provider stay for the others
  restart) stop; start ;;
  reset) reset; start ;;
  status) if running && healthy; then echo "running (pid $(cat "$PIDFILE"))"; else echo stopped; exit 1; fi ;;
  *) echo "usage: $0 start|stop|halt|restart|reset|status" >&2; exit 2 ;;
esac
