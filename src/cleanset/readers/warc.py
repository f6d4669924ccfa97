"""WARC archives (.warc, .warc.gz) as crawlers and Common Crawl write them, read with FastWARC.

Each `response` record whose HTTP payload is HTML is one article; request, metadata, revisit,
warcinfo and non-HTML responses are counted and skipped. One scan of the archive finds where
its records start, so it is cut into `WarcSlice`s that a worker reads on its own by seeking to
the slice's first record: a gzipped WARC is a series of gzip members, one a record. An archive
gzipped as one stream cannot be entered in the middle; its slices are read from the start, each
worker keeping its stream open between the slices it reads in order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cleanset.readers.decode import RejectedInput

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


class WarcProblem(Exception):
    """An archive that cannot be read at all."""


@dataclass(frozen=True)
class WarcSlice:
    """`records` consecutive records of one archive (every type), from the record at byte
    `offset` (number `first` in the archive), holding `articles` HTML responses."""

    path: Path
    root: Path
    offset: int
    first: int
    records: int
    articles: int
    seekable: bool = True

    @property
    def name(self) -> str:
        from cleanset.readers.records import relative_name

        return relative_name(self.path, self.root)

    def __len__(self) -> int:
        return self.articles


def is_warc(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(WARC_SUFFIXES)


def _iterate(fh, parse_http: bool):
    from fastwarc.warc import ArchiveIterator

    # a file object, never a name: FastWARC would open a URL given as one (through fsspec)
    return ArchiveIterator(fh, parse_http=parse_http, auto_decode="all", fsspec_args=False)


def _is_html_response(record) -> bool:
    from fastwarc.warc import WarcRecordType

    if record.record_type != WarcRecordType.response or not record.is_http:
        return False
    return (record.http_content_type or "").split(";")[0].strip().lower() in HTML_TYPES


def _skip_label(record) -> str:
    from fastwarc.warc import WarcRecordType

    if record.record_type == WarcRecordType.response:
        return "warc non-HTML responses"
    return f"warc {str(record.record_type).rpartition('.')[2]} records"


def slice_warc(path: Path, root: Path, articles: int, skipped: Counter) -> list[WarcSlice]:
    """The archive cut into slices of about `articles` HTML responses each; what is skipped is
    counted into `skipped`. Raises WarcProblem."""
    slices: list[WarcSlice] = []
    start_offset, start_index, html, index = 0, 0, 0, 0
    try:
        with open(path, "rb") as fh:
            for index, record in enumerate(_iterate(fh, parse_http=True)):  # noqa: B007
                if index == start_index:
                    start_offset = record.stream_pos
                if _is_html_response(record):
                    html += 1
                else:
                    skipped[_skip_label(record)] += 1
                if html == articles:
                    slices.append(
                        WarcSlice(path, root, start_offset, start_index, index + 1 - start_index, html)
                    )
                    start_index, html = index + 1, 0
    except OSError as exc:
        raise WarcProblem(f"not a readable WARC archive: {exc}") from exc
    if html:
        slices.append(WarcSlice(path, root, start_offset, start_index, index + 1 - start_index, html))
    if len(slices) > 1 and not _enters_at(path, slices[1].offset):
        slices = [
            WarcSlice(s.path, s.root, 0, s.first, s.records, s.articles, seekable=False) for s in slices
        ]
    return slices


def _enters_at(path: Path, offset: int) -> bool:
    """Whether a record can be read by seeking to `offset` (false for a one-stream gzip archive)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            next(iter(_iterate(fh, parse_http=False)))
        return True
    except (OSError, StopIteration):
        return False


_open_stream: dict[Path, tuple] = {}  # path -> (file, iterator, index of the next record)


def _records(s: WarcSlice):
    if s.seekable:
        with open(s.path, "rb") as fh:
            fh.seek(s.offset)
            for n, record in enumerate(_iterate(fh, parse_http=True)):
                if n >= s.records:
                    return
                yield record
        return
    state = _open_stream.get(s.path)
    if state is None or state[2] > s.first:
        for old in _open_stream.values():
            old[0].close()
        _open_stream.clear()
        fh = open(s.path, "rb")  # noqa: SIM115 (kept open between slices read in order)
        state = (fh, iter(_iterate(fh, parse_http=True)), 0)
    fh, it, index = state
    while index < s.first:
        next(it)
        index += 1
    for _ in range(s.records):
        record = next(it, None)
        if record is None:
            break
        index += 1
        _open_stream[s.path] = (fh, it, index)
        yield record
    _open_stream[s.path] = (fh, it, index)


@dataclass
class WarcPage:
    """One HTML response: where it is, its target URI, its payload and the HTTP charset."""

    source: str
    url: str | None
    payload: bytes
    http_charset: str | None
    digest: str


def read_warc_slice(s: WarcSlice, max_bytes: int) -> Iterator[WarcPage | tuple[str, RejectedInput]]:
    """The HTML responses of the slice, in order."""
    try:
        for record in _records(s):
            if not _is_html_response(record):
                continue
            source = f"{s.name}#{record.stream_pos}" if s.seekable else f"{s.name}#{record.record_id}"
            if record.content_length > max_bytes:
                yield (
                    source,
                    RejectedInput(
                        "too_large", f"record of {record.content_length} bytes, over the limit of {max_bytes}"
                    ),
                )
                continue
            payload = record.reader.read()
            yield WarcPage(
                source=source,
                url=record.headers.get("WARC-Target-URI"),
                payload=payload,
                http_charset=record.http_charset,
                digest=hashlib.sha256(payload).hexdigest(),
            )
    except OSError as exc:
        yield f"{s.name}#{s.offset}", RejectedInput("unreadable", f"the archive breaks off: {exc}")
