# Dipper developer commands. The two a new user needs:
#   make run    set everything up (first time: a few minutes) and serve the app on 127.0.0.1
#   make test   set everything up and run every test suite (lint, pytest, vitest, node, Playwright)
SHELL := /bin/bash
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
PORT ?= 8765
export ELECTRON_SKIP_BINARY_DOWNLOAD := 1

.PHONY: run test setup setup-python setup-node build-frontend setup-torch setup-browser demo \
        lint test-python test-frontend test-electron test-e2e build-server bench clean

run: setup setup-torch demo
	$(VENV)/bin/dipper serve --port $(PORT) --demo

test: setup setup-torch setup-browser
	$(VPY) tests/run_all.py

setup: setup-python setup-node build-frontend

$(VENV)/.installed: pyproject.toml
	@test -x $(VPY) || $(PY) -m venv $(VENV)
	$(VPY) -m pip install -q --upgrade pip
	$(VPY) -m pip install -q -e '.[dev]'
	@touch $@

setup-python: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json frontend/package.json electron/package.json
	npm ci --no-audit --no-fund
	@touch $@

setup-node: node_modules/.installed

build-frontend: setup-node
	npm run build -w frontend
	npm run build -w electron

# The torch environment (~6 GB) lives in the per-user data folder, keyed by the hash of
# envs/torch-requirements.txt, so it is built once and reused by every clone and CI run.
setup-torch: setup-python
	$(VENV)/bin/dipper env install

setup-browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)

demo: setup-python
	$(VENV)/bin/dipper demo

lint: setup
	$(VENV)/bin/ruff check backend tests bench
	$(VENV)/bin/ruff format --check backend tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy backend
	npm run lint
	npm run typecheck

test-python: setup
	$(VENV)/bin/pytest tests/python

test-frontend: setup
	npm test -w frontend

test-electron: setup
	npm test -w electron

test-e2e: setup setup-browser
	node tests/e2e/run.mjs

build-server: setup
	$(VPY) build/build_server.py

bench: setup
	$(VPY) bench/run_all.py

clean:
	rm -rf build/out build/work frontend/dist electron/dist electron/dist-test
