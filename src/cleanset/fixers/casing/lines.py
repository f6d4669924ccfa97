"""The lines a casing fixer reads (outside code fences, with their kinds) and how it writes a capital."""

from __future__ import annotations

import re
from functools import lru_cache

from cleanset.tables import line_kinds

FENCE = re.compile(r"^\s*(```|~~~)")


@lru_cache(maxsize=4)
def _lines(text: str) -> tuple[tuple[int, str, str], ...]:
    """(offset, line, kind) for every line outside code fences. The reading and both casing
    fixers ask it of the same text in turn: the last few answers are kept."""
    found = []
    pos = 0
    fenced = False
    lines = text.split("\n")
    for line, kind in zip(lines, line_kinds(lines), strict=True):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            found.append((pos, line, kind))
        pos += len(line) + 1
    return tuple(found)


def _looks_broken(line: str, start: int) -> bool:
    """The token opening at `start` looks like mojibake by ftfy's own measure, as it is or once
    Capitalised ("à†", "â‘" as "Â‘", "â " as "Â "), or the line once it is Capitalised is one the
    encoding fixer would decode ("ä‘ Ã©" as "Ä‘ Ã©", "đ é"): its first letter may be half of a
    broken character, which a capital would turn into another.

    >>> [_looks_broken(line, 0) for line in ["â the", "â‘ said", "état de grâce", "ä‘ Ã©"]], _looks_broken("¬ø", 1)
    ([True, True, False, True], True)
    """
    begin = start
    while begin > 0 and not line[begin - 1].isspace():
        begin -= 1  # what stands before the word in its token counts too: "¬ø" as "¬Ø" is "¯"
    end = start
    while end < len(line) and not line[end].isspace():
        end += 1
    token = line[begin:end]
    if token.isascii():
        return False
    from ftfy.badness import is_bad

    # the space after it counts too: "Â " is a broken no-break space where "â " is two words
    after = line[end : end + 1]
    raised = token[: start - begin] + _capitalise(token[start - begin :])
    if is_bad(token + after) or is_bad(raised + after):
        return True
    from cleanset.fixers.encoding import fix_text_gated

    raised_line = line[:begin] + raised + line[end:]
    return fix_text_gated(raised_line) != raised_line and fix_text_gated(line) == line


def _capitalise(word: str) -> str:
    return word[0].upper() + word[1:]
