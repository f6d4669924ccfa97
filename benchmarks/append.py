#!/usr/bin/env python3
"""Appending a day's scrape to a published dataset (`cleanset build DAY --out DIR --append`).

The corpus is the throughput benchmark's (throughput.py: synthetic articles from the BBC
development articles' headlines and paragraphs, as JSON Lines), with --damaged of its articles
damaged by the repair benchmark's corrupter. A dataset of --base articles is built in
--base-batches appends; then a day of --day new articles is

- built on its own into an empty folder, and appended to a copy of the dataset (a hard-linked
  copy, which an append may share: it never writes into an old file), in turns, --repeat times,
  1 worker, with the peak memory of each (throughput.py's TreeMemory);
- appended a second time to the appended copy: nothing may be added;
- checked: the dataset's old Parquet shards and Arrow files byte-identical after the append,
  their checksums as the manifest recorded them, `cleanset validate` clean;
- appended once more to a fresh copy and killed (SIGKILL) once its first pass is done: the
  dataset must be byte-identical to before.

Then, on both development corpora (300 articles, 30% damaged at half the rates, the mixed runs of
repair.py), the records of three appended batches against one build of the same inputs: the
last batch's records are made with the same evidence as one build's; earlier batches' were made
with less, and where that decided a casing edit their records differ (counted).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from devcorpus import CORPORA, WORK  # noqa: E402
from throughput import damaged_corpus, source_articles, time_build  # noqa: E402

STAGING_PREFIX = ".cleanset-staging-"


def write_articles(path: Path, n: int, seed: int, prefix: str) -> None:
    """`n` synthetic articles as throughput.py makes them, with ids `prefix`0000000..."""
    rng = random.Random(seed)
    articles = source_articles()
    paragraphs = [p for _, ps in articles for p in ps]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            title = articles[rng.randrange(len(articles))][0]
            body = "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(4, 8)))
            fh.write(json.dumps({"id": f"{prefix}{i:07d}", "title": title, "text": body}) + "\n")


def split_lines(path: Path, parts: int, folder: Path) -> list[Path]:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    size = -(-len(lines) // parts)
    out = []
    for k in range(parts):
        part = folder / f"{path.stem}-{k:02d}.jsonl"
        part.write_text("".join(lines[k * size : (k + 1) * size]), encoding="utf-8")
        out.append(part)
    return out


def tree(folder: Path, only_data: bool = False) -> dict[str, str]:
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_file() and (not only_data or rel.startswith("parquet/") or rel.endswith(".arrow")):
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def linked_copy(src: Path, dst: Path) -> None:
    shutil.rmtree(dst, ignore_errors=True)
    subprocess.run(["cp", "-al", str(src), str(dst)], check=True)


def records_added(folder: Path) -> int:
    return json.loads((folder / "manifest.json").read_text())["counts"]["records"]


def killed_append(day: Path, dataset: Path) -> tuple[bool, float]:
    """Append `day` to `dataset`, SIGKILL it once its first pass is done; whether `dataset` is
    byte-identical afterwards, and when the kill came (s)."""
    before = tree(dataset)
    cmd = [sys.executable, "-m", "cleanset", "build", str(day), "--out", str(dataset), "--append", "-q", "--workers", "1"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd)
    killed_at = None
    while proc.poll() is None:
        staged = list(dataset.parent.glob(f"{STAGING_PREFIX}{dataset.name}-*"))
        if staged and (staged[0] / "state" / "corpus-hashes.npz").exists():
            proc.send_signal(signal.SIGKILL)
            killed_at = time.perf_counter() - t0
            break
        time.sleep(0.01)
    proc.wait()
    if killed_at is None:
        raise SystemExit("the append ended before it could be killed")
    return tree(dataset) == before, killed_at


def articles_of(folder: Path) -> list[dict]:
    import pyarrow.parquet as pq

    rows = []
    for shard in sorted((folder / "parquet" / "articles").glob("*.parquet")):
        rows.extend(pq.read_table(shard, columns=["id", "text", "edits"]).to_pylist())
    return rows


def mixed_copy(corpus: Path, target: Path, share: float, scale: float, seed: int = 1) -> None:
    """The corpus's articles with `share` of them damaged at `scale` times repair.py's rates."""
    import importlib.util

    from repair import RATES, find_repairbench

    spec = importlib.util.spec_from_file_location("repairbench", find_repairbench())
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rng = random.Random(seed)
    corrupter = bench.Corrupter(random.Random(seed), {k: v * scale for k, v in RATES.items()}, bench.DEFAULT_RESIDUE)
    target.mkdir(parents=True, exist_ok=True)
    for f in sorted(corpus.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        if rng.random() < share:
            text = corrupter.corrupt(text, titled=True)[0]
        (target / f.name).write_text(text, encoding="utf-8")


def batches_against_one_build(work: Path, name: str, batches: int) -> dict:
    corpus = WORK / f"{name}-corpus-0-300"
    CORPORA[name](corpus, 300, 0)
    mixed = work / f"{name}-mixed"
    shutil.rmtree(mixed, ignore_errors=True)
    mixed_copy(corpus, mixed, 0.3, 0.5)
    files = sorted(mixed.glob("*.txt"))
    size = -(-len(files) // batches)
    parts = []
    for k in range(batches):
        part = work / f"{name}-batch-{k}"
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir()
        for f in files[k * size : (k + 1) * size]:
            shutil.copy(f, part / f.name)
        parts.append(part)
    appended, one = work / f"{name}-appended", work / f"{name}-one"
    for folder in (appended, one):
        shutil.rmtree(folder, ignore_errors=True)
    for part in parts:
        subprocess.run([sys.executable, "-m", "cleanset", "build", str(part), "--out", str(appended), "--append", "-q"], check=True)
    subprocess.run([sys.executable, "-m", "cleanset", "build", *map(str, parts), "--out", str(one), "-q"], check=True)
    a, b = articles_of(appended), articles_of(one)
    assert [r["id"] for r in a] == [r["id"] for r in b]
    last = len(a) - len(list(parts[-1].glob("*.txt")))
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x["text"] != y["text"] or x["edits"] != y["edits"]]
    tokens = sum(len(r["text"].split()) for r in b)
    changed = 0
    for i in differ:
        changed += sum(1 for u, v in zip(a[i]["text"].split(), b[i]["text"].split(), strict=False) if u != v)
    casing = sum(
        len({json.dumps(e, sort_keys=True) for e in x["edits"] if e["kind"] in ("proper_case", "sentence_case")}
            ^ {json.dumps(e, sort_keys=True) for e in y["edits"] if e["kind"] in ("proper_case", "sentence_case")})
        for x, y in zip(a, b, strict=True)
    )
    return {
        "records": len(a),
        "differ_earlier": sum(1 for i in differ if i < last),
        "differ_last": sum(1 for i in differ if i >= last),
        "casing_edits_differ": casing,
        "words_differ_per_1k": 1000 * changed / tokens,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=int, default=100_000, help="articles in the dataset appended to")
    ap.add_argument("--base-batches", type=int, default=4, help="appends that build the dataset")
    ap.add_argument("--day", type=int, default=1_000, help="articles in the day appended")
    ap.add_argument("--damaged", type=float, default=0.2, help="share of articles damaged")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="workers building the dataset")
    ap.add_argument("--work", type=Path, default=WORK / "append")
    ap.add_argument("--skip-corpora", action="store_true", help="leave out the development corpora comparison")
    args = ap.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    base_clean, day_clean = work / "base-clean.jsonl", work / "day-clean.jsonl"
    base, day = work / "base.jsonl", work / "day" / "day.jsonl"
    day.parent.mkdir(exist_ok=True)
    write_articles(base_clean, args.base, 0, "a")
    write_articles(day_clean, args.day, 1, "d")
    damaged_corpus(base_clean, args.damaged, base, seed=1)
    damaged_corpus(day_clean, args.damaged, day, seed=2)
    dataset = work / "dataset"
    shutil.rmtree(dataset, ignore_errors=True)
    print(f"append benchmark: a dataset of {args.base:,} articles in {args.base_batches} batches, a day of {args.day:,}; "
          f"{args.damaged:.0%} of articles damaged\n")
    print(f"| base batch | articles | append, s (workers {args.workers}) | peak memory, MB |")
    print("|---|---|---|---|")
    for k, part in enumerate(split_lines(base, args.base_batches, work)):
        seconds, (peak, _) = time_build(part, dataset, args.workers, extra=("--append",))
        rows = part.read_text(encoding="utf-8").count("\n")
        print(f"| {k + 1} | {rows:,} | {seconds:.1f} | {peak / 1e6:.0f} |", flush=True)
    old_data = tree(dataset, only_data=True)
    fresh, appended, fresh_mem, append_mem = [], [], [], []
    copy = work / "appended"
    for _ in range(args.repeat):
        shutil.rmtree(work / "fresh", ignore_errors=True)
        seconds, (peak, _) = time_build(day, work / "fresh", 1)
        fresh.append(seconds)
        fresh_mem.append(peak)
        linked_copy(dataset, copy)
        seconds, (peak, _) = time_build(day, copy, 1, extra=("--append",))
        appended.append(seconds)
        append_mem.append(peak)
    fresh_s, append_s = statistics.median(fresh), statistics.median(appended)
    unchanged = all(tree(copy, only_data=True).get(p) == h for p, h in old_data.items())
    manifest = json.loads((copy / "manifest.json").read_text())
    listed = {o["path"]: o["sha256"] for o in manifest["outputs"]}
    as_listed = all(listed.get(p) == h for p, h in old_data.items())
    valid = subprocess.run([sys.executable, "-m", "cleanset", "validate", str(copy)], capture_output=True).returncode == 0
    before_twice = tree(copy)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cleanset", "build", str(day.parent), "--out", str(copy), "--append", "--workers", "1"],
                   check=True, capture_output=True)
    twice_s = time.perf_counter() - t0
    twice_same = tree(copy) == before_twice
    linked_copy(dataset, work / "killed")
    kill_same, killed_at = killed_append(day.parent, work / "killed")
    print()
    print("| figure | target | measured |")
    print("|---|---|---|")
    budget = 1.3 * fresh_s + 5
    print(f"| append {args.day:,} articles to {records_added(dataset):,}, 1 worker, median of {args.repeat} | "
          f"<= 1.3 x fresh + 5 s = {budget:.1f} s | {append_s:.1f} s (fresh build of the same day {fresh_s:.1f} s; "
          f"{append_s / fresh_s:.2f}x, {append_s - fresh_s:+.1f} s) {'✓' if append_s <= budget else '✗'} |")
    print(f"| peak memory, append vs fresh | flat | {statistics.median(append_mem) / 1e6:.0f} MB vs "
          f"{statistics.median(fresh_mem) / 1e6:.0f} MB |")
    print(f"| the same day appended twice | nothing added | {'nothing added, folder unchanged' if twice_same else 'CHANGED'} "
          f"({twice_s:.1f} s) |")
    print(f"| old files after an append | byte-identical | {len(old_data)} Parquet and Arrow files: "
          f"{'identical' if unchanged else 'CHANGED'}, {'as the manifest lists them' if as_listed else 'NOT as listed'}; "
          f"validate {'ok' if valid else 'FAILED'} |")
    print(f"| a killed append (SIGKILL at {killed_at:.1f} s, after the first pass) | DIR byte-identical | "
          f"{'identical' if kill_same else 'CHANGED'} |")
    if not args.skip_corpora:
        print("\nthree appended batches against one build, 300 articles, 30% damaged at half the rates:\n")
        print("| corpus | records | earlier batches' records that differ | last batch's that differ | casing edits that differ | words that differ per 1k |")
        print("|---|---|---|---|---|---|")
        for name in ("bbc", "news"):
            r = batches_against_one_build(work, name, 3)
            print(f"| {name} | {r['records']} | {r['differ_earlier']} | {r['differ_last']} | {r['casing_edits_differ']} | "
                  f"{r['words_differ_per_1k']:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
