"""The compiled scanner gives exactly what the Python scanner it replaced gave, and its gates what
the Python loops they replaced gave.

The reference is the package at the last revision whose scanner was Python
(`benchmarks/scanner_parity.py`, `PYTHON_SCANNER`), unpacked from git and run in its own
process: every line's words with their flags (plain and as table cells) and every prose line's
casing counts must be equal. The sample: the seeds, real article bodies of the shared page sets,
the same damaged by the repair benchmark's corrupter, and lines drawn at random from characters
the split treats specially. The whole development corpora: `python benchmarks/scanner_parity.py`.
"""

from __future__ import annotations

import importlib.util
import json
import pickle
import random
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "benchmarks"))

import scanner_parity  # noqa: E402

# Characters and pieces the split, the sentence starts and the name tests treat specially.
PIECES = [
    "Talks", "moscow", "U.S.", "Mr.", "tbsp.", "J.", "www.x.com", "a@b.co", "report.pdf", "hg/jd",
    "it's", "Party’s", "Zürich", "ǅemal", "ΣΟΦΟΣ", "ß", "²", "٣", "3.5%.", "—", "--", "…", "..",
    "of", "the", "and", "Bank", "England", "|", "“", "”", "‘", "’", '"', "'", "(", ")", "[", "]", "»",
    "!", "?", ".", ",", ":", ";", "-", "*", "•", "1.", "12)", "_", "\u00a0", "\u2009", "\t", "  ", " ",
]


