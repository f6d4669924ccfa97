"""Names in a line of words: runs of Capitalised words, pairs and joins ("Bank of England").

The first pass counts them across the build in the compiled scanner (`_scan.first_pass_casing`); the
casing fixers weigh them with the scanner's own predicates, named here, and a few string helpers.
"""

from __future__ import annotations

from cleanset import _scan
from cleanset.tokens import WORD_LISTS, ends_with_sentence_mark

# Words across which a Capitalised word still stands in a name for the first pass's counts
CONNECTORS = WORD_LISTS["connectors"]
# Words that join the parts of one name: "Bank of England", "Securities and Exchange Commission"
NAME_JOINS = WORD_LISTS["name_joins"]
JOIN_WORDS = NAME_JOINS | {"the"}  # ... and "the", inside a name ("Court of the Exchequer")

# Separated by spaces only (no comma, bracket or dash): adjacent(line, a, b)
adjacent = _scan.adjacent
# Words a and b can make a pair in a name: beside each other, b opening no sentence, a no
# possessive, neither a function word ("The Home Secretary" has no name before "Home")
pairable = _scan.pairable
# Word b continues a name from word a: both Capitalised and `pairable`
continues_name = _scan.continues_name
# Word i is lowercase and stands between two Capitalised words, the first not opening a sentence:
# "International steel Group", "Scottish club Rangers". between_names(line, words, i)
between_names = _scan.between_names
# The index of the Capitalised word that continues a name from word k, one step to the right
# (step 1) or left (step -1), beside it or across a join ("of", "of the"); None if there is none.
# A possessive closes a name and a sentence opener starts one. name_across(line, words, k, step)
name_across = _scan.name_across


def opens_its_token(line: str, word) -> bool:
    """The word starts its token ("Ms" in "Ms Smith"), not part of one ("Ms" in "M&Ms").

    >>> from cleanset.tokens import line_words
    >>> line = "the M&Ms balloon and (Ms Lee"
    >>> [(w.text, opens_its_token(line, w)) for w in line_words(line) if w.text == "Ms"]
    [('Ms', False), ('Ms', True)]
    """
    return word.start == 0 or line[word.start - 1].isspace() or line[word.start - 1] in "([{\"'“‘«"


def is_capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def pair_key(a: str, b: str) -> str:
    return f"{without_possessive(a.lower())} {without_possessive(b.lower())}"


def is_prose(line: str, kind: str) -> bool:
    """A line whose casing counts as evidence: a paragraph of sentences, not a heading or a
    headline, which are Title Cased."""
    return kind == "text" and ends_with_sentence_mark(line.rstrip())


POSSESSIVE_ENDINGS = ("'s", "’s")


def without_possessive(word: str) -> str:
    """The word less a closing possessive: "Party's" -> "Party"."""
    return word[:-2] if word[-2:] in POSSESSIVE_ENDINGS else word


def is_possessive(word: str) -> bool:
    return without_possessive(word) != word


def opens_sentence(w) -> bool:
    """The word may open a sentence, so its capital is no evidence of a name."""
    return w.sentence_start or w.after_stop
