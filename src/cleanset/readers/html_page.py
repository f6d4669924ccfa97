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
BLOCK_LEVEL = sorted(BLOCKS | HEADINGS | {"ul", "ol", "li", "table"})


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
    headline = _heading_text(h1) if h1 else (_text(title_tag) if title_tag else None)
    if title_tag:
        title_tag.decompose()
    root = soup.body or soup
    lines: list[str] = []
    _walk(root, lines, skip_heading=h1)
    if headline:
        lines.insert(0, headline)
    return [ln for ln in lines if ln], headline


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text("").split())


def _heading_text(tag: Tag) -> str:
    """A heading's own text: up to the first block that broken markup left inside it."""
    parts: list[str] = []
    for node in tag.descendants:
        if isinstance(node, Tag) and node.name in BLOCK_LEVEL:
            break
        if type(node) is NavigableString:
            parts.append(str(node))
    return " ".join("".join(parts).split())


def _walk(root: Tag, lines: list[str], skip_heading: Tag | None = None) -> None:
    """Render the tree under `root` into lines, iteratively, so deep nesting cannot overflow.

    `skip_heading` (the headline, placed first by the caller) is not repeated; blocks that broken
    markup left inside any heading are walked as blocks."""
    inline: list[str] = []

    def flush() -> None:
        text = " ".join("".join(inline).split())
        if text:
            lines.append(text)
        inline.clear()

    # inline elements that broken markup left open around blocks: walked into, not flattened
    holds_block: set[int] = set()
    for block in root.find_all(BLOCK_LEVEL):
        parent = block.parent
        while parent is not None and id(parent) not in holds_block:
            holds_block.add(id(parent))
            parent = parent.parent
    stack = [(iter(root.children), True)]
    while stack:
        child = next(stack[-1][0], None)
        if child is None:
            if stack.pop()[1]:
                flush()
            continue
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, CDATA or doctype
                inline.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in HEADINGS:
            flush()
            if child is not skip_heading:
                lines.append(_heading_text(child))
            if id(child) in holds_block:
                stack.append((_children_from_first_block(child), True))
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
        elif name in BLOCKS:
            flush()
            stack.append((iter(child.children), True))
        elif id(child) in holds_block:
            stack.append((iter(child.children), False))
        else:
            inline.append(child.get_text(""))
    flush()


def _children_from_first_block(heading: Tag):
    """The heading's children from the first one that is or holds a block."""
    started = False
    for child in list(heading.children):
        if not started and isinstance(child, Tag) and (child.name in BLOCK_LEVEL or child.find(BLOCK_LEVEL)):
            started = True
        if started:
            yield child


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
