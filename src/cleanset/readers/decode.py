"""Bytes to text: BOMs, UTF-8, a page's declared charset, detection, and refusal of what is not text."""

from __future__ import annotations

import codecs
import re
import zlib


class RejectedInput(Exception):
    """An input that cannot become a record; `reason` is one word from a fixed vocabulary."""

    def __init__(self, reason: str, message: str, digest: str | None = None):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.digest = digest  # the SHA-256 of the input's bytes, where they were read


BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive",
    b"%PDF": "a PDF document",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
}
GZIP_MAGIC = b"\x1f\x8b"
# Bytes no text file holds: C0 controls other than tab, line feed, form feed and carriage return.
NON_TEXT = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
MAX_NON_TEXT_SHARE = 0.05
HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S
)


def gunzip(data: bytes, max_bytes: int, name: str = "input") -> bytes:
    """The content of gzip data (all its members), refused past `max_bytes` decompressed."""
    out = bytearray()
    decomp = zlib.decompressobj(zlib.MAX_WBITS | 16)
    rest = data
    try:
        while rest:
            out += decomp.decompress(rest, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                raise RejectedInput(
                    "too_large", f"{name} decompresses to over {max_bytes} bytes (--max-bytes)"
                )
            if decomp.unconsumed_tail:
                rest = decomp.unconsumed_tail
                continue
            rest = decomp.unused_data
            if rest:
                decomp = zlib.decompressobj(zlib.MAX_WBITS | 16)
    except zlib.error as exc:
        raise RejectedInput("undecodable", f"{name} is damaged gzip data: {exc}") from exc
    if not decomp.eof and not out:
        raise RejectedInput("undecodable", f"{name} is truncated gzip data")
    return bytes(out)


def strip_sparse_nuls(data: bytes) -> tuple[bytes, int]:
    r"""Text with a few NUL bytes in it loses them; data with many non-text bytes is binary.

    >>> strip_sparse_nuls(b"some text\x00 and more text than that")
    (b'some text and more text than that', 1)
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data, 0  # UTF-16 holds a NUL in every ASCII character
    sample = data[:65536]
    non_text = sum(sample.count(bytes([b])) for b in NON_TEXT)
    if sample and non_text / len(sample) > MAX_NON_TEXT_SHARE:
        raise RejectedInput(
            "binary", f"{non_text} of its first {len(sample)} bytes are not text: binary data"
        )
    nuls = data.count(0)
    return (data.replace(b"\x00", b""), nuls) if nuls else (data, 0)


def looks_like_html(data: bytes) -> bool:
    """Markup, told by its content rather than its name.

    >>> looks_like_html(b"  <!DOCTYPE html><html>"), looks_like_html(b"<b>Bold</b> claims")
    (True, False)
    """
    return bool(HTML_START.match(data[:4096].lstrip(codecs.BOM_UTF8)))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name). Raises RejectedInput for binary data.

    >>> decode_bytes("café".encode("cp1252"))
    ('café', 'cp1252')
    >>> decode_bytes(codecs.BOM_UTF8 + "x".encode())
    ('x', 'utf-8-sig')
    """
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise RejectedInput("binary", f"looks like {what}, not text")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise RejectedInput("undecodable", f"UTF-16 byte order mark but invalid UTF-16: {exc}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes: keep UTF-8 and mark the bytes; else a legacy encoding.
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    non_ascii = sum(1 for b in data if b >= 0x80)
    if non_ascii and bad * 4 < non_ascii / 3:
        return replaced, "utf-8 (invalid bytes replaced)"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _codec(name: str | None) -> str | None:
    """Python's name for a declared charset, or None when Python does not know it."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (<meta charset>, http-equiv Content-Type)."""
    from bs4.dammit import EncodingDetector

    return _codec(EncodingDetector.find_declared_encoding(data[:8192], is_html=True))


def decode_page(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a web page: by its byte order mark, then the charset the HTTP header
    declares, then the one the page declares, then UTF-8, and only then detection.

    >>> decode_page('<meta charset="windows-1251"><p>Переговоры</p>'.encode("cp1251"))
    ('<meta charset="windows-1251"><p>Переговоры</p>', 'cp1251')
    """
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    for codec in (_codec(http_charset), declared_charset(data)):
        if codec and codec not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):  # a page cannot be
            # both ASCII-compatible (its meta tag was read as bytes) and UTF-16
            return data.decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), _codec(best.encoding) or best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"
