"""Spaces around punctuation: the space missing after it ("concessions,Moscow", "Middle
East.However", "said:The"), in English; and, in text rendered from a page, the space inline markup
leaves before it ("Yobe North , Ahmad Lawan ,"): before a comma or full stop in any language,
before ; : ! ? in English only (French typography puts a space there). In text as typed, a space
before a mark is the writer's and stays.

Never inside numbers (1,000; 3.5; 10:30), abbreviations and initials (U.S., J.D., e.g.), URLs,
e-mail addresses, domain names, file names or code, nor before an ellipsis.
"""

from __future__ import annotations

import re

from cleanset.fixers.base import Context, FixResult, replace_spans
from cleanset.tokens import LETTER, LOWER, UPPER, url_like

# Letters are every script's letters: "Zürich,the" and "Ørsted,which" are repaired like "Oslo,the".
# Each alternative opens with its punctuation mark and looks behind it from there, so the regex
# engine skips straight to the marks instead of testing a lookbehind at every character (eight
# times faster on news text; tests/test_fixers.py holds it to the lookbehind-first reading).
MISSING_SPACE = re.compile(
    # a comma between a word (or a number, a closing bracket or quote) and a word
    rf",(?<=(?:[^\W_]|[)\]\"”’%]),)(?={LETTER}|[“‘(])"
    # a sentence's closing mark, with its closing quote, after a word (or "£50m", "PCs") and before a
    # word that opens a sentence: Capitalised, an acronym, or "A"/"I"; never an initial as in "Ph.D"
    rf"|[.!?](?<=[^\W_]{LOWER}[.!?])[\"”’)]?(?={UPPER}{LOWER}|{UPPER}(?:{UPPER}|&)+\b(?!\.)|[AI]\b(?![.&]))"
    # a semicolon or colon after a lowercase word, before a word ("said:The"; not "CSI:NY")
    rf"|[;:](?<={LOWER}{LOWER}[;:])(?={LETTER}{LETTER})"
)
CODE_LIKE = re.compile(r"[@/\\_=<>{}#~`]|\.\w+\(|\w\(\w")
# A sentence mark between two letters (not digits: "3.5bn"), with no space: one is a dropped space ("said.Research"),
# two or more in one token a name written so ("the Think.Eat.Save campaign")
JOINING_STOP = re.compile(r"(?<=[^\W\d_])[.!?](?=[^\W\d_])")
# Spaces between a word and the mark that closes it, the mark followed by a space or the line's
# end (so not ".5", "...", ",000", nor a spaced ellipsis ". . ."); before ; : ! ? only in English,
# where no typography spaces them (French does, and label lists such as "VIP : 60,000" do)
def _space_before(marks: str) -> re.Pattern[str]:
    return re.compile(rf"(?<={LETTER}|[)\]\"”’]) +(?=[{marks}](?:[ \n]|$))(?!\. \.)", re.MULTILINE)


SPACE_BEFORE_STOP = _space_before(",.")
SPACE_BEFORE_MARK = _space_before(",.;:!?")


def _token_at(text: str, pos: int) -> str:
    start = text.rfind(" ", 0, pos) + 1
    start = max(start, text.rfind("\n", 0, pos) + 1)
    end_space = text.find(" ", pos)
    end_nl = text.find("\n", pos)
    ends = [e for e in (end_space, end_nl) if e != -1]
    return text[start : min(ends) if ends else len(text)]


def fix_spacing(text: str, ctx: Context) -> FixResult:
    """Remove the space markup left before punctuation, then (in English) insert the space a
    scraper dropped after it.

    >>> page = Context(from_markup=True)
    >>> fix_spacing("Senator for Yobe North , Ahmad Lawan , on Tuesday moved .", page)[0]
    'Senator for Yobe North, Ahmad Lawan, on Tuesday moved.'
    >>> fix_spacing("Il a dit : oui ! Puis , non .", Context(language="fr", from_markup=True))[0]
    'Il a dit : oui ! Puis, non.'
    >>> fix_spacing("Wait ... it is 3 . 5 , or x = f(a , b) . . . and", page)[0]
    'Wait ... it is 3 . 5 , or x = f(a , b) . . . and'
    >>> fix_spacing("concessions,Moscow said. In the Middle East.However, 1,000 at 10:30 in the U.S. via bbc.co.uk", Context())[0]
    'concessions, Moscow said. In the Middle East. However, 1,000 at 10:30 in the U.S. via bbc.co.uk'
    >>> fix_spacing("to £50m.Chief PCs.IBM said.A Ph.D and 3.5 at example.com, Node.js", Context())[0]
    'to £50m. Chief PCs. IBM said. A Ph.D and 3.5 at example.com, Node.js'
    >>> fix_spacing("It joined the Think.Eat.Save campaign, officials said.Research followed.", Context())[0]
    'It joined the Think.Eat.Save campaign, officials said. Research followed.'
    """

    # Both read the text as received: a stray space stands before a mark followed by a space, a
    # missing one after a mark followed by a letter, so no match of one meets a match of the other.
    stray = SPACE_BEFORE_MARK if ctx.language in ("en", None) else SPACE_BEFORE_STOP
    spans = (
        [(m.start(), m.end(), "") for m in stray.finditer(text) if _unspaced(text, m)] if ctx.from_markup else []
    )
    if ctx.language in ("en", None):
        for m in MISSING_SPACE.finditer(text):
            token = _token_at(text, m.start())
            if url_like(token) or CODE_LIKE.search(token):
                continue
            if m.group(0)[0] in ".!?" and len(JOINING_STOP.findall(token)) >= 2:
                continue  # "Think.Eat.Save": a name
            spans.append((m.start(), m.end(), m.group(0) + " "))
    return replace_spans(text, sorted(spans), "spacing")


def _unspaced(text: str, m: re.Match[str]) -> bool:
    """A stray space before a mark, not after a word that looks like code or an address."""
    token = _token_at(text, max(m.start() - 1, 0))
    return not (CODE_LIKE.search(token) or url_like(token))
