# Two commands for a fresh machine with python3 and make:
#   make quiz   sets everything up and opens the quiz on the bundled content
#   make test   sets everything up and runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Playing needs the runtime dependencies only; the tests add the developer tools.
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: quiz test check lint bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP) $(RUN_STAMP)

quiz: $(RUN_STAMP)
	$(BIN)/study

# The tests start many Python processes: their bytecode is kept (under .venv), even where the
# environment says not to write it (PYTHONDONTWRITEBYTECODE), or each compiles study anew.
test: $(DEV_STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/study check --strict
	env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=$(VENV)/pycache $(BIN)/pytest -n 2

check: $(RUN_STAMP)
	$(BIN)/study check --strict

bench: $(DEV_STAMP)
	$(BIN)/python -m study.bench all

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
