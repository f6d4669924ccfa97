"""Exact and near-duplicate detection across a build: MinHash signatures (datasketch's "affine32"
scheme, computed over whole batches with numpy) with LSH banding done over arrays.

Signatures are computed in the first pass, where every document is read anyway, from word
5-gram shingles of the lowercased text, so the cleaner's own repairs do not hide a duplicate.
Clusters form in input order: each document joins the cluster of the earliest earlier document it
matches, and `duplicate_of` names that cluster's first member.

A build keeps one signature per document until the clusters are known: NUM_PERM 32-bit values, an
8-byte hash of the words and the source name, about 300 bytes a document. `SignatureStore` writes
the values and names to a temporary folder as batches arrive and keeps only the 8-byte hashes in
memory; the LSH bands are then read back one band at a time, so memory holds one band's keys
(8 bytes a document) and the rows of that band's candidates, not every signature. An index of
Python objects (datasketch's `MinHashLSH`) would cost several kilobytes a document.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import xxhash

NUM_PERM = 64
SCHEME = "affine32"
SHINGLE_WORDS = 5
# Chosen on the 2,225 BBC News articles of the development corpus: pairs that are the same article
# (republished or revised) score 0.56 and above, different articles on the same story 0.47 and below.
# Checked again when shingles came to be hashed from their words' hashes (below): over five
# permutation seeds, 167, 168, 166, 169, 166 duplicates against 167, 168, 167, 169, 169 with each
# shingle's string hashed, the same 169 articles in all; on the 66 pairs found that are not word
# for word the same, the estimate's mean absolute error against the true Jaccard similarity of
# their 5-gram sets was 0.021 against 0.023 (`make bench-dedup`).
DEFAULT_THRESHOLD = 0.5
WORD = re.compile(r"\w+")
# Each word's 32-bit hash. A shingle's hash is its words' hashes, each times the odd constant of
# its place, summed modulo 2**32 (`shingle_hash`), which numpy computes for a whole batch without
# building the shingles as strings; the "affine32" scheme then mixes it with MurmurHash3's
# finalizer before the permutations.
WORD_HASH = xxhash.xxh32_intdigest
SHINGLE_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1], dtype=np.uint32)
# Buckets larger than this are compared member by member instead of as one list of pairs.
PAIRS_AT_ONCE = 256
# Signature rows read back from the store at a time (64k rows of 256 bytes: 16 MB).
ROWS_PER_READ = 1 << 16
# How the rows of a dataset's earlier batches are named in a store: by row number (their sources
# may repeat a new batch's, and a Match names them this way)
EARLIER = "\x00earlier:"


def earlier_row(source: str) -> int | None:
    """The row number of an earlier batch's row named by a Match, else None."""
    return int(source[len(EARLIER) :]) if source.startswith(EARLIER) else None


@dataclass
class Signatures:
    """Duplicate signatures of documents, one row each, in input order."""

    sources: list[str]
    exact: np.ndarray  # (n,) uint64: hash of the normalised word sequence
    minhash: np.ndarray  # (n, NUM_PERM) uint32

    def __len__(self) -> int:
        return len(self.sources)


def signatures(docs: Iterable[tuple[str, str]]) -> Signatures:
    """Signatures of (source, text) pairs: the values datasketch's `MinHash(num_perm=64, seed=1,
    scheme="affine32", hashfunc=shingle_hash)` gives each document's word 5-grams (a document of
    fewer words: its words; no words: the empty string), for a batch at once."""
    sources, exact, word_hashes, counts = [], [], [], []
    for source, text in docs:
        words = WORD.findall(text.lower()) or [""]
        digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
        word_hashes.extend(map(WORD_HASH, map(str.encode, words)))
        counts.append(len(words))
        sources.append(source)
        exact.append(int.from_bytes(digest, "little"))
    minhash = np.empty((NUM_PERM, len(sources)), dtype=np.uint32)
    if sources:
        values, starts = _shingle_values(np.array(word_hashes, dtype=np.uint32), np.array(counts))
        a, b = _permutations()
        mixed = _fmix32(values)
        permuted = np.empty_like(mixed)
        # One permutation at a time over every shingle of the batch: contiguous rows, reused in
        # place. A (shingles x permutations) block reduced along its first axis is strided and
        # several times slower for the same values.
        for k in range(NUM_PERM):
            np.multiply(mixed, a[k], out=permuted)  # uint32: wraps modulo 2**32, as intended
            permuted += b[k]
            np.minimum.reduceat(permuted, starts, out=minhash[k])
    return Signatures(sources, np.array(exact, dtype=np.uint64), np.ascontiguousarray(minhash.T))


