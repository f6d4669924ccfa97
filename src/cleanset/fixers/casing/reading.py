"""Reading an article for casing damage before any casing edit, as an editor would.

Most scraped articles are written right: an article that opens every sentence with a capital and
writes every name as a name keeps its casing, whatever weaker evidence might say of a word. Only
an article that shows damage on strong, cheap signals gets the casing engine:

- a sentence opened in lowercase after an unambiguous end (`sentence_slips`, less quotations
  opened in lowercase);
- a name in lowercase beyond doubt (`name_slips`): a near-certain name ("moscow", "monday",
  "kyiv"), the word after "Mr", a word the article itself writes Capitalised as often, or one
  the build's other articles never write lowercase;
- the spaces and the mojibake the spacing and encoding fixers repaired in the same article: the
  text went through a process that damages text;
- the whole article in lowercase (a reading of its own: every name in it is a slip).

The thresholds are in `thresholds.py`; docs/casing.md says how they were chosen.
"""

from __future__ import annotations

from functools import lru_cache

from cleanset._scan import WordSet, all_lowercase
from cleanset.fixers.base import CLEAN, LOWERCASE, REPAIRED, CasingReading, Context
from cleanset.fixers.casing.document import document_evidence
from cleanset.fixers.casing.lexical import _is_certain
from cleanset.fixers.casing.starts import sentence_slips
from cleanset.fixers.casing.thresholds import (
    COURTESY_TITLES,
    DAMAGE_MIN_SIGNALS,
    KNOWN_MIN_COUNT,
    LEXICON_STRONG,
    LOWERCASE_ARTICLE_MAX_CAPITAL_SHARE,
    LOWERCASE_ARTICLE_MIN_WORDS,
    READING_BUILD_MIN_CAP,
    READING_CERTAIN_MIN_COUNT,
    READING_CERTAIN_MIN_WEB_SHARE,
    READING_NAME_MIN_SHARE,
    READING_NAME_MIN_WEB_SHARE,
    READING_ORDINARY_MIN_LOW,
    READING_ORDINARY_WEB_SHARE,
    READING_PLAIN_NAME_MIN_WEB_SHARE,
    READING_UNANIMOUS_MIN_WEB_SHARE,
    WEEKDAYS,
)
from cleanset.names import adjacent, opens_its_token, pair_key, without_possessive
from cleanset.tokens import FUNCTION_WORDS, line_words


def casing_reading(text: str, ctx: Context) -> CasingReading:
    """The article's reading: the one `run_fixers` made before the first casing fixer ran, kept in
    the context, or else (a fixer called on its own) one made now from `text`.

    >>> from cleanset.lexicon import load_lexicon
    >>> ctx = Context(lexicon=load_lexicon())
    >>> casing_reading("Talks in Geneva ended on Monday. Officials met in Moscow.", ctx).state
    'clean'
    >>> reading = casing_reading("Talks in Geneva ended. The delegations met in moscow.", ctx)
    >>> reading.state, reading.lowercase_starts, reading.name_slips
    ('repaired', 0, ('moscow',))
    """
    return ctx.casing_reading if ctx.casing_reading is not None else read_casing(text, ctx)


def read_casing(text: str, ctx: Context) -> CasingReading:
    """Read `text` for casing damage (see the module's docstring). The signals are read cheapest
    first, and the reading stops once they show damage: a signal not read counts 0.

    >>> from cleanset.lexicon import load_lexicon
    >>> read_casing("Talks ended. the envoys met in moscow.", Context(lexicon=load_lexicon()))
    CasingReading(state='repaired', lowercase_starts=1, name_slips=(), missing_spaces=0, mojibake=0)
    """
    if _all_lowercase(text):
        return CasingReading(LOWERCASE)
    spaces = sum(1 for e in ctx.earlier_edits if e.kind == "spacing" and e.after.strip())  # restored, not removed
    mojibake = sum(1 for e in ctx.earlier_edits if e.kind == "encoding" and _was_mojibake(e.before))
    found = spaces + mojibake
    starts = 0 if found >= DAMAGE_MIN_SIGNALS else len(
        without_styled_names(text, sentence_slips(text, strong_only=True), ctx)
    )
    found += starts
    slips = () if found >= DAMAGE_MIN_SIGNALS else name_slips(text, ctx)
    found += len(slips)
    state = REPAIRED if found >= DAMAGE_MIN_SIGNALS else CLEAN
    return CasingReading(state, starts, slips, spaces, mojibake)


