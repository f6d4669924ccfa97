"""Lines, tokens and sentence boundaries as the English fixers see them."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

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
WORD_PART = re.compile(rf"{LETTER}+(?:['’]{LETTER}+)*")
DOTTED_ABBREVIATION = re.compile(r"^(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}$")
CLOSERS = "\"'”’)]»"
OPENERS = "\"'“‘([«"

# Name particles written lowercase by design before a capitalised name: "de Gaulle", "van Gogh".
PARTICLES = frozenset(
    [
        "de",
        "del",
        "della",
        "der",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "den",
        "ter",
        "bin",
        "ibn",
        "al",
        "el",
    ]
)

# Lowercase abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "jr",
        "sr",
        "rev",
        "hon",
        "vs",
        "etc",
        "no",
        "nos",
        "approx",
        "dept",
        "est",
        "fig",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "op",
        "cf",
        "al",
        "vol",
        "pp",
        "ed",
        "eds",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        # units and measures: "1 tbsp. olive oil", "8 oz. unsweetened", "10 min. during", "3 pct. in"
        "oz",
        "tsp",
        "tbsp",
        "lb",
        "lbs",
        "min",
        "mins",
        "hr",
        "hrs",
        "pct",
        "qt",
        "gal",
        "sq",
    ]
)
# An ellipsis, spaced or not: the sentence goes on after it ("“… prevent the evacuation")
ELLIPSES = ("…", "..")
# A dash standing alone joins what follows to the sentence before it ("minister.” — but its")
DASHES = frozenset({"—", "–", "--", "-"})
# An editor's initials closing a story, in lowercase by the house's style: "hg/jd", "ipj/rt-(AFP, dpa)"
SIGN_OFF = re.compile(r"[a-z]{1,4}(?:/[a-z]{1,4})+(?![\w/])")
# Domains and file names are matched lowercase: "office.De" is a missing space, "bbc.de" a domain.
URL_LIKE = re.compile(
    r"^[\"'(“‘\[]*(?:[A-Za-z][A-Za-z0-9+.-]*://|[Ww]{3}\.|[\w.+-]+@[\w-]+\.)"
    r"|\w\.(?:com|org|net|edu|gov|io|co|uk|de|fr|ru|info|biz|tv|me|ai|app|ly|us)\b"
    r"|\w\.(?:pdf|html?|php|aspx?|jpe?g|png|gif|svg|csv|json|xml|txt|docx?|xlsx?|zip|py|js|exe)\b",
)


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


def ends_sentence(token: str) -> bool:
    """Whether a token closes its sentence, so the next word opens one.

    >>> [ends_sentence(t) for t in ["talks.", "U.S.", "Mr.", "said:", "J.", 'now."', "end?\\"", "3.5%.", "$1.5bn."]]
    [True, False, False, False, False, True, False, True, True]
    >>> [ends_sentence(t) for t in ["Russia-U.S.", "pro-U.S.", "US-led.", ".", "civilization..."]]
    [False, False, True, False, False]
    """
    core = token.rstrip(CLOSERS)
    if not core or core[-1] not in ".!?":
        return False
    if core.endswith("..") or core == ".":  # an ellipsis continues the sentence, spaced or not
        return False
    if core[-1] in "!?" and len(core) < len(token):
        return False  # '"Why?" he asked': the quote closes, the sentence goes on
    if core[-1] == ".":
        stem = core[:-1].lstrip(OPENERS + "*").rsplit("-", 1)[-1]  # "Russia-U.S." closes with "U.S."
        if "." in stem and DOTTED_ABBREVIATION.match(stem):  # U.S., e.g., a.m., J.D., Ph.D
            return False
        if len(stem) == 1 and stem.isalpha():  # an initial
            return False
        if stem.lower() in ABBREVIATIONS:
            return False
    return True


class Word(NamedTuple):
    start: int
    end: int
    text: str
    sentence_start: bool
    prev: str | None  # the previous word part in the line, if any
    # the token before closes with . ! or ?: a sentence may start here even if it is an
    # abbreviation ("in the U.S. Prices rose"), so a capital here is no evidence of a name
    after_stop: bool = False
    # Capitalised or all capitals, two letters or more: a word that may belong to a name
    name_like: bool = False


# Each token with the whitespace before it: (space, plain word, its closing , ; or :, or its
# closing . ! or ? and the closers after it, other token). A plain word perhaps closed by a comma,
# semicolon or colon is the common case, which neither ends a sentence nor hides a URL; a plain
# word closing a sentence ("talks.", "said?\"") the next most common, whose end `ends_sentence`
# would judge from the word alone. Both skip the general path. `findall` gives the pieces as
# strings (no match object per token) and offsets follow from their lengths.
SCAN = re.compile(
    rf"(\s*)(?:({LETTER}+(?:['’]{LETTER}+)*)(?:([,;:]?)|([.!?])([{re.escape(CLOSERS)}]*))(?!\S)|(\S+))"
)
# The same pieces with every token on the general path: what the fast paths must agree with
SCAN_GENERAL = re.compile(r"(\s*)(?:(?!)()()()()|(\S+))")
_new_word = tuple.__new__  # Word(...) without the keyword handling of NamedTuple.__new__: hot path


@lru_cache(maxsize=256)  # the lines of a document or two: enough for the fixers to share them
def line_words(line: str, cells: bool = False) -> tuple[Word, ...]:
    """The alphabetic word parts of a line with whether each opens a sentence.

    Parts of URLs, e-mail addresses and file names are skipped. With `cells`, every pipe-table
    cell opens a new unit. Cached: several fixers and both passes read the same lines.

    >>> [(w.text, w.sentence_start) for w in line_words("Talks ended. see www.x.com now")]
    [('Talks', True), ('ended', False), ('see', True), ('now', False)]
    """
    return scan_words(line, cells, SCAN)


def scan_words(line: str, cells: bool, scan: re.Pattern[str]) -> tuple[Word, ...]:
    """`line_words` with the tokens cut by `scan` (SCAN, or SCAN_GENERAL to test the fast paths)."""
    marker = LIST_MARKER.match(line)
    start_next = True
    after_stop = False
    stop_mark = ""  # the mark the last token closed with, if any
    prev: str | None = None
    out: list[Word] = []
    append = out.append
    pos = marker.end() if marker else 0
    for space, word, closer, stop, closers, t in scan.findall(line, pos):
        start = pos + len(space)
        if word and not (stop == "." and word.lower() == "www"):  # "www." opens an address
            pos = start + len(word)
            # _name_like(word), inlined: the call costs about a fifth of the tokenising time
            name_like = len(word) > 1 and word[0].isupper() and (word[1:].islower() or word.isupper())
            append(_new_word(Word, (start, pos, word, start_next, prev, after_stop, name_like)))
            prev = word
            if not stop:
                pos += len(closer)
                start_next = after_stop = False
                continue
            pos += 1 + len(closers)
            after_stop, stop_mark = True, stop
            # after "." an initial or an abbreviation does not end the sentence; after ! or ? a
            # closing quote leaves it open ('"Why?" he asked')
            start_next = len(word) > 1 and word.lower() not in ABBREVIATIONS if stop == "." else not closers
            continue
        if word:
            t = word + stop + closers
        pos = start + len(t)
        if cells and t == "|":
            start_next, prev = True, None
            continue
        if URL_LIKE.search(t) or SIGN_OFF.match(t):
            start_next = ends_sentence(t)
            stop_mark = t.rstrip(CLOSERS)[-1:]
            after_stop = stop_mark in (".", "!", "?")
            prev = None
            continue
        first = True
        for part in WORD_PART.finditer(t):
            append(
                Word(
                    start + part.start(),
                    start + part.end(),
                    part.group(0),
                    start_next and first and not _has_alpha(t[: part.start()]),
                    prev,
                    after_stop and first,
                    _name_like(part.group(0)),
                )
            )
            first = False
            prev = part.group(0)
        if first and any(ch.isalnum() for ch in t):
            prev = t  # numbers and symbols still end the run of words before them
        if continues_sentence(t, after_stop and stop_mark in ("!", "?")):
            start_next = after_stop = False
            continue
        start_next = ends_sentence(t) or (start_next and not any(ch.isalnum() for ch in t))
        stop_mark = t.rstrip(CLOSERS)[-1:]
        after_stop = stop_mark in (".", "!", "?")
    return tuple(out)


def continues_sentence(token: str, after_question: bool) -> bool:
    """A token after which the sentence goes on, whatever came before it: an ellipsis ("“…",
    "word…"), a dash standing alone, or a closing quote standing alone after ? or ! ("ourselves? "
    she wrote").

    >>> [continues_sentence(t, False) for t in ["“…", "...", "—", "--", "said.", "”"]]
    [True, True, True, True, False, False]
    >>> continues_sentence('"', True), continues_sentence("”", False)
    (True, False)
    """
    core = token.rstrip(CLOSERS)
    if core.endswith(ELLIPSES):
        return True
    if token in DASHES:
        return True
    return after_question and not core.lstrip(OPENERS) and token[:1] in CLOSERS


def _name_like(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and (word[1:].islower() or word.isupper())


def _has_alpha(s: str) -> bool:
    return any(ch.isalnum() for ch in s)


# Closed-class words: Capitalised inside titles ("The Scottish Parliament", "Of Mice and Men"),
# never names by themselves, so a Capitalised neighbour is no evidence for them.
FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "into",
        "onto",
        "upon",
        "over",
        "under",
        "about",
        "after",
        "before",
        "than",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "it",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "we",
        "you",
        "they",
        "he",
        "she",
        "him",
        "them",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "not",
        "no",
        "so",
        "if",
        "then",
        "there",
        "here",
        "all",
        "any",
        "some",
        "each",
        "every",
        "both",
        "either",
        "neither",
    ]
)
