"""Inputs to Documents. Nothing outside this package knows about file formats."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cleanset.document import Document, safe_id
from cleanset.readers.byline import take_byline
from cleanset.readers.decode import (
    GZIP_MAGIC,
    RejectedInput,
    decode_bytes,
    decode_page,
    gunzip,
    looks_like_html,
    strip_sparse_nuls,
)
from cleanset.readers.markdown import read_markdown
from cleanset.readers.pages import Page, read_page
from cleanset.readers.records import (
    Columns,
    ContainerProblem,
    RecordSlice,
    container_kind,
    read_slice,
    relative_name,
    slice_container,
)
from cleanset.readers.warc import WarcPage, WarcProblem, WarcSlice, is_warc, read_warc_slice, slice_warc
from cleanset.readers.wrapping import unwrap

MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt", ".text"} | MARKDOWN_SUFFIXES
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


Unit = FileBatch | RecordSlice | WarcSlice
# Whether a dataset holds an input already, asked with the SHA-256 of its bytes (hex)
Seen = Callable[[str], bool]
# The reason an input appended to a dataset is passed over: it is in the dataset already
ALREADY_IN = "already_in"


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
        if is_warc(path):
            flush()
            try:
                found.units.extend(slice_warc(path, root, batch_size, found.skipped))
            except WarcProblem as exc:
                found.problems.append((relative_name(path, root), "bad_container", str(exc)))
            return
        kind = container_kind(path)
        if kind:
            flush()  # keep input order: files before the container stay before it
            try:
                found.units.extend(slice_container(path, root, kind, batch_size, columns))
            except ContainerProblem as exc:
                found.problems.append((relative_name(path, root), "bad_container", str(exc)))
        elif path.is_dir() or path.name.startswith("."):
            return
        elif article_suffix(path) is not None:
            pending.append(InputFile(path, root))
        else:
            found.skipped[path.suffix.lower()] += 1

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


def _without_gz(name: str) -> str:
    return name[: -len(".gz")] if name.lower().endswith(".gz") else name


def article_suffix(path: Path) -> str | None:
    """The suffix that makes a file an article ('' for none), gzip or not; None for other files.

    >>> article_suffix(Path("a.html.gz")), article_suffix(Path("notes")), article_suffix(Path("x.csv"))
    ('.html', '', None)
    """
    name = _without_gz(path.name.lower())
    suffix = Path(name).suffix
    if suffix in ARTICLE_SUFFIXES or (not suffix and name):
        return suffix
    return None


def read_document(item: InputFile, max_bytes: int = DEFAULT_MAX_BYTES, seen: Seen | None = None) -> Document:
    """Read one article file: text, Markdown or an HTML page, gzipped or not, an HTML page told
    by its content whatever its name. Raises RejectedInput with a reason when it cannot become
    a record (`already_in` when `seen` knows its bytes' SHA-256)."""
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
    if seen is not None and seen(digest):
        raise RejectedInput(ALREADY_IN, f"{item.source}: its bytes are in the dataset already", digest)
    try:
        return _document_from_bytes(item, data, digest, max_bytes)
    except RejectedInput as exc:
        exc.digest = digest
        raise


def _document_from_bytes(item: InputFile, data: bytes, digest: str, max_bytes: int) -> Document:
    path = item.path
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, max_bytes, path.name)
    stem = Path(_without_gz(path.name)).stem
    suffix = article_suffix(path)
    if suffix in HTML_SUFFIXES or looks_like_html(data):
        text, encoding = decode_page(data)
        return document_from_page(read_page(text), safe_id(stem), item.source, digest, encoding)
    data, nuls = strip_sparse_nuls(data)
    text, encoding = decode_bytes(data)
    warnings = []
    if nuls:
        warnings.append(f"{nuls} NUL bytes removed")
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(f"input decoded as {encoding}")
    if not text.strip():
        raise RejectedInput("empty", "no text in the file")
    form = "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
    return document_from_text(text, safe_id(stem), item.source, form, digest, encoding, warnings)


FORMS = ("text", "markdown", "html")


