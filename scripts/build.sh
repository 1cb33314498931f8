#!/usr/bin/env bash
# The release build: `trunk build --release` with the min-size settings Yew's CI uses for its own
# examples (std rebuilt for size, panics that abort at once, no Debug text). Writes dist/.
#   scripts/build.sh [crate dir, default: this project] [extra trunk args...]
#
# The settings travel in the environment of this build only. In .cargo/config.toml they would
# break every wasm32 cargo command run on plain stable (clippy, `trunk serve`, `wasm-pack test`),
# which keep normal panics with their messages. A plain `trunk build index.html --release` still
# works too, just without them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
dir=${1:-$ROOT}
shift $(($# > 0 ? 1 : 0))
[ "${YSA_SETUP_DONE:-}" = 1 ] || "$ROOT/scripts/setup.sh"

# The split build is the release build (YSA_SPLIT=0: one module, as before). Its splitter
# (tools/wasm-split) is a native tool: built before the min-size settings, which are wasm32's.
export YSA_SPLIT=${YSA_SPLIT:-1}
if [ "$YSA_SPLIT" = 1 ]; then
  # Built by scripts/setup.sh; here only when its sources changed since.
  YSA_WASM_SPLIT=$(splitter_path)
  if [ ! -x "$YSA_WASM_SPLIT" ]; then
    cargo install --quiet --locked --offline --path "$ROOT/tools/wasm-split" --root "${YSA_WASM_SPLIT%/bin/*}"
  fi
  export YSA_WASM_SPLIT
fi

min_size_env

cd "$dir"
trunk build index.html --release "$@"
