#!/usr/bin/env bash
# Installs what the browser tests need, from Debian's packages and the npm registry only.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
if ((${#missing[@]})); then
    if [ "$(id -u)" != 0 ]; then
        echo "install-browsers: need root to apt-get install ${missing[*]}" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -f tests/package.json ] && { [ ! -d tests/node_modules ] || [ tests/package.json -nt tests/node_modules ]; }; then
    (cd tests && NO_UPDATE_NOTIFIER=1 npm ci --silent --no-audit --no-fund 2>/dev/null \
        || NO_UPDATE_NOTIFIER=1 npm install --silent --no-audit --no-fund)
    touch tests/node_modules
fi
