"""Pipe tables as data: find them among an article's lines, parse them with markdown-it-py.

Only the lines of a table are handed to the parser, so the article's other lines are never
reinterpreted as Markdown. Both dialects parse: GitHub style with outer pipes, and rows with only a
trailing pipe ("Issue | Russia’s Stance |" over "---|---|").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from cleanset.tokens import DELIMITER_ROW, line_kind

_md = MarkdownIt("commonmark", {"html": False}).enable("table")
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@dataclass
class Table:
    caption: str | None
    header: list[str]
    rows: list[list[str]]
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"caption": self.caption, "header": self.header, "rows": self.rows}


def find_table_spans(lines: list[str]) -> list[tuple[int, int]]:
    """[start, end) line ranges that form pipe tables, as GitHub Flavored Markdown reads them.

    A line with a pipe over a delimiter row opens a candidate; markdown-it-py, given the lines from
    there to the next blank line, says whether it is a table and where it ends. These are lines of
    text, not Markdown: a line with no pipe ends the table here (a heading or paragraph often
    follows a table with no blank line between), where GFM would read it as one more row; the
    Markdown reader gives its tables to this code with every row GFM sees. A pipe inside prose is
    not a table, and neither is a pipe row with no delimiter row under it.

    >>> find_table_spans(["Scores:", "| abc | def |", ":-: | --:", "bar | baz", "Next", "", "End."])
    [(1, 4)]
    """
    spans = []
    i = 0
    while i < len(lines) - 1:
        if "|" in lines[i] and DELIMITER_CANDIDATE.match(lines[i + 1]) and not DELIMITER_ROW.match(lines[i]):
            stop = next((j for j in range(i + 2, len(lines)) if not lines[j].strip()), len(lines))
            end = _table_end(lines[i:stop])
            if end:
                spans.append((i, i + end))
                i += end
                continue
        i += 1
    return spans


DELIMITER_CANDIDATE = re.compile(r"^ {0,3}[|:-][|:\- \t]*$")


def _table_end(chunk: list[str]) -> int:
    """How many of the chunk's lines the table opening on its first line holds (0: no table there)."""
    for tok in _md.parse("\n".join(chunk)):
        if tok.type == "table_open" and tok.map and tok.map[0] == 0:
            end = tok.map[1]
            return next((k for k in range(2, end) if "|" not in chunk[k]), end)
        if tok.level == 0 and tok.type.endswith("_open"):
            return 0
    return 0


def line_kinds(lines: list[str]) -> list[str]:
    """line_kind of every line, with the rows of every table found by find_table_spans as 'table'
    and its delimiter row as 'delimiter', whatever their pipes.

    >>> line_kinds(["| a | b |", ":-: | -:", "x | y", "x", "", "a | b"])
    ['table', 'delimiter', 'table', 'text', 'blank', 'text']
    """
    kinds = [line_kind(line) for line in lines]
    if any(DELIMITER_CANDIDATE.match(line) for line in lines):
        for start, end in find_table_spans(lines):
            kinds[start:end] = ["table", "delimiter", *(["table"] * (end - start - 2))]
    return kinds


def count_cells(row: str) -> int:
    """Cells in a raw pipe row, outer pipes not counted."""
    inner = row.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return len(UNESCAPED_PIPE.split(inner))


def parse_table(lines: list[str], caption: str | None = None) -> Table | None:
    """Parse the lines of one pipe table; None when the parser does not see a table in them."""
    tokens = _md.parse("\n".join(lines))
    header: list[str] = []
    rows: list[list[str]] = []
    current: list[str] | None = None
    in_head = False
    for tok in tokens:
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            current = []
        elif tok.type == "tr_close" and current is not None:
            if in_head:
                header = current
            else:
                rows.append(current)
            current = None
        elif tok.type == "inline" and current is not None:
            current.append(_plain(tok))
    if not header:
        return None
    table = Table(caption, header, rows)
    width = len(header)
    for n, row in enumerate(lines[2:], start=1):
        got = count_cells(row)
        if got > width:
            table.warnings.append(f"row {n} has {got} cells, the header {width}: extra cells dropped")
        elif got < width:
            table.warnings.append(f"row {n} has {got} cells, the header {width}: padded with empty cells")
    if len(rows) < len(lines) - 2:  # the parser ended the table early: keep no row unaccounted for
        return None
    return table


def _plain(inline) -> str:
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return " ".join("".join(parts).split())


BLOCK_OPENER = re.compile(r"^(?:[-+*>#=`~]|\d+[.)](?:\s|$))")


def render_table(header: list[str], rows: list[list[str]], outer_pipes: bool = True) -> list[str]:
    """Render a table as pipe-table lines in either dialect (the inverse of parse_table)."""

    def row(cells: list[str]) -> str:
        body = " | ".join(c.replace("|", "\\|") for c in cells)
        # Without outer pipes a row could not open with an empty cell or with what reads as a list
        # item or another block ("- |"): such a row keeps its leading pipe, as GFM allows per row.
        if outer_pipes or not cells[0] or BLOCK_OPENER.match(cells[0]):
            return f"| {body} |"
        return f"{body} |"

    delim = (
        "|" + "|".join("---" for _ in header) + "|" if outer_pipes else "|".join("---" for _ in header) + "|"
    )
    return [row(header), delim, *(row(r) for r in rows)]
