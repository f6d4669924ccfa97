#!/usr/bin/env python3
"""Throughput of `cleanset build` beside `ftfy.fix_text` alone, measured in the same run.

Makes a corpus of about --mb megabytes from the development articles (each article repeated under
new names), then times, --repeat times each: `ftfy.fix_text` over the same texts in this process
(the floor any honest cleaner pays), `cleanset build` with 1 worker and with --workers workers
(whole builds: reading, both passes, Parquet, the HF dataset, the report). Prints medians, MB/s,
ratios and the builds' peak memory (max RSS of the child processes).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from devcorpus import WORK, build_corpus  # noqa: E402


def make_corpus(target: Path, mb: float) -> tuple[list[Path], float]:
    source = WORK / "devcorpus-0-300"
    build_corpus(source, 300)
    articles = sorted(source.glob("*.txt"))
    target.mkdir(parents=True, exist_ok=True)
    size, n = 0, 0
    while size < mb * 1e6:
        src = articles[n % len(articles)]
        data = src.read_bytes()
        (target / f"{n:06d}_{src.name}").write_bytes(data)
        size += len(data)
        n += 1
    return sorted(target.glob("*.txt")), size / 1e6


def time_ftfy(files: list[Path]) -> float:
    import ftfy

    texts = [f.read_text(encoding="utf-8") for f in files]
    t0 = time.perf_counter()
    for t in texts:
        ftfy.fix_text(t)
    return time.perf_counter() - t0


def time_build(corpus: Path, out: Path, workers: int) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(
        [
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
        ],
        check=True,
    )
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cleanset-speed-"))
    try:
        files, mb = make_corpus(work / "corpus", args.mb)
        ftfy_t = statistics.median(time_ftfy(files) for _ in range(args.repeat))
        rows = [("ftfy.fix_text alone", ftfy_t, None)]
        for workers in (1, args.workers):
            runs = [time_build(work / "corpus", work / f"out-{workers}", workers) for _ in range(args.repeat)]
            rows.append(
                (
                    f"cleanset build, {workers} worker(s)",
                    statistics.median(r[0] for r in runs),
                    max(r[1] for r in runs),
                )
            )
        print(f"{len(files)} articles, {mb:.1f} MB; medians of {args.repeat} runs\n")
        print("| run | seconds | MB/s | vs ftfy | peak RSS |")
        print("|---|---|---|---|---|")
        for name, secs, rss in rows:
            peak = f"{rss / 1024:.0f} MB" if rss else "-"
            print(f"| {name} | {secs:.2f} | {mb / secs:.2f} | {ftfy_t / secs:.3f} | {peak} |")
        one, many = rows[1][1], rows[2][1]
        print(f"\n{args.workers} workers vs 1: {one / many:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
