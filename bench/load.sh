#!/usr/bin/env bash
# The load test (a benchmark, not part of the test command): Goose (bench/load) against the
# production topology of scripts/prod.sh (nginx, Strapi nodes, PostgreSQL) on this machine,
# loopback only, every simulated person on an address of its own (127.0.x.y).
#   bench/load.sh capacity   per endpoint, one node then two: the highest request rate with p99
#                            under 500 ms and no error, closed-loop users doubling per step
#   bench/load.sh outage     LOAD_TABS open tabs (the app's request mix), Strapi (every node)
#                            stopped for 60 s and started again; with the app's backoff, then with
#                            the old fixed 15 s retry
#   bench/load.sh            both
# Results: bench/results/load-<date>.json and a table on the terminal (the README's "Deploying at
# scale" quotes them). Settings: LOAD_STEPS ("1 2 4 8 16 32 64"), LOAD_STEP_SECS (12),
# LOAD_TABS (600), LOAD_TOKEN_LIFE (60), LOAD_DOWN_SECS (60).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"
"$ROOT/scripts/setup.sh"
export YSA_SETUP_DONE=1

WHAT=${1:-all}
STEPS=${LOAD_STEPS:-1 2 4 8 16 32 64}
STEP_SECS=${LOAD_STEP_SECS:-12}
TABS=${LOAD_TABS:-600}
TOKEN_LIFE=${LOAD_TOKEN_LIFE:-60}
DOWN_SECS=${LOAD_DOWN_SECS:-60}
export PROD_DIR=${TMPDIR:-/tmp}/yew-strapi-auth-load
APP=http://127.0.0.1:${PROD_PORT:-8088}
RESULTS="$ROOT/bench/results"
OUT="$RESULTS/load-$(date -u +%Y-%m-%d).json"
WORK=$(mktemp -d)
mkdir -p "$RESULTS"
trap '"$ROOT/scripts/prod.sh" down >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

log "building the load generator (Goose, bench/load)"
LOAD_TARGET="$CACHE_DIR/load-target"
CARGO_TARGET_DIR="$LOAD_TARGET" cargo build --release --quiet --manifest-path "$ROOT/bench/load/Cargo.toml"
GOOSE="$LOAD_TARGET/release/strapi-load"
[ -f "$ROOT/dist/index.html" ] || "$ROOT/scripts/build.sh"

goose() { # scenario users log [goose options...]
  local scenario=$1 users=$2 logfile=$3
  "$GOOSE" --host "$APP" --scenarios "$scenario" --users "$users" \
    --request-log "$logfile" --request-format json --quiet --no-print-metrics "${@:4}" >/dev/null
}

topology_up() { # nodes mode ratelimit
  local ports="1341" ; [ "$1" = 2 ] && ports="1341 1342"
  PROD_NODE_PORTS=$ports AUTH_MODE=$2 RATELIMIT_ENABLED=$3 ACCESS_TOKEN_LIFESPAN=$TOKEN_LIFE \
    "$ROOT/scripts/prod.sh" up >/dev/null
}

seed() { # accounts
  log "registering $1 accounts"
  goose register "$1" "$WORK/seed.log" --iterations 1 --increase-rate 20
}

echo '{}' >"$WORK/results.json"
record() { # jq-less: node merges one value at a path
  node -e '
    const fs = require("fs"); const [file, path, value] = process.argv.slice(1);
    const all = JSON.parse(fs.readFileSync(file, "utf8")); let at = all; const keys = path.split(".");
    for (const k of keys.slice(0, -1)) at = at[k] ??= {};
    at[keys.at(-1)] = JSON.parse(value); fs.writeFileSync(file, JSON.stringify(all, null, 1));
  ' "$WORK/results.json" "$1" "$2"
}

