#!/usr/bin/env python3
"""Near-duplicate detection on all 2,225 BBC News articles of the development corpus.

For five permutation seeds: how many articles the default threshold marks as duplicates, with
cleanset's signatures (each 5-gram hashed from its words' hashes) and with each 5-gram's string
hashed whole (xxh32, as datasketch would with that hash function); then, on every pair either
finds that is not word for word the same, the mean absolute error of the estimated similarity
against the true Jaccard similarity of the two 5-gram sets.

    python benchmarks/dedup.py
"""

from __future__ import annotations

import hashlib
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import xxhash

sys.path.insert(0, str(Path(__file__).resolve().parent))
import devcorpus  # noqa: E402

from cleanset import dedup  # noqa: E402

SEEDS = range(1, 6)


def string_signatures(docs: list[tuple[str, str]]) -> dedup.Signatures:
    """Signatures with each 5-gram's string hashed by xxh32 (datasketch's `update_batch` values)."""
    sources, exact, hashes, ends = [], [], [], []
    for source, text in docs:
        words = dedup.WORD.findall(text.lower())
        digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
        if len(words) >= dedup.SHINGLE_WORDS:
            grams = set(map(" ".join, zip(*(words[i:] for i in range(dedup.SHINGLE_WORDS)), strict=False)))
        else:
            grams = set(words) or {""}
        hashes.extend(map(xxhash.xxh32_intdigest, map(str.encode, grams)))
        ends.append(len(hashes))
        sources.append(source)
        exact.append(int.from_bytes(digest, "little"))
    a, b = dedup._permutations()
    mixed = dedup._fmix32(np.array(hashes, dtype=np.uint32))
    starts = np.array([0, *ends[:-1]])
    minhash = np.empty((dedup.NUM_PERM, len(sources)), np.uint32)
    for k in range(dedup.NUM_PERM):
        np.minimum.reduceat(mixed * a[k] + b[k], starts, out=minhash[k])
    return dedup.Signatures(sources, np.array(exact, dtype=np.uint64), np.ascontiguousarray(minhash.T))


def permutations(seed: int):
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, dedup.NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, dedup.NUM_PERM, dtype=np.uint32)
    return a, b


def grams(text: str) -> set:
    words = dedup.WORD.findall(text.lower())
    n = dedup.SHINGLE_WORDS
    return set(zip(*(words[i:] for i in range(n)), strict=False)) if len(words) >= n else set(words)


def main() -> int:
    with zipfile.ZipFile(devcorpus.fetch_wheel()) as zf:
        names = sorted(n for n in zf.namelist() if n.startswith(devcorpus.DATA_PREFIX) and n.endswith(".txt"))
        docs = [(n, devcorpus.normalise(devcorpus.decode(zf.read(n)))) for n in names]
    print(f"{len(docs)} articles, threshold {dedup.DEFAULT_THRESHOLD}\n")
    schemes = {"cleanset (word hashes)": dedup.signatures, "5-gram strings, xxh32": string_signatures}
    found: dict[tuple[str, int], dict] = {}
    signed: dict[tuple[str, int], dedup.Signatures] = {}
    original = dedup._permutations
    try:
        for name, sign in schemes.items():
            counts, seconds = [], []
            for seed in SEEDS:
                dedup._permutations = lambda s=seed: permutations(s)
                t0 = time.perf_counter()
                signed[name, seed] = sign(docs)
                seconds.append(time.perf_counter() - t0)
                found[name, seed] = dedup.find_duplicates([signed[name, seed]])
                counts.append(len(found[name, seed]))
            union = set().union(*(found[name, s] for s in SEEDS))
            print(
                f"{name}: duplicates per seed {counts}, {len(union)} articles over all seeds, "
                f"signing {np.median(seconds):.2f} s (median)"
            )
    finally:
        dedup._permutations = original
    text = dict(docs)
    pairs = sorted({(k, m.first) for r in found.values() for k, m in r.items()})
    pairs = [p for p in pairs if grams(text[p[0]]) != grams(text[p[1]])]
    truth = np.array(
        [len(grams(text[a]) & grams(text[b])) / len(grams(text[a]) | grams(text[b])) for a, b in pairs]
    )
    row = {s: i for i, (s, _) in enumerate(docs)}
    print(
        f"\n{len(pairs)} pairs found that are not word for word the same (true Jaccard "
        f"{truth.min():.3f} to {truth.max():.3f}); mean absolute error of the estimate:"
    )
    for name in schemes:
        errors = []
        for seed in SEEDS:
            mh = signed[name, seed].minhash
            estimate = np.array([(mh[row[a]] == mh[row[b]]).mean() for a, b in pairs])
            errors.append(float(np.abs(estimate - truth).mean()))
        print(f"  {name}: {np.round(errors, 3).tolist()}, mean {np.mean(errors):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
