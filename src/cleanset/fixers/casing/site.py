"""A lowercase word in its line: the names, pairs and runs around it, each computed when first asked for.

The build's evidence (name runs and pairs across the build) and the dictionaries' names are read
here; `weigh.casing_evidence` decides."""

from __future__ import annotations

from collections import Counter
from functools import cached_property, lru_cache

from cleanset.corpus import run_bigrams
from cleanset.fixers.base import Context
from cleanset.fixers.casing.document import DocEvidence
from cleanset.fixers.casing.lexical import _is_given_name, _name_by_itself
from cleanset.fixers.casing.thresholds import (
    KNOWN_MIN_COUNT,
    LEXICON_STRONG,
    PAIR_FLAGS,
    PAIR_MAX_MIXED_SHARE,
    PAIR_MIN_CAP,
)
from cleanset.names import (
    JOIN_WORDS,
    adjacent,
    between_names,
    continues_name,
    is_capitalised,
    is_possessive,
    is_prose,
    name_across,
    opens_sentence,
    pair_key,
    pairable,
    without_possessive,
)
from cleanset.tokens import FUNCTION_WORDS, Word


class WordSite:
    """A lowercase word in its line, with the evidence its neighbours give, each piece computed
    only when `casing_evidence` first asks for it: most words are settled before the costly ones."""

    def __init__(
        self,
        line: str,
        words: tuple[Word, ...],
        i: int,
        kind: str,
        doc: DocEvidence,
        ctx: Context,
        stem: str,
        name_beside: bool,
        in_heading: bool,
    ) -> None:
        self.line, self.words, self.i, self.kind, self.doc, self.ctx = line, words, i, kind, doc, ctx
        self.stem = stem  # the word less a possessive
        self.name_beside = name_beside  # a Capitalised or all-capitals word right beside it
        # A headline or heading (`is_headline`: a short line that closes with no full stop) has a
        # casing of its own ("Levy tipped for Whitbread prize" over a story of the "Whitbread
        # Prize"), so the names of several words that prose writes, here or across the build, say
        # nothing of its lowercase words; the dictionaries' names and the word's own evidence
        # still do ("Saul bellow", "talks with moscow").
        self.in_heading = in_heading
        w = words[i]
        last = len(words) - 1
        self.left_is_word = i > 0 and w.prev == words[i - 1].text  # no number or symbol between
        right = words[i + 1] if i < last and adjacent(line, w, words[i + 1]) else None
        self.right_is_name = _is_name_neighbour(right)

    @cached_property
    def _pairs_elsewhere(self) -> list[tuple[int, int]] | None:
        """For each name right beside the word: how often other articles write the pair with this
        word lowercase, and how often with both Capitalised; None without build statistics."""
        corpus, words, i = self.ctx.corpus, self.words, self.i
        if corpus is None:
            return None
        found = []
        for j in (i - 1, i + 1):
            if 0 <= j < len(words) and words[j].name_like:
                a, b = (words[j], words[i]) if j < i else (words[i], words[j])
                key = pair_key(a.text, b.text)
                lowercase = corpus.mixed_pairs.get(key) - self.doc.mixed_pairs.get(key, 0)
                found.append((lowercase, corpus.cap_pairs.total([f + key for f in PAIR_FLAGS])))
        return found

    @property
    def outvoted(self) -> bool:
        """Other articles write this word lowercase beside a name neighbour more often than they
        write the two Capitalised ("eastern Ukraine" four times to two): the build's style here,
        which no lexicon, dictionary or name run may overrule."""
        return any(low > 0 and low > cap for low, cap in self._pairs_elsewhere or ())

    @property
    def unanimous(self) -> bool:
        """No other article writes this word lowercase beside either neighbour ("Russian
        president" where others write "Russian President"): the build agrees on its casing here."""
        pairs = self._pairs_elsewhere
        return pairs is not None and all(low == 0 for low, _ in pairs)

    @cached_property
    def runs(self) -> tuple[str, ...]:
        """The name runs the word would complete, with or without a join inside."""
        line, words, i = self.line, self.words, self.i
        joined = _beside_join(words, i) or self.name_beside
        return _runs_through(line, words, i) + (_joined_runs_through(line, words, i) if joined else ())

    @property
    def may_pair(self) -> bool:
        """`pair` or `pair_before_name` could hold: a name beside it outside a heading, the word
        written Capitalised mid-sentence often enough across the build (their first test), and a
        pair with a name beside it that the build writes Capitalised as often."""
        return (
            self.name_beside
            and not self.in_heading
            and may_pair_in_build(self.ctx, self.stem, self.words, self.i)
        )

    def pair(self, mixed_share: float = PAIR_MAX_MIXED_SHARE) -> bool:
        """`_pair_named` on either side; `mixed_share`: how often the build may write the pair with
        the word lowercase, per Capitalised pair."""
        return self.name_beside and not self.in_heading and self._pair_named((-1, 1), mixed_share)

    def pair_before_name(self, mixed_share: float = PAIR_MAX_MIXED_SHARE) -> bool:
        """`pair`, with the name after the word only."""
        words, i = self.words, self.i
        return (
            i + 1 < len(words)
            and words[i + 1].name_like
            and not self.in_heading
            and self._pair_named((1,), mixed_share)
        )

    def _pair_named(self, sides: tuple[int, ...], mixed_share: float) -> bool:
        """Word i and the name beside it make a pair the build writes Capitalised, as here: the name
        going on beyond the pair or ending with it ("Education Secretary Ruth Kelly", "Liberal
        Democrat peer"), and hardly ever with only the name Capitalised ("western Europe").

        A pair whose name only opens the sentence counts only before another name ("Home secretary
        Charles Clarke", not "Prime minister's questions") or if the name is never an ordinary word.
        """
        line, words, i, kind, doc, ctx = self.line, self.words, self.i, self.kind, self.doc, self.ctx
        corpus = ctx.corpus
        w = words[i]
        if not capitalised_for_a_pair(ctx, self.stem, w.text):  # cheap, and most words beside a name fail it
            return False
        as_name = w.as_name()
        for j in (i + side for side in sides):
            if not 0 <= j < len(words):
                continue
            name = words[j]
            a, b = (name, w) if j < i else (w, name)
            if not name.name_like or not pairable(line, a, b):
                continue
            lo, hi = min(i, j), max(i, j)
            before = lo > 0 and continues_name(line, words[lo - 1], a if lo == j else as_name)
            after = hi + 1 < len(words) and continues_name(line, b if hi == j else as_name, words[hi + 1])
            if opens_sentence(a) and not after and not _name_by_itself(name.text, ctx):
                continue
            key = pair_key(a.text, b.text)
            # this use was counted as a mixed pair in the first pass, unless its name opens the sentence
            this = 0 if opens_sentence(a) or not is_prose(line, kind) else 1
            if doc.mixed_pairs.get(key, 0) - this > 0:
                continue  # the document's own style
            flags = f"{before:d}{after:d} {key}"
            # the pair opening a sentence elsewhere speaks for its second word only
            cap = corpus.cap_pairs.get(flags) + (corpus.cap_pairs.get(f"^{flags}") if j < i else 0)
            if cap >= PAIR_MIN_CAP and corpus.mixed_pairs.get(key) - this <= mixed_share * cap:
                return True
        return False

    @cached_property
    def dictionary_name(self) -> bool:
        return (
            self.name_beside
            and self.stem == self.words[self.i].text
            and _dictionary_name(self.line, self.words, self.i, self.ctx)
        )

    @cached_property
    def after_given_name(self) -> bool:
        return self.left_is_word and _given_name_at(self.line, self.words, self.i - 1, self.ctx)

    @cached_property
    def between(self) -> bool:
        return (
            0 < self.i < len(self.words) - 1
            and not self.in_heading
            and between_names(self.line, self.words, self.i)
        )

    @cached_property
    def beside_name(self) -> bool:
        line, words, i = self.line, self.words, self.i
        return self.right_is_name or (
            self.left_is_word and adjacent(line, words[i - 1], words[i]) and _is_name_neighbour(words[i - 1])
        )


