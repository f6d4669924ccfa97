"""Hard-wrapped text rejoined: the lines a wrapper broke at a column become one paragraph again.

Plain-text dumps, wire copy and text exports are often wrapped at 60 to 80 columns, each paragraph
split over lines of similar length. Read as they are, every line is a paragraph and every
line-initial word a sentence start. A text counts as hard-wrapped only on evidence from its own
lines:

- its wrapped lines are of a width (the 90th percentile of the lengths of lines that run on into
  another line) between MIN_WIDTH and MAX_WIDTH columns: a poem's or an address's short lines are
  not wrapped prose, and neither are one-paragraph lines hundreds of characters long;
- most lines that run on are *full*: the next line's first word would not have fitted on them
  (the test a greedy wrapper applies when it breaks a line);
- most full lines end mid-sentence, and some of the lines after them go on in lowercase (a poem
  whose every line opens with a capital is not prose).

In a wrapped text, a full line and the prose line under it are joined; a blank line, a list item,
a table row, a line indented deeper than the text's own margin (where the text marks paragraphs
by indents) or a short line ends a paragraph. A list item's wrapped lines, indented under it, are
joined to it.
"""

from __future__ import annotations

import re

from cleanset.tables import line_kinds
from cleanset.tokens import ends_sentence

MIN_WIDTH = 40
MAX_WIDTH = 120
MIN_RUN_ONS = 2  # lines running on into the next: fewer is no evidence of wrapping
MIN_FULL_SHARE = 0.8  # of the lines that run on (not counting paragraph starts)
MIN_MID_SENTENCE_SHARE = 0.5  # of the full lines
MIN_LOWERCASE_SHARE = 0.2  # of the lines after a full line
OVERLONG = 12  # columns past the width no wrapper leaves a line
HEADING_MARK = re.compile(r"^\s*#{1,6}\s")
HYPHEN_BREAK = re.compile(r"[A-Za-z]-$|\S-{2,}$")  # a hyphen or a dash of hyphens
TAB = 4


def unwrap(text: str) -> tuple[str, int]:
    """The text with its hard-wrapped paragraphs on one line each, and how many breaks were joined
    (0, and the text unchanged, when it is not hard-wrapped).

    >>> wrapped = (
    ...     "Talks on the border resumed in Geneva on Monday after a pause of three\\n"
    ...     "weeks, officials from both sides said, with a ceasefire the first item on\\n"
    ...     "an agenda that also covers prisoners.\\n"
    ...     "    The delegations met for four hours and will meet again on Tuesday\\n"
    ...     "morning, a spokesman for the hosts told reporters outside the venue.\\n"
    ... )
    >>> print(unwrap(wrapped)[0])  # doctest: +NORMALIZE_WHITESPACE
    Talks on the border resumed in Geneva on Monday after a pause of three weeks, officials from
    both sides said, with a ceasefire the first item on an agenda that also covers prisoners.
    <BLANKLINE>
    The delegations met for four hours and will meet again on Tuesday morning, a spokesman for the
    hosts told reporters outside the venue.
    <BLANKLINE>
    >>> unwrap("Roses are red,\\nViolets are blue,\\nSugar is sweet,\\nAnd so are you.\\n")[1]
    0
    """
    lines = text.split("\n")
    kinds = _kinds(lines)
    layout = _layout(lines, kinds)
    if layout is None:
        return text, 0
    width, margin, indents = layout
    out: list[str] = []
    joined = 0
    open_block = False  # the last line of `out` is a paragraph that may go on
    in_item = False
    for i, line in enumerate(lines):
        kind = kinds[i]
        if kind == "blank":
            out.append("")
            open_block = in_item = False
            continue
        depth = _indent(line)
        if kind == "item" and open_block and _breaks_mid_sentence(lines[i - 1], line, width):
            kind = "prose"  # a wrapped line that happens to open with '- ' or '15. '
        goes_on = (
            open_block
            and kind == "prose"
            and _is_full(lines[i - 1], line, width)
            and len(line.rstrip()) <= width + OVERLONG
            and (
                (depth > margin or _breaks_mid_sentence(lines[i - 1], line, width))
                if in_item
                else not (indents and depth > margin)
            )
        )
        if goes_on:
            joiner = " " if _keeps_space(out[-1], line) else ""
            out[-1] = out[-1] + joiner + line.strip()
            joined += 1
            in_item = in_item and depth > margin  # an item wrapped without a hanging indent goes on as prose
        else:
            if indents and kind == "prose" and depth > margin and out and out[-1] != "":
                out.append("")  # a paragraph marked by its indent: give it the blank line of prose
            out.append(line.strip() if kind in ("prose", "item") else line)
            in_item = kind == "item"
        open_block = kind in ("prose", "item") and len(line.rstrip()) <= width + OVERLONG
    if not joined:
        return text, 0
    return "\n".join(out), joined