def document_from_text(
    text: str,
    ident: str,
    source: str,
    form: str = "text",
    digest: str = "",
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
) -> Document:
    """An article already decoded to a string, read as `form`: plain text (hard wraps rejoined,
    a byline taken to fields), Markdown, or an HTML page. Raises RejectedInput when it holds no
    article."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}: one of {', '.join(FORMS)}")
    warnings = list(warnings or [])
    digest = digest or hashlib.sha256(text.encode("utf-8")).hexdigest()
    if form == "html":
        return document_from_page(read_page(text), ident, source, digest, encoding, warnings or None)
    if not text.strip():
        raise RejectedInput("empty", "no text")
    if form == "markdown":
        page = read_markdown(text)
        lines, byline = take_byline(page.lines, 1 if page.title else 0)
        if byline:
            page.lines = lines
            page.authors = page.authors or byline.authors
            page.published = page.published or byline.published
        return document_from_page(page, ident, source, digest, encoding, warnings)
    # A file's final line ending closes its last line; it is not content, and no edit removes it.
    text = text.removesuffix("\n").removesuffix("\r") if text.endswith("\n") else text
    text, joined = unwrap(text)
    if joined:
        warnings.append(f"hard-wrapped text: {joined} line breaks joined")
    lines, byline = take_byline(text.split("\n"))
    return Document(
        id=ident,
        source=source,
        text="\n".join(lines),
        input_sha256=digest,
        encoding=encoding,
        warnings=warnings,
        authors=byline.authors if byline else [],
        published=byline.published if byline else None,
    )


def document_from_page(
    page: Page, ident: str, source: str, digest: str, encoding: str, warnings: list[str] | None = None
) -> Document:
    """A page's (or a Markdown document's) article as a Document; one with no article text is
    rejected (no_content)."""
    if not page.has_body:
        raise RejectedInput("no_content", f"{source}: the page holds no article text that could be extracted")
    if warnings is None:
        warnings = [] if encoding in ("utf-8", "utf-8-sig", "ascii") else [f"page decoded as {encoding}"]
    return Document(
        id=ident,
        source=source,
        text="\n\n".join(page.lines),
        input_sha256=digest,
        encoding=encoding,
        warnings=warnings,
        title_given=page.title is not None,
        url=page.url,
        published=page.published,
        authors=page.authors,
        description=page.description,
        publisher=page.site_name,
        headings=page.headings,
        declared_language=page.language,
        from_markup=page.from_markup,
    )


def _warc_documents(
    s: WarcSlice, max_bytes: int, seen: Seen | None = None
) -> Iterator[Document | tuple[str, RejectedInput]]:
    stem = s.path.name.split(".")[0]
    for item in read_warc_slice(s, max_bytes):
        if not isinstance(item, WarcPage):
            yield item
            continue
        if seen is not None and seen(item.digest):
            yield item.source, RejectedInput(ALREADY_IN, f"{item.source}: in the dataset already", item.digest)
            continue
        try:
            text, encoding = decode_page(item.payload, item.http_charset)
            ident = safe_id(f"{stem}-{item.source.rpartition('#')[2]}")
            doc = document_from_page(read_page(text, url=item.url), ident, item.source, item.digest, encoding)
            if item.url and doc.url != item.url:  # the page names another address (its canonical link)
                doc.metadata = json.dumps({"warc_target_uri": item.url}, ensure_ascii=False)
            yield doc
        except RejectedInput as exc:
            exc.digest = item.digest
            yield item.source, exc


def read_unit(
    unit: Unit, max_bytes: int, columns: Columns, seen: Seen | None = None
) -> Iterator[Document | tuple[str, RejectedInput]]:
    """The documents of a unit, in order; an input that cannot be one comes as (source, reason).
    With `seen`, an input whose bytes' SHA-256 it knows comes as (source, `already_in`)."""
    if isinstance(unit, RecordSlice):
        for doc in read_slice(unit, columns):
            if seen is not None and isinstance(doc, Document) and seen(doc.input_sha256):
                message = f"{doc.source}: in the dataset already"
                yield doc.source, RejectedInput(ALREADY_IN, message, doc.input_sha256)
            else:
                yield doc
        return
    if isinstance(unit, WarcSlice):
        yield from _warc_documents(unit, max_bytes, seen)
        return
    for item in unit.files:
        try:
            yield read_document(item, max_bytes, seen)
        except RejectedInput as exc:
            yield item.source, exc


def read_raw_text(
    found: Discovery,
    source: str,
    max_bytes: int,
    columns: Columns,
    already_read: Callable[[Unit], list | None] = lambda unit: None,
) -> str | None:
    """The text one source was read as, for showing a diff; None when it is gone or rejected.
    `already_read(unit)` gives what the build read of a unit, if it kept it, so that nothing is
    read (or a page extracted) again."""
    name, _, row = source.rpartition("#")
    holder = _warc_slice_holding(found.units, name, row)
    for unit in found.units:
        if isinstance(unit, WarcSlice):
            if name != unit.name or (unit.seekable and unit is not holder):
                continue
        elif isinstance(unit, RecordSlice):
            if not (name == unit.name and row.isdigit() and unit.start <= int(row) < unit.stop):
                continue
        elif not any(f.source == source for f in unit.files):
            continue
        kept = already_read(unit)
        if kept is not None:
            return next((d.text for d in kept if isinstance(d, Document) and d.source == source), None)
        if isinstance(unit, FileBatch):
            try:
                return read_document(next(f for f in unit.files if f.source == source), max_bytes).text
            except RejectedInput:
                return None
        for doc in read_unit(unit, max_bytes, columns):
            if isinstance(doc, Document) and doc.source == source:
                return doc.text
    return None


def _warc_slice_holding(units: list[Unit], name: str, offset: str) -> WarcSlice | None:
    """The seekable slice of archive `name` whose records include the one at byte `offset`: the
    last that starts at or before it (slices come in the archive's order)."""
    holder = None
    if offset.isdigit():
        for unit in units:
            if (
                isinstance(unit, WarcSlice)
                and unit.name == name
                and unit.seekable
                and unit.offset <= int(offset)
            ):
                holder = unit
    return holder


__all__ = [
    "Columns",
    "FileBatch",
    "RecordSlice",
    "WarcSlice",
    "Unit",
    "read_unit",
    "InputFile",
    "Discovery",
    "discover",
    "read_document",
    "RejectedInput",
    "safe_id",
]