def _runs_through(line: str, words: tuple[Word, ...], i: int) -> tuple[str, ...]:
    """The name run word i would complete if Capitalised, and the same run less its head word;
    nothing when no Capitalised word stands beside it."""
    lo = i
    while (
        lo > 0
        and adjacent(line, words[lo - 1], words[lo])
        and words[lo - 1].name_like
        and not is_possessive(words[lo - 1].text)  # a possessive closes the name before
    ):
        lo -= 1
        if opens_sentence(words[lo]):
            break
    hi = i
    while (
        hi + 1 < len(words)
        and not is_possessive(words[hi].text)
        and adjacent(line, words[hi], words[hi + 1])
        and words[hi + 1].name_like
        and not opens_sentence(words[hi + 1])
    ):
        hi += 1
    if lo == hi or not _name_beside_in(words, lo, hi, i):
        return ()  # beside acronyms only ("mobile TV", "new EU"): no name to complete
    parts = _name_parts(words, lo, hi)
    runs = [" ".join(parts)]
    if lo < i and hi - lo >= 2:  # elsewhere the name may have opened a sentence, its head unseen
        runs.append(" ".join(parts[1:]))
    # the two-word name it ends or opens, written alone elsewhere ("Tony Blair" in "Prime Minister
    # Tony blair")
    for j in (i - 1, i + 1):
        if lo <= j <= hi and is_capitalised(words[j].text):
            pair = " ".join(parts[min(i, j) - lo : max(i, j) - lo + 1])
            if pair not in runs:
                runs.append(pair)
    return tuple(runs)


