"""The build report: one self-contained HTML page (no scripts, no requests) for people to read."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from cleanset.diffing import diff_passages, diffable, replay

MAX_DIFFS = 60
MAX_TABLES = 60

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1d1d1f}
h1{margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:1px solid #ddd}
.totals{display:flex;flex-wrap:wrap;gap:1rem}.totals div{background:#f4f5f7;border-radius:8px;padding:.6rem 1rem}
.totals b{display:block;font-size:1.4rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}
th{background:#f4f5f7}
.passages li{white-space:pre-wrap;background:#fafafa;border:1px solid #e3e3e3;padding:.4rem .6rem;margin:.3rem 0;font:13px/1.45 ui-monospace,monospace}
.doc{border-top:1px solid #eee;margin-top:1rem}.doc h3{margin:.6rem 0 .2rem}code{font-size:12px}
del{background:#ffd7d5;color:#82071e}ins{background:#ccffd8;color:#055d20;text-decoration:none}
details{margin:.6rem 0}summary{cursor:pointer;font-weight:600}.muted{color:#666}
"""


@dataclass
class ReportMaterial:
    """What the build keeps for the report while records stream past: small, bounded."""

    most_edited: list[tuple[int, int, dict]] = field(default_factory=list)  # heap of (edits, -order, record)
    tables: list[tuple[str, dict]] = field(default_factory=list)
    clusters: dict[str, list[tuple[str, float]]] = field(default_factory=lambda: defaultdict(list))
    seen: int = 0

    languages: Counter[str] = field(default_factory=Counter)
    edited: int = 0  # records with at least one edit

    def add(self, rec: dict) -> None:
        self.seen += 1
        self.languages[rec["language"] or "unknown"] += 1
        for t in rec["tables"]:
            if len(self.tables) < MAX_TABLES:
                self.tables.append((rec["id"], t))
        if rec["duplicate_of"]:
            self.clusters[rec["duplicate_of"]].append((rec["id"], rec["near_duplicate_score"]))
        if not rec["edits"]:
            return
        self.edited += 1
        item = (len(rec["edits"]), -self.seen, rec)
        if len(self.most_edited) < MAX_DIFFS:
            heapq.heappush(self.most_edited, item)
        elif item[:2] > self.most_edited[0][:2]:
            heapq.heapreplace(self.most_edited, item)

    def top(self) -> list[dict]:
        return [rec for _, _, rec in sorted(self.most_edited, key=lambda x: (-x[0], -x[1]))]


def bar_chart(counts: Counter[str]) -> str:
    """Edits per kind as an inline SVG bar chart."""
    items = sorted(counts.items(), key=lambda kv: -kv[1])
    width, bar_h, gap, label_w = 640, 22, 8, 130
    height = max(1, len(items)) * (bar_h + gap) + gap
    top = max([n for _, n in items] or [1])
    rows = []
    for i, (kind, n) in enumerate(items):
        y = gap + i * (bar_h + gap)
        w = max(2, int((width - label_w - 70) * n / top))
        rows.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(kind)}</text>'
            f'<rect class="bar" data-kind="{escape(kind)}" x="{label_w}" y="{y}" width="{w}" height="{bar_h}" '
            f'fill="#4f6bed"><title>{escape(kind)}: {n}</title></rect>'
            f'<text x="{label_w + w + 6}" y="{y + 16}">{n}</text>'
        )
    if not items:
        rows.append(f'<text x="10" y="{gap + 16}">no edits</text>')
    return (
        f'<svg id="edits-chart" role="img" aria-label="edits per kind" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="13">{"".join(rows)}</svg>'
    )


def visible(text: str) -> str:
    """Whitespace shown as marks, so that an edit of spaces or line breaks is seen.

    >>> visible("a\\r\\n\\n b\\t")
    'a␍↵↵·b→'
    """
    return text.replace(" ", "·").replace("\r", "␍").replace("\n", "↵").replace("\t", "→").replace("\u00a0", "⍽")


