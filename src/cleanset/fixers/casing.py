"""Casing repair for English: sentence-start capitals and proper nouns written lowercase.

Both only ever raise a letter to upper case, and only on evidence; when evidence is weak the word
is left alone, because damage to good text costs more than a missed fix.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from cleanset.corpus import count_casing
from cleanset.fixers.base import Context, FixResult, replace_spans
from cleanset.names import (
    JOIN_WORDS,
    adjacent,
    between_names,
    continues_name,
    is_capitalised,
    is_possessive,
    is_prose,
    name_across,
    name_pairs,
    opens_sentence,
    pair_key,
    pairable,
    without_possessive,
)
from cleanset.structure import is_headline
from cleanset.tables import line_kinds
from cleanset.tokens import FUNCTION_WORDS, LOWER, PARTICLES, TOKEN, Word, ends_sentence, line_words

FENCE = re.compile(r"^\s*(```|~~~)")


def _lines(text: str):
    """(offset, line, kind) for every line outside code fences."""
    pos = 0
    fenced = False
    lines = text.split("\n")
    for line, kind in zip(lines, line_kinds(lines), strict=True):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            yield pos, line, kind
        pos += len(line) + 1


def _after_question(line: str, start: int) -> bool:
    return line[:start].rstrip().rstrip("\"'”’)")[-1:] in ("?", "!")


def _is_plain_lower(word: str) -> bool:
    return word.isalpha() and word.islower() if "’" not in word and "'" not in word else word.islower()


def _looks_broken(line: str, start: int) -> bool:
    """The token opening at `start` looks like mojibake by ftfy's own measure, as it is or once
    Capitalised ("à†", "â‘" as "Â‘"): its first letter may be half of a broken character, which a
    capital would turn into another."""
    end = start
    while end < len(line) and not line[end].isspace():
        end += 1
    token = line[start:end]
    if token.isascii():
        return False
    from ftfy.badness import is_bad

    return is_bad(token) or is_bad(_capitalise(token))


def _capitalise(word: str) -> str:
    return word[0].upper() + word[1:]


def fix_sentence_case(text: str, ctx: Context) -> FixResult:
    """Capitalise the first word of a sentence, paragraph or list item written lowercase.

    >>> fix_sentence_case("in a statement, Peskov said. the talks in the U.S. stall.\\n- establishing trust", Context())[0]
    'In a statement, Peskov said. The talks in the U.S. stall.\\n- Establishing trust'
    >>> fix_sentence_case("iPhone sales rose. de Gaulle spoke. eBay grew.", Context())[0]
    'iPhone sales rose. de Gaulle spoke. eBay grew.'
    """
    spans: list[tuple[int, int, str, str]] = []
    lines = list(_lines(text))
    styled = _lowercase_lists(lines)
    for n, (offset, line, kind) in enumerate(lines):
        if kind not in ("text", "item"):
            continue
        words = line_words(line)
        for i, w in enumerate(words):
            if not w.sentence_start or not _is_plain_lower(w.text):
                continue
            if i == 0 and n in styled:
                continue  # its list opens its items in lowercase: a style, not a slip
            after = line[w.end : w.end + 2]
            if after[:1] == "." and after[1:2].isalpha():  # e.g., i.e.
                continue
            nxt = words[i + 1] if i + 1 < len(words) else None
            if w.text in PARTICLES and nxt and nxt.text[:1].isupper() and not line[w.end : nxt.start].strip():
                continue  # 'de Gaulle'; not 'de — Moscow', where the dash parts the two
            if _after_question(line, w.start):
                continue  # 'Who is Sylvia? by Edward Albee', 'Hey Ya! after': a title's mark, not an end
            if _looks_broken(line, w.start):
                continue
            spans.append((offset + w.start, offset + w.end, _capitalise(w.text), "sentence_start"))
    return replace_spans(text, spans, "sentence_case")


def _lowercase_lists(lines: list[tuple[int, str, str]]) -> set[int]:
    """The lines of lists whose items open in lowercase more often than not (at least twice):
    list items, or the lines straight under a line that closes with a colon. Such a list is
    written that way ("The agenda includes:" then "a ceasefire", "the exchange of prisoners");
    only in a list of Capitalised items is a lowercase one a slip.

    >>> text = "It includes:\\na ceasefire\\nthe exchange of prisoners\\n\\n- one\\n- Two\\n- Three"
    >>> sorted(_lowercase_lists(list(_lines(text))))
    [1, 2]
    """
    groups: list[list[int]] = []
    current: list[int] = []
    for n, (_, _, kind) in enumerate(lines):
        after_colon = n > 0 and (bool(current) or lines[n - 1][1].rstrip().endswith(":"))
        if kind == "item" or (kind == "text" and after_colon and not (current and lines[current[-1]][2] == "item")):
            if current and kind != lines[current[-1]][2]:
                groups.append(current)
                current = []
            current.append(n)
        elif kind == "blank" and current and lines[current[-1]][2] == "item":
            continue  # a loose list: items apart by blank lines
        else:
            if current:
                groups.append(current)
            current = []
    if current:
        groups.append(current)
    styled: set[int] = set()
    for group in groups:
        firsts = [line_words(lines[n][1]) for n in group]
        lower = [n for n, words in zip(group, firsts, strict=True) if words and words[0].text.islower()]
        upper = sum(1 for words in firsts if words and words[0].text[:1].isupper())
        if len(lower) >= MIN_LOWERCASE_ITEMS and len(lower) > upper:
            styled.update(lower)
    return styled


MIN_LOWERCASE_ITEMS = 2


@dataclass
class DocEvidence:
    cap: Counter[str]
    alone: Counter[str]
    low: Counter[str]
    runs: set[str]  # name runs written in the document: "prime minister tony blair"
    run_pairs: set[tuple[str, str]]  # adjacent words inside those runs
    mixed_pairs: Counter[str]  # a name beside a lowercase word: "western Europe"
    prose: list[str] = field(default_factory=list)  # the lines counted
    # words the document writes Capitalised anywhere (a headline, a sentence's start): a word
    # written so is no misspelling, whatever else it is
    written_capitalised: set[str] = field(default_factory=set)

    def writes_lowercase_elsewhere(self, run: str, word: str) -> bool:
        """Beside this use, the document writes the phrase with this word in lowercase more than
        once in four times it writes it Capitalised: its own style ("the No campaign", "the
        Conservative association"), not a slip here. Slips recur too: a name written twenty times
        loses a word more than once, but not the same word each time.

        >>> ev = document_evidence("The Conservative Association met. The Conservative association agreed.")
        >>> ev.writes_lowercase_elsewhere("conservative association", "association")
        False
        >>> ev = document_evidence("A Conservative Association met. A Conservative association agreed. The Conservative association said.")
        >>> ev.writes_lowercase_elsewhere("conservative association", "association")
        True
        >>> ev.writes_lowercase_elsewhere("conservative association", "conservative")
        False
        """
        parts = run.split()
        pattern = re.compile(
            r"(?<![\w'’])" + r"\s+".join(re.escape(p) + r"(?:['’]s)?" for p in parts) + r"(?![\w'’])",
            re.IGNORECASE,
        )
        lowercase = capitalised = 0
        for line in self.prose:
            for m in pattern.finditer(line):
                words = m.group(0).split()
                if any(w[0].islower() for w, p in zip(words, parts, strict=True) if p == word):
                    lowercase += 1
                else:
                    capitalised += 1
        return lowercase - 1 > DOC_STYLE_SHARE * capitalised


# the document's other lowercase uses of a phrase, per Capitalised use, beyond which they are its style
DOC_STYLE_SHARE = 0.25


def document_evidence(text: str) -> DocEvidence:
    ev = DocEvidence(Counter(), Counter(), Counter(), set(), set(), Counter())
    for _, line, kind in _lines(text):
        if is_prose(line, kind):
            count_casing(line, ev.cap, ev.alone, ev.low, ev.runs)
            ev.mixed_pairs.update(name_pairs(line, line_words(line))[1])
            ev.prose.append(line)
        if kind in ("text", "item", "table"):
            ev.written_capitalised.update(w.text.lower() for w in line_words(line) if w.name_like)
    for run in ev.runs:
        parts = run.split()
        ev.run_pairs.update(
            pair for pair in zip(parts, parts[1:], strict=False) if not JOIN_WORDS.intersection(pair)
        )
    return ev


# Thresholds, measured on the development corpus (see benchmarks/): each trades recall for damage.
KNOWN_MIN_COUNT = 5  # the lexicon's share means something from this many uses
LEXICON_FLOOR = 0.5  # below this share of Capitalised uses a word is ordinary: only a phrase can lift it
LEXICON_STRONG = 0.9  # at or above it a word is a name by itself ("Moscow", "Bible")
LEXICON_ALONE = 0.98  # ... and at or above this, with enough counts, the lexicon alone suffices
LEXICON_MIN_COUNT = 50
LEXICON_RARE_MIN_COUNT = 10  # seen this often, never lowercase: a name if the build agrees
RARE_MIN_BUILD_DOCS = 50  # ... and the build is this large
CORPUS_MIN_CAP = 3
DOC_NAME_MIN_ALONE = 2  # Capitalised on its own this often in one document, lowercase only once
DOC_NAME_MIN_SHARE = 0.1  # ... and not a word the lexicon hardly ever Capitalises ("sky")
DOC_NAME_MIN_ALONE_RARE_CAP = 4  # ... unless the document names it on its own this often ("Borders")
DOC_NAME_MAX_LOW_SHARE = 0.25  # ... nor one other documents often write lowercase
CORPUS_MAX_LOW_SHARE = 0.1
CORPUS_MAX_LOW_SHARE_CERTAIN = 0.3
LEXICON_CERTAIN = 0.99
LEXICON_CERTAIN_COUNT = 50
CORPUS_DOMINANT_ALONE = 10
CORPUS_MIN_RUN = 2  # an exact name run written this often across the build
BETWEEN_MAX_LOW = 1  # lowercase between two Capitalised words this often in the build: here only
PAIR_MIN_CAP = 2  # the pair a word makes with the name beside it, written Capitalised this often
PAIR_MAX_MIXED_SHARE = 0.2  # ... and with only one of the two Capitalised at most this share as often
# the prefixes of a Capitalised pair's key: the name going on before it and after it, "^" if it opens a sentence
PAIR_FLAGS = tuple(f"{opens}{before}{after} " for opens in ("", "^") for before in "01" for after in "01")
WEB_NAME_MIN_SHARE = 0.85  # the web writes a word Capitalised this often: a name ("Sony", "Islam")
GIVEN_NAME_MIN_SHARE = 0.985  # a given name before a surname, unless also an ordinary word
ENGLISH_GIVEN_NAME_MIN_SHARE = 0.9  # ... lower for names of English-speaking locales ("Alan", "Jack")
INDEFINITE = frozenset({"a", "an"})
# Written before a surname and nothing else: the word after one is a name ("Mr bell's comments")
COURTESY_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "Messrs"})


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
        # how often the build may write the word's pair with the word lowercase, per Capitalised
        # pair; `casing_evidence` asks for none at all where only other articles write it so
        self.mixed_share = PAIR_MAX_MIXED_SHARE

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
                found.append((lowercase, sum(corpus.cap_pairs.get(f + key) for f in PAIR_FLAGS)))
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

    @cached_property
    def pair(self) -> bool:
        return self.name_beside and not self.in_heading and self._pair_named((-1, 1))

    @cached_property
    def pair_before_name(self) -> bool:
        """`pair`, with the name after the word only."""
        words, i = self.words, self.i
        return (
            i + 1 < len(words) and words[i + 1].name_like and not self.in_heading and self._pair_named((1,))
        )

    def _pair_named(self, sides: tuple[int, ...]) -> bool:
        """Word i and the name beside it make a pair the build writes Capitalised, as here: the name
        going on beyond the pair or ending with it ("Education Secretary Ruth Kelly", "Liberal
        Democrat peer"), and hardly ever with only the name Capitalised ("western Europe").

        A pair whose name only opens the sentence counts only before another name ("Home secretary
        Charles Clarke", not "Prime minister's questions") or if the name is never an ordinary word.
        """
        line, words, i, kind, doc, ctx = self.line, self.words, self.i, self.kind, self.doc, self.ctx
        corpus = ctx.corpus
        w = words[i]
        stem = self.stem
        # a word in a pair written Capitalised twice is written Capitalised mid-sentence twice: the
        # cheap test first, since most words beside a name are not
        if corpus is None or sum(corpus.cap_mid.get(form, 0) for form in {stem, w.text}) < PAIR_MIN_CAP:
            return False
        as_name = w._replace(name_like=True)
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
            if cap >= PAIR_MIN_CAP and corpus.mixed_pairs.get(key) - this <= self.mixed_share * cap:
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


def casing_evidence(
    word: str,
    prev: str | None,
    nxt: str | None,
    doc: DocEvidence,
    ctx: Context,
    site: WordSite,
    possessive: bool = False,
    after_courtesy_title: bool = False,
) -> str | None:
    """Which evidence says a lowercase word is a name, or None to leave it alone.

    Sources, strongest first: a phrase the document or the build writes Capitalised; the build's
    own usage when it is large and one-sided; the lexicon's share of Capitalised uses, tiered;
    the document's own Capitalised uses.
    """
    lex = ctx.lexicon.get(word) if ctx.lexicon else None
    corpus = ctx.corpus
    c_cap = corpus.cap_mid.get(word, 0) if corpus else 0
    c_alone = corpus.cap_alone.get(word, 0) if corpus else 0
    c_low = corpus.low_mid.get(word, 0) if corpus else 0
    d_cap, d_alone, d_low = doc.cap.get(word, 0), doc.alone.get(word, 0), doc.low.get(word, 0)
    if nxt and nxt.islower() and (word, nxt) in doc.run_pairs:
        return None  # the whole phrase is lowercase here ("the lord chancellor"): a choice of style
    if after_courtesy_title and word not in FUNCTION_WORDS:
        return "courtesy_title"  # "Mr bell", "Dr fox": whatever else the word may mean
    known = lex is not None and lex.cap + lex.low >= KNOWN_MIN_COUNT
    share = lex.cap_share if known else None
    web = ctx.lexicon.web_share(word) if ctx.lexicon else None
    if lex is None and web is None and max(c_cap, d_cap) == 0 and word not in doc.written_capitalised:
        return None  # no source knows it and no article writes it Capitalised: a misspelling
    # the web writes it mostly lowercase: no name on the counts' word alone, nor after a given
    # name ("wireless", which the counts saw only Capitalised; "sprint"; "Chelsea winger")
    web_lowercase = ctx.lexicon is not None and ctx.lexicon.web_lowercase(word)
    # A word mostly lowercase on the web or in the lexicon ("army", "west", "president") is lifted
    # on the build's evidence only where this document writes it Capitalised too: other articles'
    # capitals are their house style, not this one's.
    build_may = d_cap >= 1 or not (web_lowercase or (share is not None and share < LEXICON_FLOOR))
    # a name to the web, where the casing counts have seen it too rarely to settle it: nearly
    # always Capitalised there, or not at all ("sony", "islam", "kutaragi"); a frequent word is
    # left to the counts, which come from edited text ("united": United Nations, United States)
    web_name = (
        web is not None
        and web >= WEB_NAME_MIN_SHARE
        and (share is None or (share >= LEXICON_STRONG and _few_uses(lex)))
        and not _web_doubts(word, prev, lex, ctx)
    )
    # The name this word completes here ("Prime minister Tony Blair", "the high Court"), written in
    # full in this document or twice across the build; a function word is never lifted this
    # way, nor is a word by a longer name that merely contains it ("Scottish football" is not
    # "Scottish Football Association").
    # A class noun closing a name is the writer's choice ("the Labour party"): there, only the
    # document's own capitals lift it.
    class_noun = ctx.lexicon is not None and word in _class_heads(ctx.lexicon)
    if word not in FUNCTION_WORDS and not site.outvoted:
        for run in site.runs:
            if not (class_noun and run.endswith(f" {word}")):
                if ctx.lexicon is not None and run in ctx.lexicon.runs:
                    return "lexicon"
                if (
                    (build_may or site.unanimous)
                    and corpus
                    and corpus.name_runs.get(run) >= CORPUS_MIN_RUN
                    and not site.in_heading
                ):
                    return "build"
            if run in doc.runs and not site.in_heading and not doc.writes_lowercase_elsewhere(run, word):
                return "document"  # the document's own name, unless its own style is otherwise
        # or the pair it makes with the name beside it, written so across the build
        if not build_may:
            site.mixed_share = 0.0
        if site.pair_before_name if class_noun else site.pair:
            return "build"
    certain = known and _is_certain(lex)
    # Other lowercase uses of the word, beyond this one, are evidence that it is an ordinary word,
    # unless the document writes it Capitalised on its own as often; for a word the lexicon almost
    # never sees lowercase, one more lowercase use is more likely a second slip.
    given_name = site.right_is_name and (_is_given_name(lex) or _web_given_name(lex, web))
    if d_low - 1 > d_alone + (1 if certain else 0) and not (given_name and lex.low == 0):
        return None
    # Written lowercase twice here and never Capitalised: the article's own spelling ("wireless",
    # which the lexicon only saw Capitalised), unless other articles name it on their own.
    if d_low >= 2 and d_cap == 0 and not given_name and c_alone < CORPUS_MIN_CAP:
        return None
    if site.dictionary_name and not site.outvoted:  # "Securities and exchange Commission", "Home secretary Charles Clarke"
        return "dictionary_name"
    if given_name:
        # "sarah Mukasa", "tony Blair"; never "may", "bill", "china" or "rose". Before the build's
        # verdict: a name seen once lowercase elsewhere before a surname is another slip, and so,
        # for a name the lexicon never saw lowercase, are this document's other lowercase uses.
        return "given_name"
    # A word this document names on its own twice or more and writes lowercase only here is a
    # slip, even one the lexicon mostly sees lowercase ("Apple", "Labour"), unless the build's
    # other documents write it lowercase too often to leave its sense in doubt.
    if (
        _named_alone_here(doc, word)
        and prev not in INDEFINITE
        and (share is None or share >= DOC_NAME_MIN_SHARE or d_alone >= DOC_NAME_MIN_ALONE_RARE_CAP)
        and c_low - d_low <= DOC_NAME_MAX_LOW_SHARE * (c_cap - d_cap) + 1
    ):
        return "document"
    # Between two Capitalised words, the second an ordinary word that only a name Capitalises
    # ("International steel Group", "Fire brigades Union"): a word the build writes Capitalised
    # mid-sentence somewhere, and nowhere else lowercase between two Capitalised words, where a
    # common noun in apposition stands ("Scottish club Rangers", "Italian club Juventus").
    if (
        site.between
        and word not in FUNCTION_WORDS
        and not possessive
        and not (prev is not None and prev.isupper())  # after an acronym: "TV comedy Evening Shade"
        and c_cap >= 1
        and (corpus.low_between.get(word, 0) if corpus else 0) <= BETWEEN_MAX_LOW
        and nxt is not None
        and ctx.lexicon is not None
        and without_possessive(nxt.lower()) in _ordinary_words(ctx.lexicon)
        and not _is_given_name(ctx.lexicon.get(nxt.lower()))
    ):
        return "build"
    # The build's verdict comes from the other documents: this one's own uses were weighed above.
    limit = CORPUS_MAX_LOW_SHARE_CERTAIN if certain else CORPUS_MAX_LOW_SHARE
    low_elsewhere = max(c_low - d_low, 0)
    if certain or ((c_cap - d_cap >= 2 or d_alone >= 2) and (lex is None or lex.low == 0 or web_name)):
        low_elsewhere -= 1  # one lowercase use elsewhere is as likely another slip as a style
    if low_elsewhere > limit * max(c_cap - d_cap, 0):
        return None
    if prev in INDEFINITE and share is not None and share < LEXICON_CERTAIN:
        return None  # "a march": however often the build names the month
    if build_may and c_alone >= CORPUS_DOMINANT_ALONE and (share is None or share >= LEXICON_FLOOR):
        return "build"  # the build writes it Capitalised on its own, and almost never lowercase
    # right after a given name, a word no source has seen lowercase and that is a name itself or
    # too rare to be an ordinary word (fewer than ten uses in the lexicon): "Helena christensen",
    # "Mike powell", "Philip roth", not "Paris internet";
    # or a word mostly Capitalised that this document writes so elsewhere ("Bobby hernandez"),
    # or one the web writes Capitalised nearly always, if the counts have seen it too rarely to
    # settle it ("Andy garcia", not "Paris china")
    if (
        site.after_given_name
        and not _inflected(word, ctx)
        and (
            lex is None
            or (lex.low == 0 and (lex.given_name or lex.cap < LEXICON_RARE_MIN_COUNT))
            or (d_cap >= 1 and share is not None and share >= LEXICON_STRONG)
            or (_few_uses(lex) and web is not None and web >= WEB_NAME_MIN_SHARE)  # "Andy garcia"
        )
    ):
        return None if web_lowercase else "neighbour"
    if web_name:
        return "web"
    # a word no source knows, right beside a name or inside a name that goes on across a join,
    # shaped neither like an English inflection nor like a compound of known words ("Kleinwort
    # wasserstein", "the Isle of sheppey"; not "housebuilder", "carmaking"); a list is no name
    # ("Corsican and mouflon sheep"), nor is the head of a phrase the name follows ("the
    # pedestrianisation of Trafalgar Square")
    in_name = site.beside_name or any(
        " and " not in run and not run.startswith(f"{word} ") for run in site.runs
    )
    if in_name and lex is None and web is None and not web_lowercase and not _english_shaped(word, ctx):
        return "neighbour"
    if not known and lex is not None and lex.place and lex.low == 0:
        # a place name ("kazakhstan") too rare in the casing corpus to have a share
        return None if web_lowercase else "lexicon"
    if not known:  # a name the lexicon has barely seen: only the document and the build can tell,
        # unless the few uses it has seen are lowercase, and other documents of the build do not
        # outweigh them by writing it Capitalised on their own ("conte"; not "skulls", which one
        # document both names a program by and uses as a word)
        if lex is not None and lex.low > lex.cap and c_alone - d_alone < max(lex.low + 1, CORPUS_MIN_CAP):
            return None
        # Capitalised only inside a longer name here, a plural of an ordinary word is that word
        # ("The Vagina Monologues", "through monologues"); a name the lexicon lacks is not
        named_here = d_alone >= 1 or (d_cap >= 1 and not _inflected(word, ctx))
        if named_here:
            return "document"
        if c_alone >= CORPUS_MIN_CAP:
            return "build"
        return "lexicon" if _rare_name(word, prev, lex, c_low, d_low, ctx) and not web_lowercase else None
    if share < LEXICON_FLOOR:
        return None
    if share < LEXICON_STRONG:  # "department", "king": a name only where written so on its own
        # and where other articles do so too: one article's own uses are its style ("the Lords"
        # beside "law lords"), which a small build cannot outvote
        others_alone = c_alone - d_alone
        return (
            "document" if d_alone >= 1 and others_alone >= max(CORPUS_MIN_CAP, (c_cap - d_cap) // 2) else None
        )
    if d_alone >= 1 or (d_cap >= 1 and share >= LEXICON_ALONE):
        return "document"
    if c_alone >= CORPUS_MIN_CAP:
        return "build"
    if web_lowercase:
        return None  # what remains rests on the counts alone
    if _rare_name(word, prev, lex, c_low, d_low, ctx):
        return "lexicon"
    if share >= LEXICON_ALONE and lex.cap + lex.low >= LEXICON_MIN_COUNT:
        return "lexicon"
    if lex.low == 0 and possessive:
        return "lexicon"  # a possessive of a word never seen lowercase: "hitler's"
    return "lexicon" if lex.place and lex.low == 0 else None


def _name_by_itself(word: str, ctx: Context) -> bool:
    """A word the lexicon does not know, or knows as Capitalised nearly always: its capital says
    it is a name even where it opens a sentence ("Glasgow Rangers", not "Prime Minister")."""
    lex = ctx.lexicon.get(word.lower()) if ctx.lexicon else None
    if lex is None or (lex.place and lex.low == 0):
        return True
    return lex.cap + lex.low >= KNOWN_MIN_COUNT and lex.cap_share >= LEXICON_STRONG


def _named_alone_here(doc: DocEvidence, word: str) -> bool:
    """The document writes the word Capitalised on its own twice or more, and lowercase once."""
    return doc.alone.get(word, 0) >= DOC_NAME_MIN_ALONE and doc.low.get(word, 0) == 1


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


ENGLISH_ENDINGS = ("ing", "ed", "ly")
# endings that make English words of words: "sheikhdom", "criminalist", "drugmaker"
DERIVATIONS = frozenset(
    ["er", "ers", "ist", "ists", "ism", "isms", "dom", "doms", "ness", "ship", "hood", "less", "ful", "like"]
    + ["wise", "able", "ability"]
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


# the shortest ordinary word a compound is made of: names split into short words too
# ("sot|her|ton", "ber|hane", "hill|ing|don")
COMPOUND_MIN_PART = 4


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


def _certain_name(word: str, ctx: Context) -> bool:
    lex = ctx.lexicon.get(word) if ctx.lexicon else None
    return lex is not None and ((lex.place and lex.low == 0) or _is_certain(lex))


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
    # the cheap test first: the word and a neighbour stand side by side in some name
    if not (
        (i > 0 and f"{words[i - 1].text.lower()} {word}" in lex.name_bigrams)
        or (i + 1 < len(words) and f"{word} {words[i + 1].text.lower()}" in lex.name_bigrams)
    ):
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


def _in_joined_name(line: str, words: tuple[Word, ...], i: int) -> bool:
    return name_across(line, words, i, 1) is not None or name_across(line, words, i, -1) is not None


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


def _is_name_neighbour(w: Word | None) -> bool:
    """A Capitalised word that is not capitalised merely for opening a sentence."""
    return (
        w is not None
        and w.text[:1].isupper()
        and len(w.text) > 1
        and w.text.lower() not in FUNCTION_WORDS
        and not opens_sentence(w)
    )


MAX_NAME_PASSES = 3
# What `--casing strict` accepts: the article's and the build's own writing, nothing from outside
STRICT_EVIDENCE = frozenset({"document", "build", "acronym"})


def fix_proper_case(text: str, ctx: Context) -> FixResult:
    """Capitalise proper nouns written lowercase mid-sentence ("with moscow", "U.S.-russia").

    A name may lose more than one word ("tony blair"): once one word is restored, its neighbour
    is weighed again beside it, for a few rounds at most. Evidence comes from the text as given,
    so a restored word is never evidence for itself elsewhere, until the text settles: where a
    restored word still stands lowercase elsewhere, the repaired text is weighed again, as a
    second cleaning would weigh it, so that cleaning cleaned text changes nothing.

    >>> from cleanset.lexicon import load_lexicon
    >>> fix_proper_case("Talks with moscow stalled. Moscow said U.S.-russia ties may bill.", Context(lexicon=load_lexicon()))[0]
    'Talks with Moscow stalled. Moscow said U.S.-Russia ties may bill.'
    >>> fix_proper_case("Aides met Blair. It fell, as tony blair said.", Context(lexicon=load_lexicon()))[0]
    'Aides met Blair. It fell, as Tony Blair said.'
    >>> fix_proper_case("Mr ukraine met ukraine.", Context(lexicon=load_lexicon()))[0]  # settles
    'Mr Ukraine met Ukraine.'
    """
    spans: list[tuple[int, int, str, str]] = []
    current = text
    for _ in range(MAX_SETTLE_ROUNDS):
        found = _restored_names(current, ctx)
        if not found:
            break
        spans.extend(found)
        current = replace_spans(current, found, "proper_case")[0]  # same length: offsets hold
        restored = {current[start:end].lower() for start, end, *_ in found}
        if not restored.intersection(LOWER_WORD.findall(current)):
            break  # no restored word stands lowercase elsewhere: nothing else can change
    return replace_spans(text, sorted(spans), "proper_case")


MAX_SETTLE_ROUNDS = 3
LOWER_WORD = re.compile(rf"\b{LOWER}(?:{LOWER}|['’])*\b")


def _restored_names(text: str, ctx: Context) -> list[tuple[int, int, str, str]]:
    """The spans one weighing of the text capitalises, neighbours of restored words included."""
    doc = document_evidence(text)
    spans: list[tuple[int, int, str, str]] = []
    current = text
    changed: set[int] | None = None  # None: weigh every word; else only the neighbours of these
    for _ in range(MAX_NAME_PASSES):
        found = _name_spans(current, ctx, doc, changed)
        if changed is None:
            starts = {start for start, *_ in found}
            found = sorted(found + [s for s in acronym_spans(current) if s[0] not in starts])
        if not found:
            break
        spans.extend(found)
        current = replace_spans(current, found, "proper_case")[0]  # same length: offsets hold
        changed = {start for start, *_ in found}
    return sorted(spans)


ACRONYM = re.compile(r"\(([A-Z]{2,8})s?\)")  # "(GM)", "(SUVs)"
SPELLED_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
ACRONYM_SKIPS = frozenset({"of", "and", "for", "the", "on", "in", "to", "de", "&"})


def acronym_spans(text: str) -> list[tuple[int, int, str, str]]:
    """Lowercase words of a name spelled out before its acronym, where the rest of the name is
    Capitalised: the acronym's letters say which words belong to the name.

    >>> acronym_spans("Shares in General motors (GM) fell.")
    [(18, 24, 'Motors', 'acronym')]
    >>> acronym_spans("Sales of sports utility vehicles (SUVs) rose.")  # lowercase by design
    []
    >>> acronym_spans("The European Low-fare Airlines Association (ELFAA) said.")  # a compound's own style
    []
    """
    spans: list[tuple[int, int, str, str]] = []
    for offset, line, kind in _lines(text):
        if kind not in ("text", "item", "table") or "(" not in line:
            continue
        for m in ACRONYM.finditer(line):
            name = _spelled_out(line, m.start(), m.group(1))
            if not name:
                continue
            opener = name[0].start() == len(line) - len(line.lstrip()) or ends_sentence(
                line[: name[0].start()].rstrip().rsplit(" ", 1)[-1] or "."
            )
            capitalised, lowercase = 0, []
            for j, tok in enumerate(name):
                for part in re.finditer(r"[A-Za-z]+", tok.group(0)):
                    if part.group(0)[0].isupper():
                        capitalised += not (j == 0 and part.start() == 0 and opener)
                    elif part.start() == 0 and part.group(0) not in FUNCTION_WORDS and len(part.group(0)) > 1:
                        lowercase.append((offset + tok.start() + part.start(), part.group(0)))
            if lowercase and capitalised >= len(lowercase):
                spans.extend((start, start + len(w), _capitalise(w), "acronym") for start, w in lowercase)
    return spans


def _spelled_out(line: str, end: int, letters: str) -> list[re.Match]:
    """The words before `end` whose initials spell `letters`, connectors allowed between them;
    nothing if they do not."""
    tokens = list(TOKEN.finditer(line, 0, end))
    name: list[re.Match] = []
    k = len(letters)
    j = len(tokens) - 1
    while j >= 0 and k > 0:
        tok = tokens[j].group(0)
        j -= 1
        if tok.lower() in ACRONYM_SKIPS and name:
            continue
        if not SPELLED_WORD.fullmatch(tok):
            return []
        parts = tok.split("-")
        initials = "".join(p[0] for p in parts).upper()
        if letters[:k].endswith(initials):  # "Anti-Doping" gives A and D
            k -= len(initials)
        elif letters[k - 1] == initials[0]:  # "Co-operation" gives C only
            k -= 1
        else:
            return []
        name.append(tokens[j + 1])
    return name[::-1] if k == 0 else []


def _name_spans(
    text: str, ctx: Context, doc: DocEvidence, changed: set[int] | None
) -> list[tuple[int, int, str, str]]:
    spans: list[tuple[int, int, str, str]] = []
    ordinary = _ordinary_words(ctx.lexicon) if ctx.lexicon is not None else frozenset()
    for offset, line, kind in _lines(text):
        if kind not in ("text", "item", "table"):
            continue
        if changed is not None and not any(offset <= c < offset + len(line) for c in changed):
            continue  # a later pass weighs only the neighbours of words just restored
        words = line_words(line, True) if kind == "table" else line_words(line)  # one cache key per line
        last = len(words) - 1
        in_heading: bool | None = None  # asked once per line, when a word first needs it
        for i, w in enumerate(words):
            t = w.text
            if w.sentence_start or len(t) < 3 or not t.islower():
                continue
            stem = without_possessive(t)
            if stem in FUNCTION_WORDS:
                continue  # "the", "of": never a name by itself, whatever stands beside it
            name_beside = (i > 0 and words[i - 1].name_like) or (i < last and words[i + 1].name_like)
            if (
                stem in ordinary
                and not name_beside
                and not _named_alone_here(doc, stem)
                and not (_beside_join(words, i) and _in_joined_name(line, words, i))
            ):
                continue  # an ordinary word with no name beside it, nor named on its own here
            if changed is not None and not any(
                0 <= j < len(words) and offset + words[j].start in changed for j in (i - 1, i + 1)
            ):
                continue
            if not stem.isalpha() or stem in PARTICLES:
                continue
            before = line[max(0, w.start - 1) : w.start]
            if before and before not in ' -"“‘(/':
                continue  # inside a token such as o'clock or a.m.
            if line[w.end : w.end + 1] == "-" and line[w.end + 1 : w.end + 2].islower():
                continue  # the first part of a compound: "bible-thumping"
            if before == "-" and not _certain_name(stem, ctx):
                continue  # after a hyphen only a certain name: "U.S.-russia", never "Authenti-corp"
            nxt = words[i + 1].text if i + 1 < len(words) else None
            if in_heading is None:
                in_heading = is_headline(line)
            site = WordSite(line, words, i, kind, doc, ctx, stem, name_beside, in_heading)
            evidence = casing_evidence(
                stem,
                w.prev,
                nxt,
                doc,
                ctx,
                site,
                possessive=stem != t,
                after_courtesy_title=site.left_is_word and w.prev in COURTESY_TITLES,
            )
            if evidence and (ctx.casing != "strict" or evidence in STRICT_EVIDENCE) and not _looks_broken(line, w.start):
                spans.append((offset + w.start, offset + w.end, _capitalise(t), evidence))
    return spans