# Closed-loop users doubling until p99 passes 500 ms or a request fails; the best step is the
# endpoint's capacity.
capacity_of() { # nodes mode scenario request-name
  local nodes=$1 mode=$2 scenario=$3 name=$4 best='null' users result p99 errors
  for users in $STEPS; do
    LOAD_MODE=$mode goose "$scenario" "$users" "$WORK/step.log" --increase-rate 1000 --run-time "${STEP_SECS}s"
    result=$(node "$ROOT/bench/load-report.mjs" step "$WORK/step.log" "$name")
    record "capacity.$mode.nodes$nodes.$name.users$users" "$result"
    p99=$(node -p "JSON.parse(process.argv[1]).p99" "$result")
    errors=$(node -p "JSON.parse(process.argv[1]).errors" "$result")
    printf '  %-8s %-6s %s node(s) %3s users: %s\n' "$name" "$mode" "$nodes" "$users" "$result" >&2
    if [ "$errors" != 0 ] || [ "$(node -p "$p99 >= 500")" = true ]; then break; fi
    # The highest rate among the steps within the limit (past saturation more users only queue).
    best=$(node -p "const b = JSON.parse(process.argv[2]), r = {users: $users, ...JSON.parse(process.argv[1])}; JSON.stringify(b && b.rps >= r.rps ? b : r)" "$result" "$best")
  done
  record "capacity.$mode.nodes$nodes.$name.best" "$best"
}

capacity() {
  local top
  top=$(echo "$STEPS" | tr ' ' '\n' | sort -n | tail -n 1)
  for nodes in 1 2; do
    for mode in refresh cookie; do
      log "capacity: $nodes node(s), $mode mode"
      topology_up "$nodes" "$mode" false
      LOAD_MODE=$mode seed "$top"
      capacity_of "$nodes" "$mode" refresh refresh
      capacity_of "$nodes" "$mode" logout logout
      if [ "$mode" = refresh ]; then
        capacity_of "$nodes" "$mode" me users/me
        capacity_of "$nodes" "$mode" login login
      fi
      "$ROOT/scripts/prod.sh" down >/dev/null
    done
  done
}

# The tabs log in over the first 90 s, run steadily, then every node stops for DOWN_SECS and starts
# again; Goose runs on for 120 s after.
outage_with() { # retry
  local retry=$1 start down up
  log "outage: $TABS tabs, every node down for ${DOWN_SECS}s, retry: $retry"
  topology_up 2 refresh true
  seed "$TABS"
  start=$(date +%s%3N)
  LOAD_RETRY=$retry LOAD_TOKEN_LIFE=$TOKEN_LIFE goose tab "$TABS" "$WORK/outage.log" \
    --increase-time 90s --run-time $((30 + DOWN_SECS + 120))s &
  local pid=$!
  sleep $((90 + 30))
  down=$(date +%s%3N)
  "$ROOT/scripts/prod.sh" node-stop 1 >/dev/null; "$ROOT/scripts/prod.sh" node-stop 2 >/dev/null
  sleep "$DOWN_SECS"
  "$ROOT/scripts/prod.sh" node-start 1 >/dev/null
  up=$(date +%s%3N)
  "$ROOT/scripts/prod.sh" node-start 2 >/dev/null
  wait "$pid"
  record "outage.$retry" "$(node "$ROOT/bench/load-report.mjs" outage "$WORK/outage.log" "$start" "$down" "$up")"
  record "outage.$retry.times" "{\"start\": $start, \"down\": $down, \"up\": $up}"
  cp "$WORK/outage.log" "$RESULTS/load-outage-$retry.jsonl"
  "$ROOT/scripts/prod.sh" down >/dev/null
}

case "$WHAT" in
  capacity) capacity ;;
  outage) outage_with backoff; outage_with fixed ;;
  all) capacity; outage_with backoff; outage_with fixed ;;
  *) die "usage: $0 [capacity|outage|all]" ;;
esac
record machine "$(node -p 'JSON.stringify({date: new Date().toISOString(), cores: require("os").cpus().length, cpu: require("os").cpus()[0].model})')"
cp "$WORK/results.json" "$OUT"
log "results: $OUT"
