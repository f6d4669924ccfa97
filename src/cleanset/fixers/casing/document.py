"""The document's own evidence: how it writes each word and name, counted afresh for each text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from cleanset._scan import ProseWords, WordSet, prose_casing
from cleanset.corpus import run_bigrams
from cleanset.fixers.casing.lines import _lines
from cleanset.fixers.casing.thresholds import DOC_NAME_MIN_ALONE
from cleanset.names import (
    JOIN_WORDS,
    is_prose,
)
from cleanset.tokens import line_words


@dataclass
class DocEvidence:
    cap: Counter[str]
    alone: Counter[str]
    low: Counter[str]
    prose: list[str] = field(default_factory=list)  # the lines counted
    lines: list[str] = field(default_factory=list)  # every line of words: prose, headlines, items, cells
    prose_words: ProseWords | None = None  # the prose lines split into words, for the scans that follow

    @cached_property
    def runs(self) -> set[str]:
        """Name runs written in the document: "prime minister tony blair" (found when first asked:
        only a damaged article's weighing asks)."""
        return set(self.prose_words.runs()) if self.prose_words is not None else set()

    @cached_property
    def mixed_pairs(self) -> Counter[str]:
        """Pairs of a name and a lowercase word beside it: "western Europe"."""
        return Counter(self.prose_words.mixed_pairs()) if self.prose_words is not None else Counter()

    @cached_property
    def run_pairs(self) -> frozenset[tuple[str, str]]:
        """Adjacent words inside the document's name runs, no join among them (only a damaged
        article's weighing asks: made when first asked for)."""
        pairs = set()
        for run in self.runs:
            parts = run.split()
            pairs.update(pair for pair in zip(parts, parts[1:], strict=False) if not JOIN_WORDS.intersection(pair))
        return frozenset(pairs)

    @cached_property
    def run_bigrams(self) -> frozenset[str]:
        """Every pair of adjacent words in the document's name runs, joins included."""
        return frozenset(pair for run in self.runs for pair in run_bigrams(run))

    @cached_property
    def named_alone(self) -> frozenset[str]:
        """The words the document writes Capitalised on its own twice or more, and lowercase once."""
        return frozenset(
            w for w, n in self.alone.items() if n >= DOC_NAME_MIN_ALONE and self.low.get(w, 0) == 1
        )

    @cached_property
    def named_alone_set(self) -> WordSet:
        """`named_alone` as the compiled scanner reads it."""
        return WordSet(self.named_alone)

    @cached_property
    def gate_sets(self) -> tuple[WordSet, WordSet]:
        """What the ordinary words' gate reads of the document (`gate.py`): the words it writes
        Capitalised on its own often enough, and the pairs inside its name runs."""
        named = WordSet(w for w, n in self.alone.items() if n >= DOC_NAME_MIN_ALONE)
        return named, WordSet(self.run_bigrams)

    @cached_property
    def written_capitalised(self) -> frozenset[str]:
        """Words the document writes Capitalised anywhere (a headline, a sentence's start): a word
        written so is no misspelling, whatever else it is. Asked for only of words no source knows."""
        return frozenset(w.text.lower() for line in self.lines for w in line_words(line) if w.name_like)

    def writes_lowercase_elsewhere(self, run: str, word: str) -> bool:
        """Beside this use, the document writes the phrase with this word in lowercase more than
        once in four times it writes it Capitalised: its own style ("the No campaign", "the
        Conservative association"), not a slip here. Slips recur too: a name written twenty times
        loses a word more than once, but not the same word each time.

        >>> ev = document_evidence("The Conservative Association met. The Conservative association agreed.")
        >>> ev.writes_lowercase_elsewhere("conservative association", "association")
        False
        >>> ev = document_evidence("A Conservative Association met. A Conservative association agreed. The Conservative association said.")
        >>> ev.writes_lowercase_elsewhere("conservative association", "association")
        True
        >>> ev.writes_lowercase_elsewhere("conservative association", "conservative")
        False
        """
        parts = run.split()
        pattern = re.compile(
            r"(?<![\w'’])" + r"\s+".join(re.escape(p) + r"(?:['’]s)?" for p in parts) + r"(?![\w'’])",
            re.IGNORECASE,
        )
        lowercase = capitalised = 0
        for line in self.prose:
            for m in pattern.finditer(line):
                words = m.group(0).split()
                if any(w[0].islower() for w, p in zip(words, parts, strict=True) if p == word):
                    lowercase += 1
                else:
                    capitalised += 1
        return lowercase - 1 > DOC_STYLE_SHARE * capitalised


# the document's other lowercase uses of a phrase, per Capitalised use, beyond which they are its style
DOC_STYLE_SHARE = 0.25


@lru_cache(maxsize=4)
def document_evidence(text: str) -> DocEvidence:
    """Count the document's prose lines, all in one call to the scanner. The reading, the
    sentence-case and the proper-case fixers ask it of the same text in turn: the last few
    answers are kept (nothing changes a DocEvidence once made)."""
    prose, lines = [], []
    for _, line, kind in _lines(text):
        if is_prose(line, kind):
            prose.append(line)
        if kind in ("text", "item", "table"):
            lines.append(line)
    (cap, alone, low), words = prose_casing(prose)  # counted in the scanner
    return DocEvidence(Counter(cap), Counter(alone), Counter(low), prose, lines, words)


def _named_alone_here(doc: DocEvidence, word: str) -> bool:
    """The document writes the word Capitalised on its own twice or more, and lowercase once."""
    return word in doc.named_alone
