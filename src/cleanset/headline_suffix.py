"""The shape of a site's name closing a headline ("... peace deal — RT World News").

Read by the first pass, which counts such suffixes across the build, and by the residue fixer,
which removes them.
"""

from __future__ import annotations

import re

from cleanset.tokens import line_kind

MAX_EDGE_WORDS = 12  # an edge line longer than this is a sentence, not page furniture
SUFFIX = re.compile(r"^(?P<head>.*?\S)(?P<suffix>\s+(?P<sep>\||—|–|-|•|·|::|»)\s+(?P<name>[^|—–»]+?))\s*$")
STRONG_SEPARATORS = {"|", "—", "–", "•", "·", "::", "»"}
NAME_WORD = re.compile(
    r"^(?:[A-Z0-9][\w&.'’!-]*|of|the|and|for|on|&|de|la|le|[a-z0-9-]+\.[a-z]{2,}(?:\.[a-z]{2})?)$"
)
# A line that closes a sentence: the definition `ends_a_sentence` computes faster (a property
# test holds the two together)
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
CLOSING_MARKS = "\"'”’)]"


def ends_a_sentence(line: str) -> bool:
    """`SENTENCE_END.search(line)`, read from the line's end rather than tried at every position.

    >>> [ends_a_sentence(s) for s in ['He left.', 'Why?"', 'Talks — RT', 'Done.\\n', '(fine.) ']]
    [True, True, False, True, False]
    """
    if line.endswith("\n"):  # `$` also matches before a final line break
        line = line[:-1]
    return line.rstrip(CLOSING_MARKS)[-1:] in (".", "!", "?")


def suffix_candidate(line: str) -> tuple[str, str, str] | None:
    """(headline, separator, name) when a headline line ends with something shaped like a site name."""
    if ends_a_sentence(line):  # first: most lines are sentences, and SUFFIX is slow on them
        return None
    m = SUFFIX.match(line)
    if not m or line_kind(line) != "text":
        return None
    head, sep, name = m.group("head"), m.group("sep"), m.group("name").strip()
    words = name.split()
    if not 1 <= len(words) <= 5 or len(head.split()) < 3 or len(name) > 40:
        return None
    if not all(NAME_WORD.match(w) for w in words) or not any(w[:1].isupper() or "." in w for w in words):
        return None
    return head, sep, name
