#!/usr/bin/env python3
"""Where a 1-worker build spends its time: wall-clock seconds inside each stage.

The build runs in this process on the throughput benchmark's corpus (news-like JSON Lines made
from the development articles, see throughput.py), with a timer around each stage's function:
the first pass's casing counts and edge lines, MinHash signatures, language, each fixer,
structure. Splitting lines into words (`tokens.scan_words`) is also timed on its own and charged
to the stage that asked for it, so the table shows each stage with and without the split.
Everything not inside a timed stage (reading, validation, Parquet, the Hugging Face dataset,
the report, start-up) is the remainder.

    python benchmarks/stages.py --mb 10
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from throughput import damaged_corpus, make_corpus  # noqa: E402


class StageClock:
    """Seconds inside each wrapped function, and inside the word split by the stage around it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.split: dict[str, float] = defaultdict(float)
        self._stack: list[str] = []

    def stage(self, name: str, fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            self._stack.append(name)
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - t0
                self._stack.pop()

        return timed

    def word_split(self, fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.split[self._stack[-1] if self._stack else "elsewhere"] += time.perf_counter() - t0

        return timed


def instrument(clock: StageClock) -> None:
    import cleanset.corpus as corpus
    import cleanset.fixers as fixers
    import cleanset.pipeline as pipeline
    import cleanset.tokens as tokens

    corpus._add_casing = clock.stage("first pass: casing counts", corpus._add_casing)
    corpus._add_edges = clock.stage("first pass: edge lines and suffixes", corpus._add_edges)
    pipeline.signatures = clock.stage("first pass: MinHash", pipeline.signatures)
    pipeline.detect_language = clock.stage("language", pipeline.detect_language)
    pipeline.build_structure = clock.stage("structure", pipeline.build_structure)
    tokens.scan_words = clock.word_split(tokens.scan_words)
    fixers.read_casing = clock.stage("casing reading", fixers.read_casing)
    fixers.REGISTRY = tuple(
        dataclasses.replace(f, run=clock.stage(f"fixer {f.name}", f.run)) for f in fixers.REGISTRY
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10.0, help="corpus size")
    ap.add_argument("--damaged", type=float, default=0.0, help="share of articles damaged (throughput.py)")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="cleanset-stages-"))
    try:
        corpus = work / "corpus.jsonl"
        n, size = make_corpus(corpus, args.mb)
        if args.damaged:
            damaged_corpus(corpus, args.damaged, work / "damaged.jsonl")
            corpus = work / "damaged.jsonl"
        clock = StageClock()
        instrument(clock)
        from cleanset.builder import build
        from cleanset.options import BuildOptions

        t0 = time.perf_counter()
        build([corpus], work / "out", BuildOptions(workers=1))
        total = time.perf_counter() - t0
    finally:
        shutil.rmtree(work, ignore_errors=True)

    damaged = f", {args.damaged:.0%} damaged" if args.damaged else ""
    print(f"\n{n} articles, {size / 1e6:.1f} MB{damaged}, 1 worker: {total:.1f} s\n")
    print("| stage | seconds | share | of which splitting lines into words |")
    print("|---|---|---|---|")
    for name, secs in sorted(clock.seconds.items(), key=lambda kv: -kv[1]):
        split = clock.split.get(name, 0.0)
        print(f"| {name} | {secs:.2f} | {secs / total:.0%} | {f'{split:.2f} s' if split else '-'} |")
    rest = total - sum(clock.seconds.values())
    print(f"| reading, validation, Parquet, HF dataset, report, start-up | {rest:.2f} | {rest / total:.0%} | - |")
    split = sum(clock.split.values())
    print(f"\nsplitting lines into words, every stage: {split:.2f} s ({split / total:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
