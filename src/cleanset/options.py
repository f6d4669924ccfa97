"""The options of a build, with their defaults: read by every engine, recorded in the manifest."""

from __future__ import annotations

from dataclasses import dataclass

from cleanset.dedup import DEFAULT_THRESHOLD
from cleanset.readers import DEFAULT_COLUMNS, DEFAULT_MAX_BYTES, Columns

BATCH_SIZE = 64
# How much evidence lifts a name: "default" weighs every source; "strict" only the article's and
# the build's own writing (and acronyms spelled out in the article)
CASING_LEVELS = ("default", "strict")
DEFAULT_SHARD_SIZE = 100_000  # records per shard of the Parquet and the dataset


@dataclass(frozen=True)
class BuildOptions:
    workers: int = 1
    skip: frozenset[str] = frozenset()
    casing: str = "default"  # or "strict"
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = BATCH_SIZE
    strict: bool = False
    dedup: str = "keep"  # or "drop"
    dedup_threshold: float = DEFAULT_THRESHOLD
    columns: Columns = DEFAULT_COLUMNS
    shard_size: int = DEFAULT_SHARD_SIZE
    engine: str = "local"  # or "ray"
    ray_address: str | None = None
    spool: str | None = None  # a folder where the first pass leaves what it read for the second
    # appending: the state folder of the dataset the batch joins (its statistics, signatures and
    # inputs), and where this build saves the state for the next batch
    earlier: str | None = None
    state_out: str | None = None

    def to_dict(self) -> dict:
        return {
            "engine": self.engine,
            "text_column": self.columns.text,
            "title_column": self.columns.title,
            "id_column": self.columns.id,
            "url_column": self.columns.url,
            "date_columns": list(self.columns.published),
            "authors_column": self.columns.authors,
            "shard_size": self.shard_size,
            "strict": self.strict,
            "workers": self.workers,
            "skip": sorted(self.skip),
            "casing": self.casing,
            "max_bytes": self.max_bytes,
            "batch_size": self.batch_size,
            "dedup": self.dedup,
            "dedup_threshold": self.dedup_threshold,
        }