def shingle_hash(shingle: bytes) -> int:
    """The 32-bit hash of one shingle, its words joined by spaces: each word's xxHash times the
    odd constant of its place, summed modulo 2**32; a lone word (a document too short for a
    5-gram counts its words) is its xxHash. `signatures` computes the same for a whole batch.

    >>> shingle_hash(b"the river rose overnight and") == shingle_hash(b"river the rose overnight and")
    False
    """
    words = shingle.split(b" ")
    if len(words) == 1:
        return WORD_HASH(shingle)
    return sum(WORD_HASH(w) * int(m) for w, m in zip(words, SHINGLE_MIX, strict=True)) % 2**32


def _shingle_values(word_hashes: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every document's shingle hashes, documents one after another, and where each one's start.
    A document of SHINGLE_WORDS words or more has its word 5-grams; a shorter one its words."""
    n = len(word_hashes)
    combined = np.zeros(n, dtype=np.uint32)
    if n >= SHINGLE_WORDS:
        tail = n - SHINGLE_WORDS + 1
        window = combined[:tail]
        for k in range(SHINGLE_WORDS):  # uint32 arithmetic: modulo 2**32
            window += word_hashes[k : k + tail] * SHINGLE_MIX[k]
    ends = np.cumsum(counts)
    doc = np.repeat(np.arange(len(counts)), counts)
    long = counts[doc] >= SHINGLE_WORDS
    # a 5-gram starts at most SHINGLE_WORDS - 1 words before its document's end
    kept = ~long | (np.arange(n) + SHINGLE_WORDS <= ends[doc])
    per_doc = np.where(counts >= SHINGLE_WORDS, counts - (SHINGLE_WORDS - 1), counts)
    return np.where(long, combined, word_hashes)[kept], np.concatenate([[0], np.cumsum(per_doc)[:-1]])


# The MurmurHash3 32-bit finalizer that the "affine32" scheme mixes each shingle's hash with
FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = (np.uint32(c) for c in FMIX32)
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


def signature(source: str, text: str) -> Signatures:
    return signatures([(source, text)])


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations h -> a*h + b (mod 2**32) that datasketch draws for seed 1."""
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


@dataclass(frozen=True)
class Match:
    first: str  # source of the cluster's first member
    score: float  # estimated Jaccard similarity with it (1.0 for an exact duplicate)


class SignatureStore:
    """Signatures of a build's documents in input order, kept on disk but for their word hashes.

    >>> with SignatureStore() as store:
    ...     store.add(signature("a", "One two three four five six."))
    ...     store.add(signature("b", "Seven eight nine ten eleven twelve."))
    ...     len(store), store.sources([1])
    (2, {1: 'b'})
    """

    def __init__(self, earlier: Path | None = None) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="cleanset-signatures-"))
        # open for the store's life, appended to batch by batch; close() closes them
        self._minhash = open(self._folder / "minhash.u32", "wb")  # noqa: SIM115
        self._sources = open(self._folder / "sources.jsonl", "w", encoding="utf-8")  # noqa: SIM115
        self._exact: list[np.ndarray] = []
        self._rows = 0
        # rows of a dataset's earlier batches (`earlier`, as `save` left them) come first; their
        # clusters are settled, so only rows added after them are matched
        self.earlier_rows = 0
        self.earlier_roots = np.zeros(0, np.int64)
        self.roots: np.ndarray | None = None  # each row's cluster root, once `find_duplicates` ran
        if earlier is not None:
            self._load_earlier(earlier)

    def _load_earlier(self, folder: Path) -> None:
        exact = np.fromfile(folder / "exact.u64", dtype=np.uint64)
        roots = np.fromfile(folder / "roots.i64", dtype=np.int64)
        n = len(exact)
        if len(roots) != n or (folder / "minhash.u32").stat().st_size != n * NUM_PERM * 4:
            raise ValueError(f"{folder}: the stored signatures disagree in length")
        with open(folder / "minhash.u32", "rb") as src:
            shutil.copyfileobj(src, self._minhash, 1 << 20)
        self._sources.writelines(json.dumps(f"{EARLIER}{row}") + "\n" for row in range(n))
        self._exact.append(exact)
        self._rows = self.earlier_rows = n
        self.earlier_roots = roots

    def save(self, folder: Path) -> list[str]:
        """Write every row's signature and cluster root to `folder`, for the next batch's store;
        return the sources of the rows this store added, in order."""
        folder.mkdir(parents=True, exist_ok=True)
        self._minhash.flush()
        self._sources.flush()
        shutil.copyfile(self._folder / "minhash.u32", folder / "minhash.u32")
        self.exact().tofile(folder / "exact.u64")
        roots = self.roots if self.roots is not None else np.arange(self._rows, dtype=np.int64)
        roots.astype(np.int64).tofile(folder / "roots.i64")
        with open(self._folder / "sources.jsonl", encoding="utf-8") as fh:
            return [json.loads(line) for line in itertools.islice(fh, self.earlier_rows, None)]

    def __enter__(self) -> SignatureStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._minhash.close()
        self._sources.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __len__(self) -> int:
        return self._rows

    def add(self, part: Signatures) -> None:
        self._minhash.write(np.ascontiguousarray(part.minhash, dtype=np.uint32).tobytes())
        self._sources.writelines(json.dumps(s) + "\n" for s in part.sources)
        self._exact.append(part.exact)
        self._rows += len(part)

    def exact(self) -> np.ndarray:
        self._exact = [np.concatenate(self._exact)] if self._exact else [np.zeros(0, np.uint64)]
        return self._exact[0]

    def blocks(self) -> Iterator[tuple[int, np.ndarray]]:
        """(first row, rows) of the MinHash values, ROWS_PER_READ rows at a time."""
        self._minhash.flush()
        with open(self._folder / "minhash.u32", "rb") as fh:
            for start in range(0, self._rows, ROWS_PER_READ):
                count = min(ROWS_PER_READ, self._rows - start) * NUM_PERM
                yield start, np.fromfile(fh, dtype=np.uint32, count=count).reshape(-1, NUM_PERM)

    def rows(self, wanted: np.ndarray) -> np.ndarray:
        """The MinHash rows of `wanted` (row numbers, ascending, unique), in that order."""
        out = np.empty((len(wanted), NUM_PERM), np.uint32)
        done = 0
        for start, block in self.blocks():
            if done == len(wanted):
                break
            end = done + int(np.searchsorted(wanted[done:], start + len(block)))
            out[done:end] = block[wanted[done:end] - start]
            done = end
        return out

    def sources(self, wanted: Iterable[int]) -> dict[int, str]:
        """Row number -> source name for the rows asked for."""
        wanted = set(wanted)
        self._sources.flush()
        found: dict[int, str] = {}
        with open(self._folder / "sources.jsonl", encoding="utf-8") as fh:
            for row, line in enumerate(fh):
                if row in wanted:
                    found[row] = json.loads(line)
        return found


