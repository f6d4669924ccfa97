"""The first pass: small, mergeable counts gathered over the whole build.

Each batch of documents yields a `CorpusStats`; stats from batches, workers or shards combine
with `merge`, so the same evidence is available whether the build runs on one core, many, or Ray.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from cleanset.tokens import FUNCTION_WORDS, line_kind, line_words

SENTENCE_LINE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")
EDGE_LINES = 3
MAX_EDGE_WORDS = 12


def edge_key(line: str) -> str:
    """How a short edge line is compared across documents: case- and space-insensitive."""
    return " ".join(line.split()).casefold()


SEP = "\x1f"
MIN_SPREAD = 2  # the fewest repeats any rule asks of a name run, an edge line or a suffix


def _digest(text: str) -> str:
    return hashlib.blake2b(edge_key(text).encode("utf-8"), digest_size=6).hexdigest()


@dataclass
class CorpusStats:
    """Counts over the build. Residue evidence is counted per distinct context (the line with the
    paragraph beside it, the suffix with the headline before it), so the same story published twice
    does not make its own headline or closing line look like site residue."""

    docs: int = 0
    cap_mid: Counter[str] = field(default_factory=Counter)  # word written Capitalised mid-sentence
    cap_alone: Counter[str] = field(default_factory=Counter)  # ... with no Capitalised word beside it
    low_mid: Counter[str] = field(default_factory=Counter)  # word written lowercase mid-sentence
    name_runs: Counter[str] = field(default_factory=Counter)  # "prime minister tony blair"
    edge_contexts: Counter[str] = field(default_factory=Counter)  # short edge line + its neighbour
    suffix_contexts: Counter[str] = field(default_factory=Counter)  # headline suffix + the headline
    _spread: dict[str, Counter[str]] = field(default_factory=dict, repr=False, compare=False)

    COUNTERS = ("cap_mid", "cap_alone", "low_mid", "name_runs", "edge_contexts", "suffix_contexts")

    def merge(self, other: CorpusStats) -> CorpusStats:
        self.docs += other.docs
        for name in self.COUNTERS:
            getattr(self, name).update(getattr(other, name))
        self._spread.clear()
        return self

    def to_dict(self) -> dict:
        return {"docs": self.docs, **{name: dict(getattr(self, name)) for name in self.COUNTERS}}

    @classmethod
    def from_dict(cls, d: dict) -> CorpusStats:
        return cls(d["docs"], **{name: Counter(d[name]) for name in cls.COUNTERS})

    def compacted(self) -> CorpusStats:
        """The statistics as the second pass reads them, less what cannot sway a decision: name
        runs written once, and edge lines and headline suffixes found in one place only (every
        rule that reads them asks for two or more). Most of a large build's entries are such
        one-offs, and every worker holds a copy. The result is not for merging further.

        >>> first = "Aides of Prime Minister Tony Blair met.\\n\\nTalks ended.\\n\\nScroll to Top"
        >>> stats = gather([first, "Prices rose.\\n\\nScroll to Top"])
        >>> stats.edge_line_spread("Talks ended."), dict(stats.name_runs)
        (1, {'prime minister tony blair': 1})
        >>> c = stats.compacted()
        >>> c.edge_line_spread("Scroll to Top"), c.edge_line_spread("Talks ended."), dict(c.name_runs)
        (2, 0, {})
        """
        out = CorpusStats(self.docs, self.cap_mid, self.cap_alone, self.low_mid)
        out.name_runs = Counter({k: n for k, n in self.name_runs.items() if n >= MIN_SPREAD})
        for name in ("edge_contexts", "suffix_contexts"):
            spread = self._spread_of(name)
            kept = Counter(
                {k: n for k, n in getattr(self, name).items() if spread[k.split(SEP, 1)[0]] >= MIN_SPREAD}
            )
            setattr(out, name, kept)
        return out

    def edge_line_spread(self, line: str) -> int:
        """In how many different places (beside different paragraphs) the line stands at an edge."""
        return self._spread_of("edge_contexts").get(edge_key(line), 0)

    def suffix_spread(self, name: str) -> int:
        """Under how many different headlines the name closes a headline."""
        return self._spread_of("suffix_contexts").get(edge_key(name), 0)

    def _spread_of(self, counter: str) -> Counter[str]:
        if counter not in self._spread:
            self._spread[counter] = Counter(k.split(SEP, 1)[0] for k in getattr(self, counter))
        return self._spread[counter]


CONNECTORS = frozenset({"of", "for", "and", "the", "de", "du", "von", "van", "on", "in", "&"})


def is_capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def count_casing(
    line: str,
    cap: Counter[str],
    alone: Counter[str],
    low: Counter[str],
    runs: set[str] | None = None,
) -> None:
    """Count a prose line's mid-sentence words by casing, and collect its name runs.

    A Capitalised word counts as `alone` when no Capitalised word stands beside it (or across a
    connector, as in "Bank of England"): such a word is a name by itself, while "Department" in
    "Department of Health" is only part of one. A name run is a maximal sequence of two or more
    adjacent Capitalised words ("Prime Minister Tony Blair"), lowercased and joined by spaces.
    """
    words = line_words(line)
    for i, w in enumerate(words):
        t = w.text
        if w.sentence_start or len(t) < 2 or (w.after_stop and not t.islower()):
            continue
        if t.islower():
            low[t] += 1
        elif is_capitalised(t):
            key = t.lower()
            cap[key] += 1
            if not _in_name(line, words, i):
                alone[key] += 1
    if runs is not None:
        runs.update(name_runs(line, words))


def adjacent(line: str, a, b) -> bool:
    """Whether two words are separated by spaces only (no comma, bracket or dash)."""
    return a.end <= b.start and not line[a.end : b.start].strip()


def name_runs(line: str, words: list) -> list[str]:
    """Runs of two or more adjacent Capitalised words, less a head that only opens a sentence."""
    found: list[str] = []
    run: list = []
    for w in [*words, None]:
        if w is not None and w.name_like and (not run or adjacent(line, run[-1], w)):
            if run and (w.sentence_start or w.after_stop):
                run = []
            run.append(w)
            continue
        if run and (run[0].sentence_start or run[0].after_stop):
            run = run[1:]  # a sentence opener's capital says nothing about the name
        if len(run) >= 2:
            found.append(" ".join(x.text.lower() for x in run))
        run = [w] if w is not None and w.name_like else []
    return found


def _in_name(line: str, words: list, i: int) -> bool:
    """Whether a Capitalised word stands beside word i (spaces only between them), or across a
    connector after it. A word opening the sentence counts too ("Prime Minister" may open one),
    unless it is a function word, Capitalised only because it opens the sentence ("The Caribbean")."""

    def cap_at(j: int, k: int) -> bool:
        if not (0 <= j < len(words) and words[j].name_like):
            return False
        w = words[j]
        if (w.sentence_start or w.after_stop) and w.text.lower() in FUNCTION_WORDS:
            return False
        return adjacent(line, words[min(j, k)], words[max(j, k)])

    if cap_at(i - 1, i) or cap_at(i + 1, i):
        return True
    return (
        i + 2 < len(words)
        and words[i + 1].text in CONNECTORS
        and adjacent(line, words[i], words[i + 1])
        and cap_at(i + 2, i + 1)
    )


def gather(texts: list[str]) -> CorpusStats:
    stats = CorpusStats()
    for text in texts:
        add_document(stats, text)
    return stats


def add_document(stats: CorpusStats, text: str) -> None:
    from cleanset.fixers.residue import suffix_candidate

    stats.docs += 1
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines:
        if line_kind(line) != "text" or not SENTENCE_LINE_END.search(line):
            continue  # headlines and headings are Title Cased: no evidence about prose casing
        runs: set[str] = set()
        count_casing(line, stats.cap_mid, stats.cap_alone, stats.low_mid, runs)
        stats.name_runs.update(runs)
    n = len(lines)
    contexts: dict[str, str] = {}  # one context per line and document
    for i in sorted(set(range(min(EDGE_LINES, n))) | set(range(max(0, n - EDGE_LINES), n))):
        if len(lines[i].split()) <= MAX_EDGE_WORDS and n > 1:
            neighbour = lines[i + 1] if i < EDGE_LINES and i + 1 < n else lines[i - 1]
            contexts.setdefault(edge_key(lines[i]), _digest(neighbour))
    stats.edge_contexts.update(f"{key}{SEP}{digest}" for key, digest in contexts.items())
    for found in map(suffix_candidate, lines[:3]):
        if found:
            stats.suffix_contexts[f"{edge_key(found[2])}{SEP}{_digest(found[0])}"] += 1
