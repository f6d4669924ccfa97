"""Inputs to Documents. Nothing outside this package knows about file formats."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cleanset.document import Document, safe_id
from cleanset.readers.decode import RejectedInput, decode_bytes
from cleanset.readers.html_page import html_to_lines
from cleanset.readers.records import (
    Columns,
    ContainerProblem,
    RecordSlice,
    container_kind,
    read_slice,
    relative_name,
    slice_container,
)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_COLUMNS = Columns()


@dataclass(frozen=True)
class InputFile:
    path: Path
    root: Path

    @property
    def source(self) -> str:
        return relative_name(self.path, self.root)


@dataclass(frozen=True)
class FileBatch:
    """A few article files, read and cleaned together."""

    files: tuple[InputFile, ...]

    def __len__(self) -> int:
        return len(self.files)


Unit = FileBatch | RecordSlice


@dataclass
class Discovery:
    units: list[Unit] = field(default_factory=list)  # the work, in input order
    skipped: Counter[str] = field(default_factory=Counter)  # by extension
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (path, reason, message)

    @property
    def documents(self) -> int:
        """How many documents the units hold (files plus container rows)."""
        return sum(len(u) for u in self.units)


def discover(inputs: list[Path], batch_size: int = 64, columns: Columns = DEFAULT_COLUMNS) -> Discovery:
    """Every article under the inputs, as units of work in a deterministic order: article files
    in batches, containers (JSON Lines, Parquet, saved Hugging Face datasets) in slices. Other
    files are counted by extension."""
    found = Discovery()
    seen: set[Path] = set()
    pending: list[InputFile] = []

    def flush() -> None:
        for i in range(0, len(pending), batch_size):
            found.units.append(FileBatch(tuple(pending[i : i + batch_size])))
        pending.clear()

    def consider(path: Path, root: Path) -> None:
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:  # a dangling link or a link loop
            found.problems.append((str(path), "unreadable", f"cannot resolve path: {exc}"))
            return
        if real in seen:
            return
        seen.add(real)
        kind = container_kind(path)
        if kind:
            flush()  # keep input order: files before the container stay before it
            try:
                found.units.extend(slice_container(path, root, kind, batch_size, columns))
            except ContainerProblem as exc:
                found.problems.append((relative_name(path, root), "bad_container", str(exc)))
        elif path.is_dir():
            return
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            pending.append(InputFile(path, root))
        elif not path.name.startswith("."):
            found.skipped[path.suffix.lower() or "(none)"] += 1

    for given in inputs:
        if given.is_file() or container_kind(given):
            consider(given, given.parent)
            continue
        for dirpath, dirnames, filenames in os.walk(given, followlinks=False):
            dirnames.sort()
            here = Path(dirpath)
            for name in list(dirnames):
                if container_kind(here / name):  # a saved dataset is one input, not a folder to walk
                    dirnames.remove(name)
                    consider(here / name, given)
            for name in sorted(filenames):
                consider(here / name, given)
    flush()
    return found


def read_document(item: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one article file. Raises RejectedInput with a reason when it cannot become a record."""
    path = item.path
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RejectedInput("too_large", f"{size} bytes, over the limit of {max_bytes} (--max-bytes)")
        data = path.read_bytes()
    except PermissionError as exc:
        raise RejectedInput("unreadable", f"permission denied: {exc.strerror}") from exc
    except OSError as exc:
        raise RejectedInput("unreadable", f"cannot read: {exc.strerror or exc}") from exc
    digest = hashlib.sha256(data).hexdigest()
    text, encoding = decode_bytes(data)
    warnings = []
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(f"input decoded as {encoding}")
    if path.suffix.lower() in HTML_SUFFIXES:
        lines, _ = html_to_lines(text)
        text = "\n\n".join(lines)
    if not text.strip():
        raise RejectedInput("empty", "no text in the file")
    return Document(
        id=safe_id(path.stem),
        source=item.source,
        text=text,
        input_sha256=digest,
        encoding=encoding,
        warnings=warnings,
    )


def read_unit(unit: Unit, max_bytes: int, columns: Columns) -> Iterator[Document | tuple[str, RejectedInput]]:
    """The documents of a unit, in order; an input that cannot be one comes as (source, reason)."""
    if isinstance(unit, RecordSlice):
        yield from read_slice(unit, columns)
        return
    for item in unit.files:
        try:
            yield read_document(item, max_bytes)
        except RejectedInput as exc:
            yield item.source, exc


def read_raw_text(found: Discovery, source: str, max_bytes: int, columns: Columns) -> str | None:
    """The text one source was read as, for showing a diff; None when it is gone or rejected."""
    name, _, row = source.rpartition("#")
    for unit in found.units:
        if isinstance(unit, RecordSlice):
            if not (name == unit.name and row.isdigit() and unit.start <= int(row) < unit.stop):
                continue
        else:
            item = next((f for f in unit.files if f.source == source), None)
            if item is None:
                continue
            try:
                return read_document(item, max_bytes).text
            except RejectedInput:
                return None
        for doc in read_unit(unit, max_bytes, columns):
            if isinstance(doc, Document) and doc.source == source:
                return doc.text
    return None


__all__ = [
    "Columns",
    "FileBatch",
    "RecordSlice",
    "Unit",
    "read_unit",
    "InputFile",
    "Discovery",
    "discover",
    "read_document",
    "RejectedInput",
    "safe_id",
]
