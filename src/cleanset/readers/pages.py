"""HTML pages to articles: the main content and metadata by trafilatura, rendered as article lines.

trafilatura gets the markup only, never an address: nothing is fetched, no script runs. Its
structured output (an XML tree of headings, paragraphs, lists, quotes and tables) is rendered into
the line conventions the rest of cleanset reads: one block a line, list items as '- ' lines, a
table as one block of pipe-table lines under its caption.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from cleanset.readers.page_title import MIN_H1_WORDS, choose_headline
from cleanset.tables import render_table

# Chosen on the article-extraction benchmark's pages (make bench-pages): comments are not the
# article; favouring precision drops related-link and teaser blocks for a small loss of recall.
EXTRACT_OPTIONS = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
}
logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its fallbacks' notes are not ours to print
INLINE_SPACE = re.compile(r"\s+")
VISIBLE_TEXT = ".//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]"
MARKUP = re.compile(r"</?[A-Za-z!][^>]*>")


@dataclass
class Page:
    """What a page holds as an article: its blocks (headline first when there is one) and metadata."""

    lines: list[str]
    title: str | None = None
    url: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    description: str | None = None
    site_name: str | None = None
    headings: list[str] | None = None  # the section headings the markup marks as such, if it does
    language: str | None = None  # the language the page declares (<html lang>), its primary subtag
    from_markup: bool = False  # read from HTML: inline markup may have left spaces before punctuation

    @property
    def has_body(self) -> bool:
        return any(line.strip() for line in self.lines[1 if self.title else 0 :])


def read_page(markup: str, url: str | None = None) -> Page:
    """The article in a page's markup. `url` is where the page was fetched (a WARC target, say):
    the page's canonical link, where it declares one, is its address before that.

    >>> page = read_page(
    ...     "<html><head><title>Rain due | Weather | The Daily</title>"
    ...     "<meta property='og:site_name' content='The Daily'></head><body><article>"
    ...     "<h1>Rain due</h1><p>Heavy rain is expected across the north on Friday, with flood "
    ...     "warnings in place for three rivers and travel disruption likely.</p><ul><li>Roads "
    ...     "may close near the rivers.</li><li>Trains will run a reduced timetable.</li></ul>"
    ...     "</article></body></html>"
    ... )
    >>> page.title, page.site_name
    ('Rain due', 'The Daily')
    >>> page.lines[1:]  # doctest: +NORMALIZE_WHITESPACE
    ['Heavy rain is expected across the north on Friday, with flood warnings in place for three
    rivers and travel disruption likely.', '- Roads may close near the rivers.',
    '- Trains will run a reduced timetable.']
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(markup)
    if tree is None:
        return Page(lines=[])
    candidates = _headline_candidates(tree)
    grids = source_tables(tree)  # read before extraction prunes the tree
    commenters = _comment_block_names(tree)
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, **EXTRACT_OPTIONS)
    if doc is None:
        return Page(lines=[], url=candidates["canonical"] or _clean(url))
    site = _clean(doc.sitename) or candidates["site"]
    body = render_body(doc.body, grids) if doc.body is not None else []
    title = choose_headline(candidates, site)
    if title and body and _same(body[0], title):
        body = body[1:]  # the headline printed again at the top of the body
    bylines = [name for name in split_authors(doc.author) if name.casefold() not in commenters]
    people, organisations = people_and_organisations(bylines, site)
    return Page(
        lines=([title] if title else []) + body,
        title=title,
        url=candidates["canonical"] or _clean(url) or _clean(doc.url),
        published=doc.date or None,
        authors=people,
        description=_clean(doc.description),
        site_name=site or (organisations[0] if organisations else None),
        language=_declared_language(tree),
        from_markup=True,
    )


COMMENT_BLOCK = re.compile(r"comment|comentario|kommentar|commentaire|commento|disqus|reply|respuesta", re.I)


