"""Terminal views of a published dataset and of one file's repairs (rich)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cleanset.corpus import gather
from cleanset.diffing import diff_runs, diffable, marked_diff
from cleanset.document import Document
from cleanset.pipeline import clean_document, repaired_text
from cleanset.readers import DEFAULT_COLUMNS, DEFAULT_MAX_BYTES, RejectedInput

if TYPE_CHECKING:
    import pyarrow.dataset as ds

SUMMARY_COLUMNS = ["id", "title", "edits", "duplicate_of", "near_duplicate_score", "n_words"]


def _articles(folder: Path) -> ds.Dataset:
    import pyarrow.dataset as ds  # here, not above: `cleanset diff` reads no dataset

    from cleanset.publish import article_shards

    return ds.dataset([str(p) for p in article_shards(folder)], format="parquet")


def show_dataset(folder: Path, console: Console) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]
    totals = Table("figure", "value", title=f"cleanset dataset {folder}")
    for key in ("inputs", "records", "rejected", "words", "tables", "table_rows", "duplicates", "skipped"):
        totals.add_row(key.replace("_", " "), str(counts.get(key, 0)))
    console.print(totals)
    batches = manifest.get("batches", [])
    if batches:
        table = Table("batch", "built", "inputs", "records", "already in", "rejected", "duplicates", title="Batches")
        for b in batches:
            c = b["counts"]
            table.add_row(
                str(b["batch"]),
                b["built_at"][:16].replace("T", " "),
                ", ".join(Path(a).name for a in b["arguments"]),
                str(c["records"]),
                str(c.get("already_in", 0)),
                str(c["rejected"]),
                str(c["duplicates"]),
            )
        console.print(table)
    kinds = Table("edit kind", "edits", title="Edits by kind")
    for kind, n in sorted(counts["edits_by_kind"].items(), key=lambda kv: -kv[1]):
        kinds.add_row(kind, str(n))
    console.print(kinds)
    readings = Table("reading", "records", title="Casing reading (the record's `casing`)")
    for reading, n in sorted(counts.get("casing_readings", {}).items(), key=lambda kv: -kv[1]):
        readings.add_row(reading, str(n))
    if readings.row_count:
        console.print(readings)
    evidence = Table("edit kind", "evidence", "edits", title="Casing edits by evidence")
    for kind, sources in sorted(counts.get("casing_edits_by_evidence", {}).items()):
        for source, n in sorted(sources.items(), key=lambda kv: -kv[1]):
            evidence.add_row(kind, source, str(n))
    if evidence.row_count:
        console.print(evidence)
    rows = _articles(folder).to_table(columns=SUMMARY_COLUMNS).to_pylist()
    top = Table("id", "title", "edits", "by kind", title="Most edited documents")
    for r in sorted((r for r in rows if r["edits"]), key=lambda r: -len(r["edits"]))[:10]:
        by_kind = Counter(e["kind"] for e in r["edits"])
        top.add_row(
            r["id"], r["title"] or "", str(len(r["edits"])), ", ".join(f"{k} {n}" for k, n in by_kind.items())
        )
    console.print(top)
    import pyarrow.parquet as pq

    rejects = pq.read_table(folder / "rejects.parquet").to_pylist()
    if rejects:
        rej = Table("source", "reason", "message", title="Rejected inputs")
        for r in rejects:
            rej.add_row(r["source"], r["reason"], r["message"])
        console.print(rej)
    dups = [r for r in rows if r["duplicate_of"]]
    if dups:
        dup = Table("id", "duplicate of", "similarity", title="Duplicates")
        for r in dups:
            dup.add_row(r["id"], r["duplicate_of"], f"{r['near_duplicate_score']:.2f}")
        console.print(dup)


def show_record(folder: Path, record_id: str, console: Console) -> bool:
    import pyarrow.dataset as ds

    table = _articles(folder).to_table(filter=ds.field("id") == record_id)
    if table.num_rows == 0:
        return False
    rec = table.to_pylist()[0]
    meta = Table(show_header=False, title=f"record {record_id}")
    for key in (
        "id",
        "source",
        "title",
        "subtitle",
        "publisher",
        "language",
        "casing",
        "n_words",
        "duplicate_of",
        "near_duplicate_score",
        "input_encoding",
        "content_sha256",
    ):
        meta.add_row(key, "" if rec[key] is None else str(rec[key]))
    console.print(meta)
    console.print(Panel(rec["text"], title="text", expand=False))
    for n, t in enumerate(rec["tables"]):
        grid = Table(*t["header"], title=f"table {n}" + (f": {t['caption']}" if t["caption"] else ""))
        for row in t["rows"]:
            grid.add_row(*row)
        console.print(grid)
    if rec["edits"]:
        edits = Table("kind", "offset", "before", "after", "evidence", title="edits")
        for e in rec["edits"]:
            edits.add_row(e["kind"], str(e["offset"]), repr(e["before"]), repr(e["after"]), e["evidence"] or "")
        console.print(edits)
    for w in rec["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {w}")
    return True


def show_diff(path: Path, skip: frozenset[str], console: Console, casing: str = "default") -> int:
    """Clean one input as a build of it alone would, and print what would change in each of its
    documents: a page, a text file, or each row of a container or record of an archive. Changes
    are coloured on a terminal and marked in text (`[-old-]{+new+}`) elsewhere. Returns how many
    documents were read."""
    from cleanset.readers import discover, read_unit
    from cleanset.readers.records import RecordSlice
    from cleanset.readers.warc import WarcSlice

    found = discover([path])
    for source, reason, message in found.problems:
        raise RejectedInput(reason, f"{source}: {message}")
    if not found.units:
        raise RejectedInput("skipped", "not an article, container or archive cleanset reads")
    docs: list[Document] = []
    for unit in found.units:
        for item in read_unit(unit, DEFAULT_MAX_BYTES, DEFAULT_COLUMNS):
            if isinstance(item, Document):
                docs.append(item)
            elif isinstance(unit, (RecordSlice, WarcSlice)):
                source, exc = item
                console.print(f"[bold]{escape(source)}[/bold]: rejected: {exc.reason}: {escape(exc.message)}")
            else:
                raise item[1]
    corpus = gather([d.text for d in docs])
    several = len(docs) > 1 or isinstance(found.units[0], (RecordSlice, WarcSlice))
    for doc in docs:
        record = clean_document(doc, corpus, skip, casing=casing)
        if several:
            console.rule(escape(doc.source), align="left")
        _print_changes(doc, record, console)
        kinds = Counter(e["kind"] for e in record["edits"])
        summary = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "nothing to change"
        console.print(f"\n[bold]{escape(doc.source)}[/bold]: {summary}")
    return len(docs)


def _print_changes(doc: Document, record: dict, console: Console) -> None:
    if not record["edits"]:
        return
    if not diffable(doc.text):
        for e in record["edits"]:
            why = f" ({e['evidence']})" if e.get("evidence") else ""
            console.print(f"{e['kind']} at {e['offset']}: {e['before']!r} -> {e['after']!r}{why}", markup=False)
        return
    after = repaired_text(doc, record)
    if console.color_system is None:
        console.print(marked_diff(doc.text, after), markup=False, highlight=False)
        return
    text = Text()
    for tag, run in diff_runs(doc.text, after):
        text.append(run, style={"same": "", "removed": "bold red strike", "added": "bold green"}[tag])
    console.print(text)
