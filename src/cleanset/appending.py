"""Appending a batch to a published dataset: what an earlier build left in `DIR` for the next one,
and the checks that decide whether an append may run.

A build keeps, beside its records, what the first pass learned (`DIR/state/`): the corpus
statistics uncompacted, each document's duplicate signature with its cluster and record id, and
the SHA-256 of every input it took. The next batch reads them instead of the old text: its
articles are repaired with the whole collection's evidence and checked for duplicates against
every earlier article, and inputs already taken are passed over. Old Parquet shards and Arrow
files are linked into the new folder unchanged; only the indexes over them are written anew.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from cleanset.options import BuildOptions
from cleanset.pipeline import INPUTS_FILE, SIGNATURES_DIR
from cleanset.publish import article_shards, table_shards
from cleanset.schema import schema_version

STATE_DIR = "state"
IDS_FILE = "ids.jsonl"  # in the signatures folder: each signed document's record id, or null
# Options under which the same input gives a different record: a batch must share them with the
# dataset it joins
RECORD_OPTIONS = ("casing", "skip", "dedup", "dedup_threshold")


class AppendRefused(Exception):
    """The append cannot run as asked (exit 2): nothing is read or written."""


@dataclass
class EarlierDataset:
    """A published dataset that a batch is appended to."""

    folder: Path
    manifest: dict

    @property
    def state(self) -> Path:
        return self.folder / STATE_DIR

    @property
    def batches(self) -> list[dict]:
        return self.manifest["batches"]

    def shard_count(self) -> int:
        return len(article_shards(self.folder))

    def record_ids(self) -> list[str]:
        """Every record id the dataset holds (read from the shards' id column)."""
        ids: list[str] = []
        for shard in article_shards(self.folder):
            ids.extend(pq.read_table(shard, columns=["id"]).column("id").to_pylist())
        return ids

    def signed_ids(self) -> list[str | None]:
        """The record id of each signed document, by signature row (None: it became no record)."""
        with open(self.state / SIGNATURES_DIR / IDS_FILE, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]

    def rejects(self) -> list[dict]:
        return pq.read_table(self.folder / "rejects.parquet").to_pylist()


def open_earlier(out: Path, options: BuildOptions) -> EarlierDataset | None:
    """The dataset in `out` that a batch with `options` may join; None where `out` holds nothing
    yet (the batch is then the dataset's first). Raises AppendRefused, naming the problem."""
    if not out.exists() or (out.is_dir() and not any(out.iterdir())):
        return None
    manifest_path = out / "manifest.json"
    if not manifest_path.is_file():
        raise AppendRefused(f"--append: {out} is not a cleanset dataset (no manifest.json)")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise AppendRefused(f"--append: {manifest_path} is not valid JSON: {exc}") from None
    if "batches" not in manifest or not (out / STATE_DIR / INPUTS_FILE).is_file():
        raise AppendRefused(
            f"--append: {out} was built without the state an append reads (an older cleanset); "
            "build it once more with this version, then append to it"
        )
    if manifest.get("schema_version") != schema_version():
        raise AppendRefused(
            f"--append: {out} holds records of schema {manifest.get('schema_version')}, this cleanset "
            f"writes {schema_version()}; their records would differ"
        )
    differences = option_differences(manifest["options"], options.to_dict())
    if differences:
        raise AppendRefused(
            f"--append: the records of {out} were made with other options ("
            + "; ".join(differences)
            + "); append with the dataset's options, or build a new dataset"
        )
    return EarlierDataset(out, manifest)


def option_differences(dataset: dict, batch: dict) -> list[str]:
    """How a batch's options differ from a dataset's where records depend on them.

    >>> option_differences({"casing": "default", "skip": []}, {"casing": "strict", "skip": []})
    ["casing: the dataset's 'default', this batch's 'strict'"]
    """
    return [
        f"{name}: the dataset's {dataset.get(name)!r}, this batch's {batch.get(name)!r}"
        for name in RECORD_OPTIONS
        if dataset.get(name) != batch.get(name)
    ]


def link_earlier(earlier: EarlierDataset, staging: Path) -> dict[str, dict]:
    """Put the dataset's Parquet shards and Arrow data files into `staging` unchanged (hard
    links where the filesystem has them, else copies), and return their manifest entries."""
    known = {e["path"]: e for e in earlier.manifest["outputs"]}
    hf_state = json.loads((earlier.folder / "hf" / "state.json").read_text(encoding="utf-8"))
    arrow = [earlier.folder / "hf" / f["filename"] for f in hf_state["_data_files"]]
    linked: dict[str, dict] = {}
    for path in [*article_shards(earlier.folder), *table_shards(earlier.folder), *arrow]:
        rel = path.relative_to(earlier.folder).as_posix()
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
        if rel in known:
            linked[rel] = known[rel]
    return linked


def write_state(
    state: Path,
    earlier: EarlierDataset | None,
    signed: list[str],
    record_of: Iterable[tuple[str, str]],
    inputs: Iterable[str],
) -> None:
    """Complete the state the first pass saved in `state`: each signed document's record id
    (`record_of`: (source, id) of the records kept, in input order, a subsequence of `signed`)
    and the inputs the dataset now holds (the earlier ones and `inputs`, SHA-256 in hex)."""
    with open(state / SIGNATURES_DIR / IDS_FILE, "w", encoding="utf-8") as out:
        if earlier is not None:
            with open(earlier.state / SIGNATURES_DIR / IDS_FILE, encoding="utf-8") as old:
                shutil.copyfileobj(old, out)
        records = iter(record_of)
        pending = next(records, None)
        for source in signed:
            if pending is not None and pending[0] == source:
                out.write(json.dumps(pending[1]) + "\n")
                pending = next(records, None)
            else:
                out.write("null\n")
    keys = np.fromiter((int(d[:16], 16) for d in inputs), dtype=np.uint64)  # 8 bytes of each
    if earlier is not None:
        keys = np.concatenate([np.fromfile(earlier.state / INPUTS_FILE, dtype=np.uint64), keys])
    np.unique(keys).tofile(state / INPUTS_FILE)


def add_counts(total: dict, batch: dict) -> dict:
    """Two batches' counts as one dataset's: numbers added, tables of numbers added key by key.

    >>> add_counts({"records": 2, "edits_by_kind": {"spacing": 1}}, {"records": 3, "edits_by_kind": {"residue": 2}})
    {'records': 5, 'edits_by_kind': {'residue': 2, 'spacing': 1}}
    """
    out: dict = {}
    for key in sorted(set(total) | set(batch), key=lambda k: (list(total) + list(batch)).index(k)):
        a, b = total.get(key), batch.get(key)
        if isinstance(a, dict) or isinstance(b, dict):
            out[key] = dict(sorted(add_counts(a or {}, b or {}).items()))
        else:
            out[key] = (a or 0) + (b or 0)
    return out
