"""Bytes to text: BOMs, UTF-8, a legacy-encoding fallback, and refusal of what is not text."""

from __future__ import annotations

import codecs


class RejectedInput(Exception):
    """An input that cannot become a record; `reason` is one word from a fixed vocabulary."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive",
    b"%PDF": "a PDF document",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip file",
    b"\x7fELF": "an executable",
}


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
    if b"\x00" in data[:8192]:
        raise RejectedInput("binary", "contains NUL bytes: binary data, not text")
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
