"""Exact and near-duplicate detection on constructed articles and on the seeds."""

from __future__ import annotations

import hashlib
import itertools
import random

import numpy as np
import pyarrow.parquet as pq
import pytest

from cleanset import dedup
from cleanset.builder import build
from cleanset.dedup import NUM_PERM, SCHEME, find_duplicates, signature, signatures
from cleanset.pipeline import BuildOptions

BASE = (
    "Storm Batters the Northern Coast\n\n"
    "Heavy rain and strong winds battered the northern coast on Monday, cutting power to thousands of "
    "homes and closing several roads. Emergency crews worked through the night to clear fallen trees, "
    "and officials urged residents to stay indoors until the weather improved. The regional council said "
    "schools would remain closed on Tuesday while engineers inspected bridges for damage.\n"
)


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_exact_near_and_distinct(tmp_path):
    src = tmp_path / "in"
    write(src, "a_original.txt", BASE)
    write(src, "b_copy.txt", BASE.replace("Monday", "Monday"))  # the same text
    write(
        src,
        "c_revised.txt",
        BASE.replace("several roads", "three main roads").replace("Tuesday", "Wednesday"),
    )
    write(
        src,
        "d_other.txt",
        BASE.replace("Storm", "Budget").split("\n\n")[0] + "\n\nThe finance minister "
        "presented a budget that raises spending on hospitals and cuts taxes for small firms, officials said.\n",
    )
    summary = build([src], tmp_path / "out", BuildOptions(workers=1))
    recs = {
        r["id"]: r for r in pq.read_table(tmp_path / "out" / "parquet" / "articles" / "articles-00000.parquet").to_pylist()
    }
    assert recs["a_original"]["duplicate_of"] is None
    assert recs["b_copy"]["duplicate_of"] == "a_original" and recs["b_copy"]["near_duplicate_score"] == 1.0
    assert recs["c_revised"]["duplicate_of"] == "a_original"
    assert 0.5 <= recs["c_revised"]["near_duplicate_score"] < 1.0
    assert recs["d_other"]["duplicate_of"] is None and recs["d_other"]["near_duplicate_score"] is None
    assert summary.duplicates == 2


def test_drop_keeps_the_first_of_each_cluster_and_accounts_for_the_rest(tmp_path):
    src = tmp_path / "in"
    write(src, "a.txt", BASE)
    write(src, "b.txt", BASE)
    out = tmp_path / "out"
    summary = build([src], out, BuildOptions(workers=1, dedup="drop"))
    ids = [r["id"] for r in pq.read_table(out / "parquet" / "articles" / "articles-00000.parquet").to_pylist()]
    rejects = pq.read_table(out / "rejects.parquet").to_pylist()
    assert ids == ["a"] and summary.duplicates_dropped == 1
    digest = hashlib.sha256((src / "b.txt").read_bytes()).hexdigest()
    assert rejects == [
        {
            "source": "b.txt",
            "reason": "duplicate",
            "message": "duplicate of a (similarity 1.00)",
            "input_sha256": digest,
        }
    ]
    assert summary.inputs == summary.records + summary.rejected


def test_threshold_is_configurable():
    a = signature("a", BASE)
    b = signature("b", BASE.replace("several roads", "three main roads").replace("Tuesday", "Wednesday"))
    assert "b" in find_duplicates([a, b], threshold=0.5)
    assert "b" not in find_duplicates([a, b], threshold=0.99)


def test_seeds_same_story_different_wording_are_not_duplicates(seed_records):
    # 002 and 004 report the same interview in different words: they share facts, not text
    assert seed_records["004_4215c674bb748be6"]["duplicate_of"] is None
    assert all(r["duplicate_of"] is None for r in seed_records.values())


