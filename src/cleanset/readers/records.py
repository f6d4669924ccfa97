"""Articles stored as records in one container: JSON Lines (plain or gzip), Parquet, and Hugging
Face datasets saved with `save_to_disk`.

A container is split into `RecordSlice`s of a few dozen rows, found from metadata alone (Parquet
row groups, the Arrow dataset's row count) or, for JSON Lines, from one scan for line breaks, so
that workers on any engine can read a slice without the rest of the file.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cleanset.document import Document, safe_id
from cleanset.readers.decode import RejectedInput
from cleanset.readers.wrapping import unwrap

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet",)
HF_MARKERS = ("dataset_info.json", "state.json")
SCAN_BLOCK = 1 << 20


@dataclass(frozen=True)
class Columns:
    """Which columns hold the article; every other column is carried through as metadata."""

    text: str = "text"
    title: str = "title"
    id: str = "id"
    url: str = "url"
    published: tuple[str, ...] = ("published", "date", "publish_date")  # the first one present
    authors: str = "authors"
    publisher: str = "publisher"

    @property
    def named(self) -> set[str]:
        """The columns that fill record fields (the rest go to `metadata`)."""
        return {self.text, self.title, self.id, self.url, *self.published, self.authors, self.publisher}


class ContainerProblem(Exception):
    """A container that cannot be read at all (no text column, not valid Parquet, ...)."""


@dataclass(frozen=True)
class RecordSlice:
    """Rows [start, stop) of one container. For JSON Lines, `offset` is the byte offset of row
    `start` (in the decompressed stream for gzip); for Parquet, `group` is the row group and
    `group_start` the index of its first row."""

    path: Path
    root: Path
    kind: str  # "jsonl", "parquet" or "hf"
    start: int
    stop: int
    offset: int = 0
    group: int = 0
    group_start: int = 0

    @property
    def name(self) -> str:
        return relative_name(self.path, self.root)

    def __len__(self) -> int:
        return self.stop - self.start


def relative_name(path: Path, root: Path) -> str:
    """How an input is named in records and rejects: its path under the root it was found in."""
    return path.relative_to(root).as_posix() if path != root else path.name


def _is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def container_kind(path: Path) -> str | None:
    name = path.name.lower()
    if path.is_dir():
        return "hf" if all((path / m).is_file() for m in HF_MARKERS) else None
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


def slice_container(path: Path, root: Path, kind: str, rows: int, columns: Columns) -> list[RecordSlice]:
    """The container cut into slices of at most `rows` rows. Raises ContainerProblem."""
    if kind == "jsonl":
        return _slice_jsonl(path, root, rows)
    if kind == "parquet":
        return _slice_parquet(path, root, rows, columns)
    return _slice_hf(path, root, rows, columns)


def _open_jsonl(path: Path):
    return gzip.open(path, "rb") if _is_gzip(path) else open(path, "rb")


def _slice_jsonl(path: Path, root: Path, rows: int) -> list[RecordSlice]:
    slices: list[RecordSlice] = []
    start_offset, row, pos = 0, 0, 0
    try:
        with _open_jsonl(path) as fh:
            tail = b""
            for block in iter(lambda: fh.read(SCAN_BLOCK), b""):
                base = pos - len(tail)
                data = tail + block
                i = data.find(b"\n")
                while i != -1:
                    row += 1
                    if row % rows == 0:
                        slices.append(RecordSlice(path, root, "jsonl", row - rows, row, start_offset))
                        start_offset = base + i + 1
                    i = data.find(b"\n", i + 1)
                last = data.rfind(b"\n")
                tail = data[last + 1 :] if last != -1 else data
                pos += len(block)
            if tail.strip():
                row += 1
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise ContainerProblem(f"cannot read: {exc}") from exc
    if row % rows:
        slices.append(RecordSlice(path, root, "jsonl", row - row % rows, row, start_offset))
    return slices


def _slice_parquet(path: Path, root: Path, rows: int, columns: Columns) -> list[RecordSlice]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise ContainerProblem(f"not a readable Parquet file: {exc}") from exc
    names = meta.schema.to_arrow_schema().names
    if columns.text not in names:
        raise ContainerProblem(_missing_text(columns, names))
    slices: list[RecordSlice] = []
    first = 0
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        for s in range(0, n, rows):
            slices.append(
                RecordSlice(
                    path, root, "parquet", first + s, first + min(s + rows, n), group=g, group_start=first
                )
            )
        first += n
    return slices


def _slice_hf(path: Path, root: Path, rows: int, columns: Columns) -> list[RecordSlice]:
    try:
        ds = _hf_dataset(str(path))
    except Exception as exc:
        raise ContainerProblem(f"not a readable Hugging Face dataset folder: {exc}") from exc
    if columns.text not in ds.column_names:
        raise ContainerProblem(_missing_text(columns, ds.column_names))
    n = ds.num_rows
    return [RecordSlice(path, root, "hf", s, min(s + rows, n)) for s in range(0, n, rows)]


def _missing_text(columns: Columns, names: list[str]) -> str:
    return f"no column {columns.text!r} (columns: {', '.join(names)}); choose one with --text-column"


@lru_cache(maxsize=4)
def _hf_dataset(path: str):
    from datasets import disable_progress_bars, load_from_disk

    disable_progress_bars()
    return load_from_disk(path)  # memory-mapped: opening is cheap, rows are read on demand


@lru_cache(maxsize=2)
def _parquet_group(path: Path, group: int):
    """One row group as Python rows; cached so that neighbouring slices read it once."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).read_row_group(group).to_pylist()