def _comment_block_names(tree) -> set[str]:
    """The names that stand only in the page's comment blocks (its readers', not its writers'),
    casefolded: short texts of their elements that appear nowhere else in the page."""
    inside: set[str] = set()
    in_blocks: set = set()  # the elements themselves: holding them keeps lxml's proxies, so identity holds
    for block in tree.iter():
        if block in in_blocks or not isinstance(block.tag, str):
            continue
        if not COMMENT_BLOCK.search(f"{block.get('class', '')} {block.get('id', '')}"):
            continue
        if block.tag in ("html", "body", "main", "article") or next(block.iter("h1"), None) is not None:
            continue  # a page or an article marked as open to comments ("comments-open"), not a comment
        for el in block.iter():
            in_blocks.add(el)
            text = _clean(el.text or "")
            if text and len(text.split()) <= 4:
                inside.add(text.casefold())
    if not inside:
        return set()
    outside = {
        (_clean(el.text or "") or "").casefold()
        for el in tree.iter()
        if isinstance(el.tag, str) and el not in in_blocks
    }
    outside |= {str(v).casefold() for v in tree.xpath("//meta/@content")}
    return inside - outside


def _declared_language(tree) -> str | None:
    """The primary subtag of the page's <html lang> ("en-GB" gives "en"), lowercased."""
    for value in tree.xpath("/html/@lang | /html/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"}):
        tag = str(value).strip().split("-")[0].split("_")[0].lower()
        if tag.isalpha() and 2 <= len(tag) <= 3:
            return tag
    return None


def _headline_candidates(tree) -> dict:
    """The page's own headline evidence, read before extraction prunes the tree."""

    def first(xpath: str) -> str | None:
        for value in tree.xpath(xpath):
            text = _clean(value if isinstance(value, str) else value.text_content())
            if text:
                return text
        return None

    h1s = [t for t in (_clean("".join(h.xpath(VISIBLE_TEXT))) for h in tree.iter("h1")) if t]
    return {
        "h1": next((t for t in h1s if len(t.split()) >= MIN_H1_WORDS), None),  # past a logo's <h1>
        "ld": _ld_headline(tree),
        "og": first('//meta[@property="og:title" or @name="og:title"]/@content')
        or first('//meta[@name="twitter:title"]/@content'),
        "title": first("//head/title") or first("//title"),
        "site": first('//meta[@property="og:site_name" or @name="og:site_name"]/@content')
        or first('//meta[@name="application-name"]/@content'),
        "canonical": first('//link[@rel="canonical"]/@href'),
    }


LD_TYPES_WITH_HEADLINE = ("@graph", "mainEntity", "mainEntityOfPage")


def _ld_headline(tree) -> str | None:
    """The first `headline` of the page's JSON-LD (NewsArticle, Article, ...), entities resolved."""
    import html
    import json

    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            value = json.loads(script)
        except ValueError:
            continue
        stack = [value]
        while stack:
            node = stack.pop(0)
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                headline = node.get("headline")
                if isinstance(headline, str) and _clean(headline):
                    return _clean(html.unescape(headline))
                stack.extend(node[k] for k in LD_TYPES_WITH_HEADLINE if k in node)
    return None


def _clean(value: str | None) -> str | None:
    """Spacing folded; None for nothing, and for text holding markup (a <title> is raw text, so
    broken markup can leave tags and scripts in it: no headline or name holds a tag)."""
    if not value:
        return None
    text = INLINE_SPACE.sub(" ", value).strip()
    if MARKUP.search(text):
        return None
    return text or None


def _same(a: str, b: str) -> bool:
    return _clean(a) == _clean(b)


def split_authors(value: str | None) -> list[str]:
    """trafilatura's author string as a list.

    >>> split_authors("Samya Kullab; Vasilisa Stepanenko"), split_authors(None)
    (['Samya Kullab', 'Vasilisa Stepanenko'], [])
    """
    if not value:
        return []
    seen: list[str] = []
    for part in value.split(";"):
        name = _clean(part)
        if name and name not in seen:
            seen.append(name)
    return seen


