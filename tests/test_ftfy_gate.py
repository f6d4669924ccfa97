"""The ftfy gate gives exactly what `ftfy.fix_text` gives, for the ftfy version it was proven on."""

from __future__ import annotations

from importlib.metadata import version

import ftfy
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanset.fixers.encoding import FTFY_CONFIG, fix_text_gated

# Characters ftfy acts on, mojibake pieces, typography and letters it leaves alone, markup
PIECES = [
    "The talks ended. ",
    "Russiaâ€™s ",
    "cafÃ© ",
    "Ã©",
    "â€œquoteâ€\x9d",
    "\x80\x93\x9d",
    "ﬁnance ﬂ",
    "ＬＯＵＤ　",
    "Ĳssel ǅ ",
    "e\u0301 ",
    "&amp; &hellip; &#x2019; ",
    "<b>bold</b> ",
    "\x1b[36mblue\x1b[0m ",
    "\x00\x07\x7f\u200b\ufeff\u206a ",
    "Zürich “Ørsted” — naïve … ",
    "\t",
    "\n",
    "\r\n",
    "\ud83d",
    "日本語 ",
    "Â ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.text(max_size=30))
def test_the_gate_gives_what_fix_text_gives(pieces, noise):
    text = "".join(pieces) + noise
    assert fix_text_gated(text) == ftfy.fix_text(text, config=FTFY_CONFIG)


def test_the_gate_leaves_good_text_alone_without_ftfy(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("ftfy ran on a line it leaves alone")

    monkeypatch.setattr(ftfy, "fix_and_explain", fail)
    monkeypatch.setattr(ftfy, "fix_text", fail)
    good = "Talks in Zürich ended on “Monday” — as Ørsted said … naïvely.\nA second line.\n"
    assert fix_text_gated(good) == good


def test_the_gate_is_proven_on_the_pinned_ftfy():
    assert version("ftfy") == "6.3.1"  # the gate reads ftfy's tables: prove it again before moving
