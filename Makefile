# happyflow — the two commands of the README, and what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# npm ci writes this file last: it is newer than the lock file once the install is whole.
NODE_STAMP := node_modules/.package-lock.json

.PHONY: run test install clean chromium

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

## the workbench's and /docs' front-end packages, exactly as locked (npm ci; see .npmrc)
$(NODE_STAMP): package.json package-lock.json .npmrc
	npm ci
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

## make run: install into .venv, migrate, load the demo region, send a month of traffic and serve on :8000
run: install
	$(BIN)/happyflow demo

## the browser tests drive Debian's chromium (Playwright's own browser download is not used)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "chromium is missing: the browser tests skip (install Debian's chromium to run them)"; fi; }

## make test: install dev dependencies and run the whole suite on TEST_WORKERS processes
## (pytest-xdist; whole modules per worker, the longest first: tests/support/distribution.py).
## The suite starts some sixty Python processes (each worker, every service of a distributed or
## crash test, the CLI's): with bytecode caching off (PYTHONDONTWRITEBYTECODE, as some shells
## set it) each compiled the whole tree again and each worker rewrote every test module. The
## caches go under .venv, not beside the sources.
TEST_WORKERS ?= 2
test: install chromium
	PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(CURDIR)/$(VENV)/pycache \
	  $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder

clean:
	rm -rf $(VENV) var node_modules .pytest_cache .hypothesis
