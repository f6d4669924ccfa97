"""The one place where the evidence for a lowercase word is weighed: which source, if any, lifts it.

Sources, strongest first: the courtesy title before it; a name run or pair the document, the
build or the lexicon writes Capitalised; a dictionary name; a given name before a surname; the
document's own uses; the build's; a surname after a given name; the web; a word no source knows
inside a name; the lexicon's share. The returned name is the edit's `evidence`."""

from __future__ import annotations

from cleanset.fixers.base import Context
from cleanset.fixers.casing.document import DocEvidence, _named_alone_here
from cleanset.fixers.casing.lexical import (
    _english_shaped,
    _few_uses,
    _inflected,
    _is_certain,
    _is_given_name,
    _ordinary_words,
    _rare_name,
    _web_doubts,
    _web_given_name,
)
from cleanset.fixers.casing.site import (
    WordSite,
    _class_heads,
    _lexicon_run_bigrams,
)
from cleanset.fixers.casing.thresholds import (
    BETWEEN_MAX_LOW,
    CORPUS_DOMINANT_ALONE,
    CORPUS_MAX_LOW_SHARE,
    CORPUS_MAX_LOW_SHARE_CERTAIN,
    CORPUS_MIN_CAP,
    CORPUS_MIN_RUN,
    DOC_NAME_MAX_LOW_SHARE,
    DOC_NAME_MIN_ALONE_RARE_CAP,
    DOC_NAME_MIN_SHARE,
    INDEFINITE,
    KNOWN_MIN_COUNT,
    LEXICON_ALONE,
    LEXICON_CERTAIN,
    LEXICON_FLOOR,
    LEXICON_MIN_COUNT,
    LEXICON_RARE_MIN_COUNT,
    LEXICON_STRONG,
    PAIR_MAX_MIXED_SHARE,
    WEB_NAME_MIN_SHARE,
)
from cleanset.names import (
    pair_key,
    without_possessive,
)
from cleanset.tokens import FUNCTION_WORDS, Word


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
    # The cheap tests first: a word that stands in no name run any source knows, and in no pair
    # the build writes Capitalised, is lifted by nothing here; and the build's votes beside it (a
    # lookup per neighbour), which veto a run or a pair, are counted only when one would lift it.
    # an ordinary word before a longer name that goes on with "of" ("the state Department of
    # Public Safety") modifies that name: the article writes the name without it
    outside_a_name = not build_may and _before_an_of_name(site)
    if word not in FUNCTION_WORDS and not outside_a_name and (
        _may_complete_a_run(word, site.words, site.i, doc, ctx) or site.may_pair
    ):
        found = _run_or_pair(word, doc, ctx, site, class_noun, build_may)
        if found and not site.outvoted:
            return found
    certain = known and _is_certain(lex)
    # Other lowercase uses of the word, beyond this one, are evidence that it is an ordinary word,
    # unless the document writes it Capitalised on its own as often; for a word the lexicon almost
    # never sees lowercase, one more lowercase use is more likely a second slip.
    # a given name stands before a surname: a Capitalised word, not an acronym ("a max FPS"), and
    # a word that is also an ordinary one needs no article or "to" before it ("tried to edit Ford’s")
    given_name = (
        site.right_is_name
        and (_is_given_name(lex) or _web_given_name(lex, web))
        and _surname_shaped(site)
        and not (prev is not None and prev.lower() in BEFORE_ORDINARY_WORDS and _also_ordinary(lex, web, web_lowercase))
    )
    if d_low - 1 > d_alone + (1 if certain else 0) and not (given_name and lex.low == 0):
        return None
    # Written lowercase twice here and never Capitalised: the article's own spelling ("wireless",
    # which the lexicon only saw Capitalised), unless other articles name it on their own.
    if d_low >= 2 and d_cap == 0 and not given_name and c_alone < CORPUS_MIN_CAP:
        return None
    if (
        site.dictionary_name and not outside_a_name and not site.outvoted
    ):  # "Securities and exchange Commission", "Home secretary Charles Clarke"
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


