"""Encoding repair: mojibake, control and invisible characters, no-break spaces, NFC.
Typography (curly quotes, dashes) is kept."""

from __future__ import annotations

import difflib
import re
import unicodedata

import ftfy

from cleanset.document import Edit
from cleanset.fixers.base import Context, FixResult

# Curly quotes and dashes are the publisher's typography, not damage: never fold them to ASCII.
# Line breaks belong to the whitespace fixer, so line offsets stay stable here.
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, normalization="NFC")

# Zero-width and BOM characters anywhere in the text carry no meaning in an article; U+200D is
# kept because emoji sequences need it.
MAX_ROUNDS = 3
INVISIBLE = re.compile("[\u200b\u200c\u2060\ufeff\u00ad\u180e]+")


def fix_encoding(text: str, ctx: Context) -> FixResult:
    """Undo mojibake and strip invisible characters, recording each changed span.

    >>> fix_encoding("Russiaâ€™s stance", Context())[0]
    'Russia’s stance'
    """
    fixed = text
    for _ in range(MAX_ROUNDS):  # stripping an invisible character can expose more mojibake
        before = fixed
        # A no-break space is spacing, never content; as a plain space it also lets ftfy see the
        # "Â " that a mis-decoded no-break space leaves behind.
        fixed = ftfy.fix_text(fixed.replace("\u00a0", " "), config=FTFY_CONFIG)
        fixed = unicodedata.normalize("NFC", INVISIBLE.sub("", fixed))
        if fixed == before:
            break
    if fixed == text:
        return text, []
    return fixed, _diff_edits(text, fixed, "encoding")


def _diff_edits(before: str, after: str, kind: str) -> list[Edit]:
    """Minimal edits turning `before` into `after`, compared line by line where lines align."""
    a_lines = before.split("\n")
    b_lines = after.split("\n")
    if len(a_lines) != len(b_lines):
        return _char_edits(before, after, 0, kind)
    edits: list[Edit] = []
    offset = 0
    for a, b in zip(a_lines, b_lines, strict=True):
        if a != b:
            edits.extend(_char_edits(a, b, offset, kind))
        offset += len(a) + 1
    return edits


def _char_edits(a: str, b: str, base: int, kind: str) -> list[Edit]:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [
        Edit(kind, a[i1:i2], b[j1:j2], base + i1)
        for tag, i1, i2, j1, j2 in sm.get_opcodes()
        if tag != "equal"
    ]
