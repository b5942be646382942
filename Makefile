# CareerPath: `make run` serves the seeded site on SQLite; `make test` runs every test.
# Both set themselves up from nothing (a .venv in the checkout) and are quick when run again.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LOAD_EXAMPLE_PROGRAMS ?= 1
MANAGE := $(BIN)/python manage.py

.PHONY: run test install seed lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the declared dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

seed: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_content

run: seed
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis db.sqlite3
