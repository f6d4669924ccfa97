#!/usr/bin/env python3
"""Page benchmark: `cleanset build` on real article pages, beside trafilatura alone, in one run.

Two page sets, laid beside the project in ../shared/pages (or --pages):
- aeb/: 181 pages of the scrapinghub article-extraction benchmark with the hand-checked body of
  each. Body score: that benchmark's measure (word 4-gram shingles with counts; per page tp, fp
  and fn normalised by their sum; precision and recall averaged over pages, a page with no
  predicted shingle counting for recall only; F1 of the two averages).
- fundus/: 68 English news pages of about 35 publishers with the title, authors, date and body
  sections that a per-publisher parser found. Scored: the body (headings and paragraphs, same
  measure), the title (exact, with whitespace, case, quote and dash styles folded) and the
  publication date (the day).

A record's body is its text and its tables' cells (tables are data in a record, not text).
trafilatura alone runs `trafilatura.extract` with its default options on the same markup; its
title and date come from `bare_extraction`'s metadata. Speed: the whole build (reading,
extraction, repairs, both passes, Parquet and the Hugging Face dataset) with 1 worker, against
`trafilatura.extract` and `trafilatura.bare_extraction(with_metadata=True)` alone on the same
pages in this process, medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
DEFAULT_PAGES = HERE.parent.parent / "shared" / "pages"
TOKEN = re.compile(r"\w+")
PUBLISHED = {  # published body F1 on the aeb pages, from the benchmark's README
    "trafilatura": 0.958,
    "newspaper4k": 0.949,
    "Readability.js": 0.947,
    "readability-lxml": 0.922,
    "goose3": 0.896,
    "jusText": 0.804,
    "BeautifulSoup get_text": 0.665,
}


def shingles(text: str, n: int = 4) -> Counter:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def match(gold: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of shingles, normalised by their sum."""
    g, p = shingles(gold), shingles(predicted)
    tp = fp = fn = 0
    for key in g.keys() | p.keys():
        a, b = g.get(key, 0), p.get(key, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def body_score(pairs: list[tuple[float, float, float]]) -> dict:
    precisions = [tp / (tp + fp) for tp, fp, _ in pairs if tp + fp > 0]
    recalls = [tp / (tp + fn) if tp + fn > 0 else 0.0 for tp, _, fn in pairs]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def fold(text: str | None) -> str:
    text = (text or "").translate(str.maketrans("‘’‚‛“”„‟–—", "''''\"\"\"\"--"))
    return " ".join(text.casefold().split())


def load_sets(root: Path) -> dict:
    aeb_truth = json.loads((root / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    aeb = {
        k: {"file": root / "aeb" / "html" / f"{k}.html.gz", "body": v["articleBody"]}
        for k, v in aeb_truth.items()
    }
    fundus = {}
    for gold in sorted((root / "fundus").glob("*/*.json")):
        d = json.loads(gold.read_text(encoding="utf-8"))
        body = []
        for section in d["sections"]:
            if section.get("heading"):
                body.append(section["heading"])
            body.extend(section["paragraphs"])
        fundus[gold.stem] = {
            "file": gold.with_suffix(".html.gz"),
            "body": "\n".join(body),
            "title": d["title"],
            "date": (d.get("publishing_date") or "")[:10],
        }
    return {"aeb": aeb, "fundus": fundus}


def build(files: list[Path], out: Path, workers: int = 1) -> tuple[float, dict[str, dict], list[dict]]:
    """Build the pages (linked into one folder) with the CLI; (seconds, records by stem, rejects)."""
    src = out.with_name(out.name + "-in")
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    for f in files:
        (src / f.name).symlink_to(f.resolve())
    cli = Path(sys.executable).with_name("cleanset")
    start = time.perf_counter()
    subprocess.run(
        [str(cli), "build", str(src), "--out", str(out), "--workers", str(workers)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    records = {}
    for shard in sorted((out / "parquet" / "articles").glob("articles-*.parquet")):
        for r in pq.read_table(shard).to_pylist():
            records[r["source"].split(".")[0]] = r
    rejects = pq.read_table(out / "rejects.parquet").to_pylist() if (out / "rejects.parquet").exists() else []
    return seconds, records, rejects


def record_body(record: dict | None) -> str:
    """What a record holds of the article body: its text and its tables' cells, row by row."""
    if not record:
        return ""
    rows = [" ".join(cells) for t in record["tables"] for cells in [t["header"], *t["rows"]]]
    return "\n".join([record["text"], *rows])


def markup(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def trafilatura_alone(pages: dict) -> tuple[dict, dict]:
    import trafilatura

    texts, meta = {}, {}
    for key, page in pages.items():
        html = markup(page["file"])
        texts[key] = trafilatura.extract(html) or ""
        doc = trafilatura.bare_extraction(html, with_metadata=True)
        meta[key] = (doc.title, doc.date) if doc else (None, None)
    return texts, meta


def time_trafilatura(pages: dict, with_metadata: bool = False) -> float:
    """Seconds for trafilatura alone over the pages' markup: `extract` with its defaults, or
    `bare_extraction(with_metadata=True)`, which also reads the title, date and authors a
    record holds."""
    import trafilatura

    html = [markup(p["file"]) for p in pages.values()]
    start = time.perf_counter()
    for h in html:
        if with_metadata:
            trafilatura.bare_extraction(h, with_metadata=True)
        else:
            trafilatura.extract(h)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    if not (args.pages / "aeb").is_dir():
        sys.exit(f"no page sets at {args.pages} (give --pages)")
    sets = load_sets(args.pages)
    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="cleanset-pages-") as tmp:
        for name, pages in sets.items():
            seconds, records, rejects = build([p["file"] for p in pages.values()], Path(tmp) / name)
            traf_texts, traf_meta = trafilatura_alone(pages)
            ours = body_score([match(p["body"], record_body(records.get(k))) for k, p in pages.items()])
            theirs = body_score([match(p["body"], traf_texts[k]) for k, p in pages.items()])
            row = {
                "pages": len(pages),
                "records": len(records),
                "rejects": len(rejects),
                "empty_text": sum(1 for r in records.values() if not r["text"].strip()),
                "cleanset": ours,
                "trafilatura": theirs,
            }
            if name == "fundus":
                row["title_cleanset"] = sum(
                    fold((records.get(k) or {}).get("title")) == fold(p["title"]) for k, p in pages.items()
                )
                row["title_trafilatura"] = sum(
                    fold(traf_meta[k][0]) == fold(p["title"]) for k, p in pages.items()
                )
                row["date_cleanset"] = sum(
                    ((records.get(k) or {}).get("published") or "")[:10] == p["date"]
                    for k, p in pages.items()
                )
                row["date_trafilatura"] = sum(
                    (traf_meta[k][1] or "")[:10] == p["date"] for k, p in pages.items()
                )
                row["with_authors"] = sum(bool((records.get(k) or {}).get("authors")) for k in pages)
            figures[name] = row
        aeb = sets["aeb"]
        build_s, traf_s, bare_s = [], [], []
        for i in range(args.repeat):
            traf_s.append(time_trafilatura(aeb))
            bare_s.append(time_trafilatura(aeb, with_metadata=True))
            build_s.append(build([p["file"] for p in aeb.values()], Path(tmp) / f"speed{i}")[0])
        figures["speed"] = {
            "pages": len(aeb),
            "trafilatura_pages_per_s": len(aeb) / statistics.median(traf_s),
            "bare_extraction_pages_per_s": len(aeb) / statistics.median(bare_s),
            "build_pages_per_s": len(aeb) / statistics.median(build_s),
        }
        figures["speed"]["ratio"] = (
            figures["speed"]["build_pages_per_s"] / figures["speed"]["trafilatura_pages_per_s"]
        )
        figures["speed"]["ratio_bare"] = (
            figures["speed"]["build_pages_per_s"] / figures["speed"]["bare_extraction_pages_per_s"]
        )
    report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


def report(f: dict) -> None:
    print(
        "| page set | pages | records | rejects | empty text | cleanset P / R / F1 | trafilatura alone P / R / F1 |"
    )
    print("|---|---|---|---|---|---|---|")
    for name in ("aeb", "fundus"):
        r = f[name]
        c, t = r["cleanset"], r["trafilatura"]
        print(
            f"| {name} | {r['pages']} | {r['records']} | {r['rejects']} | {r['empty_text']} "
            f"| {c['precision']:.3f} / {c['recall']:.3f} / **{c['f1']:.3f}** "
            f"| {t['precision']:.3f} / {t['recall']:.3f} / {t['f1']:.3f} |"
        )
    fu = f["fundus"]
    n = fu["pages"]
    print()
    print("| fundus metadata | cleanset | trafilatura alone |")
    print("|---|---|---|")
    print(
        f"| title exact | {fu['title_cleanset']} of {n} ({fu['title_cleanset'] / n:.0%}) | {fu['title_trafilatura']} of {n} ({fu['title_trafilatura'] / n:.0%}) |"
    )
    print(
        f"| publication day | {fu['date_cleanset']} of {n} ({fu['date_cleanset'] / n:.0%}) | {fu['date_trafilatura']} of {n} ({fu['date_trafilatura'] / n:.0%}) |"
    )
    print(f"| records with authors | {fu['with_authors']} of {n} | |")
    s = f["speed"]
    print()
    print(
        f"speed on the {s['pages']} aeb pages, 1 worker, medians: trafilatura.extract alone "
        f"{s['trafilatura_pages_per_s']:.1f} pages/s, bare_extraction(with_metadata=True) alone "
        f"{s['bare_extraction_pages_per_s']:.1f} pages/s, whole build (a new process, start-up "
        f"included) {s['build_pages_per_s']:.1f} pages/s ({s['ratio']:.2f} times extract, "
        f"{s['ratio_bare']:.2f} times bare_extraction)"
    )
    print()
    print(
        "published body F1 on the aeb pages (the benchmark's README): "
        + ", ".join(f"{k} {v}" for k, v in PUBLISHED.items())
    )


if __name__ == "__main__":
    main()
