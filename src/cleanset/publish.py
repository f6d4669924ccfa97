"""Publishing a build: Parquet shards, the Hugging Face dataset, a dataset card and a manifest,
written beside the output folder and swapped in only when everything is complete."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from cleanset.options import DEFAULT_SHARD_SIZE
from cleanset.schema import arrow_schema, schema_version
from cleanset.version import __version__

STAGING_PREFIX = ".cleanset-staging-"
# Each table in a folder of its own, so that a reader globbing a folder reads one table.
ARTICLES_DIR = "parquet/articles"
TABLES_DIR = "parquet/tables"
RETIRED_PREFIX = ".cleanset-retired-"
LOCK_PREFIX = ".cleanset-lock-"
# Small row groups: readers (and the HF conversion, which decodes a row group at a time) hold one
# in memory; 1,000 articles is a few MB.
ROW_GROUP_SIZE = 1_000  # records per Parquet row group ...
ROW_GROUP_BYTES = 16 << 20  # ... or this much text, whichever comes first
DEFAULT_SHARD_BYTES = 256 << 20  # ... or this much text
NUMBER = re.compile(r"^[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")

TABLE_ROWS_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("table_index", pa.int32(), nullable=False),
        pa.field("row_index", pa.int32(), nullable=False),
        pa.field("caption", pa.string()),
        pa.field("header", pa.list_(pa.string()), nullable=False),
        pa.field("cells", pa.list_(pa.string()), nullable=False),
        pa.field("values_num", pa.list_(pa.float64()), nullable=False),
    ]
)
REJECTS_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
        pa.field("input_sha256", pa.string()),
    ]
)


def article_shards(dataset: Path) -> list[Path]:
    """The Parquet shards of a published dataset's articles, in order."""
    return sorted((dataset / ARTICLES_DIR).glob("articles-*.parquet"))


def table_shards(dataset: Path) -> list[Path]:
    """The Parquet shards of a published dataset's table rows, in order."""
    return sorted((dataset / TABLES_DIR).glob("tables-*.parquet"))


def cell_number(cell: str) -> float | None:
    """The numeric value of a cell that is clearly a number, else None.

    >>> cell_number("6,000"), cell_number("12.5%"), cell_number("Firmly Rejected"), cell_number("2014-15")
    (6000.0, 12.5, None, None)
    """
    c = cell.strip()
    if not NUMBER.match(c):
        return None
    return float(c.rstrip("%").replace(",", "").replace("−", "-"))


def release_arrow_memory() -> None:
    """Hand Arrow's freed buffers back to the system. Arrow's default allocator (mimalloc) keeps
    them for reuse, which after a few row groups held as much memory again as the data in flight
    (about 70 MB more while the HF dataset of a 100 MB build was written)."""
    pa.default_memory_pool().release_unused()


def _write(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, compression="zstd", row_group_size=ROW_GROUP_SIZE, write_statistics=True)


