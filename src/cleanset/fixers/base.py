"""What every fixer shares: the signature, the context it reads, and edit-recording substitution."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cleanset.document import Edit

if TYPE_CHECKING:
    from cleanset.corpus import CorpusStats
    from cleanset.lexicon import CasingLexicon


# The casing reading of an article, as the record's `casing` field names it (fixers/casing/reading.py)
CLEAN, REPAIRED, LOWERCASE = "clean", "repaired", "lowercase"


@dataclass(frozen=True)
class CasingReading:
    """What an article shows of casing damage: its `state` and the signals that decided it."""

    state: str  # CLEAN, REPAIRED (damage shown: the casing fixers run) or LOWERCASE (all of it)
    lowercase_starts: int = 0
    name_slips: tuple[str, ...] = ()
    # what earlier fixers repaired: the text went through a process that damages text
    missing_spaces: int = 0
    mojibake: int = 0

    @property
    def damaged(self) -> bool:
        return self.state != CLEAN


@dataclass
class Context:
    """What a fixer may consult besides the text: build-wide statistics and lexicons."""

    corpus: CorpusStats | None = None
    lexicon: CasingLexicon | None = None
    language: str | None = "en"
    casing: str = "default"  # or "strict": names lifted on the document's and the build's evidence only
    title_given: bool = False  # the text's first line is the headline the input named (a page's title)
    from_markup: bool = False  # the text was rendered from HTML (a page), not typed as it stands
    casing_reading: CasingReading | None = None  # the article's casing reading, made before the casing fixers
    earlier_edits: list[Edit] = field(default_factory=list)  # what the fixers before this one changed


FixResult = tuple[str, list[Edit]]
FixFunction = Callable[[str, Context], FixResult]


@dataclass(frozen=True)
class Fixer:
    name: str
    description: str
    run: FixFunction
    english_only: bool = False
    reads_casing: bool = False  # runs only on articles the casing reading finds damaged


def sub_with_edits(
    text: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str | None], kind: str
) -> FixResult:
    """Like `pattern.sub(repl, text)`, recording an Edit for each match that changes.

    `repl` returns the replacement, or None to leave the match as it is.
    """
    out: list[str] = []
    edits: list[Edit] = []
    pos = 0
    for m in pattern.finditer(text):
        new = repl(m)
        if new is None or new == m.group(0):
            continue
        out.append(text[pos : m.start()])
        out.append(new)
        edits.append(Edit(kind, m.group(0), new, m.start()))
        pos = m.end()
    if not edits:
        return text, []
    out.append(text[pos:])
    return "".join(out), edits


def replace_spans(text: str, spans: list[tuple], kind: str) -> FixResult:
    """Replace sorted, non-overlapping (start, end, new) or (start, end, new, evidence) spans,
    recording an Edit for each."""
    out: list[str] = []
    edits: list[Edit] = []
    pos = 0
    for start, end, new, *evidence in spans:
        if text[start:end] == new:
            continue
        out.append(text[pos:start])
        out.append(new)
        edits.append(Edit(kind, text[start:end], new, start, evidence[0] if evidence else None))
        pos = end
    if not edits:
        return text, []
    out.append(text[pos:])
    return "".join(out), edits
