#!/usr/bin/env bash
# Points a built dist/ at a Strapi, as a deployer does, without rebuilding:
#   scripts/configure-dist.sh DIST_DIR STRAPI_URL [PROVIDERS] [PREFIX] [TOKEN_STORAGE: local|cookie]
# Edits the <meta> tags in every page (index.html and each route's prerendered page) and rewrites
# their precompressed copies to match.
set -euo pipefail
# An empty STRAPI_URL leaves the app on its own origin (Strapi behind the same host, e.g. nginx).
dist=${1:?dist folder} url=${2?Strapi URL, empty for the same origin as the app} providers=${3:-} prefix=${4:-} storage=${5:-}
[ -f "$dist/index.html" ] || { echo "no $dist/index.html" >&2; exit 1; }
# Cookie mode keeps the session in Strapi's cookie, which only Strapi's session management
# (`jwtManagement: 'refresh'`) sets: refused, before any page changes, for a Strapi without it.
# The same origin (an empty URL) is checked where it exists: scripts/prod.sh, once it is up.
if [ "$storage" = cookie ] && [ -n "$url" ]; then
  # shellcheck source=scripts/lib.sh
  source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
  # One slash between the URL and the prefix ("/" is a Strapi without a REST prefix), as the app
  # builds it.
  api_prefix=${prefix:-/api}
  api="${url%/}/${api_prefix#/}"
  check_sessions "${api%/}" || exit 1
fi
esc() { printf '%s' "$1" | sed -e 's/[&|\\]/\\&/g' -e 's/"/\&quot;/g'; }
# Every page: index.html and each route's prerendered one (dist/auth/login/index.html, ...).
while IFS= read -r -d '' html; do
  sed -i \
    -e "s|<meta name=\"strapi-url\" content=\"[^\"]*\" />|<meta name=\"strapi-url\" content=\"$(esc "$url")\" />|" \
    -e "s|<meta name=\"strapi-providers\" content=\"[^\"]*\" />|<meta name=\"strapi-providers\" content=\"$(esc "$providers")\" />|" \
    -e "s|<meta name=\"strapi-prefix\" content=\"[^\"]*\" />|<meta name=\"strapi-prefix\" content=\"$(esc "$prefix")\" />|" \
    -e "s|<meta name=\"strapi-token-storage\" content=\"[^\"]*\" />|<meta name=\"strapi-token-storage\" content=\"$(esc "$storage")\" />|" \
    "$html"
  grep -qF "content=\"$url\"" "$html" || { echo "could not set the Strapi URL in $html" >&2; exit 1; }
  # The precompressed copies must match the edited page: written beside it, then moved into place, so a
  # failure never leaves an empty one. zopfli where it is installed (scripts/setup.sh), else gzip -9.
  if [ -f "$html.gz" ]; then
    if command -v zopfli >/dev/null; then zopfli --gzip -c "$html" >"$html.gz.tmp"; else gzip -9 -n -c "$html" >"$html.gz.tmp"; fi
    mv "$html.gz.tmp" "$html.gz"
  fi
  if [ -f "$html.br" ]; then
    node -e 'const z = require("zlib"), fs = require("fs");
      fs.writeFileSync(process.argv[2], z.brotliCompressSync(fs.readFileSync(process.argv[1]),
        { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }));' "$html" "$html.br.tmp"
    mv "$html.br.tmp" "$html.br"
  fi
done < <(find "$dist" -name '*.html' -print0)
# The CSP must allow the app to call that Strapi.
if [ -f "$dist/csp.txt" ] && [ -n "$url" ]; then
  origin=$(node -e 'console.log(new URL(process.argv[1]).origin)' "$url")
  grep -qF " $origin" "$dist/csp.txt" || sed -i "s|connect-src 'self'|connect-src 'self' $origin|" "$dist/csp.txt"
fi
