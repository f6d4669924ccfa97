"""Markdown articles read as Markdown: markdown-it-py parses the whole document, as for tables.

What scrapers and reader services hand out (html2text, trafilatura's Markdown, reader APIs) is
rendered into the line conventions the rest of cleanset reads: the first `#` heading (or front
matter's title) is the headline, other headings are section headings, a paragraph is one line,
list items are '- ' lines, tables are one block of pipe-table lines with every row GFM sees.
Emphasis markers, link targets, images and raw HTML tags go; link text, image-free captions and
quoted paragraphs stay. Front matter (`---` YAML at the top) and the plain header some reader
services put before the content (`Title:`, `URL Source:`, `Published Time:`, then
`Markdown Content:`) give the title, url, date and authors.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from cleanset.readers.pages import Page
from cleanset.tables import render_table

_md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
READER_HEADER = re.compile(r"\A(?:[A-Z][A-Za-z ]{1,30}:[^\n]*\n\s*){1,8}?Markdown Content:[ \t]*\n", re.S)
HEADER_FIELD = re.compile(r"^([A-Z][A-Za-z ]{1,30}):[ \t]*(.*)$", re.M)
TAG = re.compile(r"<[^>]*>")
FIELD_NAMES = {
    "title": "title",
    "headline": "title",
    "url": "url",
    "url source": "url",
    "canonical_url": "url",
    "link": "url",
    "date": "published",
    "published": "published",
    "published time": "published",
    "pubdate": "published",
    "author": "authors",
    "authors": "authors",
    "description": "description",
    "summary": "description",
    "sitename": "site_name",
    "site_name": "site_name",
    "publisher": "site_name",
}


def read_markdown(text: str) -> Page:
    """The article in a Markdown document.

    >>> page = read_markdown(
    ...     "# Talks resume in Geneva\\n\\nDelegates met on **Monday** in [Geneva](https://x.example/g).\\n\\n"
    ...     "![The venue](https://x.example/v.jpg)\\n\\n## What comes next\\n\\n> A ceasefire is *close*, one said.\\n"
    ... )
    >>> page.title, page.headings
    ('Talks resume in Geneva', ['What comes next'])
    >>> page.lines[1:]
    ['Delegates met on Monday in Geneva.', 'What comes next', 'A ceasefire is close, one said.']
    """
    fields, body = _front_matter(text)
    blocks: list[str] = []
    headings: list[tuple[int, int, str]] = []  # (index in blocks, level, text), in order
    _render(_md.parse(body), blocks, headings)
    title = fields.get("title")
    if title is None:
        first_h1 = next((h for h in headings if h[1] == 1), None)
        if first_h1 is None and headings and headings[0][0] == 0:
            first_h1 = headings[0]  # no '#' headline: the heading that opens the article
        if first_h1 is not None:
            title = first_h1[2]
            del blocks[first_h1[0]]
            headings.remove(first_h1)
    elif blocks and _fold(blocks[0]) == _fold(title):
        blocks = blocks[1:]  # the headline printed again under the front matter
        headings = [h for h in headings if h[0] != 0]
    return Page(
        lines=([title] if title else []) + blocks,
        title=title,
        url=fields.get("url"),
        published=fields.get("published"),
        authors=fields.get("authors", []),
        description=fields.get("description"),
        site_name=fields.get("site_name"),
        headings=[h[2] for h in headings],
    )


def _fold(text: str) -> str:
    return "".join(text.split()).casefold()


def _front_matter(text: str) -> tuple[dict, str]:
    """The metadata fields a document opens with, and the rest of it."""
    match = FRONT_MATTER.match(text)
    if match:
        import yaml

        try:
            data = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict):
            return _fields(data), text[match.end() :]
    match = READER_HEADER.match(text)
    if match:
        data = {k: v for k, v in HEADER_FIELD.findall(match.group(0)) if k != "Markdown Content"}
        return _fields(data), text[match.end() :]
    return {}, text


def _fields(data: dict) -> dict:
    from cleanset.readers.records import iso_date

    out: dict = {}
    for key, value in data.items():
        name = FIELD_NAMES.get(str(key).strip().lower())
        if name is None or value in (None, ""):
            continue
        if name == "authors":
            names = value if isinstance(value, list) else re.split(r";|,| and ", str(value))
            out.setdefault("authors", [])
            out["authors"].extend(n for n in (" ".join(str(x).split()) for x in names) if n)
        elif name == "published":
            date = iso_date(value)
            if date:
                out.setdefault("published", date)
        elif isinstance(value, str | int | float):
            out.setdefault(name, " ".join(str(value).split()))
    return out


def _render(tokens, blocks: list[str], headings: list[tuple[int, int, str]]) -> None:
    item: list[str] | None = None  # the text of the list item being read
    items: list[list[str] | None] = []  # enclosing list items
    table: list[list[str]] | None = None
    row: list[str] | None = None
    heading_level = 0  # the level of the heading whose text comes next
    for tok in tokens:
        kind = tok.type
        if kind == "heading_open":
            heading_level = int(tok.tag[1:])
        elif kind == "list_item_open":
            if item is not None and item:
                blocks.append("- " + " ".join(item))
                item.clear()
            items.append(item)
            item = []
        elif kind == "list_item_close":
            if item:
                blocks.append("- " + " ".join(item))
            item = items.pop()
        elif kind == "table_open":
            table = []
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table is not None and row is not None:
            table.append(row)
            row = None
        elif kind == "table_close" and table:
            header, rows = table[0], table[1:]
            blocks.append(
                "\n".join(render_table(header, [(r + [""] * len(header))[: len(header)] for r in rows]))
            )
            table = None
        elif kind == "inline":
            text = _inline(tok)
            if row is not None:
                row.append(text)
            elif heading_level:
                if text:
                    headings.append((len(blocks), heading_level, text.replace("\n", " ")))
                    blocks.append(text.replace("\n", " "))
                heading_level = 0
            elif item is not None:
                item.append(text.replace("\n", " "))
            else:
                blocks.extend(line for line in text.split("\n") if line)
        elif kind in ("fence", "code_block"):
            blocks.extend(line.strip() for line in tok.content.split("\n") if line.strip())
        elif kind == "html_block":
            text = " ".join(html.unescape(TAG.sub(" ", tok.content)).split())
            if text:
                blocks.append(text)


def _inline(tok) -> str:
    """An inline token's text: emphasis markers, link targets, images and tags gone; a hard line
    break kept as a line break (an address, a poem's lines)."""
    parts: list[str] = []
    for child in tok.children or []:
        kind = child.type
        if kind in ("text", "code_inline", "text_special"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak" or kind == "html_inline" and child.content.lower().startswith("<br"):
            parts.append("\n")
    lines = ("".join(parts)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())