# Words that make a byline an organisation or a role, not a person (kept as data; the page's own
# site name counts too)
ORGANISATION_WORDS = frozenset(
    ["press", "news", "agency", "agencies", "ministry", "ministries", "staff", "desk", "newsroom", "media", "service", "services", "network", "networks", "times", "post", "herald", "journal", "tribune", "daily", "weekly", "magazine", "group", "inc", "ltd", "llc", "corporation", "company", "reuters", "afp", "dpa"]
)
ROLE_WORDS = frozenset(
    ["writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "editor", "editors", "contributor", "contributors", "columnist", "staffer", "producer"]
)
# Publishers that name themselves as authors in pages' metadata
MEDIA_GROUPS = frozenset({"condé nast", "conde nast", "associated press", "getty images", "gannett"})


def people_and_organisations(names: list[str], site: str | None) -> tuple[list[str], list[str]]:
    """The bylines that name people, and those that name organisations. A person is named in two
    or more words, none of them a role, an address or an organisation's word; "Surname; Given"
    pairs as some pages list them are put the right way round; slug copies ("Sophie-Foster") go.

    >>> people_and_organisations(["CNN", "Condé Nast", "Ap Auto Writer", "Jane Doe", "Jane-Doe"], None)
    (['Jane Doe'], ['CNN', 'Condé Nast'])
    >>> people_and_organisations(["The Russian, Syrian defense ministries", "Www Example Com"], None)
    ([], ['The Russian, Syrian defense ministries'])
    >>> people_and_organisations(["Brazil", "Rachel", "Basu", "Mohana"], None)
    (['Rachel Brazil', 'Mohana Basu'], [])
    """
    if len(names) >= 2 and len(names) % 2 == 0 and all(len(n.split()) == 1 for n in names):
        names = [f"{given} {surname}" for surname, given in zip(names[::2], names[1::2], strict=True)]
    people: list[str] = []
    organisations: list[str] = []
    seen: set[str] = set()
    site_key = (site or "").casefold()
    for name in names:
        key = " ".join(name.replace("-", " ").split()).casefold()
        if key in seen:
            continue
        seen.add(key)
        words = [w.strip(",.").casefold() for w in name.split()]
        if any(w in ("http", "https", "www", "com") or "://" in w for w in words):
            continue  # an address, not a name
        if (
            key in MEDIA_GROUPS
            or (site_key and key == site_key)
            or words[0] == "the"
            or any(w in ORGANISATION_WORDS for w in words)
            or (len(words) == 1 and name.isupper())
        ):
            if not any(w in ROLE_WORDS for w in words):
                organisations.append(name)
            continue
        if any(w in ROLE_WORDS for w in words) or len(words) < 2:
            continue  # a role ("AP Auto Writer"), or a single word (a handle, a commenter's name)
        people.append(name)
    return people, organisations


def render_body(body, grids: list[SourceTable] | None = None) -> list[str]:
    """trafilatura's XML body as article lines.

    >>> from lxml import etree
    >>> render_body(etree.fromstring(
    ...     "<body><head rend='h2'>Results</head><p>The vote was close.<lb/>Very close.</p>"
    ...     "<table><row><cell role='head'>Party</cell><cell role='head'>Seats</cell></row>"
    ...     "<row><cell>Green</cell><cell>4</cell></row></table></body>"))
    ['Results', 'The vote was close. Very close.', '| Party | Seats |\\n|---|---|\\n| Green | 4 |']
    """
    lines: list[str] = []
    for element in body:
        _render(element, lines, grids or [])
    return [line for line in lines if line]


def _render(element, lines: list[str], grids: list[SourceTable]) -> None:
    tag = element.tag
    if tag == "list":
        for item in element.iterchildren("item"):
            nested = [child for child in item if child.tag == "list"]
            for child in nested:
                item.remove(child)
            text = _inline(item)
            if text:
                lines.append(f"- {text}")
            for child in nested:
                _render(child, lines, grids)
    elif tag == "table":
        lines.extend(_table_block(element, grids))
    elif tag in ("div", "quote") and any(child.tag in BLOCK_TAGS for child in element):
        if element.text and element.text.strip():
            lines.append(_clean(element.text) or "")
        for child in element:
            _render(child, lines, grids)
            if child.tail and child.tail.strip():
                lines.append(_clean(child.tail) or "")
    elif tag == "graphic":
        return
    else:  # head, p, quote, code and anything else trafilatura keeps: one block of text
        lines.append(_inline(element))


BLOCK_TAGS = {"p", "head", "list", "table", "quote", "div", "code"}
MAX_DATA_CELL_WORDS = 40  # a longer cell is prose laid out in a table, not data


def _inline(element) -> str:
    """An element's text on one line; line breaks inside a paragraph become spaces."""
    parts: list[str] = []

    def walk(node) -> None:
        if node.tag == "lb":
            parts.append(" ")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return _clean("".join(parts)) or ""


@dataclass
class SourceTable:
    """A table as the page's markup lays it out: each cell's text in every place its colspan and
    rowspan cover (as `pandas.read_html` fills them), and which rows are header rows."""

    rows: list[list[str]]
    head: list[bool]

    @property
    def texts(self) -> list[str]:
        """Its distinct cells' texts in reading order, as trafilatura would keep them."""
        return [t for row in self.rows for t in row if t]


MAX_SPAN = 50  # a larger colspan or rowspan is a page's error, not a layout


def source_tables(tree) -> list[SourceTable]:
    """Every <table> of the page, spans filled, its header rows told by <th> cells or by cells
    whose whole text is bold (a motor-racing results table writes its header as <td><strong>).

    >>> from trafilatura.utils import load_html
    >>> [t.rows for t in source_tables(load_html(
    ...     "<html><body><table><tr><td><b>Area</b></td><td><b>2023</b></td><td><b>2024</b></td></tr>"
    ...     "<tr><td rowspan='2'>Health</td><td colspan='2'>unchanged</td></tr><tr><td>1</td><td>2</td></tr>"
    ...     "</table></body></html>"))]
    [[['Area', '2023', '2024'], ['Health', 'unchanged', 'unchanged'], ['Health', '1', '2']]]
    """
    found: list[SourceTable] = []
    for table in tree.iter("table"):
        if any(parent.tag == "table" for parent in table.iterancestors()):
            continue  # a table inside a table is read as part of its cell
        rows: list[list[str]] = []
        head: list[bool] = []
        pending: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text)
        for tr in table.iter("tr"):
            if next((a for a in tr.iterancestors() if a.tag == "table"), None) is not table:
                continue
            row: list[str] = []
            bold = []
            col = 0
            for cell in tr:
                if cell.tag not in ("td", "th"):
                    continue
                while col in pending:
                    col = _fill_spanned(pending, col, row)
                text = _clean(" ".join(cell.itertext())) or ""
                span = min(max(_span(cell.get("colspan")), 1), MAX_SPAN)
                down = min(max(_span(cell.get("rowspan")), 1), MAX_SPAN)
                bold.append(cell.tag == "th" or _all_bold(cell, text))
                for k in range(span):
                    row.append(text)
                    if down > 1:
                        pending[col + k] = (down - 1, text)
                col += span
            while col in pending:  # cells spanned down from above at the row's end
                col = _fill_spanned(pending, col, row)
            if row:
                rows.append(row)
                head.append(bool(bold) and all(bold) and any(row))
        if rows:
            found.append(SourceTable(rows, head))
    return found