def passages_html(raw: str, fixed: str) -> str:
    """Each changed passage with some context: removed text struck, added text marked."""
    items = []
    for passage in diff_passages(raw, fixed):
        parts = []
        for tag, run in passage:
            if tag == "same":
                parts.append(escape(run))
            else:
                shown = escape(visible(run) if not run.strip() else run)
                parts.append(f"<del>{shown}</del>" if tag == "removed" else f"<ins>{shown}</ins>")
        items.append(f"<li>{''.join(parts)}</li>")
    return f'<ol class="passages">{"".join(items)}</ol>'


def table_html(table: dict) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in table["header"])
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table["rows"])
    caption = f"<caption>{escape(table['caption'])}</caption>" if table["caption"] else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _document_section(rec: dict, raw_text: Callable[[str], str | None]) -> str:
    kinds = Counter(e["kind"] for e in rec["edits"])
    summary = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    title = escape(rec["title"] or "(untitled)")
    body = f'<p class="muted">{escape(rec["source"])} · {summary}</p>'
    try:
        raw = raw_text(rec["source"])
        if raw is not None and diffable(raw):
            body += passages_html(raw, replay(raw, rec["edits"]))
    except (ValueError, OSError):
        pass
    rows = "".join(
        f"<tr><td>{escape(e['kind'])}</td><td>{e['offset']}</td><td><del>{escape(visible(e['before']))}</del></td>"
        f"<td><ins>{escape(visible(e['after']))}</ins></td><td>{escape(e.get('evidence') or '')}</td></tr>"
        for e in rec["edits"][:200]
    )
    body += (
        f"<details><summary>the {len(rec['edits'])} edit(s)</summary><table><tr><th>kind</th><th>offset</th>"
        f"<th>before</th><th>after</th><th>evidence</th></tr>{rows}</table></details>"
    )
    return f'<section class="doc" id="doc-{escape(rec["id"])}"><h3>{escape(rec["id"])}: {title}</h3>{body}</section>'


READING_NOTES = {
    "clean": "written right: casing kept as written",
    "repaired": "casing damage shown: the casing fixers ran",
    "lowercase": "written in lowercase throughout",
    "none": "not read (not English, or the casing fixers skipped)",
}


def readings_html(readings: dict[str, int]) -> str:
    """How many records each casing reading covers (the record's `casing`)."""
    rows = "".join(
        f"<tr><td>{escape(reading)}</td><td>{n}</td><td class=\"muted\">{escape(READING_NOTES.get(reading, ''))}</td></tr>"
        for reading, n in sorted(readings.items(), key=lambda kv: -kv[1])
    )
    if not rows:
        return "<p>No records.</p>"
    return f"<table><tr><th>reading</th><th>records</th><th>what it means</th></tr>{rows}</table>"


def evidence_html(evidence: dict[str, dict[str, int]]) -> str:
    """What decided the casing edits: one row per kind and evidence (see the schema's vocabulary)."""
    rows = "".join(
        f"<tr><td>{escape(kind)}</td><td>{escape(source)}</td><td>{n}</td></tr>"
        for kind, sources in sorted(evidence.items())
        for source, n in sorted(sources.items(), key=lambda kv: -kv[1])
    )
    if not rows:
        return "<p>No casing edits.</p>"
    return f"<table><tr><th>kind</th><th>evidence</th><th>edits</th></tr>{rows}</table>"