def find_duplicates(
    signatures: SignatureStore | Iterable[Signatures], threshold: float = DEFAULT_THRESHOLD
) -> dict[str, Match]:
    """source -> Match for every document that duplicates an earlier one, in input order.

    >>> a = signature("a", "The river rose overnight and residents left their homes early today.")
    >>> b = signature("b", "The river rose overnight, and residents left their homes early today!")
    >>> c = signature("c", "Prices of fish fell sharply at the market on Monday morning, traders said.")
    >>> find_duplicates([a, b, c])
    {'b': Match(first='a', score=1.0)}
    """
    if not isinstance(signatures, SignatureStore):
        with SignatureStore() as store:
            for part in signatures:
                store.add(part)
            return find_duplicates(store, threshold)
    store = signatures
    n = len(store)
    first_new = store.earlier_rows
    rows = np.arange(n)
    root = rows.copy()
    root[:first_new] = store.earlier_roots
    store.roots = root
    if n < 2 or first_new == n:
        return {}
    _, first_index, inverse = np.unique(store.exact(), return_index=True, return_inverse=True)
    same_as = first_index[inverse.reshape(-1)]  # earliest document with the same words
    nearest = _earliest_near_match(store, np.flatnonzero(same_as == rows), threshold, first_new)

    exact_copies = np.flatnonzero(same_as[first_new:] != rows[first_new:]) + first_new
    duplicates = sorted(set(exact_copies.tolist()) | set(nearest))
    for j in duplicates:
        root[j] = root[same_as[j]] if same_as[j] != j else root[nearest[j]]
    near = [j for j in duplicates if same_as[j] == j]  # scored by their signatures; the rest are 1.0
    wanted = np.unique(np.array(near + root[near].tolist(), dtype=np.int64))
    minhash = dict(zip(wanted.tolist(), store.rows(wanted), strict=True))
    names = store.sources(set(duplicates) | set(root[duplicates].tolist()))
    return {
        names[j]: Match(
            names[int(root[j])],
            1.0 if same_as[j] != j else round(_similarity(minhash[j], minhash[int(root[j])]), 4),
        )
        for j in duplicates
    }


