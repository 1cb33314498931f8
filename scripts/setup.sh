#!/usr/bin/env bash
# Installs whatever is missing for building, serving and testing; idempotent and quick when all is there.
# Every tool comes from crates.io, npm or Debian at a pinned version: nothing downloads a binary at run time.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.37.1
WASM_PACK_VERSION=0.15.1
BINARYEN_VERSION=132.0.0
TERSER_VERSION=5.51.4
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock")

# `cargo install` when the tool is missing or reports another version.
cargo_tool() { # crate version binary [extra cargo install flags...]
  local crate=$1 version=$2 bin=$3
  shift 3
  # Read the whole answer first: `grep -q` stops reading at the match, and a tool that then dies
  # of the closed pipe (geckodriver does) would fail the check under pipefail and be reinstalled.
  local reported
  reported=$("$bin" --version 2>/dev/null || true)
  if grep -qF "$version" <<<"$reported"; then
    return
  fi
  log "installing $crate $version from crates.io (a few minutes, once)"
  cargo install --quiet "$crate" --version "$version" --force "$@"
}

# Debian packages, installed only when a binary is missing.
debian() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  # The other two engines: Gecko (driven by geckodriver, from crates.io below) and WebKit
  # (WebKitGTK's own WebDriver), headless on a virtual display.
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null || [ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
  command -v xvfb-run >/dev/null || missing+=(xvfb)
  command -v brotli >/dev/null || missing+=(brotli)
  # zopfli writes the precompressed .gz files: same format, ~7% fewer bytes than zlib -9.
  command -v zopfli >/dev/null || missing+=(zopfli)
  # The production topology (scripts/prod.sh): nginx with the brotli module, PostgreSQL.
  command -v nginx >/dev/null || missing+=(nginx)
  [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  if ((${#missing[@]})); then
    log "installing ${missing[*]} from Debian"
    local sudo=
    [ "$(id -u)" = 0 ] || sudo=sudo
    local tries=0
    # Packages with a service (nginx, PostgreSQL) must not start it: scripts/prod.sh runs its own
    # instances and stops them. policy-rc.d is Debian's switch for that, here only while installing.
    local policy=/usr/sbin/policy-rc.d own_policy=
    if [ ! -e $policy ]; then
      printf '#!/bin/sh\nexit 101\n' | $sudo tee $policy >/dev/null && $sudo chmod +x $policy && own_policy=1
    fi
    # Another apt process may hold the dpkg lock for a while: wait for it rather than fail.
    until $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; do
      tries=$((tries + 1))
      [ $tries -lt 10 ] || { [ -z "$own_policy" ] || $sudo rm -f $policy; die "apt-get could not install ${missing[*]}"; }
      sleep 15
    done
    [ -z "$own_policy" ] || $sudo rm -f $policy
  fi
}

# `npm ci` keyed on the lockfile. The finished node_modules is also kept in a cache outside the
# checkout, so a fresh clone copies it (hard links) instead of compiling better-sqlite3 again.
npm_ci() { # folder
  local dir=$1 hash stamp cache
  hash=$(cat "$dir/package-lock.json" "$dir/package.json" | sha256sum | cut -c1-16)
  stamp="$dir/node_modules/.lock-$hash"
  [ -f "$stamp" ] && return
  cache="$CACHE_DIR/node_modules/$(basename "$dir")-$hash"
  rm -rf "$dir/node_modules"
  if [ -f "$cache/.lock-$hash" ]; then
    log "restoring $(basename "$dir")/node_modules from the cache"
    cp -al "$cache" "$dir/node_modules" 2>/dev/null || cp -a "$cache" "$dir/node_modules"
    return
  fi
  log "npm ci in ${dir#"$ROOT"/} (a few minutes, once)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$stamp"
  mkdir -p "$(dirname "$cache")"
  rm -rf "$cache" "$cache.tmp"
  cp -al "$dir/node_modules" "$cache.tmp" 2>/dev/null || cp -a "$dir/node_modules" "$cache.tmp"
  mv "$cache.tmp" "$cache"
}

command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first"
command -v npm >/dev/null || die "npm is missing: install Node.js 20 and npm first"

rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
  { log "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
# std's source, rebuilt for size by the release build (scripts/build.sh).
rustup component list --installed 2>/dev/null | grep -q '^rust-src' ||
  { log "adding the rust-src component"; rustup component add rust-src; }
# The library crates' `rust-version`, which the test command builds them with.
MSRV=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' "$ROOT/crates/strapi-client/Cargo.toml")
rustup run "$MSRV" rustc --print target-list >/dev/null 2>&1 &&
  rustup target list --toolchain "$MSRV" --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
  { log "adding Rust $MSRV (the library crates' rust-version)"
    rustup toolchain install "$MSRV" --profile minimal --target wasm32-unknown-unknown; }

debian
cargo_tool trunk "$TRUNK_VERSION" trunk --locked
# Without --locked: its lockfile wants a crate version this registry lacks.
cargo_tool wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen
cargo_tool wasm-pack "$WASM_PACK_VERSION" wasm-pack --locked
cargo_tool geckodriver "$GECKODRIVER_VERSION" geckodriver --locked

if ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  log "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  mkdir -p "$TOOLS_DIR"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION"
fi

# The split build's glue minifier (scripts/split.mjs).
if [ "$(node -p "require('$TOOLS_DIR/node_modules/terser/package.json').version" 2>/dev/null)" != "$TERSER_VERSION" ]; then
  log "installing terser@$TERSER_VERSION (npm)"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "terser@$TERSER_VERSION"
fi

npm_ci "$ROOT/strapi"
# Strapi 4.26, the other supported version (the test command runs the login journey on it).
npm_ci "$ROOT/strapi4"
npm_ci "$ROOT/tests/e2e"

# Trunk builds with --offline: the crates must already be here, std's own ones included.
(cd "$ROOT" && cargo fetch --quiet)
(cd "$ROOT" && RUSTC_BOOTSTRAP=1 cargo fetch --quiet -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown)
# The release build's splitter (tools/wasm-split, a native tool outside the workspace).
cargo fetch --quiet --manifest-path "$ROOT/tools/wasm-split/Cargo.toml"
splitter=$(splitter_path)
if [ ! -x "$splitter" ]; then
  log "building the release build's splitter (tools/wasm-split; once per version)"
  cargo install --quiet --locked --offline --path "$ROOT/tools/wasm-split" --root "${splitter%/bin/*}"
fi
log "tools ready"
