#!/usr/bin/env bash
# The run command never changes what a deployer uploads: scripts/run.sh is started as a person
# starts it, until its server answers with the app, then stopped (Ctrl-C). dist/ must be byte for
# byte what scripts/build.sh made, no page in it may carry Trunk's live-reload script, and the
# served build (which does carry it: the check would prove nothing otherwise) lives elsewhere.
#   tests/run-leaves-dist.sh   (after scripts/build.sh; no Strapi of scripts/strapi.sh running)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"

RELOAD='trunk/ws|__trunk_address__'
[ -f dist/index.html ] || die "no dist/: run scripts/build.sh first"
fingerprint() { (cd dist && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); }
before=$(fingerprint)
if grep -rlE "$RELOAD" dist --include='*.html' --include='*.js'; then
  die "the release build's pages carry Trunk's live-reload script"
fi

port=18080
serve=$(mktemp -d)
log=$(mktemp)
# Its own process group, so that stopping it stops trunk too, as Ctrl-C would.
TRUNK_SERVE_PORT=$port YSA_SERVE_DIST="$serve" setsid ./scripts/run.sh >"$log" 2>&1 &
pid=$!
stop() {
  kill -INT -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  "$ROOT/scripts/strapi.sh" stop >/dev/null 2>&1 || true
  rm -rf "$serve" "$log"
}
trap stop EXIT

# Served: the login page answers with the app's own markup (the first build is done).
for waited in $(seq 0 600); do
  page=$(curl -sL -m 2 "http://127.0.0.1:$port/auth/login" || true)
  grep -q 'data-page="/auth/login"' <<<"$page" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "scripts/run.sh stopped before serving the app"; }
  [ "$waited" -lt 600 ] || { tail -n 40 "$log" >&2; die "scripts/run.sh served nothing within 5 minutes"; }
  sleep 0.5
done
grep -qE "$RELOAD" <<<"$page" || die "the served page has no live-reload script: this check would prove nothing"
grep -rqE "$RELOAD" "$serve" || die "scripts/run.sh did not build into its own folder ($serve)"

[ "$(fingerprint)" = "$before" ] || die "scripts/run.sh changed dist/"
if grep -rlE "$RELOAD" dist; then
  die "dist/ now carries Trunk's live-reload script"
fi
log "scripts/run.sh served its own build and left dist/ as scripts/build.sh made it"