def _fill_spanned(pending: dict[int, tuple[int, str]], col: int, row: list[str]) -> int:
    """Put the text a rowspan carries down into column `col` of `row`; the next column."""
    left, text = pending.pop(col)
    row.append(text)
    if left > 1:
        pending[col] = (left - 1, text)
    return col + 1


def _span(value) -> int:
    try:
        return int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1


def _all_bold(cell, text: str) -> bool:
    """The cell's whole text stands in <b> or <strong>."""
    if not text:
        return False
    bold = " ".join(t for b in cell.iter("b", "strong") for t in b.itertext())
    return _clean(bold) == text


def _matching_grid(table, grids: list[SourceTable]) -> SourceTable | None:
    """The page's table trafilatura's table came from: the same cell texts in the same order."""
    texts = [t for t in (_inline(cell) for row in table.iter("row") for cell in row.iterchildren("cell")) if t]
    if not texts:
        return None
    for grid in grids:
        if grid.texts == texts or _dedup_spans(grid) == texts:
            return grid
    return None


def _dedup_spans(grid: SourceTable) -> list[str]:
    """The grid's texts with each spanned cell counted once, as trafilatura keeps them."""
    out: list[str] = []
    seen_above: dict[int, str] = {}
    for row in grid.rows:
        prev = None
        for col, text in enumerate(row):
            if text and text != prev and seen_above.get(col) != text:
                out.append(text)
            prev = text
        seen_above = dict(enumerate(row))
    return out