class ShardWriter:
    """Streams records to `parquet/articles/articles-NNNNN.parquet` under `dataset` (and their
    table rows to `parquet/tables/tables-NNNNN.parquet`).

    Records are written a row group at a time, so memory holds at most one row group; a shard
    closes after `shard_size` records or `shard_bytes` of text, whichever comes first.
    """

    def __init__(
        self,
        dataset: Path,
        shard_size: int = DEFAULT_SHARD_SIZE,
        shard_bytes: int = DEFAULT_SHARD_BYTES,
        row_group_size: int = ROW_GROUP_SIZE,
        first_shard: int = 0,
    ):
        self.first_shard = first_shard  # a batch appended to a dataset numbers on from its shards
        self.articles_dir = dataset / ARTICLES_DIR
        self.tables_dir = dataset / TABLES_DIR
        self.articles_dir.mkdir(parents=True, exist_ok=True)
        self.tables_dir.mkdir(parents=True, exist_ok=True)
        self.shard_size = shard_size
        self.shard_bytes = shard_bytes
        self.row_group_size = min(row_group_size, shard_size)
        self.pending: list[pa.Table] = []  # Arrow, not dicts: a row group of records held compactly
        self.pending_rows = 0
        self.pending_bytes = 0
        self.table_rows: list[dict] = []
        self.paths: list[Path] = []
        self.table_paths: list[Path] = []
        self.rows = 0
        self.table_row_count = 0
        self._writers: tuple[pq.ParquetWriter, pq.ParquetWriter] | None = None
        self._shard_rows = 0
        self._shard_bytes = 0

    def add(self, records: Iterable[dict]) -> None:
        records = list(records)
        start = 0
        for i, rec in enumerate(records):
            self.pending_rows += 1
            self.pending_bytes += len(rec["text"]) + len(rec["title"] or "")
            for t_index, table in enumerate(rec["tables"]):
                for r_index, cells in enumerate(table["rows"]):
                    self.table_rows.append(
                        {
                            "article_id": rec["id"],
                            "table_index": t_index,
                            "row_index": r_index,
                            "caption": table["caption"],
                            "header": table["header"],
                            "cells": cells,
                            "values_num": [cell_number(c) for c in cells],
                        }
                    )
            if (
                self.pending_rows >= self.row_group_size
                or self._shard_rows + self.pending_rows >= self.shard_size
                or self.pending_bytes >= ROW_GROUP_BYTES
                or self._shard_bytes + self.pending_bytes >= self.shard_bytes
            ):
                self.pending.append(pa.Table.from_pylist(records[start : i + 1], schema=arrow_schema()))
                start = i + 1
                self._write_group()
        if start < len(records):
            self.pending.append(pa.Table.from_pylist(records[start:], schema=arrow_schema()))

    def _write_group(self) -> None:
        if self._writers is None:
            n = self.first_shard + len(self.paths)
            self.paths.append(self.articles_dir / f"articles-{n:05d}.parquet")
            self.table_paths.append(self.tables_dir / f"tables-{n:05d}.parquet")
            self._writers = (
                _writer(self.paths[-1], arrow_schema()),
                _writer(self.table_paths[-1], TABLE_ROWS_SCHEMA),
            )
        articles, tables = self._writers
        if self.pending_rows:  # an empty row group would trouble readers; an empty build has none
            articles.write_table(pa.concat_tables(self.pending).combine_chunks())
        if self.table_rows:
            tables.write_table(pa.Table.from_pylist(self.table_rows, schema=TABLE_ROWS_SCHEMA))
        self._shard_rows += self.pending_rows
        self._shard_bytes += self.pending_bytes
        self.rows += self.pending_rows
        self.table_row_count += len(self.table_rows)
        self.pending, self.table_rows, self.pending_rows, self.pending_bytes = [], [], 0, 0
        release_arrow_memory()
        if self._shard_rows >= self.shard_size or self._shard_bytes >= self.shard_bytes:
            self._close_shard()

    def _close_shard(self) -> None:
        if self._writers is not None:
            for w in self._writers:
                w.close()
            self._writers = None
            self._shard_rows = self._shard_bytes = 0

    def flush(self) -> None:
        """Write what is pending and close the open shard; an empty build still gets one (empty) shard."""
        if self.pending_rows or not self.paths:
            self._write_group()
        self._close_shard()


def _writer(path: Path, schema: pa.Schema) -> pq.ParquetWriter:
    return pq.ParquetWriter(path, schema, compression="zstd", write_statistics=True)


def write_rejects(rejects: list[dict], path: Path) -> None:
    _write(pa.Table.from_pylist(rejects, schema=REJECTS_SCHEMA), path)


def write_hf_dataset(article_paths: list[Path], target: Path, earlier: Path | None = None) -> int:
    """Write the Hugging Face dataset from the written Parquet shards, one row group at a time.

    Each Parquet shard becomes one Arrow data file (`data-NNNNN.arrow`, numbered as the shard),
    written with `datasets`' own `ArrowWriter` (the writer `save_to_disk` uses), beside the
    `dataset_info.json` and `state.json` that `load_from_disk` reads. Nothing is memory-mapped on
    the way: `save_to_disk` would map the whole dataset and read it back, so the build's resident
    memory would grow with its size.

    With `earlier` (the dataset folder of earlier batches, whose data files are in `target`
    already), the new files are listed after theirs: old files are not rewritten, and the
    fingerprint chains the old one with the new rows'.
    """
    from datasets import DatasetInfo
    from datasets.arrow_writer import ArrowWriter

    from cleanset.schema import features

    hf_features = features()
    schema = hf_features.arrow_schema
    target.mkdir(parents=True, exist_ok=earlier is not None)
    digest = hashlib.blake2b(digest_size=8)
    names = [arrow_name(path) for path in article_paths]
    rows = size = 0
    old_files: list[dict] = []
    if earlier is not None:
        state = json.loads((earlier / "state.json").read_text(encoding="utf-8"))
        old_files = state["_data_files"]
        digest.update(state["_fingerprint"].encode("ascii"))
        info = json.loads((earlier / "dataset_info.json").read_text(encoding="utf-8"))
        size = int(info.get("dataset_size") or 0)
    for path, name in zip(article_paths, names, strict=True):
        writer = ArrowWriter(features=hf_features, path=str(target / name))
        shard = pq.ParquetFile(path)
        for group in range(shard.metadata.num_row_groups):
            table = shard.read_row_group(group).cast(schema)
            for column in table.columns:
                for chunk in column.chunks:
                    for buffer in chunk.buffers():
                        if buffer is not None:
                            digest.update(buffer)
            writer.write_table(table)
            release_arrow_memory()
        n, nbytes = writer.finalize()
        writer.close()
        rows, size = rows + n, size + nbytes
    DatasetInfo(features=hf_features, dataset_size=size).write_to_directory(str(target), pretty_print=True)
    state = {
        "_data_files": old_files + [{"filename": name} for name in names],
        "_fingerprint": digest.hexdigest(),  # a content hash: the same build, the same fingerprint
        "_format_columns": None,
        "_format_kwargs": {},
        "_format_type": None,
        "_output_all_columns": False,
        "_split": None,
    }
    (target / "state.json").write_text(json.dumps(state, indent=2, sort_keys=True), encoding="utf-8")
    return rows