def render_report(
    counts: dict,
    edits: Counter[str],
    material: ReportMaterial,
    evidence: dict[str, dict[str, int]],
    rejects: list[dict],
    raw_text: Callable[[str], str | None],
    options: dict | None = None,
    built_at: str = "",
    totals: dict | None = None,
    batch: int = 1,
) -> str:
    """`raw_text(source)` gives an input's text as read, for the changed passages (None: edits only).
    For a batch appended to a dataset, `counts` and the rest are the batch's and `totals` the
    dataset's, batch `batch` included."""
    figures = [
        ("records", counts["records"]),
        ("rejected", counts["rejected"]),
        ("records edited", material.edited),
        ("edits", sum(edits.values())),
        ("words", counts["words"]),
        ("tables", counts["tables"]),
        ("duplicates", counts["duplicates"]),
        ("skipped files", counts["skipped"]),
    ]
    if counts.get("already_in"):
        figures.insert(2, ("already in the dataset", counts["already_in"]))
    figures_html = "".join(f"<div><b>{v}</b>{escape(k)}</div>" for k, v in figures)
    dataset_html = ""
    if totals is not None:
        whole = [(k.replace("_", " "), totals.get(k, 0)) for k in ("records", "rejected", "words", "tables", "duplicates")]
        dataset_html = (
            f"<h2>The dataset, batches 1 to {batch}</h2><section class=\"totals\">"
            + "".join(f"<div><b>{v}</b>{escape(k)}</div>" for k, v in whole)
            + "</section>"
        )
    heading = f"cleanset build report, batch {batch}" if totals is not None else "cleanset build report"
    shown = ", ".join(f"{k}={v}" for k, v in sorted((options or {}).items()) if v not in (None, [], ""))
    meta = f"built {escape(built_at)}" if built_at else ""
    meta += f'<br>options: <code>{escape(shown)}</code>' if shown else ""
    languages = ", ".join(f"{escape(lang)} {n}" for lang, n in material.languages.most_common())
    top = material.top()
    most = "".join(
        f'<tr><td><a href="#doc-{escape(r["id"])}">{escape(r["id"])}</a></td><td>{escape(r["title"] or "")}</td>'
        f"<td>{len(r['edits'])}</td></tr>"
        for r in top[:20]
    )
    most_html = (
        f"<table><tr><th>id</th><th>title</th><th>edits</th></tr>{most}</table>" if most else "<p>No record was edited.</p>"
    )
    docs = "".join(_document_section(r, raw_text) for r in top)
    tables = (
        "".join(f"<h3>{escape(rid)}</h3>{table_html(t)}" for rid, t in material.tables) or "<p>No tables.</p>"
    )
    reject_rows = "".join(
        f"<tr><td>{escape(r['source'])}</td><td>{escape(r['reason'])}</td><td>{escape(r['message'])}</td></tr>"
        for r in rejects
    )
    rejects_html = (
        f"<table><tr><th>source</th><th>reason</th><th>message</th></tr>{reject_rows}</table>"
        if rejects
        else "<p>Every input became a record.</p>"
    )
    clusters = "".join(
        f"<li><b>{escape(first)}</b>: " + ", ".join(f"{escape(i)} ({s:.2f})" for i, s in members) + "</li>"
        for first, members in sorted(material.clusters.items())
    )
    clusters_html = f"<ul>{clusters}</ul>" if clusters else "<p>No duplicates found.</p>"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cleanset build report</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>{CSS}</style></head><body>
<h1>{heading}</h1>
<p class="muted">{meta}</p>
<section class="totals">{figures_html}</section>{dataset_html}
<p>Languages: {languages or "none"}</p>
<h2 id="rejects">Rejected inputs ({counts["rejected"]})</h2>{rejects_html}
<h2 id="casing">Casing reading</h2>{readings_html(counts.get("casing_readings", {}))}
<h2>Edits by kind</h2>{bar_chart(edits)}
<h2>Casing edits by evidence</h2>{evidence_html(evidence)}
<h2>Most edited documents</h2>{most_html}
<h2>What changed</h2><p class="muted">Each edited document's changed passages with some context: removed
text <del>struck</del>, added text <ins>marked</ins>, whitespace shown as · ↵ →. Up to {MAX_DIFFS}
documents, most edited first; {material.seen - material.edited} of {material.seen} records were not edited.</p>{docs}
<h2>Tables</h2>{tables}
<h2>Duplicate clusters</h2>{clusters_html}
</body></html>
"""


def write_report(path: Path, *args, **kwargs) -> None:
    path.write_text(render_report(*args, **kwargs), encoding="utf-8")
