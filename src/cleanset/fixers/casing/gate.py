"""The gate the compiled candidate search puts before an ordinary word (`rust/src/gate.rs`).

Most candidates beside a name are words the lexicon knows as mostly lowercase ("Blair said"), and
nearly all are left alone. For such a word every source that tests its own share or its given
names fails, so only these remain, each a lookup the scanner makes: the courtesy title before
it; the article naming it on its own; a pair it makes with the name beside it that the build
writes Capitalised; a dictionary name it stands in; a place between two Capitalised words, in a
build that Capitalises it somewhere and seldom writes it lowercase there; a name after which the web writes it Capitalised, where the
counts have seen it rarely; a name run it completes in the article, the lexicon or the build.
What passes none is never weighed (`casing_evidence` would return None: tests/test_candidate_gates.py
holds the two to each other).
"""

from __future__ import annotations

import weakref

from cleanset._scan import OrdinaryGate
from cleanset.corpus import CorpusStats, HashFilter
from cleanset.fixers.base import Context
from cleanset.fixers.casing.lexical import _few_uses, _ordinary_words
from cleanset.fixers.casing.site import PLAIN_PAIR_FLAGS, _lexicon_run_bigrams
from cleanset.fixers.casing.thresholds import (
    BETWEEN_MAX_LOW,
    CORPUS_MIN_RUN,
    COURTESY_TITLES,
    PAIR_FLAGS,
    PAIR_MIN_CAP,
    WEB_NAME_MIN_SHARE,
)
from cleanset.names import without_possessive

# (a weak reference to the statistics, the lexicon, the gate): one build's at a time, and the
# statistics not kept alive by it once their build is over
_LAST: list = [None, None, None]


def ordinary_gate(ctx: Context) -> OrdinaryGate | None:
    """The gate for this context's statistics and lexicon, made once and kept while they are
    the ones asked about; None without a lexicon (no word is ordinary then)."""
    corpus, lexicon = ctx.corpus, ctx.lexicon
    if lexicon is None:
        return None
    made_for = _LAST[0]
    if corpus is None:
        same = made_for is _NO_STATISTICS
    else:
        same = isinstance(made_for, weakref.ref) and made_for() is corpus
    if not same or _LAST[1] is not lexicon:
        _LAST[:] = [weakref.ref(corpus) if corpus is not None else _NO_STATISTICS, lexicon, _make_gate(corpus, lexicon)]
    return _LAST[2]


_NO_STATISTICS = object()  # the gate was made without build statistics


def _make_gate(corpus: CorpusStats | None, lexicon) -> OrdinaryGate:
    ordinary = _ordinary_words(lexicon)
    web_names = set()
    for word in ordinary:
        web = lexicon.web_share(word)
        if web is not None and web >= WEB_NAME_MIN_SHARE and _few_uses(lexicon.get(word)):
            web_names.add(word)
    cap_mid: dict[str, int] = {}
    low_between: dict[str, int] = {}
    pairs = run_pairs = None
    if corpus is not None:
        cap_mid = {w: n for w, n in corpus.cap_mid.items() if without_possessive(w) in ordinary}
        low_between = {w: n for w, n in corpus.low_between.items() if w in ordinary}
        # compacted statistics keep filters; the Python API's whole counts make them here (a
        # filter of every pair held answers yes wherever a count would, and sometimes more)
        pairs = corpus.cap_pairs_held or HashFilter(corpus.cap_pairs.at_least(1).keys)
        run_pairs = corpus.run_bigrams_twice or HashFilter(corpus.run_bigrams.at_least(CORPUS_MIN_RUN).keys)
    return OrdinaryGate(
        cap_mid=cap_mid,
        low_between=low_between,
        between_max_low=BETWEEN_MAX_LOW,
        pairs=pairs.bits if pairs is not None else None,
        run_pairs=run_pairs.bits if run_pairs is not None else None,
        name_words=set(lexicon.name_words),
        name_bigrams=set(lexicon.name_bigrams),
        lexicon_run_pairs=set(_lexicon_run_bigrams(lexicon)),
        web_names=web_names,
        courtesy_titles=set(COURTESY_TITLES),
        pair_flags_name_first=list(PAIR_FLAGS),
        pair_flags_name_after=list(PLAIN_PAIR_FLAGS),
        pair_min_cap=PAIR_MIN_CAP,
    )
