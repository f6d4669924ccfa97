"""Word-level differences between an article as read and as repaired, for people to look at."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from cleanset.document import Edit, apply_edits

PIECE = re.compile(r"\s+|\w+|[^\w\s]")
# Matching is quadratic in the worst case: longer texts are shown as their list of edits instead.
MAX_DIFF_CHARS = 40_000


def diffable(text: str) -> bool:
    return len(text) <= MAX_DIFF_CHARS


def replay(raw: str, edits: list[dict]) -> str:
    """The repaired text: a record's edits applied to its input, fixer step by fixer step.

    Consecutive edits of one kind form one step, and their offsets refer to that step's input.
    """
    text = raw
    step: list[Edit] = []
    for e in [*edits, None]:
        if step and (e is None or e["kind"] != step[0].kind):
            text = apply_edits(text, step)
            step = []
        if e is not None:
            step.append(Edit(e["kind"], e["before"], e["after"], e["offset"], e.get("evidence")))
    return text


def word_diff(before: str, after: str) -> Iterator[tuple[str, str]]:
    """(tag, piece) pairs: tag is 'same', 'removed' or 'added'.

    Lines are matched first and words only inside changed lines: most lines of a repaired
    article are untouched, and word matching over a whole article is slow.

    >>> list(word_diff("with moscow", "with Moscow"))
    [('same', 'with'), ('same', ' '), ('removed', 'moscow'), ('added', 'Moscow')]
    """
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            yield from (("same", p) for line in a[i1:i2] for p in PIECE.findall(line))
        else:
            yield from _piece_diff("".join(a[i1:i2]), "".join(b[j1:j2]))


def _piece_diff(before: str, after: str) -> Iterator[tuple[str, str]]:
    a, b = PIECE.findall(before), PIECE.findall(after)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            yield from (("same", p) for p in a[i1:i2])
            continue
        yield from (("removed", p) for p in a[i1:i2])
        yield from (("added", p) for p in b[j1:j2])