def without_styled_names(text: str, spans: list, ctx: Context) -> list:
    """The sentence starts less those whose word the article writes lowercase mid-sentence and
    never Capitalised, and that no source knows: a name styled in lowercase ("ecobee completely
    redesigned", "ecobee's thermostats"), spelled as its owner spells it.

    >>> from cleanset.lexicon import load_lexicon
    >>> from cleanset.fixers.casing.starts import sentence_slips
    >>> text = "Sales rose. ecobee redesigned it. The ecobee app works. the end came."
    >>> [text[a:b] for a, b, *_ in without_styled_names(text, sentence_slips(text), Context(lexicon=load_lexicon()))]
    ['the']
    """
    if not spans or ctx.lexicon is None:
        return spans
    doc = document_evidence(text)
    kept = []
    for span in spans:
        word = text[span[0] : span[1]]
        if word.isalpha() and doc.low.get(word, 0) and not doc.cap.get(word, 0) and word_kind(word, ctx.lexicon) == UNKNOWN:
            continue
        kept.append(span)
    return kept


def _was_mojibake(before: str) -> bool:
    """An encoding edit undid mojibake ("â€™" for "’"), not a stray control or no-break space."""
    from ftfy.badness import is_bad

    return not before.isspace() and is_bad(before)


def name_slips(text: str, ctx: Context) -> tuple[str, ...]:
    """The words the article writes lowercase mid-sentence that are names beyond doubt:

    - near-certain names by themselves (`_near_certain`), and the days of the week;
    - a word after a courtesy title ("Mr blair");
    - a word the article itself writes Capitalised at least as often: on its own ("moscow" and
      "Moscow"), or, beside a name, anywhere ("Tony blair" and "Blair"); if no source calls it
      an ordinary word;
    - a word the build's other articles never write lowercase, and write Capitalised on its own
      or in a name with the neighbour it has here ("Italian army", "Clint eastwood").

    >>> from cleanset.lexicon import load_lexicon
    >>> ctx = Context(lexicon=load_lexicon())
    >>> name_slips("Zorvex shares rose. The chief of Zorvex spoke of zorvex and the state of things.", ctx)
    ('zorvex',)
    >>> name_slips("A rep for the bob hairstyle firm, a mason, met in march. Mr bell spoke.", ctx)
    ('bell',)
    """
    doc = document_evidence(text)
    # most lowercase words are ordinary ones and no sign by themselves: only the others, and the
    # words after a courtesy title, are looked at where they stand
    ordinary, others = _forms_by_kind(ctx.lexicon)
    unusual = set(doc.low).difference(ordinary)  # iterates the article's words, not the set's
    weighed = unusual.intersection(others)
    for w in unusual.difference(weighed):  # forms no article has shown before
        (ordinary if word_kind(without_possessive(w), ctx.lexicon) == ORDINARY else others).add(w)
        if w in others:
            weighed.add(w)
    wanted = WordSet(weighed)
    found: set[str] = set()
    for k, i in doc.prose_words.slip_candidates(wanted, COURTESY_TITLE_SET):  # the cheap tests, in the scanner
        line = doc.prose[k]
        words = line_words(line)
        word = without_possessive(words[i].text)
        if word not in found and _is_name_slip(word, words, i, line, doc, ctx):
            found.add(word)
    return tuple(sorted(found))


NAME, ORDINARY, UNKNOWN, OTHER = "name", "ordinary", "unknown", "other"
COURTESY_TITLE_SET = WordSet(COURTESY_TITLES)


@lru_cache(maxsize=2)
def _forms_by_kind(lexicon) -> tuple[set[str], set[str]]:
    """The lowercase forms judged so far, for this lexicon: those whose `word_kind` is ORDINARY,
    and the others. Sets the articles' words are sorted by at once, grown as new forms are
    judged (a vocabulary's size at most)."""
    return set(), set()


def _is_name_slip(word: str, words, i: int, line: str, doc, ctx: Context) -> bool:
    kind = word_kind(word, ctx.lexicon)
    if kind == NAME:
        return True
    if (
        i > 0
        and words[i - 1].text in COURTESY_TITLES
        and adjacent(line, words[i - 1], words[i])
        and opens_its_token(line, words[i - 1])
    ):
        return True
    if kind == ORDINARY:
        return False  # a word that is also an ordinary one ("senator", "east"): only the engine's weighing
    beside = [j for j in (i - 1, i + 1) if 0 <= j < len(words) and _name_beside(line, words, i, j)]
    if (
        ctx.corpus is not None
        and not _web_doubts(word, ctx.lexicon)
        and _unanimous_build(word, words, i, beside, doc, ctx.corpus)
    ):
        return True
    low = doc.low[word]
    written = doc.cap.get(word, 0) if beside or kind == UNKNOWN else doc.alone.get(word, 0)
    return written >= max(1, low)  # alone, or (beside a name, or a word no source knows) anywhere