NEVER_IN_A_NAME = FUNCTION_WORDS | JOIN_WORDS  # words a name's own capitals never lift


def _joined_runs_through(line: str, words: tuple[Word, ...], i: int) -> tuple[str, ...]:
    """The name with a join inside ("Bank of England") that word i would complete if
    Capitalised, and the same less a head that opens the sentence; nothing without a join or
    without another Capitalised word."""
    lo = hi = i
    while (m := name_across(line, words, lo, -1)) is not None:
        lo = m
    while (m := name_across(line, words, hi, 1)) is not None:
        hi = m
    inside = range(lo, hi + 1)
    if not any(words[k].text in JOIN_WORDS for k in inside) or not _name_beside_in(words, lo, hi, i):
        return ()
    parts = _name_parts(words, lo, hi)
    runs = [" ".join(parts)]
    if lo < i and opens_sentence(words[lo]):
        head = 1
        while head < len(parts) and parts[head] in JOIN_WORDS:
            head += 1
        if head < len(parts) and (lo + head < i or hi > i):
            runs.append(" ".join(parts[head:]))
    return tuple(runs)


def _name_parts(words: tuple[Word, ...], lo: int, hi: int) -> list[str]:
    """Words lo..hi as a name run holds them: lowercased, less a possessive."""
    return [without_possessive(w.text.lower()) for w in words[lo : hi + 1]]


MAX_NAME_WORDS = 6


