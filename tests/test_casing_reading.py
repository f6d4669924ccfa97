"""The casing reading: an article is read for casing damage before any casing edit; clean ones keep
their casing. And the rule errors found on clean, professionally edited text, each as a test."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import cleanset
from cleanset.builder import build
from cleanset.cli import app
from cleanset.corpus import gather
from cleanset.fixers import run_fixers
from cleanset.fixers.base import CLEAN, LOWERCASE, REPAIRED, CasingReading, Context
from cleanset.fixers.casing import fix_proper_case, fix_sentence_case
from cleanset.fixers.casing.reading import name_slips, read_casing
from cleanset.fixers.casing.starts import sentence_slips
from cleanset.lexicon import load_lexicon
from cleanset.pipeline import BuildOptions

runner = CliRunner()


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def damaged(lex, corpus=None) -> Context:
    """The context of an article read as damaged: the casing fixers weigh every word."""
    return Context(lexicon=lex, corpus=corpus, casing_reading=CasingReading(REPAIRED))


def starts(text: str) -> list[str]:
    return [text[a:b] for a, b, *_ in sentence_slips(text)]


# --- the reading ---------------------------------------------------------------------------------

CLEAN_ARTICLE = (
    "Talks in Geneva ended on Monday without a deal, officials said.\n\n"
    "The delegations met for six hours. A state department spokesman said the march would go ahead, "
    "and the bill was sent to the committee."
)


def test_a_clean_article_keeps_its_casing_whatever_weaker_evidence_says(lex):
    # "state department", "march" and "bill" can name things: in a clean article they stay
    corpus = gather([CLEAN_ARTICLE] + ["The State Department said so. The March rally drew crowds."] * 5)
    ctx = Context(lexicon=lex, corpus=corpus)
    text, edits = run_fixers(CLEAN_ARTICLE, ctx)
    assert ctx.casing_reading.state == CLEAN
    assert text == CLEAN_ARTICLE and edits == []


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Talks in Geneva ended. the delegations met again on Friday.", "lowercase_starts"),
        ("Officials met in moscow on Friday and left.", "name_slips"),  # a near-certain name
        ("Shares in Zorvex rose. Analysts said zorvex would grow.", "name_slips"),  # the article's own
        ("Mr bell spoke to reporters on Friday.", "name_slips"),  # a courtesy title
        ("Officials met on monday and left.", "name_slips"),  # a day of the week
    ],
)
def test_damage_is_read_from_strong_signals(lex, text, signal):
    reading = read_casing(text, Context(lexicon=lex))
    assert reading.state == REPAIRED
    assert getattr(reading, signal)


def test_a_lowercase_article_is_read_as_one(lex):
    text = " ".join(["talks in geneva ended on monday without a deal, officials said."] * 6)
    assert read_casing(text, Context(lexicon=lex)).state == LOWERCASE


def test_a_damaged_article_is_repaired_and_says_so(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "damaged.txt").write_text("Talks Stall in Geneva\n\ntalks in moscow ended. the delegations left.\n")
    (src / "clean.txt").write_text(
        "Rain Due Across the North\n\nRain is due across the north on Friday, forecasters said.\n"
    )
    summary = build([src], tmp_path / "out", BuildOptions(workers=1))
    records = {r["source"]: r for r in pq.read_table(tmp_path / "out" / "parquet" / "articles").to_pylist()}
    assert records["damaged.txt"]["casing"] == REPAIRED
    assert records["damaged.txt"]["text"] == "Talks in Moscow ended. The delegations left."
    assert records["clean.txt"]["casing"] == CLEAN and records["clean.txt"]["edits"] == []
    assert summary.casing == {"repaired": 1, "clean": 1}
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["counts"]["casing_readings"] == {"clean": 1, "repaired": 1}
    assert "Casing reading" in (tmp_path / "out" / "report.html").read_text()
    assert "| repaired | 1 |" in (tmp_path / "out" / "README.md").read_text()
    shown = runner.invoke(app, ["inspect", str(tmp_path / "out")], terminal_width=200).output
    assert "Casing reading" in shown and "repaired" in shown


def test_no_casing_fixer_no_reading(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Talks Stall\n\ntalks in moscow ended.\n")
    build([src], tmp_path / "out", BuildOptions(workers=1, skip=frozenset({"sentence_case", "proper_case"})))
    [record] = pq.read_table(tmp_path / "out" / "parquet" / "articles").to_pylist()
    assert record["casing"] is None


def test_the_api_reads_each_article_afresh():
    clean, dirty = cleanset.clean_batch(
        ["Rain is due across the north on Friday.", "Talks in Geneva ended. the delegations met."]
    )
    assert clean.casing == CLEAN and dirty.casing == REPAIRED and dirty.text.endswith("The delegations met.")


# --- rule errors found on clean text: each holds in a damaged article too --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Add 1 tbsp. olive oil and 8 oz. unsweetened almond milk.",
        "It costs $4 per lb. at the market, and rose 3 pct. in May.",
        "Rest it for 10 min. during the break. Use approx. two cups and no. 4 flour.",
        "*min. 25 snaps on the day.",
    ],
)
def test_abbreviations_of_units_and_measures_end_no_sentence(text):
    assert starts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The region is calm.\n\n“… prevent the evacuation of the civilians,” he said.",
        "You have the idea.\n\n… stick around. What you read next matters.",
        "So… stick around for more.",
        "Is this fair? \" she wrote in her letter.",
        "He was prime minister.” — but its publication matters.",
    ],
)
def test_an_ellipsis_a_dash_or_a_spaced_quote_after_a_question_goes_on(text):
    assert starts(text) == []


def test_a_quoted_title_is_not_split_into_sentences():
    assert starts("The state dropped the “Meth. We’re on it.” campaign this week.") == []
    assert starts('Critics mocked the "Meth. We\'re On It." campaign online.') == []
    assert starts("He left. “Go.” the talks ended.") == ["the"]  # a quoted sentence is one


@pytest.mark.parametrize("text", ["Follow @noksutagram for more.\n\n@noksutagram posted it.", "#blessed\n\nGreat day."])
def test_handles_and_hashtags_are_never_cased(lex, text):
    ctx = damaged(lex)
    assert fix_sentence_case(text, ctx) == (text, [])
    assert fix_proper_case(text, ctx) == (text, [])


def test_a_name_the_dictionary_knows_inside_a_longer_one_is_not_lifted_where_the_article_writes_another(lex):
    others = [f"The State Department said on day {n} that talks went on." for n in range(6)]
    text = "It drew criticism and got the ax from the state Department of Public Safety."
    corpus = gather(others + [text])
    assert fix_proper_case(text, damaged(lex, corpus)) == (text, [])
    # where the name is the dictionary's own, the slip is still repaired
    slip = "A spokesman for the state Department said talks went on."
    assert "State Department" in fix_proper_case(slip, damaged(lex, gather(others + [slip])))[0]


@pytest.mark.parametrize(
    "text",
    [
        "It earned a total score of 2072 and a max FPS of 147.4 in tests.",
        "She tried to edit Ford’s statement before it ran.",
    ],
)
def test_a_common_word_that_is_also_a_given_name_needs_a_surname_after_it(lex, text):
    assert fix_proper_case(text, damaged(lex)) == (text, [])


def test_a_given_name_before_a_surname_is_still_repaired(lex):
    text = "The plan was backed by tony Blair and max Verstappen on Sunday."
    assert fix_proper_case(text, damaged(lex))[0] == text.replace("tony", "Tony").replace("max", "Max")


def test_words_that_can_be_ordinary_are_no_sign_of_damage(lex):
    text = "The senator met Senator Smith in east Jerusalem and East Jerusalem, a rep said, in march."
    assert name_slips(text, Context(lexicon=lex)) == ()


def test_a_capital_opening_quoted_speech_is_no_evidence_of_a_name(lex):
    """`said, "Leeks, kale …`: the quotation opens a sentence, so its first word's capital does not
    make "leeks" a name elsewhere in the article (a clean BBC article in the news corpus)."""
    text = (
        "Grow kale, leeks and parsnips in winter, the gardener advised.\n\n"
        'Then Muddeman said, "Leeks, kale - you could plant just four or five."'
    )
    assert fix_proper_case(text, damaged(lex))[0] == text
    built = gather([text, 'The chef said, "Leeks are easy," and left.'])
    assert built.cap_mid["leeks"] == 0


def test_a_name_joined_by_full_stops_keeps_them(lex):
    text = "Partners launched the Think.Eat.Save initiative in 2013, the agency said.Research followed."
    fixed, edits = run_fixers(text, Context(lexicon=lex))
    assert "Think.Eat.Save" in fixed and "said. Research" in fixed
    assert [(e.kind, e.before) for e in edits if e.kind == "spacing"] == [("spacing", ".")]


def test_a_list_written_without_markers_keeps_its_lowercase_items():
    text = (
        "The survival kit is really very simple.\n\n"
        "Arrowhead bottled water\nbaby carrier\nhealthy snack bars\ncamera\n\n"
        "In the time we spent there, nobody asked."
    )
    assert starts(text) == []
    slipped = "The kit is simple. the rest is not.\n\nArrowhead bottled water\nBaby carrier\nhealthy snack bars\nCamera"
    assert starts(slipped) == ["the", "healthy"]  # a list of Capitalised items: its lowercase one is a slip


def test_a_paragraph_cut_inside_a_sentence_goes_on_in_the_next():
    text = (
        "He was hanged, drawn and quartered, and variously tortured before a crowd of more than a "
        "thousand people who had come to watch\n\nthat’s hissing and calling out his name."
    )
    assert starts(text) == []
    headline = "Artist Hopes His Latest Work Lays An Egg\n\nwho famously spent two weeks inside a rock."
    assert starts(headline) == ["who"]


def test_a_courtesy_title_is_a_token_of_its_own(lex):
    """ "Ms" inside "M&Ms" is no courtesy title: the balloon stays a balloon."""
    text = "Crowds watched the M&Ms balloon float past. the parade ended in moscow."
    assert "M&Ms balloon" in fix_proper_case(text, damaged(lex))[0]
    assert "Ms Lee" in fix_proper_case("Aides said Ms lee would speak.", damaged(lex))[0]
    assert name_slips("Crowds watched the M&Ms balloon float past.", Context(lexicon=lex)) == ()


def test_a_name_styled_in_lowercase_keeps_it_at_a_sentence_start(lex):
    text = "Prices fell. ecobee completely redesigned the thermostat. The ecobee app is free. the end."
    assert starts(text) == ["ecobee", "the"]  # the scan alone sees both
    fixed = fix_sentence_case(text, damaged(lex))[0]
    assert "ecobee completely" in fixed and "The end." in fixed
    contraction = "Prices fell. that’s all, and that’s that."
    assert fix_sentence_case(contraction, damaged(lex))[0].startswith("Prices fell. That’s all")


def test_the_builds_capitals_are_no_sign_for_a_word_the_web_often_writes_lowercase(lex):
    others = [f"The Democrats won in district {n}, and Democrats cheered." for n in range(4)]
    text = "It is a handy phrase for democrats to fall back on, the writer said."
    built = gather([*others, text])
    assert name_slips(text, Context(lexicon=lex, corpus=built)) == ()
    others = [f"Shares of Zorvex rose in week {n}, and Zorvex said so." for n in range(4)]
    text = "It is a handy phrase for zorvex to fall back on, the writer said."
    assert name_slips(text, Context(lexicon=lex, corpus=gather([*others, text]))) == ("zorvex",)
