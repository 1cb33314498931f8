#!/usr/bin/env bash
# What any app of this kind starts from: builds bench/floor (Yew + yew-router and one labelled
# form, nothing else) through the same Trunk pipeline and release profile as the app, and prints
# its cold-load bytes in the same table as the budget check.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
"$ROOT/scripts/setup.sh"
YSA_SETUP_DONE=1 "$ROOT/scripts/build.sh" "$ROOT/bench/floor"
node "$ROOT/bench/budget.mjs" "$ROOT/bench/floor/dist" 1000
