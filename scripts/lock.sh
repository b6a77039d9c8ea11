#!/usr/bin/env bash
# Regenerate requirements.lock, the image's dependencies: every package the backend needs at
# run time (pyproject.toml's [project] dependencies, uvicorn[standard]'s extras included), at
# exact versions, with the hashes of all their files on PyPI so one lock serves amd64 and arm64.
# pip-compile runs in a throwaway venv, so the project's own venv is never touched.
# Run it after changing the dependencies in pyproject.toml, with the Python of the image (3.11).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
"$PYTHON" -m venv "$tools"
"$tools/bin/pip" install --quiet pip-tools==7.6.2
"$tools/bin/pip-compile" --quiet --generate-hashes --strip-extras --allow-unsafe \
    --no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml
echo "wrote requirements.lock ($(grep -c '==' requirements.lock) packages)"
