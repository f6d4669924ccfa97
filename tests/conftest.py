from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Nothing in the tests may reach a hub.
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> Path:
    """The seeds built once for the whole session (read-only for tests)."""
    from cleanset.builder import build
    from cleanset.pipeline import BuildOptions

    out = tmp_path_factory.mktemp("seeds-build") / "dist"
    build([SEEDS], out, BuildOptions(workers=2))
    return out


@pytest.fixture(scope="session")
def seed_records(seeds_build) -> dict[str, dict]:
    import pyarrow.parquet as pq

    rows = pq.read_table(seeds_build / "parquet" / "articles" / "articles-00000.parquet").to_pylist()
    return {r["id"]: r for r in rows}


@pytest.fixture
def copy_seeds(tmp_path) -> Path:
    target = tmp_path / "in"
    shutil.copytree(SEEDS, target)
    return target
