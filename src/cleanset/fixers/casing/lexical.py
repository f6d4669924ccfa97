"""What the lexicon and the web say of a word: its share of Capitalised uses, given names, and
whether it is shaped like English (an inflection, a compound) rather than like a name."""

from __future__ import annotations

from functools import lru_cache

from cleanset._scan import WordSet
from cleanset.fixers.base import Context
from cleanset.fixers.casing.thresholds import (
    ENGLISH_GIVEN_NAME_MIN_SHARE,
    GIVEN_NAME_MIN_SHARE,
    INDEFINITE,
    KNOWN_MIN_COUNT,
    LEXICON_CERTAIN,
    LEXICON_CERTAIN_COUNT,
    LEXICON_FLOOR,
    LEXICON_MIN_COUNT,
    LEXICON_RARE_MIN_COUNT,
    LEXICON_STRONG,
    RARE_MIN_BUILD_DOCS,
    WEB_NAME_MIN_SHARE,
)

INFLECTIONS = (  # (ending, what replaces it in the stem); British -ise also as -ize
    ("ised", "ize"),
    ("ises", "ize"),
    ("ising", "ize"),
    ("ies", "y"),
    ("es", ""),
    ("es", "e"),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
)


# the shortest ordinary word a compound is made of: names split into short words too
# ("sot|her|ton", "ber|hane", "hill|ing|don")
COMPOUND_MIN_PART = 4


# endings that make English words of words: "sheikhdom", "criminalist", "drugmaker"
DERIVATIONS = frozenset(
    ["er", "ers", "ist", "ists", "ism", "isms", "dom", "doms", "ness", "ship", "hood", "less", "ful", "like"]
    + ["wise", "able", "ability"]
)


ENGLISH_ENDINGS = ("ing", "ed", "ly")


def _name_by_itself(word: str, ctx: Context) -> bool:
    """A word the lexicon does not know, or knows as Capitalised nearly always: its capital says
    it is a name even where it opens a sentence ("Glasgow Rangers", not "Prime Minister")."""
    lex = ctx.lexicon.get(word.lower()) if ctx.lexicon else None
    if lex is None or (lex.place and lex.low == 0):
        return True
    return lex.cap + lex.low >= KNOWN_MIN_COUNT and lex.cap_share >= LEXICON_STRONG


def _rare_name(word: str, prev: str | None, lex, c_low: int, d_low: int, ctx: Context) -> bool:
    """A word the lexicon has seen a few times, always Capitalised ("nikkei", "townsend"), that
    no other document of the build writes lowercase and this one only here: a name, unless it
    is an inflection of a known word ("onsets") or follows "a" ("a cola drink"). The build's
    silence counts only in a build large enough to have written an ordinary word lowercase
    ("internet")."""
    return (
        ctx.corpus is not None
        and ctx.corpus.docs >= RARE_MIN_BUILD_DOCS
        and lex is not None
        and lex.low == 0
        and LEXICON_RARE_MIN_COUNT <= lex.cap < LEXICON_MIN_COUNT
        and c_low == d_low <= 1
        and prev not in INDEFINITE
        and not _inflected(word, ctx)
    )


def _english_shaped(word: str, ctx: Context) -> bool:
    """A word with an English inflection or derivation, or made of known words: where no source
    knows it, more likely a coinage or a misspelling than a name.

    >>> from cleanset.lexicon import load_lexicon
    >>> ctx = Context(lexicon=load_lexicon())
    >>> words = ["carmaking", "housebuilder", "sheikhdom", "photojournal", "ritzier", "wasserstein", "dibaba", "sotherton"]
    >>> [w for w in words if _english_shaped(w, ctx)]
    ['carmaking', 'housebuilder', 'sheikhdom', 'photojournal', 'ritzier']
    """
    return (
        word.endswith(ENGLISH_ENDINGS)
        or _inflected(word, ctx)
        or _made_of_known_words(word, ctx)
        or any(  # a comparative: "ritzier"
            word.endswith(ending) and _known_in_any_casing(word[: -len(ending)] + "y", ctx)
            for ending in ("ier", "iest")
        )
    )


def _ordinary_word(word: str, ctx: Context) -> bool:
    """A word the counts or the web write mostly lowercase."""
    lex = ctx.lexicon
    return lex is not None and (word in _ordinary_words(lex) or lex.web_lowercase(word))


def _known_in_any_casing(word: str, ctx: Context) -> bool:
    lex = ctx.lexicon
    return lex is not None and (lex.get(word) is not None or lex.web_share(word) is not None)


