# Two commands for a fresh machine with python3 and make:
#   make quiz   sets everything up and opens the quiz on the bundled content
#   make test   sets everything up and runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: quiz test check lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

quiz: $(STAMP)
	$(BIN)/study

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/study check --strict
	$(BIN)/pytest -n 2

check: $(STAMP)
	$(BIN)/study check --strict

bench: $(STAMP)
	$(BIN)/python -m study.bench all

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
