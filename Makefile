# The two commands of the README: `make run` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUNTIME := $(VENV)/.runtime
# The native core's C sources: the editable install compiles them in place, so a change to
# one reinstalls (docs/adr/0005-fast-matching-and-annotating.md).
NATIVE := $(wildcard backend/ai_glossary/native/*.c backend/ai_glossary/native/*.h)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup runtime browsers services lint typecheck pytest check bench package clean

# Serving needs the runtime dependencies only; the test toolchain belongs to `make test`.
run: runtime
	$(BIN)/glossary serve --host $(HOST) --port $(PORT)

test: setup browsers services lint typecheck check pytest

setup: $(STAMP)

runtime: $(RUNTIME)

$(RUNTIME): pyproject.toml $(NATIVE)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e .
	touch $(RUNTIME)

$(STAMP): pyproject.toml $(NATIVE)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP) $(RUNTIME)

browsers:
	bash scripts/install-browsers.sh

# nginx, for the two-replica test (tests/deploy/test_replicas.py), which runs its own.
services:
	bash scripts/install-services.sh

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: setup browsers
	$(BIN)/mypy
	tests/node_modules/.bin/tsc -p extension/jsconfig.json

check: setup
	$(BIN)/glossary check --strict

pytest: setup
	$(BIN)/pytest

# The benchmarks (bench/README.md): measurements, not tests; minutes each.
bench: setup
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(BIN)/python bench/matcher.py
	$(BIN)/python bench/api.py
	$(BIN)/python bench/breakdown.py

# Store-ready zips of the extension for Chromium browsers and Firefox, in dist/.
package: setup
	$(BIN)/python scripts/package_extension.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tests/node_modules test-artifacts