def _made_of_known_words(word: str, ctx: Context, first: bool = True) -> bool:
    """The word splits into ordinary words of four letters or more, or into a known word and a
    derivation ("house|builder", "photo|journal", "sheikh|dom"); `first`: the whole word, which
    must split at least once."""
    if not first and (_ordinary_word(word, ctx) or word in DERIVATIONS):
        return True
    for k in range(3, len(word) - 1):
        head, rest = word[:k], word[k:]
        if rest in DERIVATIONS and (_ordinary_word(head, ctx) or _known_in_any_casing(head, ctx)):
            return True
        if (
            k >= COMPOUND_MIN_PART
            and len(rest) >= COMPOUND_MIN_PART
            and _ordinary_word(head, ctx)
            and _made_of_known_words(rest, ctx, False)
        ):
            return True
    return False


def _is_certain(lex) -> bool:
    """The lexicon has seen the word often and almost only Capitalised."""
    return lex.cap_share >= LEXICON_CERTAIN and lex.cap + lex.low >= LEXICON_CERTAIN_COUNT


@lru_cache(maxsize=2)
def _ordinary_words(lexicon) -> frozenset[str]:
    """Words the lexicon knows as mostly lowercase: only a name beside them could make them names."""
    return lexicon.words_below(LEXICON_FLOOR, KNOWN_MIN_COUNT)


@lru_cache(maxsize=2)
def ordinary_word_set(lexicon) -> WordSet:
    """`_ordinary_words` as the compiled scanner reads it (empty without a lexicon)."""
    return WordSet(_ordinary_words(lexicon) if lexicon is not None else ())


def _certain_name(word: str, ctx: Context) -> bool:
    lex = ctx.lexicon.get(word) if ctx.lexicon else None
    return lex is not None and ((lex.place and lex.low == 0) or _is_certain(lex))


def _web_doubts(word: str, prev: str | None, lex, ctx: Context) -> bool:
    """What outweighs the web's share, where names and ordinary words share a spelling: the counts
    saw the word lowercase and never Capitalised ("schoolboy"; "dont", which the web Capitalises
    at the start of sentences), an indefinite article before it ("an aria"), or an ordinary word it
    inflects ("loan sharking")."""
    return (lex is not None and lex.cap == 0 and lex.low >= 1) or prev in INDEFINITE or _inflected(word, ctx)


def _few_uses(lex) -> bool:
    """The casing counts have seen the word too rarely for its share alone to settle it."""
    return lex is None or lex.cap + lex.low < LEXICON_MIN_COUNT


def _web_given_name(lex, web: float | None) -> bool:
    """A given name in English the casing counts see as a word too often to trust alone
    ("terry", "ken"), but the web writes Capitalised nearly always; not one of other languages
    only ("china")."""
    return (
        lex is not None
        and lex.english_given_name
        and lex.cap_share >= LEXICON_FLOOR
        and web is not None
        and web >= WEB_NAME_MIN_SHARE
    )


def _is_given_name(lex) -> bool:
    """A given name that is hardly ever an ordinary word, or too rare in the lexicon to tell.

    >>> from cleanset.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> [w for w in ["tony", "alan", "jack", "may", "bill", "china", "rose", "west"] if _is_given_name(lex.get(w))]
    ['tony', 'alan', 'jack']
    """
    if lex is None or not lex.given_name:
        return False
    if lex.cap + lex.low < KNOWN_MIN_COUNT:
        return True
    floor = ENGLISH_GIVEN_NAME_MIN_SHARE if lex.english_given_name else GIVEN_NAME_MIN_SHARE
    return lex.cap_share >= floor


def _inflected(word: str, ctx: Context) -> bool:
    """An inflection of a word the lexicon knows as an ordinary word ("scoops", "equalised"), not a
    name it lacks nor a surname formed from another name ("griffiths").

    >>> from cleanset.lexicon import load_lexicon
    >>> ctx = Context(lexicon=load_lexicon())
    >>> [_inflected(w, ctx) for w in ["scoops", "equalised", "blanchett", "griffiths"]]
    [True, True, False, False]
    """
    if ctx.lexicon is None:
        return False
    for ending, stem_end in INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = ctx.lexicon.get(word[: -len(ending)] + stem_end)
            if stem is not None and not (
                stem.cap + stem.low >= KNOWN_MIN_COUNT and stem.cap_share >= LEXICON_STRONG
            ):
                return True
    return False
