#!/usr/bin/env bash
# The benchmark command: builds the release dist/, serves a configured copy the way a static host
# does (precompressed files, CSP), starts the real Strapi (rate limit off) and measures cold loads
# of /auth/login in headless Chromium. RUNS=10 by default.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"
"$ROOT/scripts/setup.sh"
export YSA_SETUP_DONE=1
"$ROOT/scripts/strapi.sh" status >/dev/null 2>&1 && die "a Strapi started by scripts/strapi.sh is running; stop it first"
"$ROOT/scripts/build.sh"
node "$ROOT/bench/budget.mjs" "$ROOT/dist" 1000
SITE=$(mktemp -d)
trap '"$ROOT/scripts/strapi.sh" stop >/dev/null 2>&1 || true; rm -rf "$SITE"' EXIT
cp -r "$ROOT/dist/." "$SITE/"
"$ROOT/scripts/configure-dist.sh" "$SITE" http://127.0.0.1:1337
RATELIMIT_ENABLED=false "$ROOT/scripts/strapi.sh" reset
node "$ROOT/bench/bench.mjs" "$SITE" "${RUNS:-10}"
