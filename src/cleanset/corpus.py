"""The first pass: small, mergeable counts gathered over the whole build.

Each batch of documents yields a `CorpusStats`; stats from batches, workers or shards combine
with `merge`, so the same evidence is available whether the build runs on one core, many, or Ray.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
from xxhash import xxh3_64_intdigest

from cleanset import _scan
from cleanset.headline_suffix import MAX_EDGE_WORDS, suffix_candidate
from cleanset.names import is_prose
from cleanset.tables import line_kinds

EDGE_LINES = 3


def edge_key(line: str) -> str:
    """How a short edge line is compared across documents: case- and space-insensitive."""
    return " ".join(line.split()).casefold()


MIN_SPREAD = 2  # the fewest repeats any rule asks of a name run, an edge line or a suffix


def key_hash(text: str) -> int:
    """A 64-bit hash of a string, the same in every process (unlike `hash`)."""
    return xxh3_64_intdigest(text.encode("utf-8"))


FOLD_AT = 1 << 16  # pending hashes folded into the sorted arrays this often
MAX_ANSWERS = 1 << 18  # counts a HashedCounts remembers having looked up (about 30 MB at most)


class _Folding:
    """Hashes gathered one by one in a list and merged in as arrays from other batches, folded now
    and then into one sorted array. Subclasses hold the folded array and say how to fold into it."""

    def __init__(self) -> None:
        self._pending: list = []
        self._parts: list = []  # merged in, not yet folded
        self._parts_size = 0

    def _add(self, item) -> None:
        self._pending.append(item)
        if len(self._pending) >= FOLD_AT:
            self._fold()

    def _merge_part(self, part, size: int) -> None:
        self._parts.append(part)
        self._parts_size += size
        # Fold only once the parts outgrow the folded array: folding at every merge would sort
        # the whole build's hashes once per batch, which grows with the square of the input.
        if self._parts_size >= max(FOLD_AT, self._folded_size()):
            self._fold()

    def _fold(self) -> None:
        if not self._pending and not self._parts:
            return
        pending, parts = self._pending, self._parts
        self._pending, self._parts, self._parts_size = [], [], 0
        self._fold_in(pending, parts)

    def _folded_size(self) -> int:
        raise NotImplementedError

    def _fold_in(self, pending: list, parts: list) -> None:
        raise NotImplementedError

    def __getstate__(self) -> dict:
        self._fold()
        return self.__dict__


class HashedCounts(_Folding):
    """A multiset of strings kept as 64-bit hashes: sorted arrays of distinct hashes and their
    counts, 16 bytes per distinct string where a Counter of strings costs over 100. Strings sharing
    a hash would share a count; among a million strings that happens with odds of about 1 in 10^7.

    >>> runs = HashedCounts.of(["tony blair", "tony blair", "gordon brown"])
    >>> runs.get("tony blair"), runs.get("gordon brown"), runs.get("john major"), len(runs)
    (2, 1, 0, 2)
    >>> runs.merge(HashedCounts.of(["gordon brown"])).at_least(2).get("gordon brown")
    2
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys = np.empty(0, np.uint64)
        self.counts = np.empty(0, np.int64)
        self._answers: dict[str, int] = {}  # counts already looked up: the same pairs recur

    def __getstate__(self) -> dict:
        state = dict(super().__getstate__())
        state["_answers"] = {}
        return state

    @classmethod
    def of(cls, texts) -> HashedCounts:
        out = cls()
        for text in texts:
            out.add(text)
        return out

    def add(self, text: str) -> None:
        self._add(key_hash(text))

    def add_hashes(self, keys: list[int]) -> None:
        """Add strings already hashed with `key_hash`."""
        self._pending.extend(keys)
        if len(self._pending) >= FOLD_AT:
            self._fold()

    def merge(self, other: HashedCounts) -> HashedCounts:
        other._fold()
        self._merge_part((other.keys, other.counts), len(other.keys))
        return self

    def get(self, text: str) -> int:
        if self._pending or self._parts:
            self._fold()
        found = self._answers.get(text)
        if found is None:
            keys = self.keys
            key = np.uint64(key_hash(text))
            i = keys.searchsorted(key)
            found = int(self.counts[i]) if i < len(keys) and keys[i] == key else 0
            self._remember(text, found)
        return found

    def _remember(self, text: str, count: int) -> None:
        if len(self._answers) >= MAX_ANSWERS:
            self._answers.clear()
        self._answers[text] = count

    def total(self, texts: list[str]) -> int:
        """The sum of `get` over several strings, looked up together.

        >>> HashedCounts.of(["a", "b", "b"]).total(["a", "b", "c"])
        3
        """
        if self._pending or self._parts:
            self._fold()
        keys = self.keys
        if not len(keys):
            return 0
        answers = self._answers
        found = {t: answers[t] for t in texts if t in answers}
        unknown = [t for t in texts if t not in found]
        if unknown:
            wanted = np.array([key_hash(t) for t in unknown], dtype=np.uint64)
            i = np.minimum(keys.searchsorted(wanted), len(keys) - 1)
            for text, count in zip(unknown, np.where(keys[i] == wanted, self.counts[i], 0).tolist(), strict=True):
                found[text] = count
                self._remember(text, count)
        return sum(found[t] for t in texts)

    def at_least(self, n: int) -> HashedCounts:
        self._fold()
        out = HashedCounts()
        kept = self.counts >= n
        out.keys, out.counts = self.keys[kept], self.counts[kept]
        return out

    def __len__(self) -> int:
        self._fold()
        return len(self.keys)

    def _folded_size(self) -> int:
        return len(self.keys)

    def _fold_in(self, pending: list, parts: list) -> None:
        self._answers = {}
        new = np.array(pending, dtype=np.uint64)
        keys = [self.keys, new] + [k for k, _ in parts]
        counts = [self.counts, np.ones(len(new), np.int64)] + [c for _, c in parts]
        self.keys, inverse = np.unique(np.concatenate(keys), return_inverse=True)
        self.counts = np.bincount(inverse.ravel(), weights=np.concatenate(counts), minlength=len(self.keys))
        self.counts = self.counts.astype(np.int64)


