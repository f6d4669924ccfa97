"""Exact and near-duplicate detection across a build: MinHash signatures (datasketch) with LSH
banding done over arrays.

Signatures are computed in the first pass, where every document is read anyway, from word
5-gram shingles of the lowercased text, so the cleaner's own repairs do not hide a duplicate.
Clusters form in input order: each document joins the cluster of the earliest earlier document it
matches, and `duplicate_of` names that cluster's first member.

A build holds one signature per document until the clusters are known, so they are kept as rows
of one array (NUM_PERM 32-bit values and an 8-byte hash of the words, about 270 bytes a document)
rather than as objects; an index of Python objects (datasketch's `MinHashLSH`) costs several
kilobytes a document, which on a crawl of hundreds of thousands of articles is most of the memory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SCHEME = "affine32"
SHINGLE_WORDS = 5
# Chosen on the 2,225 BBC News articles of the development corpus: pairs that are the same article
# (republished or revised) score 0.56 and above, different articles on the same story 0.47 and below.
DEFAULT_THRESHOLD = 0.5
WORD = re.compile(r"\w+")
# Buckets larger than this are compared member by member instead of as one list of pairs.
PAIRS_AT_ONCE = 256


@dataclass
class Signatures:
    """Duplicate signatures of documents, one row each, in input order."""

    sources: list[str]
    exact: np.ndarray  # (n,) uint64: hash of the normalised word sequence
    minhash: np.ndarray  # (n, NUM_PERM) uint32

    def __len__(self) -> int:
        return len(self.sources)

    @classmethod
    def concat(cls, parts: Iterable[Signatures]) -> Signatures:
        parts = list(parts)
        if not parts:
            return cls([], np.zeros(0, np.uint64), np.zeros((0, NUM_PERM), np.uint32))
        return cls(
            [s for p in parts for s in p.sources],
            np.concatenate([p.exact for p in parts]),
            np.concatenate([p.minhash for p in parts]),
        )


def signatures(docs: Iterable[tuple[str, str]]) -> Signatures:
    """Signatures of (source, text) pairs."""
    sources, exact, rows = [], [], []
    for source, text in docs:
        words = WORD.findall(text.lower())
        digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
        k = SHINGLE_WORDS if len(words) >= SHINGLE_WORDS else 1
        shingles = {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}
        m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_permutations())
        m.update_batch([s.encode("utf-8") for s in shingles])
        sources.append(source)
        exact.append(int.from_bytes(digest, "little"))
        rows.append(m.hashvalues)
    minhash = np.array(rows, dtype=np.uint64).reshape(len(rows), NUM_PERM)
    # affine32 keeps every value below 2**32, so nothing is lost in 32 bits
    assert not (minhash >> np.uint64(32)).any()
    return Signatures(sources, np.array(exact, dtype=np.uint64), minhash.astype(np.uint32))


def signature(source: str, text: str) -> Signatures:
    return signatures([(source, text)])


@lru_cache(maxsize=1)
def _permutations():
    """The hash permutations for seed 1, drawn once rather than for every document."""
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


@dataclass(frozen=True)
class Match:
    first: str  # source of the cluster's first member
    score: float  # estimated Jaccard similarity with it (1.0 for an exact duplicate)


def find_duplicates(parts: Iterable[Signatures], threshold: float = DEFAULT_THRESHOLD) -> dict[str, Match]:
    """source -> Match for every document that duplicates an earlier one, in input order.

    >>> a = signature("a", "The river rose overnight and residents left their homes early today.")
    >>> b = signature("b", "The river rose overnight, and residents left their homes early today!")
    >>> c = signature("c", "Prices of fish fell sharply at the market on Monday morning, traders said.")
    >>> find_duplicates([a, b, c])
    {'b': Match(first='a', score=1.0)}
    """
    sigs = Signatures.concat(parts)
    n = len(sigs)
    if n < 2:
        return {}
    _, first_index, inverse = np.unique(sigs.exact, return_index=True, return_inverse=True)
    same_as = first_index[inverse.reshape(-1)]  # earliest document with the same words
    rows = np.arange(n)
    nearest = _earliest_near_match(sigs.minhash, np.flatnonzero(same_as == rows), threshold)

    root = rows.copy()
    found: dict[str, Match] = {}
    for j in sorted(set(np.flatnonzero(same_as != rows).tolist()) | set(nearest)):
        if same_as[j] != j:
            root[j] = root[same_as[j]]
            score = 1.0
        else:
            root[j] = root[nearest[j]]
            score = round(_similarity(sigs.minhash[j], sigs.minhash[root[j]]), 4)
        found[sigs.sources[j]] = Match(sigs.sources[root[j]], score)
    return found


def _similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The MinHash estimate of Jaccard similarity, as datasketch's `MinHash.jaccard` computes it."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def _earliest_near_match(minhash: np.ndarray, members: np.ndarray, threshold: float) -> dict[int, int]:
    """For each of `members` (row numbers, ascending) that scores `threshold` or more with an
    earlier member sharing an LSH band, the earliest such member.

    LSH only proposes candidates (its bands cannot express very high thresholds); the estimate
    decides. The bands are those datasketch's `MinHashLSH` picks for the threshold.
    """
    lsh = MinHashLSH(threshold=min(threshold, 0.9), num_perm=NUM_PERM)
    earlier: list[np.ndarray] = []
    later: list[np.ndarray] = []
    sub = minhash if len(members) == len(minhash) else minhash[members]
    for start, end in lsh.hashranges:
        keys = _row_keys(sub[:, start:end])
        order = np.lexsort((np.arange(len(keys)), keys))
        sorted_keys = keys[order]
        bounds = np.flatnonzero(np.diff(sorted_keys)) + 1
        for group in np.split(order, bounds):
            if len(group) < 2:
                continue
            a, b = _pairs_over_threshold(sub, group, threshold)
            earlier.append(a)
            later.append(b)
    best: dict[int, int] = {}
    if earlier:
        a = members[np.concatenate(earlier)]
        b = members[np.concatenate(later)]
        for i, j in sorted(zip(b.tolist(), a.tolist(), strict=True), reverse=True):
            best[i] = j  # pairs come sorted descending, so the earliest earlier member is written last
    return best


def _pairs_over_threshold(
    sub: np.ndarray, group: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """(earlier, later) positions of the pairs in one bucket whose estimate reaches the threshold."""
    need = threshold * NUM_PERM
    if len(group) <= PAIRS_AT_ONCE:
        i, j = np.triu_indices(len(group), k=1)
        a, b = group[i], group[j]
        keep = np.count_nonzero(sub[a] == sub[b], axis=1) >= need
        return a[keep], b[keep]
    out_a, out_b = [], []
    for t in range(1, len(group)):
        hits = np.count_nonzero(sub[group[:t]] == sub[group[t]], axis=1) >= need
        out_a.append(group[:t][hits])
        out_b.append(np.full(int(hits.sum()), group[t]))
    return np.concatenate(out_a), np.concatenate(out_b)


_MIX = np.uint64(0x9E3779B97F4A7C15)


def _row_keys(rows: np.ndarray) -> np.ndarray:
    """One 64-bit key per row of a band. Equal rows give equal keys; a rare collision of unequal
    rows only proposes a candidate that the similarity check then turns down."""
    keys = np.zeros(len(rows), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in rows.T:
            keys = (keys ^ column.astype(np.uint64)) * _MIX
            keys ^= keys >> np.uint64(29)
    return keys