def _dictionary_name(line: str, words: tuple[Word, ...], i: int, ctx: Context) -> bool:
    """Word i completes a name of several words that the lexicon's dictionary Capitalises, and
    every other word of that name is Capitalised here, not merely for opening a sentence.

    A word that opens or closes such a name needs its neighbour in the name to be a word whose
    capital only a name explains ("education Secretary", "Home secretary", "First
    amendment"); beside a name of its own, or a join, a lowercase word is the writer's own ("a new
    England replica shirt", "president of the United States", "the Caribbean island"), and so is
    a class noun that closes many of the dictionary's names ("the Labour party", "the Cold war").
    """
    lex = ctx.lexicon
    word = words[i].text
    if lex is None or word not in lex.name_words or word in NEVER_IN_A_NAME:
        return False
    if not beside_in_a_dictionary_name(words, i, lex):  # the cheap test first
        return False
    for lo in range(max(0, i - MAX_NAME_WORDS + 1), i + 1):
        for hi in range(max(i, lo + 1), min(len(words), lo + MAX_NAME_WORDS)):
            if not adjacent(line, words[hi - 1], words[hi]):
                break
            if lo < i and hi == i + 1 and not _names_word(words, lo, i):
                break  # the words before i already fail
            if (
                " ".join(w.text.lower() for w in words[lo : hi + 1]) in lex.names
                and _names_word(words, lo, i)
                and _names_word(words, i + 1, hi + 1)
                and (
                    lo < i < hi
                    or (lo == i and _capital_needs_a_name(words[i + 1].text, ctx))
                    or (
                        hi == i
                        and _capital_needs_a_name(words[i - 1].text, ctx)
                        and word not in _class_heads(lex)
                    )
                )
            ):
                return True
    return False


def beside_in_a_dictionary_name(words: tuple[Word, ...], i: int, lexicon) -> bool:
    """Word i and a neighbour stand side by side in some name of the lexicon's dictionary."""
    word = words[i].text
    return (i > 0 and f"{words[i - 1].text.lower()} {word}" in lexicon.name_bigrams) or (
        i + 1 < len(words) and f"{word} {words[i + 1].text.lower()}" in lexicon.name_bigrams
    )


def capitalised_for_a_pair(ctx: Context, stem: str, text: str) -> bool:
    """A word in a pair the build writes Capitalised twice is written Capitalised mid-sentence
    twice: the first test of `WordSite.pair`, which most words beside a name fail."""
    corpus = ctx.corpus
    return corpus is not None and sum(corpus.cap_mid.get(form, 0) for form in {stem, text}) >= PAIR_MIN_CAP


def may_pair_in_build(ctx: Context, stem: str, words: tuple[Word, ...], i: int) -> bool:
    """The build's two counts a pair with a name beside word i needs before `WordSite.pair` looks
    at it: the word Capitalised mid-sentence, and the pair Capitalised, often enough."""
    return capitalised_for_a_pair(ctx, stem, words[i].text) and pair_capitalised_in_build(ctx, words, i)


PLAIN_PAIR_FLAGS = tuple(flags for flags in PAIR_FLAGS if not flags.startswith("^"))


def pair_capitalised_in_build(ctx: Context, words: tuple[Word, ...], i: int) -> bool:
    """Word i and a name beside it make a pair the build writes Capitalised `PAIR_MIN_CAP` times,
    counted whatever stands around the pair: `WordSite._pair_named` counts the same pair in one
    setting only, so it needs as many. With compacted statistics, which keep only pairs written
    so `MIN_SPREAD` times or more, a bit filter says whether any setting of the pair is kept (a
    collision only leaves the gate open). A few lookups where `_pair_named` costs many.

    >>> from cleanset.corpus import gather
    >>> from cleanset.tokens import line_words
    >>> built = Context(corpus=gather(["Aides said Education Secretary Ruth Kelly spoke."] * 2))
    >>> words = line_words("Aides said education Secretary Kelly spoke.")
    >>> pair_capitalised_in_build(built, words, 2), pair_capitalised_in_build(built, words, 1)
    (True, False)
    """
    corpus = ctx.corpus
    if corpus is None:
        return False
    held = corpus.cap_pairs_held
    for j in (i - 1, i + 1):
        if 0 <= j < len(words) and words[j].name_like:
            a, b = (words[j], words[i]) if j < i else (words[i], words[j])
            key = pair_key(a.text, b.text)
            # the settings `_pair_named` reads: a sentence-opening pair ("^") only with the name first
            settings = [flags + key for flags in (PAIR_FLAGS if j < i else PLAIN_PAIR_FLAGS)]
            if held is not None:  # compacted: a pair it keeps at all was written so twice or more
                if held.may_hold_any(settings):
                    return True
            elif corpus.cap_pairs.total(settings) >= PAIR_MIN_CAP:
                return True
    return False


