"""HTML pages to article lines with BeautifulSoup: main text, headings, lists, tables.

Parsed with Python's own html.parser: nothing is fetched, no entity is resolved from outside, no
script runs. Page furniture (script, style, nav, header, footer, aside, form, iframe) is dropped.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag

from cleanset.tables import render_table

DROP = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "template",
    "svg",
    "button",
    "object",
    "embed",
)
BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "pre", "figcaption", "dd", "dt"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def html_to_lines(markup: str) -> tuple[list[str], str | None]:
    """Render a page as article blocks (a table is one block of lines) and its headline.

    The headline is the first <h1>, else the <title> (whose site suffix the residue fixer removes).
    """
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(DROP):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    h1 = soup.find("h1")
    title_tag = soup.find("title")
    headline = _text(h1) if h1 else (_text(title_tag) if title_tag else None)
    if title_tag:
        title_tag.decompose()
    if h1:
        h1.decompose()
    root = soup.body or soup
    lines: list[str] = []
    _walk(root, lines)
    if headline:
        lines.insert(0, headline)
    return [ln for ln in lines if ln], headline


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text("").split())


def _walk(node: Tag, lines: list[str]) -> None:
    inline: list[str] = []

    def flush() -> None:
        text = " ".join("".join(inline).split())
        if text:
            lines.append(text)
        inline.clear()

    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, CDATA or doctype
                inline.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in HEADINGS or name in BLOCKS:
            flush()
            if name in HEADINGS:
                lines.append(_text(child))
            else:
                _walk(child, lines)
        elif name in ("ul", "ol"):
            flush()
            for li in child.find_all("li", recursive=False):
                text = _text(li)
                if text:
                    lines.append(f"- {text}")
        elif name == "li":
            flush()
            lines.append(f"- {_text(child)}")
        elif name == "table":
            flush()
            lines.extend(_table_blocks(child))
        else:
            inline.append(child.get_text(""))
    flush()


def _table_blocks(table: Tag) -> list[str]:
    """The table as a caption line and one block of pipe-table lines."""
    grid: list[list[str]] = []
    header: list[str] | None = None
    caption = table.find("caption")
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue  # a nested table's rows belong to it
        cells: list[str] = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            try:
                span = max(1, min(int(cell.get("colspan", 1)), 100))
            except ValueError:
                span = 1
            cells.extend([_text(cell)] * span)
        if not cells:
            continue
        in_head = tr.find_parent("thead") is not None
        all_th = all(c.name == "th" for c in tr.find_all(["td", "th"], recursive=False))
        if header is None and not grid and (in_head or all_th):
            header = cells
        else:
            grid.append(cells)
    if header is None:
        if not grid:
            return []
        header, grid = [""] * len(grid[0]), grid
        header = [f"column {i + 1}" for i in range(len(grid[0]))]
    width = len(header)
    rows = [(r + [""] * width)[:width] for r in grid]
    blocks = []
    if caption:
        blocks.append(_text(caption) + ":")
    blocks.append("\n".join(render_table(header, rows)))
    return blocks
