"""The shape of a site's name closing a headline ("... peace deal — RT World News").

Read by the first pass, which counts such suffixes across the build, and by the residue fixer,
which removes them.
"""

from __future__ import annotations

import re

from cleanset.tokens import ends_with_sentence_mark, line_kind

MAX_EDGE_WORDS = 12  # an edge line longer than this is a sentence, not page furniture
SUFFIX = re.compile(r"^(?P<head>.*?\S)(?P<suffix>\s+(?P<sep>\||—|–|-|•|·|::|»)\s+(?P<name>[^|—–»]+?))\s*$")
STRONG_SEPARATORS = {"|", "—", "–", "•", "·", "::", "»"}
NAME_WORD = re.compile(
    r"^(?:[A-Z0-9][\w&.'’!-]*|of|the|and|for|on|&|de|la|le|[a-z0-9-]+\.[a-z]{2,}(?:\.[a-z]{2})?)$"
)


def suffix_candidate(line: str) -> tuple[str, str, str] | None:
    """(headline, separator, name) when a headline line ends with something shaped like a site name."""
    if ends_with_sentence_mark(line):  # first: most lines are sentences, and SUFFIX is slow on them
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