def _table_block(table, grids: list[SourceTable] | None = None) -> list[str]:
    """A data table as one block of pipe-table lines; a table used for layout (one column, or a
    cell holding prose) as the paragraphs of its cells. Where the page's own table is found, its
    spans fill the cells they cover and a first row of bold or header cells is the header."""
    grid = [[_inline(cell) for cell in row.iterchildren("cell")] for row in table.iter("row")]
    cells = [c for row in grid for c in row if c]
    if cells and (
        max(len(row) for row in grid) == 1 or max(len(c.split()) for c in cells) > MAX_DATA_CELL_WORDS
    ):
        paragraphs: list[str] = []
        for row in table.iter("row"):
            for cell in row.iterchildren("cell"):
                if any(child.tag in BLOCK_TAGS for child in cell):
                    for child in cell:
                        _render(child, paragraphs, grids or [])
                else:
                    paragraphs.append(_inline(cell))
        return [p for p in paragraphs if p]
    source = _matching_grid(table, grids or [])
    if source is not None:
        return _grid_block(source)
    rows: list[list[str]] = []
    header: list[str] | None = None
    caption: str | None = None
    for row in table.iter("row"):
        row_cells = list(row.iterchildren("cell"))
        cells = [_inline(cell) for cell in row_cells]
        filled = [cell for cell, text in zip(row_cells, cells, strict=True) if text]
        if not filled:
            continue
        is_head = all(cell.get("role") == "head" for cell in filled)
        if header is None and not rows and is_head:
            if len(filled) == 1 and len(cells) > 1 and caption is None:
                caption = cells[0] or next(c for c in cells if c)  # a <caption>, laid as a row
            else:
                header = cells
        else:
            rows.append(cells)
    if header is None and not rows:
        return [f"{caption}:"] if caption else []
    return _pipe_block(header, rows, caption)


def _pipe_block(header: list[str] | None, rows: list[list[str]], caption: str | None) -> list[str]:
    """A table as its caption line and one block of pipe-table lines, every row as wide as the
    widest; with no header row, columns named "column 1", "column 2", ..."""
    if header is None:
        header = [f"column {i + 1}" for i in range(max(len(r) for r in rows))]
    width = max([len(header), *(len(r) for r in rows)])
    header = (header + [""] * width)[:width]
    rows = [(r + [""] * width)[:width] for r in rows]
    block = "\n".join(render_table(header, rows))
    return [f"{caption}:", block] if caption else [block]


def _grid_block(grid: SourceTable) -> list[str]:
    """A page's own table as a pipe-table block: its first row the header where it is a header
    row (th or bold cells), a caption-like first row of one spanning cell as the caption."""
    rows = [list(r) for r in grid.rows]
    head = list(grid.head)
    caption: str | None = None
    if rows and len(set(rows[0])) == 1 and len(rows[0]) > 1 and len(rows) > 1:
        caption, rows, head = rows[0][0], rows[1:], head[1:]  # a title spanning the whole table
    header: list[str] | None = None
    if head and head[0]:
        header, rows = rows[0], rows[1:]
    if not rows:
        return [f"{caption}:"] if caption else []
    return _pipe_block(header, rows, caption)
