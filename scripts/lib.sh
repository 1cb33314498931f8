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
  # cross-crate-inline-threshold=always: every function's MIR is offered to the crates that call
  # it, as inside one crate. The app is three crates of its own (crates/) on top of yew and std:
  # without it each boundary kept calls LLVM would have inlined (the split cost 2.4 KB gzip);
  # with it the wasm is 4.5 KB gzip smaller than the single crate was (measured, bench/budget.mjs).
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Ctarget-cpu=lime1 -Zcross-crate-inline-threshold=always"
  # The split build (YSA_SPLIT=1, scripts/split.mjs): `#[wasm_split]` pages become split points
  # (src/router/lazy.rs), and the linker keeps the relocations the splitter reads.
  if [ "${YSA_SPLIT:-}" = 1 ]; then
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS+=" --cfg ysa_split -Clink-arg=--emit-relocs"
  fi
  # Its own target dir: one wasm32 run with these flags but without RUSTC_BOOTSTRAP would cache a
  # failed probe in .rustc_info.json and break later builds; and the dev build's artefacts stay warm.
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/min-size"
}

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Whether the Strapi at API (its REST root, e.g. http://127.0.0.1:1337/api) can serve cookie
# mode: with session management, `POST /auth/refresh` without a token answers 400 "Missing
# refresh token"; without it the route does not exist (404 on Strapi 5, 405 on Strapi 4).
# Returns 1, saying what to change, when it cannot; a Strapi that does not answer is a warning
# (pages may be configured before their back end runs).
check_sessions() { # API
  local code
  code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "$1/auth/refresh" || true)
  case "$code" in
    400 | 401) return 0 ;;
    404 | 405)
      printf '\033[1;31merror:\033[0m %s\n  %s\n  %s\n' "cookie mode needs Strapi's session management, and the Strapi at $1 has none (POST /auth/refresh answered $code)." \
        "Add to Strapi's config/plugins.js:  'users-permissions': { config: { jwtManagement: 'refresh' } }  (Strapi 5.24 or later)" \
        "or keep the tokens in localStorage: leave the token storage setting empty or \"local\"." >&2
      return 1
      ;;
    000) log "warning: could not reach $1 to check that it serves cookie mode (session management); check it once it runs" ;;
    *) log "warning: $1/auth/refresh answered $code; cannot tell whether it serves cookie mode" ;;
  esac
}

# The release build's splitter (tools/wasm-split, a native tool), built once per version of its
# sources into the cache (scripts/setup.sh), so a warm run does not compile it again.
splitter_path() {
  local hash
  hash=$(cat "$ROOT/tools/wasm-split/Cargo.toml" "$ROOT/tools/wasm-split/Cargo.lock" \
    "$ROOT/tools/wasm-split/src/main.rs" | sha256sum | cut -c1-16)
  echo "$TOOLS_DIR/wasm-split-$hash/bin/ysa-wasm-split"
}
