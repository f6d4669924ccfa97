#!/usr/bin/env python3
"""Casing edits on clean, professionally edited text: the hand-checked article bodies of the
shared page sets, written as text files and built.

`aeb`: the 181 bodies of ../shared/pages/aeb/ground-truth.json; `fundus`: the title and section
paragraphs (headings as their own lines) of the 68 articles of ../shared/pages/fundus/*/*.json.
About 200 publishers. Every casing edit here is very likely damage: the figure to keep near zero.
Prints casing edits per 1,000 tokens by kind and by evidence, the reading of each article
(`casing`), and the most common edits.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "pages"
CASING_KINDS = ("sentence_case", "proper_case")


def write_bodies(folder: Path, pages: Path = SHARED) -> dict[str, int]:
    """Write each set's bodies under folder/SET/, and return the tokens of each set."""
    tokens: dict[str, int] = {}
    aeb = json.loads((pages / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    target = folder / "aeb"
    target.mkdir(parents=True)
    tokens["aeb"] = 0
    for key, page in sorted(aeb.items()):
        body = page["articleBody"].strip()
        if body:
            (target / f"{key[:16]}.txt").write_text(body + "\n", encoding="utf-8")
            tokens["aeb"] += len(body.split())
    target = folder / "fundus"
    target.mkdir(parents=True)
    tokens["fundus"] = 0
    for gold in sorted((pages / "fundus").glob("*/*.json")):
        page = json.loads(gold.read_text(encoding="utf-8"))
        blocks = [page["title"]] if page.get("title") else []
        for section in page.get("sections", []):
            if section.get("heading"):
                blocks.append(section["heading"])
            blocks.extend(p for p in section.get("paragraphs", []) if p.strip())
        text = "\n\n".join(b.strip() for b in blocks)
        (target / f"{gold.parent.name}-{gold.stem}.txt").write_text(text + "\n", encoding="utf-8")
        tokens["fundus"] += len(text.split())
    return tokens


def casing_edits(out: Path) -> tuple[list[dict], Counter[str]]:
    """Every casing edit of a build, with its record's id and line, and the records' readings."""
    import pyarrow.parquet as pq

    edits: list[dict] = []
    readings: Counter[str] = Counter()
    for shard in sorted((out / "parquet" / "articles").glob("articles-*.parquet")):
        for rec in pq.read_table(shard).to_pylist():
            readings[rec.get("casing") or "none"] += 1
            edits.extend({**e, "id": rec["id"]} for e in rec["edits"] if e["kind"] in CASING_KINDS)
    return edits, readings


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=Path, default=SHARED)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--casing", default="default")
    args = ap.parse_args()
    if not (args.pages / "aeb" / "ground-truth.json").exists():
        sys.exit(f"no page sets under {args.pages}")
    import cleanset

    work = Path(tempfile.mkdtemp(prefix="cleanset-bodies-"))
    tokens = write_bodies(work / "in", args.pages)
    rows = []
    every: list[dict] = []
    for name in ("aeb", "fundus"):
        out = work / f"out-{name}"
        cleanset.build(work / "in" / name, out, workers=args.workers, casing=args.casing)
        edits, readings = casing_edits(out)
        every.extend({**e, "set": name} for e in edits)
        kinds = Counter(e["kind"] for e in edits)
        rows.append((name, tokens[name], edits, kinds, readings))
    total_tokens = sum(tokens.values())
    print(f"clean article bodies: casing edits per 1,000 tokens (casing {args.casing})\n")
    print("| set | tokens | casing edits | per 1k | sentence_case per 1k | proper_case per 1k | readings |")
    print("|---|---|---|---|---|---|---|")
    for name, n, edits, kinds, readings in rows:
        shown = ", ".join(f"{k} {v}" for k, v in sorted(readings.items()))
        print(
            f"| {name} | {n} | {len(edits)} | {1000 * len(edits) / n:.3f} | "
            f"{1000 * kinds['sentence_case'] / n:.3f} | {1000 * kinds['proper_case'] / n:.3f} | {shown} |"
        )
    print(f"| both | {total_tokens} | {len(every)} | {1000 * len(every) / total_tokens:.3f} | | | |")
    evidence = Counter((e["kind"], e["evidence"]) for e in every)
    print("\n| kind | evidence | edits | per 1k |")
    print("|---|---|---|---|")
    for (kind, source), n in evidence.most_common():
        print(f"| {kind} | {source} | {n} | {1000 * n / total_tokens:.3f} |")
    print(f"\nThe {args.top} most common edits:\n")
    common = Counter((e["kind"], e["before"], e["after"], e["evidence"]) for e in every)
    for (kind, before, after, source), n in common.most_common(args.top):
        print(f"  {n:3d}  {kind:13s} {before!r} -> {after!r} ({source})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
