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


def _samples_of(items, rng) -> str:
    """A string one alternative of ftfy's badness pattern could match, item by item."""
    from cleanset.fixers.encoding import regex_parser

    sre, _ = regex_parser()

    out = []
    for op, arg in items:
        if op is sre.LITERAL:
            out.append(chr(arg))
        elif op is sre.IN:
            choices: list[str] = []
            if any(item_op is sre.NEGATE for item_op, _ in arg):
                out.append(rng.choice(" .1é’"))
                continue
            for item_op, item in arg:
                if item_op is sre.LITERAL:
                    choices.append(chr(item))
                elif item_op is sre.RANGE:
                    choices.extend(map(chr, range(item[0], item[1] + 1)))
                elif item_op is sre.CATEGORY:
                    choices.extend(" a")
            out.append(rng.choice(choices or ["x"]))
        elif op is sre.MAX_REPEAT:
            lo, hi, sub = arg
            for _ in range(rng.randint(lo, min(hi, lo + 1))):
                out.append(_samples_of(sub.data, rng))
        elif op is sre.ANY:
            out.append(rng.choice("x€"))
    return "".join(out)


def test_may_be_bad_is_true_wherever_is_bad_is():
    """Every alternative of ftfy's pattern, sampled with text around it: where `is_bad` says yes,
    the cheap test must too, and each alternative is seen saying yes."""
    import random

    from ftfy.badness import BADNESS_RE, is_bad

    from cleanset.fixers.encoding import may_be_bad, regex_parser

    _, sre_parse = regex_parser()

    rng = random.Random(0)
    branches = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data[0][1][1]
    assert len(branches) > 30
    for branch in branches:
        seen_bad = 0
        for _ in range(60):
            core = _samples_of(branch.data, rng)
            for text in (core, f"Talks “ended” in £ {core} today", f"{core}’s view — naïve"):
                if is_bad(text):
                    seen_bad += 1
                    assert may_be_bad(text), text
        assert seen_bad, branch


def test_lines_with_only_typography_skip_the_badness_pattern(monkeypatch):
    import ftfy.badness

    def fail(text):
        raise AssertionError(f"is_bad ran on {text!r}")

    monkeypatch.setattr(ftfy.badness, "is_bad", fail)
    line = "He said “no” — it’s 5m… (3m), ‘fine’.\n"
    assert fix_text_gated(line + line) == line + line
