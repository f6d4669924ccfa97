#!/usr/bin/env python3
"""What splitting lines into words costs as polars column operations, beside cleanset's own split.

`tokens.line_words` is the step every casing rule starts from: each line's word parts, each with
its offsets, whether it opens a sentence, the word before it, whether it follows a full stop and
whether it looks like part of a name. This benchmark restates that step over a whole batch of
lines at once as polars expressions (one polars thread, so one core, as a worker has), checks
that it gives every field of every word exactly as `line_words` does, and times both.

It answers one question: how much of the casing engine's cost a column form could take away.
The restatement is a measurement, not part of cleanset; the casing rules that read the words
(name runs, pairs, joins, the candidate search) would each need the same treatment.

    python benchmarks/column_split.py --mb 10
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("POLARS_MAX_THREADS", "1")  # before polars is imported: one core
import numpy as np  # noqa: E402
import polars as pl  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from throughput import make_corpus  # noqa: E402

from cleanset.tokens import ABBREVIATIONS, CLOSERS, OPENERS, SCAN, scan_words  # noqa: E402


def _class(test) -> str:
    """A Rust-regex class body of every code point that passes `test`, as ranges."""
    passes = np.zeros(0x110002, dtype=np.int8)  # a zero on each side, so every run has two edges
    passes[1:-1] = [0 if 0xD800 <= cp <= 0xDFFF else test(chr(cp)) for cp in range(0x110000)]
    edges = np.flatnonzero(np.diff(passes))
    return "".join(
        f"\\x{{{a:X}}}" + (f"-\\x{{{b - 1:X}}}" if b - 1 > a else "")
        for a, b in zip(edges[::2], edges[1::2], strict=True)
    )


def _escaped(chars: str) -> str:
    return "".join(f"\\x{{{ord(c):X}}}" for c in chars)


# Python's classes, not Rust's: \w, \s, letters, isupper and islower differ at the edges
_LETTER_RE, _WORD_RE, _SPACE_RE = re.compile(r"[^\W\d_]"), re.compile(r"\w"), re.compile(r"\s")
LETTER = _class(lambda c: _LETTER_RE.match(c) is not None)
WORD_CHAR = _class(lambda c: _WORD_RE.match(c) is not None)
SPACE = _class(lambda c: _SPACE_RE.match(c) is not None)
SPACE_CHARS = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF and chr(cp).isspace())
ALNUM, ALPHA = _class(str.isalnum), _class(str.isalpha)
UPPER, LOWER = _class(str.isupper), _class(str.islower)
TITLE = _class(lambda c: c.istitle() and not c.isupper())

WORD_PART = f"[{LETTER}]+(?:['’][{LETTER}]+)*"
MARKER = rf"^((?:[-*•‣◦▪]|\d{{1,3}}[.)])[{SPACE}]+)"
TOKEN = f"[{SPACE}]*[^{SPACE}]+"
FAST = rf"^({WORD_PART})(?:[,;:]?|([.!?])([{_escaped(CLOSERS)}]*))$"
_NOT_WORD = f"(?:[^{WORD_CHAR}]|$)"  # Rust's regex has no lookahead
_TLD = "com|org|net|edu|gov|io|co|uk|de|fr|ru|info|biz|tv|me|ai|app|ly|us"
_EXT = "pdf|html?|php|aspx?|jpe?g|png|gif|svg|csv|json|xml|txt|docx?|xlsx?|zip|py|js|exe"
URL_LIKE = (
    rf"^[\"'(“‘\[]*(?:[A-Za-z][A-Za-z0-9+.-]*://|[Ww]{{3}}\.|[{WORD_CHAR}.+-]+@[{WORD_CHAR}-]+\.)"
    rf"|[{WORD_CHAR}]\.(?:{_TLD}){_NOT_WORD}|[{WORD_CHAR}]\.(?:{_EXT}){_NOT_WORD}"
)
SIGN_OFF = rf"^[a-z]{{1,4}}(?:/[a-z]{{1,4}})+(?:[^{WORD_CHAR}/]|$)"
PIECE = f"{WORD_PART}|[^{LETTER}]+"
ABBREVIATION_LIST = sorted(ABBREVIATIONS)


def ends_sentence(t: pl.Expr) -> pl.Expr:
    """`tokens.ends_sentence` as an expression."""
    core = t.str.strip_chars_end(CLOSERS)
    last = core.str.slice(-1)
    stem = (
        core.str.slice(0, core.str.len_chars() - 1).str.strip_chars_start(OPENERS).str.split("-").list.last()
    )
    dotted = stem.str.contains(".", literal=True) & stem.str.contains(r"^(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}$")
    initial = (stem.str.len_chars() == 1) & stem.str.contains(f"^[{ALPHA}]$")
    return (
        last.is_in([".", "!", "?"])
        & ~core.str.ends_with("..")
        & (core != ".")
        & ~(last.is_in(["!", "?"]) & (core.str.len_chars() < t.str.len_chars()))
        & ~((last == ".") & (dotted | initial | stem.str.to_lowercase().is_in(ABBREVIATION_LIST)))
    )


def name_like(w: pl.Expr) -> pl.Expr:
    """`len(w) > 1 and w[0].isupper() and (w[1:].islower() or w.isupper())`."""
    rest = w.str.slice(1)
    rest_lower = ~rest.str.contains(f"[{UPPER}{TITLE}]") & rest.str.contains(f"[{LOWER}]")
    all_upper = ~w.str.contains(f"[{LOWER}{TITLE}]") & w.str.contains(f"[{UPPER}]")
    return (w.str.len_chars() > 1) & w.str.contains(f"^[{UPPER}]") & (rest_lower | all_upper)


def _offsets_within(lengths: pl.Series, first: pl.Series) -> pl.Series:
    """The running total of `lengths` restarting wherever `first` is set, each row's own excluded."""
    total = lengths.cum_sum()
    base = (total - lengths).to_frame("b").select(pl.when(first).then(pl.col("b")).forward_fill())["b"]
    return total - base - lengths


