"""The proper-case fixer's cheap gates skip only what the full weighing would leave alone.

Each gate answers, from a lookup or two, that `casing_evidence` cannot lift a word (or cannot
lift it on a name run or pair); with every gate held open the fixer must repair exactly the same.
The texts are the seed articles and sentences with names of each kind, with slips injected by
lowercasing Capitalised words mid-sentence.
"""

from __future__ import annotations

import random
import re

import pytest

import cleanset.fixers.casing.names as names_module
import cleanset.fixers.casing.weigh as weigh_module
from cleanset.corpus import gather
from cleanset.fixers.base import REPAIRED, CasingReading, Context
from cleanset.fixers.casing import fix_proper_case
from cleanset.fixers.casing.document import document_evidence
from cleanset.fixers.casing.lexical import _ordinary_words
from cleanset.fixers.casing.site import WordSite
from cleanset.lexicon import load_lexicon
from cleanset.tokens import line_words

SENTENCES = [
    "Education Secretary Ruth Kelly said the plan would go ahead, Mr Bell told the House of Commons.",
    "The Bank of England held rates as the Securities and Exchange Commission met in New York.",
    "Prime Minister Tony Blair and Chancellor Gordon Brown spoke to the Fire Brigades Union.",
    "The Scottish club Rangers beat Celtic, and Home Secretary Charles Clarke attended.",
    "Shares in General Motors (GM) fell after the International Steel Group reported losses.",
    "The Court of Arbitration for Sport upheld the ban, said the Greek Athletics Federation.",
    "Labour Party officials met the Liberal Democrat peer at the Foreign Office in London.",
    "Dr Fox and Mrs Green visited the Royal Opera House with the Lord Chancellor.",
]
CAPITALISED_MID = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,})\b")


def with_slips(text: str, rng: random.Random, rate: float = 0.3) -> str:
    return CAPITALISED_MID.sub(lambda m: m.group(1).lower() if rng.random() < rate else m.group(1), text)


@pytest.fixture(scope="module")
def texts(seeds_dir) -> list[str]:
    rng = random.Random(7)
    clean = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    clean += [" ".join(SENTENCES[i:] + SENTENCES[:i]) for i in range(len(SENTENCES))]
    return clean + [with_slips(t, rng) for t in clean for _ in range(3)]


def repairs(texts: list[str], compact: bool = True) -> list[tuple[str, list]]:
    stats = gather(texts)
    # the weighing's gates are under test: every text is taken as read damaged
    ctx = Context(
        corpus=stats.compacted() if compact else stats,
        lexicon=load_lexicon(),
        casing_reading=CasingReading(REPAIRED),
    )
    return [fix_proper_case(t, ctx) for t in texts]


@pytest.mark.parametrize("compact", [True, False], ids=["build", "python-api"])
def test_gates_change_no_repair(texts, monkeypatch, compact):
    gated = repairs(texts, compact)
    monkeypatch.setattr(names_module, "ordinary_gate", lambda ctx: None)
    monkeypatch.setattr(weigh_module, "_may_complete_a_run", lambda *args: True)
    monkeypatch.setattr(WordSite, "may_pair", property(lambda self: True))
    assert repairs(texts, compact) == gated
    # the texts reach what the gates guard: ordinary words lifted, on a name they complete
    ordinary = _ordinary_words(load_lexicon())
    lifted = [e for _, edits in gated for e in edits if e.before.lower() in ordinary]
    assert lifted, "no ordinary word was lifted: the comparison proves nothing"


def test_a_pair_the_build_writes_only_at_sentence_starts_passes_the_gates():
    """"Harbour Warden" opens its sentences in the build, so it stands in no name run: only its
    sentence-opening pair counts lift the slip, and the gates must let that count be read."""
    texts = [
        "Harbour Warden Mick Doyle said the boats were safe.",
        "Harbour Warden Sue Kent said the quay was shut.",
        "Harbour warden Tom Hart said the storm passed.",
    ]
    gated = repairs(texts)
    assert [e.after for e in gated[2][1]] == ["Warden"]


def test_gate_says_no_for_an_ordinary_word_beside_a_name(texts):
    from cleanset._scan import name_candidates

    from cleanset.fixers.casing.gate import ordinary_gate
    from cleanset.fixers.casing.lexical import ordinary_word_set

    ctx = Context(corpus=gather(texts).compacted(), lexicon=load_lexicon())
    gate, ordinary = ordinary_gate(ctx), ordinary_word_set(ctx.lexicon)

    def candidates(line: str, gated: bool = True) -> list[str]:
        doc = document_evidence(line)
        named, run_pairs = doc.gate_sets
        found = name_candidates(line, False, ordinary, doc.named_alone_set, *((gate, named, run_pairs) if gated else ()))
        words = line_words(line)
        return [words[i].text for i, *_ in found]

    line = "The minister Blair told reporters on Monday that talks went well."
    assert "told" in candidates(line, gated=False) and "told" not in candidates(line)
    assert "told" in candidates("The minister, Mr told reporters on Monday.")  # after a courtesy title
    # a name run the article writes: "Italian army" in full once, so "army" passes beside "Italian"
    assert "army" in candidates("The Italian Army left. Later the Italian army came back.")
    assert ordinary_gate(ctx) is gate  # made once for the build's statistics and lexicon


def test_the_gate_follows_the_build_it_was_made_for(texts):
    """The gate is made once per build's statistics, does not keep them alive after the build,
    and a context without statistics never gets a gate made from a build's."""
    import gc
    import weakref

    from cleanset.fixers.casing.gate import ordinary_gate

    lexicon = load_lexicon()
    stats = gather(texts).compacted()
    gate = ordinary_gate(Context(corpus=stats, lexicon=lexicon))
    assert ordinary_gate(Context(corpus=stats, lexicon=lexicon)) is gate
    held = weakref.ref(stats)
    del stats
    gc.collect()
    assert held() is None
    bare = ordinary_gate(Context(lexicon=lexicon))
    assert bare is not gate and ordinary_gate(Context(lexicon=lexicon)) is bare
    assert ordinary_gate(Context()) is None  # no lexicon, no ordinary word