def _similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The MinHash estimate of Jaccard similarity, as datasketch's `MinHash.jaccard` computes it."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def _earliest_near_match(
    store: SignatureStore, members: np.ndarray, threshold: float, first_new: int = 0
) -> dict[int, int]:
    """For each of `members` (row numbers, ascending) from `first_new` on that scores `threshold`
    or more with an earlier member sharing an LSH band, the earliest such member.

    LSH only proposes candidates (its bands cannot express very high thresholds); the estimate
    decides. The bands are those datasketch's `MinHashLSH` picks for the threshold (`lsh_bands`).
    Each band is read back from the store on its own: its keys, then the rows of the members that
    share a key.
    """
    is_member = np.zeros(len(store), bool)
    is_member[members] = True
    earlier: list[np.ndarray] = []
    later: list[np.ndarray] = []
    for start, end in lsh_bands(min(threshold, 0.9), NUM_PERM):
        keys = np.concatenate(
            [
                _row_keys(block[is_member[first : first + len(block)], start:end])
                for first, block in store.blocks()
            ]
        )
        order = np.lexsort((np.arange(len(keys)), keys))
        sorted_keys = keys[order]
        same = sorted_keys[1:] == sorted_keys[:-1]
        shared = np.r_[False, same] | np.r_[same, False]  # in a bucket with another member
        in_buckets = order[shared]  # positions among members, bucket by bucket
        bucket_keys = sorted_keys[shared]
        if first_new and len(in_buckets):  # only buckets holding a new row can add a match
            starts = np.r_[0, np.flatnonzero(np.diff(bucket_keys)) + 1]
            has_new = np.logical_or.reduceat(members[in_buckets] >= first_new, starts)
            keep = np.repeat(has_new, np.diff(np.r_[starts, len(in_buckets)]))
            in_buckets, bucket_keys = in_buckets[keep], bucket_keys[keep]
        candidates = np.sort(in_buckets)  # positions among members of rows sharing a key
        if not len(candidates):
            continue
        sub = store.rows(members[candidates])
        position = np.full(len(keys), -1)
        position[candidates] = np.arange(len(candidates))
        bounds = np.flatnonzero(np.diff(bucket_keys)) + 1
        for group in np.split(in_buckets, bounds):
            a, b = _pairs_over_threshold(sub, position[group], threshold)
            new = members[candidates[b]] >= first_new
            earlier.append(candidates[a[new]])
            later.append(candidates[b[new]])
    best: dict[int, int] = {}
    if earlier:
        a = members[np.concatenate(earlier)]
        b = members[np.concatenate(later)]
        for i, j in sorted(zip(b.tolist(), a.tolist(), strict=True), reverse=True):
            best[i] = j  # pairs come sorted descending, so the earliest earlier member is written last
    return best


@lru_cache(maxsize=16)
def lsh_bands(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """The bands (first and last-plus-one permutation of each) that datasketch's `MinHashLSH`
    chooses for a threshold: b bands of r rows minimising the mean of the false-positive area
    (the chance two documents share a band, integrated over similarities below the threshold)
    and the false-negative area (above it). The integrands are polynomials of degree b*r <=
    num_perm, so Gauss-Legendre quadrature on num_perm // 2 + 1 nodes integrates them exactly.

    >>> lsh_bands(0.5, 64)[:2], len(lsh_bands(0.5, 64))
    (((0, 4), (4, 8)), 14)
    """
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    below = threshold / 2 * (nodes + 1)  # the nodes mapped onto [0, threshold] and [threshold, 1]
    above = threshold + (1 - threshold) / 2 * (nodes + 1)
    best, best_error = (0, 0), float("inf")
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            false_positive = threshold / 2 * np.dot(weights, 1 - (1 - below**r) ** b)
            false_negative = (1 - threshold) / 2 * np.dot(weights, (1 - above**r) ** b)
            error = 0.5 * false_positive + 0.5 * false_negative
            if error < best_error:
                best, best_error = (b, r), error
    b, r = best
    return tuple((i * r, (i + 1) * r) for i in range(b))


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
