#!/usr/bin/env python3
"""The compiled scanner against a reference: every word with its flags, every line's casing counts.

Splits every line of both development corpora (whole: 2,225 BBC articles and the news corpus),
clean and damaged by the repair benchmark's corrupter (seed 1, its full rates), into words, and
takes the first pass's casing counts of every line, with the scanner of this tree and with the
scanner of a reference revision (by default the last one whose scanner was Python), each in its
own process. Prints how many lines, words and counts were compared and every line that differs.

    python benchmarks/scanner_parity.py [--reference REV]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from devcorpus import CORPORA, WORK  # noqa: E402
from repair import RATES, find_repairbench  # noqa: E402

# The last revision whose scanner is Python (tokens.scan_words, corpus.line_casing).
PYTHON_SCANNER = "85bdb2a"
WHOLE = {"bbc": 2225, "news": 4000}


def corpus_texts() -> list[str]:
    """Every article of both corpora, clean and then damaged."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("repairbench", find_repairbench())
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    texts: list[str] = []
    for name, size in WHOLE.items():
        folder = WORK / f"{name}-whole"
        if not any(folder.glob("*.txt")):
            CORPORA[name](folder, size)
        docs = bench.read_corpus(folder)
        corrupter = bench.Corrupter(random.Random(1), RATES, bench.DEFAULT_RESIDUE)
        texts.extend(docs.values())
        texts.extend(corrupter.corrupt(text, titled=True)[0] for text in docs.values())
    return texts


def scan_all(texts_path: Path, out_path: Path) -> None:
    """Run in the scanner's own process: every line's words (plain and as table cells) and, for
    prose lines, its casing counts."""
    from cleanset import corpus, tokens
    from cleanset.names import is_prose
    from cleanset.tables import line_kinds

    line_words = getattr(tokens.line_words, "__wrapped__", tokens.line_words)  # no cache
    # one line's counts: `line_casing` where the scanner was Python, a document of one line since
    line_casing = getattr(corpus, "line_casing", None) or (lambda line: corpus.document_casing([line]))
    texts = pickle.loads(texts_path.read_bytes())
    out = []
    for text in texts:
        raw = text.splitlines()
        for line, kind in zip(raw, line_kinds(raw), strict=True):
            words = [
                tuple((w.start, w.end, w.text, w.sentence_start, w.prev, w.after_stop, w.name_like) for w in found)
                for found in (line_words(line), line_words(line, True))
            ]
            stripped = line.strip()
            casing = tuple(line_casing(stripped)) if stripped and is_prose(stripped, kind) else None
            out.append((line, words, casing))
    out_path.write_bytes(pickle.dumps(out))


OPENING_QUOTES = "\"'\u201c\u2018\u00ab\u201e"


def quoted_speech_openers(line: str, words) -> Counter[str]:
    """The Capitalised words of a prose line that open a quotation after a comma or a colon
    (`said, "Leeks, kale`), lowercased: since the compiled scanner's quoted-speech rule (after the
    reference) they no longer count as Capitalised mid-sentence, as a word after a full stop does
    not. `words` as `scan_all`
    gives them (the line's plain split, offsets in `line`)."""
    stripped = line.strip()
    lead = len(line) - len(line.lstrip())
    found: Counter[str] = Counter()
    for start, end, text, sentence_start, _, after_stop, _ in words:
        if sentence_start or after_stop or end - start < 2 or not (text[:1].isupper() and text[1:].islower()):
            continue
        before = stripped[: start - lead]
        if before[-1:] and before[-1] in OPENING_QUOTES and before[:-1].rstrip()[-1:] in (",", ":"):
            found[text.lower()] += 1
    return found


def explained(reference: tuple, this: tuple) -> bool:
    """Whether a line's output differs from the reference's only as the rule changes made since
    say: the same words and flags, and casing counts less the quoted-speech openers' capitals."""
    line, words, ref_casing = reference
    if (line, words) != this[:2] or ref_casing is None or this[2] is None:
        return False
    ref_cap, ref_alone, *ref_rest = ref_casing
    cap, alone, *rest = this[2]
    openers = quoted_speech_openers(line, words[0])
    dropped_alone = Counter(ref_alone) - Counter(alone)
    return (
        rest == ref_rest
        and not Counter(cap) - Counter(ref_cap)
        and Counter(ref_cap) - Counter(cap) == openers
        and not Counter(alone) - Counter(ref_alone)
        and not dropped_alone - openers
    )


def reference_tree(rev: str, into: Path) -> Path:
    """The package of revision `rev`, unpacked from git."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "src/cleanset"], check=True, capture_output=True
    ).stdout
    with tempfile.NamedTemporaryFile() as f:
        f.write(archive)
        f.flush()
        with tarfile.open(f.name) as tar:
            tar.extractall(into, filter="data")
    return into / "src"


def scan_in(src: Path, texts_path: Path, out_path: Path) -> float:
    started = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(src))
    code = f"import sys; sys.path.insert(0, {str(HERE)!r}); import scanner_parity as p; from pathlib import Path; p.scan_all(Path({str(texts_path)!r}), Path({str(out_path)!r}))"
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", default=PYTHON_SCANNER, help="revision whose scanner is the reference")
    args = ap.parse_args()
    texts = corpus_texts()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        texts_path = tmp_path / "texts.pickle"
        texts_path.write_bytes(pickle.dumps(texts))
        ref_src = reference_tree(args.reference, tmp_path / "reference")
        ref_seconds = scan_in(ref_src, texts_path, tmp_path / "reference.pickle")
        this_seconds = scan_in(REPO / "src", texts_path, tmp_path / "this.pickle")
        reference = pickle.loads((tmp_path / "reference.pickle").read_bytes())
        this = pickle.loads((tmp_path / "this.pickle").read_bytes())
    words = sum(len(w[0]) + len(w[1]) for _, w, _ in this)
    counted = sum(1 for *_, c in this if c is not None)
    changed = [(a, b) for a, b in zip(reference, this, strict=True) if a != b]
    differ = [(a, b) for a, b in changed if not explained(a, b)]
    digest = hashlib.sha256(pickle.dumps(this)).hexdigest()[:16]
    print(f"{len(texts)} articles (clean and damaged), {len(this)} lines, {words} words, {counted} prose lines counted")
    print(f"reference {args.reference}: {ref_seconds:.1f} s; this tree: {this_seconds:.1f} s (whole runs, start-up included)")
    print(
        f"lines that differ: {len(differ)}, besides {len(changed) - len(differ)} that differ as the rule "
        f"changes since the reference say (`explained`); output digest {digest}"
    )
    for a, b in differ[:20]:
        print(f"  {a[0]!r}\n    reference: {a[1:]}\n    this:      {b[1:]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