def random_lines(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        parts = rng.choices(PIECES, k=rng.randint(1, 14))
        joiner = rng.choice(["", " ", " ", " "])
        lines.append(joiner.join(parts))
    return lines


def sample_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*"))]
    aeb = SHARED / "pages" / "aeb" / "ground-truth.json"
    if aeb.exists():
        bodies = json.loads(aeb.read_text(encoding="utf-8"))
        texts += [b["articleBody"] for _, b in sorted(bodies.items())[:80]]
    bench = SHARED / "bench" / "repairbench.py"
    if bench.exists():
        spec = importlib.util.spec_from_file_location("repairbench", bench)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        corrupter = module.Corrupter(random.Random(1), scanner_parity.RATES, module.DEFAULT_RESIDUE)
        texts += [corrupter.corrupt(t, titled=True)[0] for t in list(texts)]
    return texts + ["\n".join(random_lines(3000))]


def test_the_compiled_scanner_gives_what_the_python_scanner_gave(tmp_path):
    try:
        ref_src = scanner_parity.reference_tree(scanner_parity.PYTHON_SCANNER, tmp_path / "reference")
    except (subprocess.CalledProcessError, FileNotFoundError) as e:
        pytest.skip(f"the reference revision is not in this checkout's history: {e}")
    texts = sample_texts()
    texts_path = tmp_path / "texts.pickle"
    texts_path.write_bytes(pickle.dumps(texts))
    scanner_parity.scan_in(ref_src, texts_path, tmp_path / "reference.pickle")
    scanner_parity.scan_in(REPO / "src", texts_path, tmp_path / "this.pickle")
    reference = pickle.loads((tmp_path / "reference.pickle").read_bytes())
    this = pickle.loads((tmp_path / "this.pickle").read_bytes())
    assert len(this) == len(reference) > 3000
    assert sum(len(words[0]) for _, words, _ in this) > 20000
    assert sum(casing is not None for *_, casing in this) > 300
    changed = [(a, b) for a, b in zip(reference, this, strict=True) if a != b]
    assert [(a, b) for a, b in changed if not scanner_parity.explained(a, b)] == []
    assert changed  # the quoted-speech rule changed some lines of the sample, as it says


def test_the_rule_changes_since_the_reference_are_stated_exactly():
    words = lambda line: [  # noqa: E731
        (w.start, w.end, w.text, w.sentence_start, w.prev, w.after_stop, w.name_like)
        for w in __import__("cleanset.tokens", fromlist=["x"]).line_words(line)
    ]
    line = 'Then Muddeman said, "Leeks, kale and Swede grow." The "Leeks" brand grew.'
    assert scanner_parity.quoted_speech_openers(line, words(line)) == {"leeks": 1}
    ref = (line, [words(line), []], (["muddeman", "leeks", "swede", "leeks"], ["leeks"], [], [], [], [], []))
    assert scanner_parity.explained(ref, (line, [words(line), []], (["muddeman", "swede", "leeks"], [], [], [], [], [], [])))
    assert not scanner_parity.explained(ref, (line, [words(line), []], (["muddeman", "swede"], [], [], [], [], [], [])))


def test_character_classes_are_pythons():
    """Every code point gets from the scanner the classes Python's str methods give it."""
    import unicodedata

    from cleanset import _scan

    if unicodedata.unidata_version != _scan.UNICODE_VERSION:
        pytest.skip(f"tables of Unicode {_scan.UNICODE_VERSION}, this Python has {unicodedata.unidata_version}")
    text = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
    tests = [
        str.isupper,
        str.islower,
        lambda c: unicodedata.category(c) == "Lt",
        str.isalpha,
        str.isalnum,
        str.isdecimal,
        str.isspace,
    ]
    expected = [sum(test(c) << bit for bit, test in enumerate(tests)) for c in text]
    got = _scan.char_classes(text)
    wrong = [(hex(ord(c)), e, g) for c, e, g in zip(text, expected, got, strict=True) if e != g]
    assert wrong == []


def _lines_of_sample() -> list[str]:
    texts = sample_texts()
    return [line for text in texts for line in text.splitlines() if line.strip()]


def test_the_scanner_gates_as_the_python_loops_it_replaced():
    """`sentence_starts`, `ProseWords.slip_candidates` and `name_candidates` give what the Python loops over
    `line_words` gave before them (restated here as their specification), on every line of the
    sample, with word sets drawn from the sample itself."""
    from cleanset import _scan
    from cleanset.names import JOIN_WORDS, POSSESSIVE_ENDINGS, name_across
    from cleanset.tokens import FUNCTION_WORDS, PARTICLES, line_words

    lines = _lines_of_sample()
    rng = random.Random(3)
    vocabulary = sorted({w.text for line in lines[:2000] for w in line_words(line) if w.text.islower()})
    ordinary = set(rng.sample(vocabulary, len(vocabulary) // 2))
    named_alone = set(rng.sample(vocabulary, len(vocabulary) // 20))
    titles = {"mr", "said", "the"}
    ordinary_set, alone_set, titles_set = (_scan.WordSet(s) for s in (ordinary, named_alone, titles))
    checked = 0
    for line in lines:
        words = line_words(line)

        def plain_lower(t: str) -> bool:
            return t.isalpha() and t.islower() if "’" not in t and "'" not in t else t.islower()

        starts = [(i, w) for i, w in enumerate(words) if w.sentence_start]
        capitals = sum(w.text[:1].isupper() for _, w in starts if not plain_lower(w.text))
        lowercase = [(i, w, words[i + 1] if i + 1 < len(words) else None) for i, w in starts if plain_lower(w.text)]
        assert _scan.sentence_starts(line) == (capitals, lowercase), line

        slips = []
        for i, w in enumerate(words):
            if w.text not in ordinary and not (i > 0 and words[i - 1].text in titles):
                continue
            word = w.text[:-2] if w.text[-2:] in POSSESSIVE_ENDINGS else w.text
            if w.sentence_start or len(word) < 3 or not word.islower() or word in FUNCTION_WORDS:
                continue
            if word.isalpha() and line[w.start - 1 : w.start] in ("", " ", '"', "“", "("):
                slips.append(i)
        found = _scan.prose_casing([line])[1].slip_candidates(ordinary_set, titles_set)
        assert found == [(0, i) for i in slips], line

        names = []
        last = len(words) - 1
        for i, w in enumerate(words):
            t = w.text
            if w.sentence_start or len(t) < 3 or not t.islower():
                continue
            stem = t[:-2] if t[-2:] in POSSESSIVE_ENDINGS else t
            if stem in FUNCTION_WORDS:
                continue
            beside = (i > 0 and words[i - 1].name_like) or (i < last and words[i + 1].name_like)
            join = (i > 0 and words[i - 1].text in JOIN_WORDS) or (i < last and words[i + 1].text in JOIN_WORDS)
            joined = join and (name_across(line, words, i, 1) is not None or name_across(line, words, i, -1) is not None)
            if not beside and stem in ordinary and stem not in named_alone and not joined:
                continue
            if not stem.isalpha() or stem in PARTICLES:
                continue
            before = line[max(0, w.start - 1) : w.start]
            if before and before not in ' -"“‘(/':
                continue
            if line[w.end : w.end + 1] == "-" and line[w.end + 1 : w.end + 2].islower():
                continue
            names.append((i, beside, stem in ordinary, before == "-"))
        assert _scan.name_candidates(line, False, ordinary_set, alone_set) == names, line
        checked += bool(names) + bool(slips) + bool(lowercase)
    assert checked > 500


def test_the_hash_filter_hashes_as_key_hash():
    """The scanner's filter lookup hashes each string as `corpus.key_hash` does (XXH3-64 of its
    UTF-8 bytes): a filter holding one key answers for that string, whatever its letters."""
    import numpy as np

    from cleanset.corpus import HashFilter, key_hash

    texts = ["tony blair", "01 zürich café", "’s", "", "東京 タワー", "a" * 300]
    for text in texts:
        one = HashFilter(np.array([key_hash(text)], np.uint64))
        assert one.may_hold_any([text]) and one.may_hold_any(["no such pair", text])
        others = [t for t in texts if t != text and key_hash(t) % one.size != key_hash(text) % one.size]
        assert not one.may_hold_any(others)


def test_a_lowercase_article_is_told_as_python_tells_it():
    """`_scan.all_lowercase` gives what the Python loop it replaced gave (restated here), on the
    sample's texts as they are and lowercased, with and without a few capitals."""
    from cleanset import _scan

    def spec(text: str, min_words: int, share: float) -> bool:
        words = text.split()
        if len(words) < min_words:
            return False
        upper = sum(w[:1].isupper() for w in words)
        lower = sum(w[:1].islower() for w in words)
        return upper + lower > 0 and upper <= share * (upper + lower) and upper <= share * len(words)

    checked = 0
    for text in sample_texts()[:200]:
        lowered = text.lower()
        for variant in (text, lowered, lowered.replace(" a ", " A ", 2), "\x1c".join(lowered.split(" "))):
            for min_words, share in ((30, 0.01), (5, 0.05), (10_000, 0.01)):
                assert _scan.all_lowercase(variant, min_words, share) == spec(variant, min_words, share)
                checked += 1
    assert checked > 1000


def test_the_first_pass_hashes_the_keys_the_counts_would():
    """`first_pass_casing` counts `document_casing`'s words into the build's counters, in the order
    they first occur, and gives its keys as `key_hash` of the strings `document_casing` and
    `run_bigrams` give, on every document of the sample."""
    from collections import Counter

    from cleanset.corpus import CorpusStats, document_casing, first_pass_casing, key_hash, run_bigrams

    checked = 0
    stats, expected = CorpusStats(), [Counter() for _ in range(4)]
    for text in sample_texts()[:300]:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        found = document_casing(lines)
        runs, bigrams, cap_pairs, mixed_pairs = first_pass_casing(stats, lines)
        for counter, words in zip(expected, (found.cap, found.alone, found.low, found.between), strict=True):
            counter.update(words)
        assert runs == [key_hash(r) for r in found.runs]
        assert sorted(bigrams) == sorted(key_hash(b) for run in found.runs for b in run_bigrams(run))
        assert cap_pairs == [key_hash(p) for p in found.cap_pairs]
        assert mixed_pairs == [key_hash(p) for p in found.mixed_pairs]
        checked += len(found.runs)
    got = (stats.cap_mid, stats.cap_alone, stats.low_mid, stats.low_between)
    for counted, wanted in zip(got, expected, strict=True):
        assert counted == wanted and list(counted) == list(wanted)  # the same counts, in the same order
    assert checked > 100
