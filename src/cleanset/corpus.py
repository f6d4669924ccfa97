"""The first pass: small, mergeable counts gathered over the whole build.

Each batch of documents yields a `CorpusStats`; stats from batches, workers or shards combine
with `merge`, so the same evidence is available whether the build runs on one core, many, or Ray.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from cleanset.tokens import iter_words, line_kind

SENTENCE_LINE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")
EDGE_LINES = 2
MAX_EDGE_WORDS = 12


def edge_key(line: str) -> str:
    """How a short edge line is compared across documents: case- and space-insensitive."""
    return " ".join(line.split()).casefold()


@dataclass
class CorpusStats:
    docs: int = 0
    cap_mid: Counter[str] = field(default_factory=Counter)  # word written Capitalised mid-sentence
    low_mid: Counter[str] = field(default_factory=Counter)  # word written lowercase mid-sentence
    edge_lines: Counter[str] = field(default_factory=Counter)  # short lines at a document's edges
    title_suffixes: Counter[str] = field(default_factory=Counter)  # "Site Name" closing a headline

    def merge(self, other: CorpusStats) -> CorpusStats:
        self.docs += other.docs
        self.cap_mid.update(other.cap_mid)
        self.low_mid.update(other.low_mid)
        self.edge_lines.update(other.edge_lines)
        self.title_suffixes.update(other.title_suffixes)
        return self

    def to_dict(self) -> dict:
        return {
            "docs": self.docs,
            "cap_mid": dict(self.cap_mid),
            "low_mid": dict(self.low_mid),
            "edge_lines": dict(self.edge_lines),
            "title_suffixes": dict(self.title_suffixes),
        }

    @classmethod
    def from_dict(cls, d: dict) -> CorpusStats:
        return cls(
            d["docs"], Counter(d["cap_mid"]), Counter(d["low_mid"]),
            Counter(d["edge_lines"]), Counter(d["title_suffixes"]),
        )


def gather(texts: list[str]) -> CorpusStats:
    stats = CorpusStats()
    for text in texts:
        add_document(stats, text)
    return stats


def add_document(stats: CorpusStats, text: str) -> None:
    from cleanset.fixers.residue import split_title_suffix

    stats.docs += 1
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines:
        if line_kind(line) != "text" or not SENTENCE_LINE_END.search(line):
            continue  # headlines and headings are Title Cased: no evidence about prose casing
        for w in iter_words(line):
            if w.sentence_start or len(w.text) < 2:
                continue
            if w.text.islower():
                stats.low_mid[w.text] += 1
            elif w.text[0].isupper() and (len(w.text) == 1 or w.text[1:].islower()):
                stats.cap_mid[w.text.lower()] += 1
    edges = set(range(min(EDGE_LINES, len(lines)))) | set(range(max(0, len(lines) - EDGE_LINES), len(lines)))
    for i in sorted(edges):
        if len(lines[i].split()) <= MAX_EDGE_WORDS:
            stats.edge_lines[edge_key(lines[i])] += 1
    for line in lines[:3]:
        split = split_title_suffix(line)
        if split:
            stats.title_suffixes[edge_key(split[1])] += 1
