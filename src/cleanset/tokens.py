"""Lines, tokens and sentence boundaries as the English fixers see them."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from cleanset import _scan

CASED_LIMIT = 0x20000  # no script past the first two planes has upper and lower case


def _char_class(test) -> str:
    """The body of a regex character class of every code point that passes `test`, as ranges."""
    runs: list[list[int]] = []
    for cp in range(CASED_LIMIT):
        if 0xD800 <= cp <= 0xDFFF or not test(chr(cp)):
            continue
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in runs)


# Every Unicode letter is a letter: "Zürich", "Ørsted", "Łódź" are words like "Oslo". Python's
# `re` has no \p{Lu}, so the classes are made from str.isupper and str.islower once.
LETTER = r"[^\W\d_]"
UPPER = f"[{_char_class(str.isupper)}]"
LOWER = f"[{_char_class(str.islower)}]"

LIST_MARKER = re.compile(r"^(?:[-*•‣◦▪]|\d{1,3}[.)])\s+")
TABLE_LINE = re.compile(r"^\s*\|.*\||^[^|]+\|\s*$|^\s*\|")
DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
TOKEN = re.compile(r"\S+")

# Word lists shared with the compiled scanner (rust/): one file, read by both.
WORD_LISTS = {
    name: frozenset(words.split())
    for name, _, words in (
        line.partition(":")
        for line in files("cleanset").joinpath("scanner_words.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
}
# Lowercase abbreviations whose full stop does not end a sentence ("Mr.", "tbsp.", "pct.").
ABBREVIATIONS = WORD_LISTS["abbreviations"]
# Name particles written lowercase by design before a capitalised name: "de Gaulle", "van Gogh".
PARTICLES = WORD_LISTS["particles"]
# Closed-class words: Capitalised inside titles ("The Scottish Parliament", "Of Mice and Men"),
# never names by themselves, so a Capitalised neighbour is no evidence for them.
FUNCTION_WORDS = WORD_LISTS["function_words"]


def line_kind(line: str) -> str:
    """'blank', 'delimiter', 'table', 'item' or 'text'."""
    if not line.strip():
        return "blank"
    if "|" in line:
        if DELIMITER_ROW.match(line):
            return "delimiter"
        if TABLE_LINE.match(line):
            return "table"
    if LIST_MARKER.match(line):
        return "item"
    return "text"


# A line closing with a sentence mark and any closing quotes or brackets after it: the definition
# `ends_with_sentence_mark` reads from the line's end (a property test holds the two together)
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
SENTENCE_END_CLOSERS = "\"'”’)]"


def ends_with_sentence_mark(line: str) -> bool:
    """`SENTENCE_END.search(line)`, read from the line's end rather than tried at every position.
    It asks how a line ends, where `ends_sentence` asks whether a token closes a sentence: here an
    abbreviation's full stop counts too.

    >>> [ends_with_sentence_mark(s) for s in ['He left.', 'Why?"', 'Talks — RT', 'Done.\\n', '(fine.) ']]
    [True, True, False, True, False]
    """
    if line.endswith("\n"):  # `$` also matches before a final line break
        line = line[:-1]
    return line.rstrip(SENTENCE_END_CLOSERS)[-1:] in (".", "!", "?")


# The scanner is compiled (rust/, the module cleanset._scan): these are its Python names.
Word = _scan.Word
# Whether a token closes its sentence, so the next word opens one ("talks." yes; "U.S.", "Mr.",
# "J.", "end?\"" no)
ends_sentence = _scan.ends_sentence
# A token after which the sentence goes on: an ellipsis, a dash standing alone, a closing quote
# standing alone after ? or !
continues_sentence = _scan.continues_sentence
# An address, e-mail address or file name: "www.x.com", "report.pdf"
url_like = _scan.url_like
scan_words = _scan.line_words


@lru_cache(maxsize=256)  # the lines of a document or two: enough for the fixers to share them
def line_words(line: str, cells: bool = False) -> tuple[Word, ...]:
    """The alphabetic word parts of a line with whether each opens a sentence.

    Parts of URLs, e-mail addresses and file names are skipped. With `cells`, every pipe-table
    cell opens a new unit. Cached: several fixers and both passes read the same lines.

    >>> [(w.text, w.sentence_start) for w in line_words("Talks ended. see www.x.com now")]
    [('Talks', True), ('ended', False), ('see', True), ('now', False)]
    """
    return scan_words(line, cells)
