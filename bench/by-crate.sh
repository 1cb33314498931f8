#!/usr/bin/env bash
# Where the release wasm's bytes go, by crate: the same build as scripts/build.sh (min-size
# settings, wasm-bindgen, then wasm-opt -Oz --converge) but keeping function names, read by twiggy
# (crates.io, installed on first use).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"
command -v twiggy >/dev/null || cargo install --quiet --locked twiggy --version 0.8.0
min_size_env
cargo build --quiet --release --target wasm32-unknown-unknown --bin yew-strapi-auth
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
[ -z "${KEEP_CSV:-}" ] || trap 'cp "$out/top.csv" "$KEEP_CSV"; rm -rf "$out"' EXIT
wasm-bindgen --target web --keep-debug --out-dir "$out" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/yew-strapi-auth.wasm"
wasm-opt -Oz --converge -g "$out/yew-strapi-auth_bg.wasm" -o "$out/named.wasm"
twiggy top -n 100000 --format csv "$out/named.wasm" >"$out/top.csv"
node "$ROOT/bench/by-crate.mjs" "$out/top.csv"