def _reference_duplicates(sigs, threshold):
    """The clustering rule done with datasketch's own LSH index and MinHash objects."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    first_of, seen, minhashes, order, found = {}, {}, {}, {}, {}
    for n, (source, exact, row) in enumerate(zip(sigs.sources, sigs.exact, sigs.minhash, strict=True)):
        order[source] = n
        if exact in seen:
            first_of[source] = first_of[seen[exact]]
            found[source] = (first_of[source], 1.0)
            continue
        m = MinHash(num_perm=NUM_PERM, hashvalues=row.astype(np.uint64), scheme=SCHEME)
        hits = [c for c in lsh.query(m) if m.jaccard(minhashes[c]) >= threshold]
        first_of[source] = first_of[min(hits, key=order.get)] if hits else source
        if hits:
            found[source] = (first_of[source], round(m.jaccard(minhashes[first_of[source]]), 4))
        seen[exact] = source
        lsh.insert(source, m)
        minhashes[source] = m
    return found


def test_array_index_agrees_with_datasketch_lsh():
    rng = random.Random(7)
    sentences = [
        f"Officials in district {i} said the {w} plan would cost {i * 37} million over {i % 9 + 2} years."
        for i, w in enumerate(["road", "school", "water", "rail", "housing", "hospital"] * 20)
    ]
    docs = []
    for k in range(400):
        if docs and rng.random() < 0.3:  # a copy or a revision of an earlier document
            base = rng.choice(docs)[1].split(" ")
            for _ in range(rng.randint(0, 12)):
                base[rng.randrange(len(base))] = rng.choice(["new", "old", "big", "late"])
            docs.append((f"d{k}", " ".join(base)))
        else:
            docs.append((f"d{k}", " ".join(rng.sample(sentences, rng.randint(3, 8)))))
    sigs = signatures(docs)
    assert sigs.minhash.dtype == np.uint32 and sigs.minhash.shape == (400, NUM_PERM)
    for threshold in (0.5, 0.8):
        found = {s: (m.first, m.score) for s, m in find_duplicates([sigs], threshold).items()}
        assert found == _reference_duplicates(sigs, threshold)
        assert len(found) > 20  # the set really has clusters to find


def test_store_read_back_in_small_blocks_finds_the_same(monkeypatch):
    """Batches of any size, read back a few rows at a time, give what one batch read at once gives."""
    rng = random.Random(3)
    words = [f"w{i}" for i in range(300)]
    docs = []
    for k in range(300):
        if docs and rng.random() < 0.3:
            base = rng.choice(docs)[1].split(" ")
            base[rng.randrange(len(base))] = "changed"
            docs.append((f"d{k}", " ".join(base)))
        else:
            docs.append((f"d{k}", " ".join(rng.choices(words, k=60))))
    whole = find_duplicates([signatures(docs)])
    assert len(whole) > 20
    monkeypatch.setattr(dedup, "ROWS_PER_READ", 7)
    cuts = [0, 1, 50, 51, 120, 299, 300]
    parts = [signatures(docs[a:b]) for a, b in itertools.pairwise(cuts)]
    with dedup.SignatureStore() as store:
        for part in parts:
            store.add(part)
        assert len(store) == 300
        assert find_duplicates(store) == whole
        folder = store._folder
    assert not folder.exists()


@pytest.mark.parametrize("num_perm", [32, 64, 128])
def test_bands_are_those_datasketch_lsh_chooses(num_perm):
    from datasketch import MinHashLSH

    from cleanset.dedup import lsh_bands

    for threshold in [t / 100 for t in range(30, 91)]:
        assert list(lsh_bands(threshold, num_perm)) == MinHashLSH(threshold, num_perm).hashranges


def test_signatures_are_datasketch_minhash_values():
    from datasketch import MinHash

    texts = [
        "Oil prices rose on Monday as traders weighed supply cuts by the cartel and its allies.",
        "one two",
        "",
        "Zürich and Ørsted met in Łódź on Tuesday to sign the agreement they had long negotiated.",
        "the same five words here the same five words here again",
    ]
    sig = signatures([(str(n), t) for n, t in enumerate(texts)])
    for n, text in enumerate(texts):
        words = text.lower().replace(".", " ").replace(",", " ").split()
        k = 5 if len(words) >= 5 else 1
        shingles = {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}
        m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashfunc=dedup.shingle_hash)
        m.update_batch([s.encode("utf-8") for s in shingles])
        assert (m.hashvalues.astype(np.uint32) == sig.minhash[n]).all()


def test_a_signature_does_not_depend_on_its_batch():
    rng = random.Random(3)
    vocabulary = ["storm", "coast", "power", "Zürich", "roads", "crews", "ünder", "night", "a", "b"]
    docs = [(f"d{k}", " ".join(rng.choices(vocabulary, k=rng.randrange(0, 12)))) for k in range(80)]
    together = signatures(docs)
    for n, doc in enumerate(docs):
        alone = signature(*doc)
        assert (alone.minhash[0] == together.minhash[n]).all()
        assert alone.exact[0] == together.exact[n]
