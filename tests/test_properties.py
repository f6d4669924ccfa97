"""Properties of the whole cleaner on generated text: it never raises, leaves hygienic output,
and cleaning its own output changes nothing."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleanset.corpus import gather
from cleanset.fixers import run_fixers
from cleanset.fixers.base import Context
from cleanset.lexicon import load_lexicon

WORDS = [
    "the",
    "Moscow",
    "talks",
    "said",
    "U.S.",
    "1,000",
    "3.5%",
    "in",
    "ukraine",
    "—",
    "“quoted”",
    "e.g.",
    "www.example.com",
    "iPhone",
    "de",
    "Gaulle",
    "may",
    "march",
    "Share",
    "this",
    "article",
    "|",
    "-",
    "café",
    "Ã©",
    "\u00a0",
    "  ",
    "\t",
    ",",
    ".",
    "?",
    "!",
    ":",
    "Mr.",
    "J.D.",
    "Vance",
]
token = st.one_of(st.sampled_from(WORDS), st.text(max_size=6))
line = st.lists(token, max_size=14).map(" ".join)
document = st.lists(line, min_size=1, max_size=8).map(lambda ls: "\n".join(ls))


def hygienic(text: str) -> bool:
    if "\u00a0" in text or "\r" in text or unicodedata.normalize("NFC", text) != text:
        return False
    return all("  " not in ln and ln == ln.rstrip() for ln in text.split("\n"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
@example("â the")  # a capital would make "Â ", a broken no-break space, which ftfy then removes
@example("¬ø")  # "¬Ø" is mojibake of "¯": what stands before the word in its token counts
@example("Share\nthe\nthe")  # residue removes the chrome line that ended where the next line goes on
def test_cleaner_never_raises_is_hygienic_and_idempotent(text):
    ctx = Context(corpus=gather([text]), lexicon=load_lexicon())
    once, _ = run_fixers(text, ctx)
    assert hygienic(once)
    twice, edits = run_fixers(once, ctx)
    assert twice == once, edits


@pytest.mark.parametrize("text", ["Mr. ukraine ukraine \x1e e.g.", "Mr ukraine met ukraine."])
def test_cleaning_settles_where_a_restored_name_stands_lowercase_elsewhere(text):
    # the word after "Mr" is lifted whatever the document says of it; the other use is then
    # weighed again, as a second cleaning would weigh it (found by the property test above)
    ctx = Context(corpus=gather([text]), lexicon=load_lexicon())
    once, _ = run_fixers(text, ctx)
    assert run_fixers(once, ctx)[0] == once


LOWER = [
    "talks",
    "between",
    "the",
    "two",
    "governments",
    "ended",
    "without",
    "agreement",
    "on",
    "a",
    "new",
    "budget",
    "officials",
    "said",
    "that",
    "prices",
    "rose",
    "sharply",
    "in",
    "may",
    "and",
    "bill",
    "march",
    "turkey",
    "china",
    "government",
    "party",
    "internet",
    "film",
    "national",
    "minister",
    "king",
]
NAMES = ["Moscow", "Kyiv", "Peskov", "Vance", "Ukraine", "Europe", "Monday", "Reuters", "Paris", "Labour"]
TOKENS = ["1,000", "3.5%", "U.S.", "e.g.", "www.example.com", "iPhone", "eBay", "de Gaulle", "“quoted”", "—"]
clean_word = st.one_of(st.sampled_from(LOWER), st.sampled_from(NAMES), st.sampled_from(TOKENS))


@st.composite
def clean_sentence(draw):
    opener = draw(st.sampled_from(["Then", "Officials", "Moscow", "Peskov", "Talks", "Prices"]))
    words = draw(st.lists(clean_word, min_size=2, max_size=12))
    return " ".join([opener, *words]) + draw(st.sampled_from([".", "?", "!"]))


clean_document = st.lists(
    st.lists(clean_sentence(), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=5
).map("\n\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clean_document)
@example("Then talks talks.\n\nThen talks www.example.com.")  # a sentence that ends on a link is no link label
def test_clean_input_keeps_every_word(text):
    ctx = Context(corpus=gather([text]), lexicon=load_lexicon())
    out, edits = run_fixers(text, ctx)
    assert out.split() == text.split(), edits


NAME_PARTS = ["Bank", "England", "Office", "Von", "Trapped", "Sport", "de", "Gaulle", "Court", "Appeal"]
JOINS = ["of", "and", "for", "The", "the", "of the"]
name_word = st.one_of(
    st.sampled_from(NAME_PARTS), st.sampled_from(JOINS), st.sampled_from(NAMES), st.sampled_from(LOWER)
)


@st.composite
def slipped_line(draw):
    """Sentences of names, joins and ordinary words, some Capitalised words written lowercase."""
    sentences = []
    for words in draw(st.lists(st.lists(name_word, min_size=1, max_size=10), min_size=1, max_size=4)):
        lowered = [w.lower() if draw(st.booleans()) else w for w in words]
        sentences.append(" ".join(lowered) + ".")
    return " ".join(sentences)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(slipped_line(), min_size=1, max_size=4).map("\n\n".join))
def test_proper_case_never_raises_and_only_changes_case(text):
    from cleanset.fixers.casing import fix_proper_case

    ctx = Context(corpus=gather([text]), lexicon=load_lexicon())
    out, _ = fix_proper_case(text, ctx)
    assert out.lower() == text.lower()


def test_a_particle_parted_from_the_next_name_by_a_dash_settles_in_one_cleaning():
    # found by the property test above: 'de' before a name is a particle ('de Gaulle'), but not
    # when a dash stands between, where the residue fixer then takes the dash and the name away
    text = "the\nthe . de — Moscow"
    ctx = Context(corpus=gather([text]), lexicon=load_lexicon())
    once, _ = run_fixers(text, ctx)
    assert run_fixers(once, ctx)[0] == once


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["of", "and", "the", "for", "Bank", "bank", "McD", "Ⓐ", "x'", "’s", "_", "9", "É", ",", "-"]
        ),
        max_size=10,
    ).map(" ".join),
    st.sampled_from([" ", "  "]),
)
@example("Ⓐ of Britain", " ")  # a capital that is no word character opens a name too
def test_joined_name_test_agrees_with_its_pattern(line, space):
    """The scanner's test for a joined name ("Bank of England"), written by hand, agrees with the
    pattern it stands for: a capital, word characters, a join, perhaps "the", a capital."""
    import re

    from cleanset import _scan
    from cleanset.names import NAME_JOINS
    from cleanset.tokens import UPPER

    joined_name = re.compile(rf"{UPPER}[\w'’]* +(?:{'|'.join(sorted(NAME_JOINS))}) +(?:the +)?{UPPER}")
    line = line.replace(" ", space)
    assert _scan.has_joined_name(line) == bool(joined_name.search(line))


line_bits = st.sampled_from(
    ["Talks", " ", ".", "!", "?", '"', "”", "’", ")", "]", "\n", "\t", "\u00a0", "\r", "x", "—"]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(line_bits, max_size=12).map("".join))
@example("Done.\n")  # `$` matches before a final line break
@example("Done.\n\n")
def test_sentence_end_test_agrees_with_its_pattern(line):
    import re

    from cleanset.names import is_prose
    from cleanset.tokens import SENTENCE_END, ends_with_sentence_mark

    assert ends_with_sentence_mark(line) == bool(SENTENCE_END.search(line))
    # a paragraph of sentences: its last mark closes a sentence, whatever space follows
    assert is_prose(line, "text") == bool(re.search(r"[.!?][\"'”’)\]]*\s*$", line))


@settings(max_examples=2000, deadline=None)
@given(st.lists(line_bits, max_size=12).map("".join))
def test_whitespace_gate_agrees_with_its_pattern(text):
    from cleanset.fixers.whitespace import UNSETTLED, is_unsettled

    assert is_unsettled(text) == bool(UNSETTLED.search(text))