def arrow_name(parquet_shard: Path) -> str:
    """The Hugging Face data file mirroring a Parquet shard: articles-00003 -> data-00003.arrow."""
    return "data-" + parquet_shard.stem.rpartition("-")[2] + ".arrow"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_manifest(
    folder: Path,
    inputs: list[dict],
    options: dict,
    counts: dict,
    batches: list[dict] | None = None,
    added: list[str] | None = None,
    known: dict[str, dict] | None = None,
) -> dict:
    """Write `manifest.json`: every file's checksum (`known` gives those of files an earlier
    batch wrote, unchanged), the dataset's counts and inputs, and one entry per batch, the last
    listing the files it `added` with their checksums."""
    outputs = []
    known = known or {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel in ("manifest.json",):
            continue
        if rel in known:
            outputs.append(known[rel])
            continue
        entry = {"path": rel, "sha256": sha256_file(path), "bytes": path.stat().st_size}
        if path.suffix == ".parquet":
            entry["rows"] = pq.ParquetFile(path).metadata.num_rows
        outputs.append(entry)
    if batches:
        by_path = {e["path"]: e for e in outputs}
        batches[-1]["added"] = [{"path": p, "sha256": by_path[p]["sha256"]} for p in added or []]
    manifest = {
        "cleanset_version": __version__,
        "schema_version": schema_version(),
        "options": options,
        "counts": counts,
        "batches": batches or [],
        "inputs": inputs,
        "outputs": outputs,
    }
    (folder / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


def clean_stale(out: Path) -> None:
    """Remove staging and retired folders a killed build left beside `out`; where a build was
    killed between its two renames (`out` retired, the new one not yet in place), put the
    retired folder back first."""
    parent = out.parent
    if not parent.exists():
        return
    retired = sorted(parent.glob(f"{RETIRED_PREFIX}{out.name}-*"))
    if retired and not out.exists():
        os.rename(retired[0], out)
    for prefix in (STAGING_PREFIX, RETIRED_PREFIX):
        for stale in parent.glob(f"{prefix}{out.name}-*"):
            shutil.rmtree(stale, ignore_errors=True)


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux's renameat2 with RENAME_EXCHANGE); False where
    the system or the filesystem cannot, and nothing was changed."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


class OutputBusy(Exception):
    """Another build holds the output folder."""


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold `out` for one build at a time: an advisory lock (flock) on a file beside it, for the
    build's length, so that two appends started together cannot both read the same dataset and
    the second swap its folder in over the first's batch. The lock goes with the process, however
    it ends, and the file is removed when the build ends (a killed build leaves it, unlocked).
    Where the system has no flock, nothing is held."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system
        yield
        return
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    path = out.parent / f"{LOCK_PREFIX}{out.name}"
    for _ in range(3):
        fh = open(path, "a")  # noqa: SIM115 (held open for the build's length)
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            raise OutputBusy(f"another cleanset build is writing {out}; try again when it has finished") from None
        try:
            if os.fstat(fh.fileno()).st_ino == os.stat(path).st_ino:
                break
        except FileNotFoundError:
            pass
        fh.close()  # the file a build that just ended removed: lock the one in its place
    else:
        raise OutputBusy(f"other cleanset builds are starting in {out}; try again")
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # removed while held, so no build can lock a file no longer there
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


_interrupted = threading.Event()


def _remember_interrupt(signum, frame) -> None:
    _interrupted.set()
    raise KeyboardInterrupt


@contextmanager
def interrupts_remembered() -> Iterator[None]:
    """While inside, Ctrl-C is remembered as well as raised, and `staged_output` publishes
    nothing once it has been pressed. Python prints and drops a KeyboardInterrupt raised while a
    finaliser runs, so the exception alone cannot promise that an interrupted build publishes
    nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _interrupted.clear()
    previous = signal.signal(signal.SIGINT, _remember_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _interrupted.clear()


@contextmanager
def staged_output(out: Path):
    """Yield a fresh folder beside `out`; on success swap it in for `out`, on failure remove it.

    The previous `out` stays whole until the final renames, each of which is atomic.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(out)
    token = uuid.uuid4().hex[:8]
    staging = out.parent / f"{STAGING_PREFIX}{out.name}-{token}"
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if _interrupted.is_set():  # interrupted, though the KeyboardInterrupt itself was lost
        shutil.rmtree(staging, ignore_errors=True)
        raise KeyboardInterrupt
    retired = out.parent / f"{RETIRED_PREFIX}{out.name}-{token}"
    if out.exists() and exchange(staging, out):  # no moment without `out`
        shutil.rmtree(staging, ignore_errors=True)  # it holds the previous `out` now
        return
    try:
        if out.exists():
            os.rename(out, retired)
        os.rename(staging, out)
    except BaseException:
        if retired.exists() and not out.exists():
            os.rename(retired, out)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)
