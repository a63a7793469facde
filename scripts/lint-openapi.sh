#!/usr/bin/env bash
# Lints the OpenAPI document with Redocly CLI's recommended rules (no redocly.yaml: the built-in
# `recommended` set); any error fails, warnings are listed. The document is the one the running
# application serves at /v3/api-docs, written to target/openapi/api-docs.json by
# OpenApiDocumentTests during `./mvnw verify` (or pass another file or URL).
# Installs the pinned @redocly/cli with npm under the cache directory on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
document=${1:-target/openapi/api-docs.json}
version=2.77.0
cache=${XDG_CACHE_HOME:-$HOME/.cache}/framepipe-redocly
redocly=$cache/node_modules/.bin/redocly
if [ ! -x "$redocly" ] || [ "$("$redocly" --version 2>/dev/null)" != "$version" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent "@redocly/cli@$version"
fi
if [ ! -e "$document" ] && [[ "$document" != http* ]]; then
  echo "no $document: run ./mvnw verify (OpenApiDocumentTests writes it) or pass a file or URL" >&2
  exit 2
fi
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true "$redocly" lint "$document"