def column_words(lines: list[str]) -> pl.DataFrame:
    """Every word of every line as `line_words(line)` gives it: ln (the line's index), start, end,
    text, sentence_start, prev, after_stop, name_like."""
    lines_df = pl.DataFrame({"line": lines}).with_row_index("ln")
    lines_df = lines_df.with_columns(
        pos0=pl.col("line").str.extract(MARKER, 1).str.len_chars().fill_null(0).cast(pl.UInt32)
    )
    tok = (
        lines_df.select("ln", "pos0", piece=pl.col("line").str.slice(pl.col("pos0")).str.extract_all(TOKEN))
        .explode("piece")
        .drop_nulls("piece")
        .with_row_index("tix")
        .with_columns(
            t=pl.col("piece").str.strip_chars_start(SPACE_CHARS), first=pl.col("ln") != pl.col("ln").shift(1)
        )
        .with_columns(pl.col("first").fill_null(True))
    )
    piece_len = tok["piece"].str.len_chars()
    tok = tok.with_columns(
        start=tok["pos0"] + _offsets_within(piece_len, tok["first"]) + piece_len - tok["t"].str.len_chars(),
        f=pl.col("t").str.extract_groups(FAST),
    ).unnest("f")
    tok = tok.rename({"1": "fw", "2": "fstop", "3": "fclosers"}).with_columns(
        fast=pl.col("fw").is_not_null()
        & ~((pl.col("fstop") == ".") & (pl.col("fw").str.to_lowercase() == "www"))
    )
    # plain words (the scan's fast paths)
    opens_next = (
        pl.when(pl.col("fstop").is_null())
        .then(False)
        .when(pl.col("fstop") == ".")
        .then((pl.col("fw").str.len_chars() > 1) & ~pl.col("fw").str.to_lowercase().is_in(ABBREVIATION_LIST))
        .otherwise(pl.col("fclosers") == "")
    )
    fast = tok.filter("fast").select(
        "tix",
        "ln",
        "first",
        "start",
        "fw",
        opens_set=opens_next,
        stop_set=pl.col("fstop").is_not_null(),
        prev_set=pl.col("fw"),
        parts=pl.lit(None, pl.List(pl.String)),
    )
    # every other token: addresses and sign-offs hold no words; the rest their word parts
    other = tok.filter(~pl.col("fast")).with_columns(
        url=pl.col("t").str.contains(URL_LIKE) | pl.col("t").str.contains(SIGN_OFF),
        ends=ends_sentence(pl.col("t")),
        alnum=pl.col("t").str.contains(f"[{ALNUM}]"),
        stops=pl.col("t").str.strip_chars_end(CLOSERS).str.slice(-1).is_in([".", "!", "?"]),
    )
    is_word = pl.element().str.contains(f"^[{LETTER}]")
    other = other.with_columns(
        parts=pl.when(~pl.col("url")).then(pl.col("t").str.extract_all(PIECE))
    ).with_columns(words=pl.col("parts").list.eval(pl.element().filter(is_word)))
    other = other.select(
        "tix",
        "ln",
        "first",
        "start",
        fw=pl.lit(None, pl.String),
        opens_set=pl.when(pl.col("url"))
        .then(pl.col("ends"))
        .when(pl.col("ends"))
        .then(True)
        .when(pl.col("alnum"))
        .then(False),  # else: as before the token
        stop_set=pl.col("stops"),
        prev_set=pl.when(pl.col("url"))
        .then(pl.lit("\x00"))  # an address ends the run of words: no word before the next
        .when(pl.col("words").list.len() > 0)
        .then(pl.col("words").list.last())
        .when(pl.col("alnum"))
        .then(pl.col("t")),  # numbers count as the word before the next
        parts="parts",
    )
    # state carried from token to token along the line
    tok = pl.concat([fast, other]).sort("tix")
    tok = tok.with_columns(
        opens=pl.when(pl.col("first")).then(True).otherwise(pl.col("opens_set").shift(1)),
        after_stop=pl.when(pl.col("first")).then(False).otherwise(pl.col("stop_set").shift(1)),
        prev=pl.when(pl.col("first")).then(pl.lit("\x00")).otherwise(pl.col("prev_set").shift(1)),
    ).with_columns(pl.col("opens").forward_fill(), pl.col("prev").forward_fill())
    tok = tok.with_columns(prev=pl.when(pl.col("prev") != "\x00").then(pl.col("prev")))
    plain = tok.filter(pl.col("fw").is_not_null()).select(
        "tix",
        "ln",
        "start",
        text="fw",
        sentence_start="opens",
        prev="prev",
        after_stop="after_stop",
        k=pl.lit(0, pl.UInt32),
    )
    pieces = tok.filter(pl.col("parts").is_not_null()).select(
        "tix", "ln", "start", "opens", "after_stop", "prev", "parts"
    )
    pieces = pieces.explode("parts").drop_nulls("parts")
    piece_len = pieces["parts"].str.len_chars()
    first_piece = (pieces["tix"] != pieces["tix"].shift(1)).fill_null(True)
    pieces = pieces.with_columns(
        off=_offsets_within(piece_len, first_piece),
        word=pl.col("parts").str.contains(f"^[{LETTER}]"),
        alnum=pl.col("parts").str.contains(f"[{ALNUM}]").cast(pl.UInt32),
    )
    pieces = pieces.with_columns(alnum_before=pl.col("alnum").cum_sum().over("tix") - pl.col("alnum"))
    pieces = pieces.filter("word").with_columns(k=pl.int_range(pl.len()).over("tix").cast(pl.UInt32))
    parts = pieces.select(
        "tix",
        "ln",
        start=pl.col("start") + pl.col("off"),
        text="parts",
        sentence_start=pl.col("opens") & (pl.col("k") == 0) & (pl.col("alnum_before") == 0),
        prev=pl.when(pl.col("k") == 0).then(pl.col("prev")).otherwise(pl.col("parts").shift(1)),
        after_stop=pl.col("after_stop") & (pl.col("k") == 0),
        k="k",
    )
    words = pl.concat([plain, parts]).sort("tix", "k")
    return words.with_columns(
        end=pl.col("start") + pl.col("text").str.len_chars(), name_like=name_like(pl.col("text"))
    ).select("ln", "start", "end", "text", "sentence_start", "prev", "after_stop", "name_like")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10.0, help="corpus size")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "corpus.jsonl"
        make_corpus(path, args.mb)
        with open(path, encoding="utf-8") as fh:
            lines = [ln for row in fh for ln in json.loads(row)["text"].split("\n") if ln.strip()]
    size = sum(len(ln.encode("utf-8")) for ln in lines) / 1e6
    python_s, polars_s = [], []
    for _ in range(args.repeat):  # in turns, so that both share the machine's state
        t0 = time.perf_counter()
        expected = [scan_words(line, False, SCAN) for line in lines]  # line_words, uncached
        python_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        found = column_words(lines)
        polars_s.append(time.perf_counter() - t0)
    flat = [(n, *w) for n, words in enumerate(expected) for w in words]
    rows = found.rows()
    differ = sum(a != b for a, b in zip(flat, rows, strict=False)) + abs(len(flat) - len(rows))
    py, col = statistics.median(python_s), statistics.median(polars_s)
    print(f"{len(lines)} lines, {size:.1f} MB, {len(flat)} words; polars {pl.__version__}, 1 thread")
    print(f"line_words (Python): {py:.2f} s, {size / py:.2f} MB/s")
    print(f"column form (polars): {col:.2f} s, {size / col:.2f} MB/s, {py / col:.2f} times as fast")
    print(f"words that differ in any field: {differ}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
