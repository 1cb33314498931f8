#!/usr/bin/env bash
# The run command: installs what is missing, starts Strapi, and serves the app's release build —
# the prerendered pages, as deployed — with `trunk serve --release` on http://127.0.0.1:8080 (its
# proxy forwards /api to Strapi; it rebuilds on every edit), from target/serve, never dist/. Ctrl-C stops both. For quicker
# rebuilds while developing, plain `trunk serve` serves the debug build without prerendering.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

[ "${YSA_SETUP_DONE:-}" = 1 ] || "$ROOT/scripts/setup.sh"
# AUTH_MODE=cookie: Strapi keeps the refresh token in its httpOnly cookie, and the app is built to
# use it (the build-time twin of <meta name="strapi-token-storage">).
if [ "${AUTH_MODE:-}" = cookie ]; then export STRAPI_TOKEN_STORAGE=${STRAPI_TOKEN_STORAGE:-cookie}; fi
"$ROOT/scripts/strapi.sh" start
trap '"$ROOT/scripts/strapi.sh" stop' EXIT

cat <<MSG

  App:     http://127.0.0.1:8080  (first build takes about a minute)
  Strapi:  http://127.0.0.1:1337/api  (token mode: ${AUTH_MODE:-legacy}; app storage: ${STRAPI_TOKEN_STORAGE:-local})
  Log in:  ${DEMO_EMAIL:-demo@example.com} / ${DEMO_PASSWORD:-Demo-pass-1234}

MSG
min_size_env
export YSA_SETUP_DONE=1
# Its own folder: dist/ holds only what scripts/build.sh made, the files a deployer uploads. What
# `trunk serve` writes carries its live-reload script, which a deployed page must never have.
trunk serve index.html --release --dist "${YSA_SERVE_DIST:-$ROOT/target/serve}"