def _kinds(lines: list[str]) -> list[str]:
    """'blank', 'prose', 'item' or 'other' (table rows, delimiters, headings)."""
    out = []
    for line, kind in zip(lines, line_kinds(lines), strict=True):
        if kind == "text" and not HEADING_MARK.match(line):
            out.append("prose")
        elif kind in ("blank", "item"):
            out.append(kind)
        else:
            out.append("other")
    return out


def _indent(line: str) -> int:
    stripped = line.lstrip()
    return len(line[: len(line) - len(stripped)].expandtabs(TAB))


def _first_word(line: str) -> str:
    words = line.split(None, 1)
    return words[0] if words else ""


def _is_full(line: str, following: str, width: int) -> bool:
    """Whether the next line's first word would not have fitted on `line` at `width` columns."""
    return len(line.rstrip()) + 1 + len(_first_word(following)) > width


SUSPENDED_HYPHEN_NEXT = frozenset({"to", "or", "and", "nor"})


def _keeps_space(line: str, following: str) -> bool:
    """Whether a break joins with a space: not after a hyphen the wrapper broke a compound at
    ('confidence-' over 'building'), but after a suspended hyphen ('six-' over 'to eight-')."""
    if not (HYPHEN_BREAK.search(line) and following.lstrip()[:1].isalpha()):
        return True
    return _first_word(following) in SUSPENDED_HYPHEN_NEXT


def _breaks_mid_sentence(line: str, following: str, width: int) -> bool:
    """A full line that stops mid-sentence (not at a colon that could open a list)."""
    last = line.split()[-1] if line.split() else ""
    return _is_full(line, following, width) and not ends_sentence(last) and not last.endswith(":")


def _under_item(lines: list[str], kinds: list[str], i: int) -> bool:
    """Whether prose line i is indented under a list item, as its wrapped continuation."""
    j = i - 1
    while j >= 0 and kinds[j] == "prose" and _indent(lines[j]) > 0:
        j -= 1
    return j >= 0 and j < i and kinds[j] == "item" and _indent(lines[i]) > _indent(lines[j])


def _layout(lines: list[str], kinds: list[str]) -> tuple[int, int, bool] | None:
    """(width, margin, whether indents mark paragraphs) of a hard-wrapped text; None when the
    text's own lines give no evidence of wrapping."""
    prose = [i for i, k in enumerate(kinds) if k == "prose"]
    if len(prose) < MIN_RUN_ONS + 1:
        return None
    depths = [_indent(lines[i]) for i in prose if not _under_item(lines, kinds, i)]
    if not depths:
        return None
    margin = max(set(depths), key=lambda d: (depths.count(d), -d))
    indents = any(d > margin for d in depths)
    run_ons = [
        i
        for i in range(len(lines) - 1)
        if kinds[i] in ("prose", "item")
        and kinds[i + 1] == "prose"
        and not (indents and kinds[i] == "prose" and _indent(lines[i + 1]) > margin)
    ]
    if len(run_ons) < MIN_RUN_ONS:
        return None
    lengths = sorted(len(lines[i].rstrip()) for i in run_ons)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    full = [i for i in run_ons if _is_full(lines[i], lines[i + 1], width)]
    if len(full) < MIN_RUN_ONS or len(full) < MIN_FULL_SHARE * len(run_ons):
        return None
    mid_sentence = sum(not ends_sentence(lines[i].split()[-1]) for i in full)
    lowercase = sum(_first_word(lines[i + 1])[:1].islower() for i in full)
    if mid_sentence < MIN_MID_SENTENCE_SHARE * len(full) or lowercase < MIN_LOWERCASE_SHARE * len(full):
        return None
    return width, margin, indents
