"""Whitespace hygiene: line endings, no-break and odd spaces, trailing and doubled spaces, blank runs."""

from __future__ import annotations

import re

from cleanset.fixers.base import Context, FixResult, sub_with_edits

# One pass over every whitespace run that is not a single plain space or a single newline.
WHITESPACE_RUN = re.compile(r"[^\S\n]*\r?\n(?:[^\S\n]*\r?\n)*[^\S\n]*|[^\S\n]{2,}|[^\S \n]|\r|\A +| +\Z")

# What `_normalise` would change, away from the text's ends: a space other than U+0020, a line
# end, tab or no-break space; two spaces; a space beside a line break; three line breaks. The
# definition `is_unsettled` computes faster (a property test holds the two together).
UNSETTLED = re.compile(r"[^\S \n]|  | \n|\n |\n\n\n")
ODD_SPACE = re.compile(r"[^\S \n]")
SETTLED_PAIRS = ("  ", " \n", "\n ", "\n\n\n")


def is_unsettled(text: str) -> bool:
    """`UNSETTLED.search(text)`, with the fixed strings found by substring search (several times
    faster than an alternation tried at every position).

    >>> [is_unsettled(s) for s in ["One two.\\n\\nThree.", "One  two.", "One\\ttwo.", "a\\n\\n\\nb"]]
    [False, True, True, True]
    """
    return any(pair in text for pair in SETTLED_PAIRS) or ODD_SPACE.search(text) is not None


def _normalise(m: re.Match[str]) -> str:
    run = m.group(0)
    at_start = m.start() == 0
    at_end = m.end() == len(m.string)
    newlines = run.count("\n") + (run.count("\r") if "\n" not in run else 0)
    if at_start or at_end:
        return ""
    if newlines == 0:
        return " "
    # Two or more line breaks: one blank line between blocks; one break stays one break.
    return "\n\n" if newlines >= 2 else "\n"


def fix_whitespace(text: str, ctx: Context) -> FixResult:
    """Normalise every whitespace run: CRLF and CR to LF, NBSP and tabs to a space, no trailing
    or doubled spaces, at most one blank line, nothing at either end.

    >>> fix_whitespace("Title  \\r\\n\\r\\n\\r\\nBody,\\u00a0text.  ", Context())[0]
    'Title\\n\\nBody, text.'
    """
    if not (text[:1].isspace() or text[-1:].isspace() or is_unsettled(text)):
        return text, []  # every run is one space, one line break or one blank line already
    return sub_with_edits(text, WHITESPACE_RUN, _normalise, "whitespace")