@lru_cache(maxsize=2)
def _lexicon_run_bigrams(lexicon) -> frozenset[str]:
    """Every pair of adjacent words in the lexicon's multi-word names ("new york", "sri lanka")."""
    return frozenset(pair for run in lexicon.runs for pair in run_bigrams(run))


CLASS_HEAD_MIN_NAMES = 20


@lru_cache(maxsize=2)
def _class_heads(lexicon) -> frozenset[str]:
    """Words that close many of the dictionary's names: class nouns ("party", "river", "war"),
    which writers lowercase after a name of its own as a matter of style ("the Labour party")."""
    counts = Counter(name.rsplit(" ", 1)[-1] for name in lexicon.names)
    return frozenset(w for w, n in counts.items() if n >= CLASS_HEAD_MIN_NAMES)


def _capital_needs_a_name(word: str, ctx: Context) -> bool:
    """A word the casing counts know well and see lowercase at least one time in ten: only a
    longer name explains its capital ("Secretary", "House"; not "England", "Balkan" or a join)."""
    lex = ctx.lexicon.get(word.lower()) if ctx.lexicon else None
    return (
        word not in JOIN_WORDS
        and lex is not None
        and lex.cap + lex.low >= KNOWN_MIN_COUNT
        and lex.cap_share < LEXICON_STRONG
    )


def _names_word(words: tuple[Word, ...], lo: int, hi: int) -> bool:
    """Words lo..hi-1 are each a join or Capitalised, not merely for opening a sentence."""
    return all(
        words[k].text in JOIN_WORDS or (is_capitalised(words[k].text) and not opens_sentence(words[k]))
        for k in range(lo, hi)
    )


def _name_beside_in(words: tuple[Word, ...], lo: int, hi: int, i: int) -> bool:
    """A word of lo..hi other than i is Capitalised, and not merely for opening a sentence."""
    return any(
        k != i and is_capitalised(words[k].text) and not opens_sentence(words[k]) for k in range(lo, hi + 1)
    )


def _beside_join(words: tuple[Word, ...], i: int) -> bool:
    """A join stands right before or after word i: the cheap test before a joined name is sought."""
    return (i > 0 and words[i - 1].text in JOIN_WORDS) or (
        i + 1 < len(words) and words[i + 1].text in JOIN_WORDS
    )


def _given_name_at(line: str, words: tuple[Word, ...], i: int, ctx: Context) -> bool:
    """Word i is a given name in a given name's place: Capitalised mid-sentence, no name before
    it ("Danny Williams" makes "Williams" a surname), and hardly ever an ordinary word ("Helena",
    not "May")."""
    w = words[i]
    if not w.name_like or w.text.isupper() or ctx.lexicon is None:
        return False
    if i > 0 and words[i - 1].name_like and adjacent(line, words[i - 1], w):  # not across a comma
        before = ctx.lexicon.get(words[i - 1].text.lower())
        if before is None or before.given_name or before.cap + before.low < KNOWN_MIN_COUNT:
            return False  # after a name ("Danny Williams"), not a title ("Minister Tony"): a surname
        if f"{words[i - 1].text} {w.text}".lower() in ctx.lexicon.runs:
            return False  # "New York"
    lex = ctx.lexicon.get(w.text.lower())
    if lex is not None and lex.place and not lex.english_given_name:
        return False  # a place first, a given name only in other languages' locales: "a London venue"
    if opens_sentence(w):  # its capital says nothing: only a well-known given name
        return _is_given_name(lex) and lex.cap + lex.low >= KNOWN_MIN_COUNT
    return _is_given_name(lex)


def _is_name_neighbour(w: Word | None) -> bool:
    """A Capitalised word that is not capitalised merely for opening a sentence."""
    return (
        w is not None
        and w.text[:1].isupper()
        and len(w.text) > 1
        and w.text.lower() not in FUNCTION_WORDS
        and not opens_sentence(w)
    )