_open_gzip: dict[Path, gzip.GzipFile] = {}


def _jsonl_rows(s: RecordSlice) -> Iterator[tuple[int, bytes]]:
    if not _is_gzip(s.path):
        with open(s.path, "rb") as fh:
            fh.seek(s.offset)
            yield from _lines(fh, s)
        return
    # gzip can only seek by decompressing up to the offset: keep the stream open between slices,
    # which each worker reads in increasing order, so a file is decompressed about once per worker
    fh = _open_gzip.get(s.path)
    if fh is None or fh.tell() > s.offset:
        for old in _open_gzip.values():
            old.close()
        _open_gzip.clear()
        fh = _open_gzip[s.path] = gzip.open(s.path, "rb")  # noqa: SIM115 (kept open between slices)
    fh.seek(s.offset)
    yield from _lines(fh, s)


def _lines(fh, s: RecordSlice) -> Iterator[tuple[int, bytes]]:
    for row in range(s.start, s.stop):
        line = fh.readline()
        if not line:
            return
        yield row, line


def read_slice(s: RecordSlice, columns: Columns) -> Iterator[Document | tuple[str, RejectedInput]]:
    """Each row of the slice as a Document, or (source, RejectedInput) when it cannot be one."""
    if s.kind == "jsonl":
        for row, line in _jsonl_rows(s):
            source = f"{s.name}#{row}"
            try:
                value = json.loads(line)
            except ValueError as exc:
                yield source, RejectedInput("bad_record", f"line {row + 1} is not valid JSON: {exc}")
                continue
            if not isinstance(value, dict):
                yield source, RejectedInput("bad_record", f"line {row + 1} is not a JSON object")
                continue
            yield _from_row(value, source, s, row, columns, hashlib.sha256(line.rstrip(b"\r\n")).hexdigest())
        return
    if s.kind == "parquet":
        rows = _parquet_group(s.path, s.group)[s.start - s.group_start : s.stop - s.group_start]
    else:
        rows = _hf_dataset(str(s.path)).select(range(s.start, s.stop)).to_list()
    for row, value in zip(range(s.start, s.stop), rows, strict=True):
        digest = hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode("utf-8")).hexdigest()
        yield _from_row(value, f"{s.name}#{row}", s, row, columns, digest)


def _from_row(
    value: dict, source: str, s: RecordSlice, row: int, columns: Columns, digest: str
) -> Document | tuple[str, RejectedInput]:
    text = value.get(columns.text)
    if text is None:
        return source, RejectedInput("empty", f"row {row}: no {columns.text!r} value")
    if not isinstance(text, str):
        return source, RejectedInput(
            "bad_record", f"row {row}: {columns.text!r} is {type(text).__name__}, not text"
        )
    title = value.get(columns.title)
    title = title.strip() if isinstance(title, str) and title.strip() else None
    if not text.strip() and not title:
        return source, RejectedInput("empty", f"row {row}: no text")
    warnings: list[str] = []
    text, joined = unwrap(text)
    if joined:
        warnings.append(f"hard-wrapped text: {joined} line breaks joined")
    given = value.get(columns.id)
    stem = Path(s.name).name.split(".")[0]
    if given is None or str(given).strip() == "":
        ident = f"{stem}-{row}"
    else:
        ident = safe_id(str(given), fallback=f"{stem}-{row}")
        if ident != str(given):
            warnings.append(f"id {given!r} made safe as {ident!r}")
    rest = {k: v for k, v in value.items() if k not in columns.named}
    published = next((value[c] for c in columns.published if value.get(c) not in (None, "")), None)
    return Document(
        id=ident,
        source=source,
        text=f"{title}\n\n{text}" if title else text,
        input_sha256=digest,
        warnings=warnings,
        title_given=title is not None,
        metadata=json.dumps(rest, ensure_ascii=False, sort_keys=True, default=str) if rest else None,
        url=_text_value(value.get(columns.url)),
        published=iso_date(published),
        authors=_names(value.get(columns.authors)),
        publisher=_text_value(value.get(columns.publisher)),
    )


def _text_value(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _names(value) -> list[str]:
    """An authors column as a list: a list of names, or one string of names split at ';' or ' and '."""
    if isinstance(value, str):
        value = re.split(r"\s*;\s*|\s+and\s+", value)
    if not isinstance(value, list | tuple):
        return []
    return [n.strip() for n in value if isinstance(n, str) and n.strip()]


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$")


def iso_date(value) -> str | None:
    """A date column as ISO 8601: a date or datetime object, or a string already in that form
    (other strings are not guessed at).

    >>> iso_date("2024-03-03T10:00:00Z"), iso_date("March 3"), iso_date(None)
    ('2024-03-03T10:00:00Z', None, None)
    """
    import datetime as dt

    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        return value.strip()
    return None
