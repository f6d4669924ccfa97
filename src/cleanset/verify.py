"""Re-checking a published dataset folder: schema, manifest checksums and row counts."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from cleanset.publish import ARTICLES_DIR, article_shards, sha256_file
from cleanset.schema import arrow_schema, validate_record


def verify_dataset(folder: Path) -> tuple[list[str], int]:
    """Every problem found in `folder`, and the number of records read."""
    problems: list[str] = []
    shards = article_shards(folder)
    if not shards:
        return [f"no {ARTICLES_DIR}/articles-*.parquet under {folder}"], 0
    records = 0
    ids: set[str] = set()
    for shard in shards:
        rel = shard.relative_to(folder).as_posix()
        try:
            table = pq.read_table(shard)
        except Exception as exc:
            problems.append(f"{rel}: unreadable Parquet: {exc}")
            continue
        missing = set(arrow_schema().names) - set(table.schema.names)
        extra = set(table.schema.names) - set(arrow_schema().names)
        if missing or extra:
            problems.append(
                f"{rel}: columns differ from the schema (missing {sorted(missing)}, extra {sorted(extra)})"
            )
        for rec in table.to_pylist():
            records += 1
            for p in validate_record(rec):
                problems.append(f"{rel}: {p}")
            rid = rec.get("id")
            if rid in ids:
                problems.append(f"{rel}: record {rid!r}: id is not unique")
            ids.add(rid)
    manifest_path = folder / "manifest.json"
    if not manifest_path.exists():
        problems.append("manifest.json is missing")
        return problems, records
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    hashes: dict[str, str] = {}  # each file hashed once, for the outputs and for the batches
    for entry in manifest.get("outputs", []):
        path = folder / entry["path"]
        state = _file_state(folder, entry, hashes)
        if state == MISSING:
            problems.append(f"{entry['path']}: listed in the manifest but missing")
            continue
        if state == CHANGED:
            problems.append(f"{entry['path']}: SHA-256 differs from the manifest")
        if "rows" in entry and pq.ParquetFile(path).metadata.num_rows != entry["rows"]:
            problems.append(f"{entry['path']}: row count differs from the manifest")
    if manifest.get("counts", {}).get("records") != records:
        problems.append(
            f"manifest counts {manifest.get('counts', {}).get('records')} records, the Parquet files {records}"
        )
    problems.extend(batch_problems(folder, manifest, hashes))
    return problems, records


MISSING, CHANGED = "missing", "changed"


def _file_state(folder: Path, entry: dict, hashes: dict[str, str]) -> str | None:
    """MISSING, CHANGED (its SHA-256 is not the entry's) or None for a file a manifest entry
    lists; `hashes` keeps each file's SHA-256 once computed."""
    path = folder / entry["path"]
    if not path.exists():
        return MISSING
    if entry["path"] not in hashes:
        hashes[entry["path"]] = sha256_file(path)
    return CHANGED if hashes[entry["path"]] != entry["sha256"] else None


def batch_problems(folder: Path, manifest: dict, hashes: dict[str, str] | None = None) -> list[str]:
    """What is wrong with the manifest's batches: each batch's files present and unchanged, its
    article shards holding the records it counts, and the batches adding up to the dataset."""
    problems: list[str] = []
    hashes = {} if hashes is None else hashes
    batches = manifest.get("batches", [])
    if not batches:
        return ["manifest.json lists no batch"]
    total = 0
    for batch in batches:
        n = batch.get("batch")
        records = batch.get("counts", {}).get("records", 0)
        total += records
        shard_rows = 0
        for entry in batch.get("added", []):
            state = _file_state(folder, entry, hashes)
            if state == MISSING:
                problems.append(f"batch {n}: {entry['path']} is missing")
                continue
            if state == CHANGED:
                problems.append(f"batch {n}: {entry['path']} changed since the batch wrote it (SHA-256 differs)")
            if entry["path"].startswith(ARTICLES_DIR + "/"):
                shard_rows += pq.ParquetFile(folder / entry["path"]).metadata.num_rows
        if shard_rows != records:
            problems.append(f"batch {n}: counts {records} records, its article shards hold {shard_rows}")
    if total != manifest.get("counts", {}).get("records"):
        problems.append(f"the batches count {total} records, the dataset {manifest.get('counts', {}).get('records')}")
    return problems
