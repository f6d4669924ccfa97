"""Inputs to Documents. Nothing outside this package knows about file formats."""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cleanset.document import Document
from cleanset.readers.decode import RejectedInput, decode_bytes
from cleanset.readers.html_page import html_to_lines

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
DEFAULT_MAX_BYTES = 20_000_000
UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class InputFile:
    path: Path
    root: Path

    @property
    def source(self) -> str:
        return self.path.relative_to(self.root).as_posix() if self.path != self.root else self.path.name


@dataclass
class Discovery:
    files: list[InputFile] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # by extension
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (path, reason, message)


def discover(inputs: list[Path]) -> Discovery:
    """Every article file under the inputs, in a deterministic order; other files are counted."""
    found = Discovery()
    seen: set[Path] = set()
    for given in inputs:
        if given.is_file():
            _consider(given, given.parent, found, seen)
            continue
        for dirpath, dirnames, filenames in os.walk(given, followlinks=False):
            dirnames.sort()
            for name in sorted(filenames):
                _consider(Path(dirpath) / name, given, found, seen)
    return found


def _consider(path: Path, root: Path, found: Discovery, seen: set[Path]) -> None:
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # a dangling link or a link loop
        found.problems.append((str(path), "unreadable", f"cannot resolve path: {exc}"))
        return
    if real in seen:
        return
    seen.add(real)
    suffix = path.suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        found.files.append(InputFile(path, root))
    elif not path.name.startswith("."):
        found.skipped[suffix or "(none)"] += 1


def safe_id(stem: str) -> str:
    """A stem made safe to use in paths and URLs: no separators, no leading dots.

    >>> safe_id("../etc/passwd"), safe_id("Ukraine talks (1)")
    ('etc_passwd', 'Ukraine_talks_1')
    """
    cleaned = UNSAFE_ID_CHARS.sub("_", stem).strip("._-")
    return cleaned or "article"


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


__all__ = [
    "InputFile",
    "Discovery",
    "discover",
    "read_document",
    "RejectedInput",
    "safe_id",
]
