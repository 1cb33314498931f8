# Shared by the scripts: paths, PATH, logging. Sourced, not run.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE_DIR=${YSA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/yew-strapi-auth}
TOOLS_DIR="$CACHE_DIR/tools"
export PATH="$TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export STRAPI_TELEMETRY_DISABLED=true
export CHROMEDRIVER=/usr/bin/chromedriver

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }
