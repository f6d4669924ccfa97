# Two commands on a fresh machine with Python 3.10+, make and a Rust toolchain (cargo):
#   make build   set up .venv (compiling the scanner, rust/) and build the seed articles into dist/
#   make test    set up .venv and run every test: Rust (cargo test, clippy) and Python
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: build test check-install lint bench bench-frontier bench-pages bench-wrap bench-dedup bench-speed bench-stages bench-parity bench-memory bench-append clean

RUST_SOURCES := rust/Cargo.toml rust/Cargo.lock $(wildcard rust/src/*.rs) src/cleanset/scanner_words.txt

# `pip install -e` compiles the scanner (maturin, release profile) into src/cleanset/_scan.abi3.so
$(STAMP): pyproject.toml $(RUST_SOURCES)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/cleanset build seeds --out dist

test: $(STAMP)
	cd rust && cargo fmt --check && cargo clippy --quiet --all-targets --features python -- -D warnings
	cd rust && cargo test --quiet
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

# A fresh venv with the pip the interpreter ships (no upgrade), `pip install .`, pages read.
check-install:
	PYTHON=$(PYTHON) bash .ci/check-install

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	cd rust && cargo fmt --check && cargo clippy --quiet --all-targets --features python -- -D warnings

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

# Throughput on 50 MB beside ftfy and cleantext alone, 1 worker and all workers, with peak memory;
# then 20% and 100% of the articles damaged, the build beside the same build with casing repair off.
bench-speed: $(BENCH_STAMP)
	$(BIN)/python benchmarks/throughput.py --mb 50 --damaged 0.2 1.0

# Where a 1-worker build of 10 MB spends its time, stage by stage.
bench-stages: $(BENCH_STAMP)
	$(BIN)/python benchmarks/stages.py --mb 10

# The compiled scanner against the last Python scanner on both whole development corpora, clean and damaged.
bench-parity: $(STAMP)
	$(BIN)/python benchmarks/scanner_parity.py

# Peak memory of whole builds on 100 MB and 1 GB of input (about 40 minutes on 2 cores).
bench-memory: $(BENCH_STAMP)
	$(BIN)/python benchmarks/throughput.py --mb 5 --repeat 1 --memory-mb 100 1000

# A day of 1,000 articles appended to a dataset of 100,000 built in four batches, against a fresh
# build of the day; old files, the same day twice, a killed append; then appended batches against
# one build on both development corpora (about 15 minutes on 2 cores).
bench-append: $(BENCH_STAMP)
	$(BIN)/python benchmarks/append.py

clean:
	rm -rf $(VENV) dist .pytest_cache .ruff_cache benchmarks/.work rust/target src/cleanset/_scan*.so
