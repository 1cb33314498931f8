#!/usr/bin/env bash
# The run command: installs what is missing, starts Strapi, and serves the app with `trunk serve`
# on http://127.0.0.1:8080 (its proxy forwards /api to Strapi). Ctrl-C stops both.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh"
"$ROOT/scripts/strapi.sh" start
trap '"$ROOT/scripts/strapi.sh" stop' EXIT

cat <<MSG

  App:     http://127.0.0.1:8080  (first build takes about a minute)
  Strapi:  http://127.0.0.1:1337/api  (token mode: ${AUTH_MODE:-legacy})
  Log in:  ${DEMO_EMAIL:-demo@example.com} / ${DEMO_PASSWORD:-Demo-pass-1234}

MSG
trunk serve index.html
