"""The build report: one self-contained HTML page (no scripts, no requests) for people to read."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from cleanset.diffing import diffable, replay, word_diff

MAX_DIFFS = 60
MAX_TABLES = 60
OPEN_DIFFS = 10

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1d1d1f}
h1{margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:1px solid #ddd}
.totals{display:flex;flex-wrap:wrap;gap:1rem}.totals div{background:#f4f5f7;border-radius:8px;padding:.6rem 1rem}
.totals b{display:block;font-size:1.4rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}
th{background:#f4f5f7}.diff{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.diff pre{white-space:pre-wrap;background:#fafafa;border:1px solid #e3e3e3;padding:.6rem;margin:0;font:13px/1.45 ui-monospace,monospace}
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

    def add(self, rec: dict) -> None:
        self.seen += 1
        item = (len(rec["edits"]), -self.seen, rec)
        if len(self.most_edited) < MAX_DIFFS:
            heapq.heappush(self.most_edited, item)
        elif item[:2] > self.most_edited[0][:2]:
            heapq.heapreplace(self.most_edited, item)
        for t in rec["tables"]:
            if len(self.tables) < MAX_TABLES:
                self.tables.append((rec["id"], t))
        if rec["duplicate_of"]:
            self.clusters[rec["duplicate_of"]].append((rec["id"], rec["near_duplicate_score"]))

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


def diff_html(raw: str, fixed: str) -> str:
    """Raw beside repaired, each run of removed or added words in one <del> or <ins>."""
    left: list[str] = []
    right: list[str] = []
    for tag, run in _runs(word_diff(raw, fixed)):
        p = escape(run)
        if tag == "same":
            left.append(p)
            right.append(p)
        elif tag == "removed":
            left.append(f"<del>{p}</del>")
        else:
            right.append(f"<ins>{p}</ins>")
    return f'<div class="diff"><pre class="raw">{"".join(left)}</pre><pre class="clean">{"".join(right)}</pre></div>'


def _runs(pieces):
    """Join consecutive pieces with the same tag; a space between two removals stays removed."""
    tag, buf = None, []
    for t, p in pieces:
        if t == tag:
            buf.append(p)
            continue
        if buf:
            yield tag, "".join(buf)
        tag, buf = t, [p]
    if buf:
        yield tag, "".join(buf)


def table_html(table: dict) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in table["header"])
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table["rows"])
    caption = f"<caption>{escape(table['caption'])}</caption>" if table["caption"] else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _document_section(rec: dict, raw_text: Callable[[str], str | None], open_: bool) -> str:
    kinds = Counter(e["kind"] for e in rec["edits"])
    summary = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "no edits"
    title = escape(rec["title"] or "(untitled)")
    body = f'<p class="muted">{escape(rec["source"])} · {summary}</p>'
    try:
        raw = raw_text(rec["source"])
        if raw is not None and diffable(raw):
            body += diff_html(raw, replay(raw, rec["edits"]))
    except (ValueError, OSError):
        pass
    if rec["edits"]:
        rows = "".join(
            f"<tr><td>{escape(e['kind'])}</td><td>{e['offset']}</td><td><del>{escape(e['before'])}</del></td>"
            f"<td><ins>{escape(e['after'])}</ins></td></tr>"
            for e in rec["edits"][:200]
        )
        body += f"<table><tr><th>kind</th><th>offset</th><th>before</th><th>after</th></tr>{rows}</table>"
    state = " open" if open_ else ""
    return f'<details id="doc-{escape(rec["id"])}"{state}><summary>{escape(rec["id"])}: {title}</summary>{body}</details>'


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
) -> str:
    """`raw_text(source)` gives an input's text as read, for the word diffs (None: edits only)."""
    figures = [
        ("records", counts["records"]),
        ("rejected", counts["rejected"]),
        ("words", counts["words"]),
        ("edits", sum(edits.values())),
        ("tables", counts["tables"]),
        ("duplicates", counts["duplicates"]),
        ("skipped files", counts["skipped"]),
    ]
    totals = "".join(f"<div><b>{v}</b>{escape(k)}</div>" for k, v in figures)
    top = material.top()
    most = "".join(
        f'<tr><td><a href="#doc-{escape(r["id"])}">{escape(r["id"])}</a></td><td>{escape(r["title"] or "")}</td>'
        f"<td>{len(r['edits'])}</td></tr>"
        for r in top[:20]
    )
    docs = "".join(_document_section(r, raw_text, n < OPEN_DIFFS) for n, r in enumerate(top))
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
<h1>cleanset build report</h1>
<section class="totals">{totals}</section>
<h2>Edits by kind</h2>{bar_chart(edits)}
<h2>Casing edits by evidence</h2>{evidence_html(evidence)}
<h2>Most edited documents</h2>
<table><tr><th>id</th><th>title</th><th>edits</th></tr>{most}</table>
<h2>What changed</h2><p class="muted">The input as read (left) and as repaired (right): removed text
<del>struck</del>, added text <ins>marked</ins>. Up to {MAX_DIFFS} documents, most edited first.</p>{docs}
<h2>Tables</h2>{tables}
<h2>Rejected inputs</h2>{rejects_html}
<h2>Duplicate clusters</h2>{clusters_html}
</body></html>
"""


def write_report(path: Path, *args, **kwargs) -> None:
    path.write_text(render_report(*args, **kwargs), encoding="utf-8")
