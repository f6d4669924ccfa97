"""Word-level differences between an article as read and as repaired, for people to look at."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from cleanset.document import Edit, apply_edits

PIECE = re.compile(r"\s+|\w+|[^\w\s]")
# Matching is quadratic in the worst case: longer texts are shown as their list of edits instead.
MAX_DIFF_CHARS = 40_000


def diffable(text: str) -> bool:
    return len(text) <= MAX_DIFF_CHARS


def replay(raw: str, edits: list[dict]) -> str:
    """The repaired text: a record's edits applied to its input, fixer step by fixer step.

    Consecutive edits of one kind form one step, and their offsets refer to that step's input.
    """
    text = raw
    step: list[Edit] = []
    for e in [*edits, None]:
        if step and (e is None or e["kind"] != step[0].kind):
            text = apply_edits(text, step)
            step = []
        if e is not None:
            step.append(Edit(e["kind"], e["before"], e["after"], e["offset"], e.get("evidence")))
    return text


def word_diff(before: str, after: str) -> Iterator[tuple[str, str]]:
    """(tag, piece) pairs: tag is 'same', 'removed' or 'added'.

    Lines are matched first and words only inside changed lines: most lines of a repaired
    article are untouched, and word matching over a whole article is slow.

    >>> list(word_diff("with moscow", "with Moscow"))
    [('same', 'with'), ('same', ' '), ('removed', 'moscow'), ('added', 'Moscow')]
    """
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            yield from (("same", p) for line in a[i1:i2] for p in PIECE.findall(line))
        else:
            yield from _piece_diff("".join(a[i1:i2]), "".join(b[j1:j2]))


def diff_runs(before: str, after: str) -> Iterator[tuple[str, str]]:
    """`word_diff` with consecutive pieces of one tag joined into one run.

    >>> list(diff_runs("talks in geneva ended", "talks in Geneva ended"))
    [('same', 'talks in '), ('removed', 'geneva'), ('added', 'Geneva'), ('same', ' ended')]
    """
    tag, buf = None, []
    for t, p in word_diff(before, after):
        if t == tag:
            buf.append(p)
            continue
        if buf:
            yield tag, "".join(buf)
        tag, buf = t, [p]
    if buf:
        yield tag, "".join(buf)


def marked_diff(before: str, after: str) -> str:
    """The repaired text with each change marked in text, as `git diff --word-diff` does, for
    output that carries no colour (a pipe, a file, NO_COLOR).

    >>> marked_diff("hit brittany overnight", "hit Brittany overnight")
    'hit [-brittany-]{+Brittany+} overnight'
    """
    marks = {"same": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return "".join(marks[tag].format(run) for tag, run in diff_runs(before, after))


Passage = list[tuple[str, str]]


def diff_passages(before: str, after: str, context: int = 70) -> list[Passage]:
    """The changed places of a text, each with up to `context` characters of unchanged text on
    either side; changes closer together than twice that share one passage. A cut is marked '…'.

    >>> long = "Word " * 40
    >>> [["".join(t for _, t in p)] for p in diff_passages(long + "in geneva. " + long, long + "in Geneva. " + long, 10)]
    [['… Word in genevaGeneva. Word …']]
    """
    passages: list[Passage] = []
    current: Passage | None = None
    lead = ""
    for tag, text in diff_runs(before, after):
        if tag != "same":
            if current is None:
                current = [("same", _tail(lead, context))] if lead else []
            current.append((tag, text))
        elif current is None:
            lead = text
        elif len(text) > 2 * context:
            current.append(("same", _head(text, context)))
            passages.append(current)
            current, lead = None, text
        else:
            current.append(("same", text))
    if current is not None:
        if current[-1][0] == "same":
            current[-1] = ("same", _head(current[-1][1], context))
        passages.append(current)
    return passages


def _head(text: str, n: int) -> str:
    if len(text) <= n:
        return text
    cut = text.rfind(" ", 0, n)
    return text[: cut if cut > n // 2 else n] + " …"


def _tail(text: str, n: int) -> str:
    if len(text) <= n:
        return text
    cut = text.find(" ", len(text) - n)
    return "… " + text[cut + 1 if -1 < cut < len(text) - n // 2 else len(text) - n :]


def _piece_diff(before: str, after: str) -> Iterator[tuple[str, str]]:
    a, b = PIECE.findall(before), PIECE.findall(after)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            yield from (("same", p) for p in a[i1:i2])
            continue
        yield from (("removed", p) for p in a[i1:i2])
        yield from (("added", p) for p in b[j1:j2])
