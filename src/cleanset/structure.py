"""Document structure from flat lines: headline, subtitle, lede, sections, list items and tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cleanset.tables import Table, find_table_spans, parse_table
from cleanset.tokens import LIST_MARKER, line_kind

CLOSING = re.compile(r"[.!?:;,…][\"'”’)\]]*$")
MAX_HEADLINE_WORDS = 25
MAX_HEADING_WORDS = 15
MIN_LATE_HEADLINE_WORDS = 4


@dataclass
class Block:
    kind: str  # 'line', 'item' or 'table'
    text: str
    table: Table | None = None


@dataclass
class Section:
    heading: str | None
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"heading": self.heading, "paragraphs": self.paragraphs, "items": self.items}


@dataclass
class Structure:
    title: str | None
    subtitle: str | None
    sections: list[Section]
    tables: list[Table]
    text: str


def is_headline(line: str, max_words: int = MAX_HEADLINE_WORDS) -> bool:
    """A short line that opens with a capital or digit and closes with no sentence punctuation
    (a question or exclamation mark is allowed: headlines ask and exclaim)."""
    words = line.split()
    if not words or len(words) > max_words or line_kind(line) != "text":
        return False
    if CLOSING.search(line) and not re.search(r"[?!][\"'”’]*$", line):
        return False
    first = line.lstrip("\"'“‘([")[:1]
    return first.isupper() or first.isdigit()


def is_heading(line: str) -> bool:
    return is_headline(line, MAX_HEADING_WORDS) and not re.search(r"[?!][\"'”’]*$", line)


def to_blocks(text: str) -> list[Block]:
    lines = text.split("\n")
    spans = {start: end for start, end in find_table_spans(lines)}
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if i in spans:
            end = spans[i]
            caption = _caption(blocks)
            table = parse_table(lines[i:end], caption)
            if table is not None:
                blocks.append(Block("table", "\n".join(lines[i:end]), table))
                i = end
                continue
        line = lines[i].strip()
        if line:
            marker = LIST_MARKER.match(line)
            if marker and line_kind(line) == "item":
                blocks.append(Block("item", line[marker.end() :].strip()))
            else:
                blocks.append(Block("line", line))
        i += 1
    return blocks


def _caption(blocks: list[Block]) -> str | None:
    """The heading or lead-in line just before a table."""
    if not blocks or blocks[-1].kind != "line":
        return None
    prev = blocks[-1].text
    if is_heading(prev):
        return prev
    if prev.endswith(":"):
        return last_sentence(prev)[:-1].rstrip()
    return None


def last_sentence(paragraph: str) -> str:
    """The paragraph's final sentence, where a lead-in to a table or list sits.

    >>> last_sentence("Talks stalled. Key points include:")
    'Key points include:'
    """
    from cleanset.tokens import TOKEN, ends_sentence

    start = 0
    tokens = list(TOKEN.finditer(paragraph))
    for tok, nxt in zip(tokens, tokens[1:], strict=False):
        if ends_sentence(tok.group(0)) and nxt.group(0)[:1].isupper():
            start = nxt.start()
    return paragraph[start:]


def choose_title(
    blocks: list[Block], page_title: str | None = None, title_given: bool = False
) -> tuple[str | None, str | None, list[Block]]:
    """Pick the headline (and a second headline as subtitle) and return the body blocks.

    `page_title` is the headline that carried the site's suffix, if one did: between two headline
    lines it is the page's own title. With `title_given` the input named its title (a title
    column), and it is the first line.
    """
    lines = blocks[:3]
    if not lines or lines[0].kind != "line":
        return None, None, blocks
    if title_given:
        return lines[0].text, None, blocks[1:]
    if len(blocks) == 1:
        return None, None, blocks  # one line and nothing under it: the article, not its headline
    first = lines[0].text
    second = lines[1].text if len(lines) > 1 and lines[1].kind == "line" else None
    third_is_body = len(lines) > 2 and not (lines[2].kind == "line" and is_heading(lines[2].text))
    if is_headline(first):
        if second and is_headline(second) and third_is_body and len(blocks) > 2:
            # The other line stays in the body as well: a lede without its full stop looks like a
            # second headline, and it must not be lost.
            if page_title and _same(second, page_title) and not _same(first, page_title):
                return second, first, [blocks[0], *blocks[2:]]
            return first, second, blocks[1:]
        return first, None, blocks[1:]
    # A lede printed before the headline: paragraph, headline, paragraph.
    if (
        second
        and is_headline(second)
        and len(second.split()) >= MIN_LATE_HEADLINE_WORDS
        and CLOSING.search(first)
        and len(first.split()) > len(second.split())
        and len(lines) > 2
        and lines[2].kind == "line"
        and not is_heading(lines[2].text)
    ):
        return second, None, [blocks[0], *blocks[2:]]
    return None, None, blocks


def _fold(text: str) -> str:
    return "".join(text.split()).casefold()


def _same(a: str, b: str) -> bool:
    return _fold(a) == _fold(b)


def build_structure(
    text: str, page_title: str | None = None, title_given: bool = False, headings: list[str] | None = None
) -> Structure:
    """Structure from the repaired text. `headings` are the section headings the input marks as
    such (Markdown's `##`); with them, no other line is taken for a heading, and without them
    (None) headings are told by their shape."""
    blocks = to_blocks(text)
    title, subtitle, body = choose_title(blocks, page_title, title_given)
    marked = {_fold(h) for h in headings} if headings is not None else None

    def opens_section(i: int, line: str) -> bool:
        if marked is not None:
            return _fold(line) in marked
        return is_heading(line) and i + 1 < len(body)

    sections: list[Section] = [Section(None)]
    tables: list[Table] = []
    out: list[str] = []
    for i, block in enumerate(body):
        if block.kind == "table":
            tables.append(block.table)
            continue
        if block.kind == "item":
            sections[-1].items.append(block.text)
            if out and i > 0 and body[i - 1].kind == "item":
                out[-1] += f"\n- {block.text}"
            else:
                out.append(f"- {block.text}")
            continue
        if opens_section(i, block.text):
            sections.append(Section(block.text))
        else:
            sections[-1].paragraphs.append(block.text)
        out.append(block.text)
    if sections[0].heading is None and not sections[0].paragraphs and not sections[0].items:
        sections.pop(0)
    return Structure(title, subtitle, sections, tables, "\n\n".join(out))