# Words before which a word is an ordinary one, not a given name: "a max", "the bob", "to edit"
BEFORE_ORDINARY_WORDS = frozenset({"a", "an", "the", "to", "this", "that", "my", "your", "our", "their", "its"})
# what goes on in a name after its head: "Department of Public Safety", "Fund for Peace"
NAME_CONNECTORS = frozenset({"of", "for"})


def _surname_shaped(site: WordSite) -> bool:
    """The word after is shaped like a surname: Capitalised, then lowercase ("Blair", "Ford’s"),
    not an acronym ("FPS")."""
    nxt = site.words[site.i + 1].text if site.i + 1 < len(site.words) else ""
    return len(nxt) > 1 and nxt[0].isupper() and not nxt.isupper()


def _also_ordinary(lex, web: float | None, web_lowercase: bool) -> bool:
    """The word is an ordinary one too: the web or the counts write it lowercase often."""
    return (
        web_lowercase
        or (web is not None and web < WEB_NAME_MIN_SHARE)
        or (lex is not None and lex.low > 0)
    )


def _before_an_of_name(site: WordSite) -> bool:
    """The Capitalised words after the word head a name that goes on with "of" or "for" and
    another Capitalised word: "state [Department of Public Safety]".

    >>> from cleanset.tokens import line_words
    >>> line = "the ax from the state Department of Public Safety and the state Department"
    >>> words = line_words(line)
    >>> class Site: pass
    >>> site = Site(); site.words = words
    >>> [(site.__setattr__("i", k), _before_an_of_name(site))[1] for k, w in enumerate(words) if w.text == "state"]
    [True, False]
    """
    words, j = site.words, site.i + 1
    if j >= len(words) or not words[j].name_like:
        return False
    while j < len(words) and words[j].name_like:
        j += 1
    return j + 1 < len(words) and words[j].text in NAME_CONNECTORS and words[j + 1].name_like


def _run_or_pair(
    word: str, doc: DocEvidence, ctx: Context, site: WordSite, class_noun: bool, build_may: bool
) -> str | None:
    """The evidence of a name run the word completes, or of the pair it makes with a name beside
    it, before the build's votes beside the word are heard (`WordSite.outvoted`)."""
    corpus = ctx.corpus
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
    # or the pair it makes with the name beside it, written so across the build; where only
    # other articles Capitalise the word, none may write the pair with it lowercase
    mixed_share = PAIR_MAX_MIXED_SHARE if build_may else 0.0
    if site.pair_before_name(mixed_share) if class_noun else site.pair(mixed_share):
        return "build"
    return None


def _may_complete_a_run(word: str, words: tuple[Word, ...], i: int, doc: DocEvidence, ctx: Context) -> bool:
    """Whether a name run through word i could be one the lexicon, the document or the build
    writes. Every run through a word holds the word and a neighbour beside it, as a pair of
    adjacent words; a run the build writes this often holds pairs it writes as often in runs.

    >>> from cleanset.lexicon import load_lexicon
    >>> from cleanset.tokens import line_words
    >>> words = line_words("She flew to New york and said so.")
    >>> ctx = Context(lexicon=load_lexicon())
    >>> from cleanset.fixers.casing.document import document_evidence
    >>> doc = document_evidence("")
    >>> [_may_complete_a_run(w.text, words, k, doc, ctx) for k, w in enumerate(words) if w.text in ("york", "so")]
    [True, False]
    """
    pairs = []  # as name runs hold them; `word` is a stem of letters, which `pair_key` keeps
    if i > 0:
        pairs.append(pair_key(words[i - 1].text, word))
    if i + 1 < len(words):
        pairs.append(pair_key(word, words[i + 1].text))
    if not doc.run_bigrams.isdisjoint(pairs):
        return True
    lexicon, corpus = ctx.lexicon, ctx.corpus
    if lexicon is not None and not _lexicon_run_bigrams(lexicon).isdisjoint(pairs):
        return True
    if corpus is None:
        return False
    if corpus.run_bigrams_twice is None:  # statistics not compacted (the Python API's)
        return any(corpus.run_bigrams.get(pair) >= CORPUS_MIN_RUN for pair in pairs)
    return corpus.run_bigrams_twice.may_hold_any(pairs)
