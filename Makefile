# CareerPath: `make run` serves the seeded site on SQLite; `make test` runs every test.
# Both set themselves up from nothing (a .venv in the checkout) and are quick when run again.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LOAD_EXAMPLE_PROGRAMS ?= 1
MANAGE := $(BIN)/python manage.py
# Exact versions of everything pyproject.toml asks for, extras included, each with its files' hashes.
LOCK := requirements.lock

.PHONY: run test install lock audit seed lint format clean serve bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when the lock changes. Everything comes from the lock with its hashes required (pip
# and setuptools included), so every machine gets the same files and a file that changed is refused.
# The project is run from the checkout, so it is then installed as an ordinary (empty) distribution,
# without dependencies and built with the locked setuptools: an editable install would print
# setuptools' "folders with the same name as your package" warning box on every setup.
$(VENV)/.installed: $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation .
	touch $@

install: $(VENV)/.installed

# Refresh the lock from pyproject.toml, for every platform and Python 3.11 and newer: versions already
# locked stay unless pyproject.toml rules them out; UPGRADE=1 takes the newest releases allowed.
lock: install
	$(BIN)/uv pip compile pyproject.toml --all-extras --universal --generate-hashes --quiet \
		--custom-compile-command "make lock" $(if $(filter 1,$(UPGRADE)),--upgrade) -o $(LOCK)

# Known vulnerabilities in the locked versions, from PyPI's advisory data. It needs a machine that
# reaches PyPI's JSON API; this project's machines and CI reach only the package index, so CI does not
# run it (here it fails at once: "Dependency not found on PyPI and could not be audited").
audit: install
	$(BIN)/pip-audit --requirement $(LOCK) --require-hashes --disable-pip --strict --progress-spinner off

# LOAD_EXAMPLE_PROGRAMS=0 leaves the 24 fictional example programs out; with a fixed seed and
# --clear, running it again still leaves exactly 24.
seed: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_content
	@if [ "$(LOAD_EXAMPLE_PROGRAMS)" = "1" ]; then $(MANAGE) seed_example_programs --count 24 --seed 1 --clear; fi

# The country's real medical assisting programs: the newest IPEDS year the importer knows, fetched from
# CAREERPATH_IPEDS_URL (default NCES) into .local/federal/ and imported (a rerun reads the kept files).
IPEDS_YEAR ?= $(shell sed -n 's/^NEWEST_YEAR = \([0-9]*\).*/\1/p' programs/management/commands/import_ipeds.py)

.PHONY: real-programs
real-programs: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_content
	$(MANAGE) import_ipeds --year $(IPEDS_YEAR) --download

run: seed
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Production settings under gunicorn, for trying production locally on a fresh clone: with no
# variables set it keeps a generated secret key in .local/ (ignored by git), answers localhost
# only and does not redirect to HTTPS (DJANGO_SECURE_SSL_REDIRECT=1 turns that on).
SECRET_KEY_FILE := .local/secret_key

$(SECRET_KEY_FILE):
	@mkdir -p -m 700 $(dir $@)
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

serve: install $(SECRET_KEY_FILE)
	@set -e; \
	export DJANGO_SETTINGS_MODULE=careerpath.settings.prod; \
	export DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(SECRET_KEY_FILE))}"; \
	export DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-localhost,127.0.0.1,[::1]}"; \
	export DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-0}"; \
	export PORT="$(PORT)"; \
	$(MANAGE) prepare_to_serve; \
	exec $(BIN)/gunicorn --config gunicorn.conf.py

# One pytest worker per core, at most four (pytest-xdist), each with its own test database and, on Redis,
# its own Redis database (careerpath/settings/test.py); TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= auto

test: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses 4 --dist worksteal

# Every public page at phone and desktop size, a full-page picture of each kept in test-artifacts/screenshots/.
.PHONY: screenshots
screenshots: install
	CAREERPATH_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/browser/test_accessibility.py

# The same checks as .pre-commit-config.yaml (django-upgrade is a pre-commit hook only), then mypy on
# the selectors and the two rule engines, the modules [tool.mypy] in pyproject.toml lists.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache .hypothesis db.sqlite3

# Lighthouse (npm, into .local/) against the main pages under production settings and gunicorn;
# writes the four category scores per page to docs/lighthouse.md.
.PHONY: lighthouse
lighthouse: install
	$(BIN)/python scripts/lighthouse.py

# Load-test the production stack against a static file of the same size; writes docs/benchmarks.md.
bench: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python scripts/bench.py

# nginx from deploy/nginx/ on PORT in front of `make serve`'s gunicorn on PORT + 1: plain HTTP on
# loopback, generated config, pid, logs and temporary files in .local/nginx/ (deploy/README.md).
.PHONY: serve-proxied observatory
serve-proxied: install $(SECRET_KEY_FILE)
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { echo "make serve-proxied needs nginx: apt-get install nginx"; exit 1; }
	PORT=$(PORT) $(BIN)/python scripts/serve_proxied.py

# The MDN HTTP Observatory's own scanner (npm, into .local/) against the site behind deploy/nginx/ on
# ports 80 and 443 with a throwaway certificate authority (needs root); writes docs/observatory.md.
observatory: install
	$(BIN)/python scripts/observatory.py