class HashFilter:
    """Which strings a set of `key_hash` values may hold, from one bit each: an answer costs a
    hash and a byte lookup, with no array call. False means absent; True may be a collision, so
    it only spares work that would find nothing. The filter has at least `BITS_PER_KEY` bits a
    key (and 1 MB at least): a collision about one time in sixteen or fewer, however large the
    build (a fixed 1 MB answered falsely about one time in nine at a million keys).

    >>> runs = HashedCounts.of(["tony blair", "gordon brown"])
    >>> found = HashFilter(runs.at_least(1).keys)
    >>> found.may_hold_any(["tony blair"]), found.may_hold_any(["john major", "gordon brown"])
    (True, True)
    >>> found.may_hold_any(["john major"]), found.may_hold_any([])
    (False, False)
    >>> HashFilter(np.arange(1_000_000, dtype=np.uint64)).size // 8 // 2**20  # MB, for a million keys
    2
    """

    MIN_BITS = 1 << 23  # 1 MB
    BITS_PER_KEY = 16

    def __init__(self, keys: np.ndarray) -> None:
        self.size = max(self.MIN_BITS, 1 << (len(keys) * self.BITS_PER_KEY - 1).bit_length())
        bits = np.zeros(self.size // 8, np.uint8)
        slots = (keys % np.uint64(self.size)).astype(np.int64)
        np.bitwise_or.at(bits, slots >> 3, (1 << (slots & 7)).astype(np.uint8))
        self._bits = bits.tobytes()

    @property
    def bits(self) -> bytes:
        """Bit k of byte k // 8 is set where some key is k modulo the filter's size."""
        return self._bits

    def may_hold_any(self, texts: list[str]) -> bool:
        """Whether any of the strings may be held (hashed and looked up in the scanner)."""
        return _scan.filter_may_hold_any(self._bits, texts)


PAIR = np.dtype([("key", np.uint64), ("context", np.uint64)])


class DistinctContexts(_Folding):
    """Distinct (string, context) pairs as 64-bit hashes, 16 bytes a pair: how many different
    contexts (the paragraph beside an edge line, the headline before a suffix) each string has.

    >>> lines = DistinctContexts()
    >>> for line, beside in [("Scroll to Top", "a"), ("Scroll to Top", "b"), ("Scroll to Top", "a"), ("Talks.", "a")]:
    ...     lines.add(line, beside)
    >>> spread = lines.spread()
    >>> spread.get("Scroll to Top"), spread.get("Talks."), len(lines)
    (2, 1, 3)
    """

    def __init__(self) -> None:
        super().__init__()
        self.pairs = np.empty(0, PAIR)

    def add(self, key: str, context: str) -> None:
        self._add((key_hash(key), key_hash(context)))

    def merge(self, other: DistinctContexts) -> DistinctContexts:
        other._fold()
        self._merge_part(other.pairs, len(other.pairs))
        return self

    def spread(self) -> HashedCounts:
        """In how many distinct contexts each string stands."""
        self._fold()
        out = HashedCounts()
        out.keys, out.counts = np.unique(self.pairs["key"], return_counts=True)
        out.counts = out.counts.astype(np.int64)
        return out

    def __len__(self) -> int:
        self._fold()
        return len(self.pairs)

    def _folded_size(self) -> int:
        return len(self.pairs)

    def _fold_in(self, pending: list, parts: list) -> None:
        self.pairs = np.unique(np.concatenate([self.pairs, np.array(pending, dtype=PAIR), *parts]))


@dataclass
class CorpusStats:
    """Counts over the build. Residue evidence is counted per distinct context (the line with the
    paragraph beside it, the suffix with the headline before it), so the same story published twice
    does not make its own headline or closing line look like site residue.

    Strings that mostly occur once in a build (name runs, edge lines, headline suffixes) are kept
    as hashes, so the statistics stay small however large the build; the word counts are bounded
    by the vocabulary."""

    docs: int = 0
    cap_mid: Counter[str] = field(default_factory=Counter)  # word written Capitalised mid-sentence
    cap_alone: Counter[str] = field(default_factory=Counter)  # ... with no Capitalised word beside it
    low_mid: Counter[str] = field(default_factory=Counter)  # word written lowercase mid-sentence
    low_between: Counter[str] = field(default_factory=Counter)  # ... between two Capitalised words
    # adjacent pairs with a name in them, keyed as `name_pairs` gives them
    cap_pairs: HashedCounts = field(default_factory=HashedCounts)  # "Education Secretary"
    mixed_pairs: HashedCounts = field(default_factory=HashedCounts)  # "western Europe"
    name_runs: HashedCounts = field(default_factory=HashedCounts)  # "prime minister tony blair"
    # in how many name runs each pair of adjacent words stands ("tony blair" in "prime minister
    # tony blair"): a run is written no more often than any pair inside it, so a word whose pairs
    # are rare in runs needs no run looked up
    run_bigrams: HashedCounts = field(default_factory=HashedCounts)
    # set by `compacted`: the pairs standing in two name runs or more, for the second pass to ask
    run_bigrams_twice: HashFilter | None = None
    # set by `compacted`: the keys `cap_pairs` keeps there, for a cheap first answer
    cap_pairs_held: HashFilter | None = None
    edge_contexts: DistinctContexts = field(default_factory=DistinctContexts)  # short edge line + neighbour
    suffix_contexts: DistinctContexts = field(default_factory=DistinctContexts)  # headline suffix + headline
    # set by `compacted`: in how many places each edge line and suffix stands, where two or more
    edge_spread: HashedCounts | None = None
    suffix_spread_counts: HashedCounts | None = None

    COUNTERS = (
        "cap_mid",
        "cap_alone",
        "low_mid",
        "low_between",
        "cap_pairs",
        "mixed_pairs",
        "name_runs",
        "run_bigrams",
        "edge_contexts",
        "suffix_contexts",
    )

    def merge(self, other: CorpusStats) -> CorpusStats:
        if self.edge_spread is not None or other.edge_spread is not None:
            raise ValueError("compacted statistics cannot be merged")
        self.docs += other.docs
        for name in self.COUNTERS:
            mine = getattr(self, name)
            (mine.update if isinstance(mine, Counter) else mine.merge)(getattr(other, name))
        return self

    def compacted(self) -> CorpusStats:
        """The statistics as the second pass reads them, less what cannot sway a decision: name
        runs written once, and edge lines and headline suffixes found in one place only (every
        rule that reads them asks for two or more). The result is not for merging further.

        >>> first = "Aides of Prime Minister Tony Blair met.\\n\\nTalks ended.\\n\\nScroll to Top"
        >>> stats = gather([first, "Prices rose.\\n\\nScroll to Top"])
        >>> stats.edge_line_spread("Talks ended."), stats.name_runs.get("prime minister tony blair")
        (1, 1)
        >>> c = stats.compacted()
        >>> c.edge_line_spread("Scroll to Top"), c.edge_line_spread("Talks ended."), len(c.name_runs)
        (2, 0, 0)
        """
        out = CorpusStats(self.docs, self.cap_mid, self.cap_alone, self.low_mid, self.low_between)
        out.name_runs = self.name_runs.at_least(MIN_SPREAD)
        out.run_bigrams_twice = HashFilter(self.run_bigrams.at_least(MIN_SPREAD).keys)
        out.cap_pairs = self.cap_pairs.at_least(MIN_SPREAD)
        out.cap_pairs_held = HashFilter(out.cap_pairs.keys)
        out.mixed_pairs = self.mixed_pairs
        out.edge_spread = self.edge_contexts.spread().at_least(MIN_SPREAD)
        out.suffix_spread_counts = self.suffix_contexts.spread().at_least(MIN_SPREAD)
        return out

    def edge_line_spread(self, line: str) -> int:
        """In how many different places (beside different paragraphs) the line stands at an edge."""
        return _spread(self.edge_spread, self.edge_contexts, line)

    def suffix_spread(self, name: str) -> int:
        """Under how many different headlines the name closes a headline."""
        return _spread(self.suffix_spread_counts, self.suffix_contexts, name)


def _spread(compacted: HashedCounts | None, contexts: DistinctContexts, text: str) -> int:
    """The spread of a string, from the compacted counts where the statistics have them."""
    return (compacted if compacted is not None else contexts.spread()).get(edge_key(text))


class LineCasing(NamedTuple):
    """What prose lines add to the casing counts, each line's in turn."""

    cap: list[str]  # Capitalised mid-sentence words, lowercased
    alone: list[str]  # ... with no Capitalised word beside them
    low: list[str]  # lowercase mid-sentence words
    between: list[str]  # ... standing between two Capitalised words
    runs: list[str]  # name runs, distinct within each line
    cap_pairs: list[str]  # `name_pairs` keys
    mixed_pairs: list[str]


def document_casing(lines: list[str]) -> LineCasing:
    """Count prose lines' mid-sentence words by casing, and collect their name runs and pairs (in
    the compiled scanner, `rust/src/casing.rs`).

    A lowercase word counts in `between` too when it stands between two Capitalised words ("Scottish
    club Rangers"): a word a build often writes so is a common noun in apposition, not part of
    a name. A Capitalised word counts as `alone` when no Capitalised word stands beside it (or across a
    connector, as in "Bank of England"): such a word is a name by itself, while "Department" in
    "Department of Health" is only part of one. A name run is a maximal sequence of two or more
    adjacent Capitalised words ("Prime Minister Tony Blair"), lowercased and joined by spaces.

    >>> found = document_casing(["Aides of Prime Minister Tony Blair met in the Scottish club Rangers."])
    >>> found.cap, found.alone, found.between
    (['prime', 'minister', 'tony', 'blair', 'scottish', 'rangers'], ['scottish', 'rangers'], ['club'])
    >>> found.runs
    ['prime minister tony blair']
    """
    return LineCasing(*_scan.document_casing(lines))


def first_pass_casing(stats: CorpusStats, lines: list[str]) -> tuple[list[int], list[int], list[int], list[int]]:
    """Count a document's prose lines into `stats`' word counters (in the compiled scanner, as
    `document_casing`'s words would be counted), and return the keys the build counts as
    `key_hash` gives them: name runs, the distinct pairs inside each run (`run_bigrams`),
    cap_pairs and mixed_pairs.

    >>> stats = CorpusStats()
    >>> runs, bigrams, _, _ = first_pass_casing(stats, ["Aides of Prime Minister Tony Blair met."])
    >>> runs == [key_hash("prime minister tony blair")], len(bigrams), stats.cap_mid["blair"]
    (True, 3, 1)
    """
    return _scan.first_pass_casing(lines, stats.cap_mid, stats.cap_alone, stats.low_mid, stats.low_between)


def run_bigrams(run: str) -> set[str]:
    """The distinct pairs of adjacent words in a name run.

    >>> sorted(run_bigrams("bank of england"))
    ['bank of', 'of england']
    """
    parts = run.split()
    return {f"{a} {b}" for a, b in zip(parts, parts[1:], strict=False)}


def gather(texts: list[str]) -> CorpusStats:
    stats = CorpusStats()
    for text in texts:
        add_document(stats, text)
    return stats


def add_document(stats: CorpusStats, text: str, casing: bool = True) -> None:
    """Count one document into `stats`. Without `casing`, the casing counts, which only the
    proper-case fixer reads, are left out."""
    stats.docs += 1
    raw = text.splitlines()
    lines = [ln.strip() for ln in raw if ln.strip()]
    if casing:
        _add_casing(stats, raw, lines)
    _add_edges(stats, lines)


def _add_casing(stats: CorpusStats, raw: list[str], lines: list[str]) -> None:
    kinds = [k for ln, k in zip(raw, line_kinds(raw), strict=True) if ln.strip()]
    prose = [line for line, kind in zip(lines, kinds, strict=True) if is_prose(line, kind)]
    if not prose:
        return
    # the whole document's lines in one call: the words counted in, the keys handed back hashed
    runs, bigrams, cap_pairs, mixed_pairs = first_pass_casing(stats, prose)
    stats.name_runs.add_hashes(runs)
    stats.run_bigrams.add_hashes(bigrams)
    stats.cap_pairs.add_hashes(cap_pairs)
    stats.mixed_pairs.add_hashes(mixed_pairs)


def _add_edges(stats: CorpusStats, lines: list[str]) -> None:
    n = len(lines)
    contexts: dict[str, str] = {}  # one context per line and document
    for i in sorted(set(range(min(EDGE_LINES, n))) | set(range(max(0, n - EDGE_LINES), n))):
        if len(lines[i].split()) <= MAX_EDGE_WORDS and n > 1:
            neighbour = lines[i + 1] if i < EDGE_LINES and i + 1 < n else lines[i - 1]
            contexts.setdefault(edge_key(lines[i]), edge_key(neighbour))
    for key, neighbour in contexts.items():
        stats.edge_contexts.add(key, neighbour)
    for found in map(suffix_candidate, lines[:3]):
        if found:
            stats.suffix_contexts.add(edge_key(found[2]), edge_key(found[0]))


# --- kept with a dataset, for the batches appended to it ----------------------------------------

WORD_COUNTERS = ("cap_mid", "cap_alone", "low_mid", "low_between")
HASHED_COUNTS = ("cap_pairs", "mixed_pairs", "name_runs", "run_bigrams")
CONTEXTS = ("edge_contexts", "suffix_contexts")


def save_stats(stats: CorpusStats, folder: Path) -> None:
    """Write uncompacted statistics to `folder` in formats that hold no code: the word counts as
    Parquet (`corpus-words.parquet`), the hashed counts and contexts as arrays (`corpus-hashes.npz`).

    >>> import tempfile
    >>> stats = gather(["Aides of Prime Minister Tony Blair met.\\n\\nScroll to Top"])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     save_stats(stats, Path(tmp))
    ...     again = load_stats(Path(tmp))
    >>> again.docs, again.cap_mid["blair"], again.name_runs.get("prime minister tony blair")
    (1, 1, 1)
    >>> again.merge(stats).compacted().name_runs.get("prime minister tony blair")
    2
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    names, words, counts = [], [], []
    for name in WORD_COUNTERS:
        counter: Counter[str] = getattr(stats, name)
        names.extend([name] * len(counter))
        words.extend(counter.keys())
        counts.extend(counter.values())
    table = pa.table(
        {
            "counter": pa.array(names, pa.string()).dictionary_encode(),
            "word": pa.array(words, pa.string()),
            "count": pa.array(counts, pa.int64()),
        }
    )
    pq.write_table(table, folder / "corpus-words.parquet", compression="zstd")
    arrays: dict[str, np.ndarray] = {"docs": np.array([stats.docs], np.int64)}
    for name in HASHED_COUNTS:
        hashed: HashedCounts = getattr(stats, name)
        hashed._fold()
        arrays[f"{name}.keys"], arrays[f"{name}.counts"] = hashed.keys, hashed.counts
    for name in CONTEXTS:
        contexts: DistinctContexts = getattr(stats, name)
        contexts._fold()
        arrays[f"{name}.key"] = contexts.pairs["key"]
        arrays[f"{name}.context"] = contexts.pairs["context"]
    with open(folder / "corpus-hashes.npz", "wb") as fh:
        np.savez(fh, **arrays)


def load_stats(folder: Path) -> CorpusStats:
    """The statistics `save_stats` wrote, ready to merge a new batch's into."""
    import pyarrow.parquet as pq

    stats = CorpusStats()
    import pyarrow.compute as pc

    table = pq.read_table(folder / "corpus-words.parquet")
    names = table.column("counter").cast("string")
    for name in WORD_COUNTERS:
        rows = table.filter(pc.equal(names, name))
        words, counts = rows.column("word").to_pylist(), rows.column("count").to_pylist()
        setattr(stats, name, Counter(dict(zip(words, counts, strict=True))))
    with np.load(folder / "corpus-hashes.npz", allow_pickle=False) as arrays:
        stats.docs = int(arrays["docs"][0])
        for name in HASHED_COUNTS:
            hashed = getattr(stats, name)
            hashed.keys, hashed.counts = arrays[f"{name}.keys"], arrays[f"{name}.counts"]
        for name in CONTEXTS:
            pairs = np.empty(len(arrays[f"{name}.key"]), PAIR)
            pairs["key"], pairs["context"] = arrays[f"{name}.key"], arrays[f"{name}.context"]
            getattr(stats, name).pairs = pairs
    return stats
