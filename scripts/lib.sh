# Shared by the scripts: paths, PATH, logging. Sourced, not run.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE_DIR=${YSA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/yew-strapi-auth}
TOOLS_DIR="$CACHE_DIR/tools"
export PATH="$TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export STRAPI_TELEMETRY_DISABLED=true
export CHROMEDRIVER=/usr/bin/chromedriver

# The min-size release settings (scripts/build.sh, bench/by-crate.sh), exported for one build.
min_size_env() {
  # -Z flags on the stable toolchain, as Yew's CI does (rust-src comes from setup.sh).
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  # immediate-abort: a panic is a bare `unreachable` trap, no message formatting in the bundle
  # (the e2e suite fails on any uncaught page error, so a panic cannot pass unnoticed).
  # fmt-debug=none: every `{:?}` prints nothing; nothing a person sees comes from Debug.
  # target-cpu=lime1: the stable WebAssembly feature set every current browser runs.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Ctarget-cpu=lime1"
  # Its own target dir: one wasm32 run with these flags but without RUSTC_BOOTSTRAP would cache a
  # failed probe in .rustc_info.json and break later builds; and the dev build's artefacts stay warm.
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/min-size"
}

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }
