# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install install-test node-deps browser-deps lint typecheck jstest unit bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 needed"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

## Leaflet plugins without an XStatic package (assets.NPM_PACKAGES) come once from the npm
## registry as the pinned tarball, checked against its sha512; a no-op when they are there.
## The app itself never downloads anything, and `make run` needs no node.
install: $(VENV)/.installed
	@$(BIN)/python -m equality_map.assets fetch

install-test: install $(VENV)/.installed-test

## Node tools from package-lock.json (eslint, prettier, axe-core), for lint and tests of static/.
## Debian nodejs/npm when missing (eslint needs node >= 20.19).
node-deps: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Debian nodejs/npm ..."; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --silent
	@touch $@

## Debian chromium for the browser tests (Playwright's own browser download does not work here),
## Debian nginx and openssl for tests/test_deploy_nginx.py (deploy/nginx/ on loopback, as the
## tests' user; the package also starts the system nginx on port 80 where that port is free).
browser-deps: node-deps
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian chromium ..."; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }
	@{ [ -x /usr/sbin/nginx ] && command -v openssl >/dev/null 2>&1; } || { \
	  echo "Installing Debian nginx and openssl ..."; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx openssl >/dev/null; }

run: install
	@echo ""
	@echo "  equality-map starts on  http://localhost:$(PORT)  (Ctrl-C stops it)"
	@echo ""
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

#: Our browser code and its tests (vendored files in static/vendor/ are not ours to format).
JS_SOURCES := static/js static/css tests/js eslint.config.mjs

lint: install-test node-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/eslint .
	node_modules/.bin/prettier --check $(JS_SOURCES)

typecheck: install-test
	$(BIN)/mypy

## Unit tests of static/js with node's own test runner (no browser).
jstest: node-deps
	node --test tests/js/*.test.js

unit: install-test jstest
	$(BIN)/pytest -m "not browser"

test: install-test browser-deps lint typecheck jstest
	$(BIN)/pytest

## Benchmarks (README: Speed, Running it for a city); load_bench needs aiohttp and nginx.
bench: install-test browser-deps
	$(BIN)/python bench/geocode_bench.py
	$(BIN)/python bench/coverage_bench.py
	$(BIN)/python bench/map_bench.py
	$(BIN)/python bench/viewer_bench.py --rows 5000 --viewers 1,5,10,20,60
	$(BIN)/python bench/viewer_bench.py --rows 5000 --viewers 1,5,10,20 --browser
	$(BIN)/python bench/viewer_bench.py --rows 5000 --viewers 1,5,10,20 --browser --nginx
	$(BIN)/python bench/load_bench.py --viewers 60

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
