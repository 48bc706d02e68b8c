# The README's two commands: `make run` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

run: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	$(BIN)/zinkoop deadlines msz 2027

test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pytest

lint: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/export.py
	$(BIN)/python benchmarks/tracking.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