@lru_cache(maxsize=1 << 16)
def word_kind(word: str, lexicon) -> str:
    """What the lexicon and the web say of a word, whatever the article: a near-certain NAME (or a
    day of the week), a word that may be ORDINARY, one no source knows (UNKNOWN), or OTHER."""
    lex = lexicon.get(word) if lexicon is not None else None
    if word in WEEKDAYS or (lex is not None and _near_certain(word, lex, lexicon)):
        return NAME
    if lexicon is not None and lex is None and _web_name(word, lexicon):
        return NAME
    if _may_be_ordinary(word, lex, lexicon):
        return ORDINARY
    if lex is None and (lexicon is None or lexicon.web_share(word) is None):
        return UNKNOWN
    return OTHER


def _web_doubts(word: str, lexicon) -> bool:
    """The web writes the word lowercase often enough ("democrats", "republicans": 30%) that the
    build's capitals may be its outlets' sense, not this article's ("a phrase for democrats")."""
    web = lexicon.web_share(word) if lexicon is not None else None
    return web is not None and web < READING_UNANIMOUS_MIN_WEB_SHARE


def _unanimous_build(word: str, words, i: int, beside: list[int], doc, corpus) -> bool:
    """The build's other articles never write the word lowercase, and write it Capitalised on its
    own, or in a name with the neighbour it has here ("Clint eastwood"), at least
    READING_BUILD_MIN_CAP times. Asked only of words that are not also ordinary ones (the caller
    tests that), whose lowercase here may be another sense ("Irish republican", "social
    democrats") or the article's style ("the Italian army")."""
    if corpus.low_mid.get(word, 0) - doc.low[word] > 0:
        return False
    if corpus.cap_alone.get(word, 0) - doc.alone.get(word, 0) >= READING_BUILD_MIN_CAP:
        return True
    if not beside or corpus.cap_mid.get(word, 0) - doc.cap.get(word, 0) < READING_BUILD_MIN_CAP:
        return False
    pairs = [pair_key(words[min(i, j)].text, words[max(i, j)].text) for j in beside]
    if corpus.run_bigrams_twice is None:  # statistics not compacted (the Python API's)
        return any(corpus.run_bigrams.get(pair) >= 2 for pair in pairs)
    return corpus.run_bigrams_twice.may_hold_any(pairs)


def _may_be_ordinary(word: str, lex, lexicon) -> bool:
    """The counts or the web write the word lowercase often enough that the article's own lowercase
    use may be its style ("the senator" beside "Senator Smith", "east" beside "East Jerusalem")."""
    if lex is not None and (
        lex.low > lex.cap
        or lex.low >= READING_ORDINARY_MIN_LOW  # "march", "may": names that are words too
        or (lex.cap + lex.low >= KNOWN_MIN_COUNT and lex.cap_share < LEXICON_STRONG)
    ):
        return True
    if lexicon is None:
        return False
    web = lexicon.web_share(word)
    return lexicon.web_lowercase(word) or (web is not None and web < READING_ORDINARY_WEB_SHARE)


def _name_beside(line: str, words, i: int, j: int) -> bool:
    """Word j, beside word i, is a Capitalised word that does not merely open a sentence."""
    a, b = (words[j], words[i]) if j < i else (words[i], words[j])
    w = words[j]
    return w.name_like and not w.sentence_start and w.text.lower() not in FUNCTION_WORDS and adjacent(line, a, b)


def _near_certain(word: str, lex, lexicon) -> bool:
    """The casing counts have seen the word often and nearly always Capitalised, and the web
    does not write it lowercase often ("german", "moscow"); or the web writes it Capitalised
    nearly always and the counts never saw it lowercase ("blair", "kyiv"); not "rep", "bob" or
    "mason", which the counts see mostly in names but the web also as words."""
    web = lexicon.web_share(word)
    # a given name is also a word more often ("bob", "mason"): the web must be surer of it
    web_floor = READING_NAME_MIN_WEB_SHARE if lex.given_name else READING_PLAIN_NAME_MIN_WEB_SHARE
    if web is not None and lex.cap_share >= READING_NAME_MIN_SHARE and web >= web_floor:
        return True
    return (
        _is_certain(lex)
        and lex.cap + lex.low >= READING_CERTAIN_MIN_COUNT
        and (web is None or web >= READING_CERTAIN_MIN_WEB_SHARE)
    )


def _web_name(word: str, lexicon) -> bool:
    """A word the casing counts never saw that the web writes Capitalised nearly always ("obama")."""
    web = lexicon.web_share(word)
    return web is not None and web >= READING_NAME_MIN_WEB_SHARE


def _all_lowercase(text: str) -> bool:
    """The whole article is in lowercase: long enough to tell, and hardly a capital in it (counted
    in the scanner).

    >>> _all_lowercase("talks in geneva ended on monday without a deal, officials said. " * 5)
    True
    """
    return all_lowercase(text, LOWERCASE_ARTICLE_MIN_WORDS, LOWERCASE_ARTICLE_MAX_CAPITAL_SHARE)
