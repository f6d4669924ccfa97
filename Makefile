# Two commands on a fresh machine with Python 3.10+ and make:
#   make build   set up .venv and build the seed articles into dist/
#   make test    set up .venv and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: build test check-install lint bench bench-frontier bench-pages bench-wrap bench-dedup bench-speed bench-stages bench-columns bench-memory clean

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

# A fresh venv with the pip the interpreter ships (no upgrade), `pip install .`, pages read.
check-install:
	PYTHON=$(PYTHON) bash .ci/check-install

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

# Repair benchmark on both development corpora: every article damaged, then realistic mixed
# scrapes (30% of articles damaged at half the rates), then casing edits on clean real text.
bench: $(STAMP)
	$(BIN)/python benchmarks/repair.py
	$(BIN)/python benchmarks/repair.py --mixed 0.3 0.5
	$(BIN)/python benchmarks/clean_bodies.py

BENCH_STAMP := $(VENV)/.bench-stamp
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

# Proper-case recall a learned model could reach on the fixer's own evidence, at the damage allowed.
bench-frontier: $(BENCH_STAMP)
	$(BIN)/python benchmarks/casing_frontier.py

# Real article pages (../shared/pages): body F1, title and date beside trafilatura alone, and speed.
bench-pages: $(STAMP)
	$(BIN)/python benchmarks/pages.py

# Hard-wrapped copies of both development corpora against the articles as written.
bench-wrap: $(STAMP)
	$(BIN)/python benchmarks/wrapping.py --lines-as-read

# Near duplicates on the 2,225 BBC articles over five permutation seeds, and the estimate's error.
bench-dedup: $(STAMP)
	$(BIN)/python benchmarks/dedup.py

# Throughput on 50 MB beside ftfy and cleantext alone, 1 worker and all workers, with peak memory.
bench-speed: $(BENCH_STAMP)
	$(BIN)/python benchmarks/throughput.py --mb 50

# Where a 1-worker build of 10 MB spends its time, stage by stage.
bench-stages: $(BENCH_STAMP)
	$(BIN)/python benchmarks/stages.py --mb 10

# Splitting lines into words as polars column operations beside cleanset's own split (checked equal).
bench-columns: $(BENCH_STAMP)
	$(BIN)/python benchmarks/column_split.py --mb 10

# Peak memory of whole builds on 100 MB and 1 GB of input (about 40 minutes on 2 cores).
bench-memory: $(BENCH_STAMP)
	$(BIN)/python benchmarks/throughput.py --mb 5 --repeat 1 --memory-mb 100 1000

clean:
	rm -rf $(VENV) dist .pytest_cache .ruff_cache benchmarks/.work
