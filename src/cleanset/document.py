"""The objects that flow through a build: documents read from input, edits made to them."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Edit:
    """One change a fixer made: `before` at `offset` in the fixer's input became `after`;
    `evidence` says what decided a casing edit (see the schema's vocabulary)."""

    kind: str
    before: str
    after: str
    offset: int
    evidence: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Document:
    """An article as read from its input: raw text plus where it came from.

    `text` holds the article as lines (title candidates first, then blocks); readers of
    structured formats (HTML) render their markup into the same line conventions.
    """

    id: str
    source: str
    text: str
    input_sha256: str = ""
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    title_given: bool = False  # the first line is the headline, given as such by the input
    metadata: str | None = None  # other fields of an input record, as a JSON object
    url: str | None = None
    published: str | None = None  # ISO 8601 date or date-time
    authors: list[str] = field(default_factory=list)
    description: str | None = None
    publisher: str | None = None  # the site's own name, where the input gives it
    headings: list[str] | None = None  # the section headings as marked up (Markdown); None: inferred
    declared_language: str | None = None  # what the input says its language is (a page's lang)
    from_markup: bool = False  # read from HTML, whose inline markup leaves spaces before punctuation


def safe_id(stem: str, fallback: str = "article") -> str:
    """A stem made safe to use in paths and URLs: no separators, no leading dots.

    >>> safe_id("../etc/passwd"), safe_id("Ukraine talks (1)"), safe_id("...")
    ('etc_passwd', 'Ukraine_talks_1', 'article')
    """
    cleaned = UNSAFE_ID_CHARS.sub("_", stem).strip("._-")
    return cleaned or fallback


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits whose offsets refer to `text`.

    >>> apply_edits("a,b", [Edit("spacing", ",", ", ", 1)])
    'a, b'
    """
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.offset):
        if text[e.offset : e.offset + len(e.before)] != e.before or e.offset < pos:
            raise ValueError(f"edit does not match the text at {e.offset}: {e.before!r}")
        out.append(text[pos : e.offset])
        out.append(e.after)
        pos = e.offset + len(e.before)
    out.append(text[pos:])
    return "".join(out)


def revert_edits(text: str, edits: list[Edit]) -> str:
    """Undo one fixer's edits on its output, giving back that fixer's input.

    >>> revert_edits("a, b", [Edit("spacing", ",", ", ", 1)])
    'a,b'
    """
    out: list[str] = []
    pos = 0
    shift = 0
    for e in sorted(edits, key=lambda e: e.offset):
        start = e.offset + shift
        if text[start : start + len(e.after)] != e.after:
            raise ValueError(f"edit does not match the cleaned text at {start}: {e.after!r}")
        out.append(text[pos:start])
        out.append(e.before)
        pos = start + len(e.after)
        shift += len(e.after) - len(e.before)
    out.append(text[pos:])
    return "".join(out)
