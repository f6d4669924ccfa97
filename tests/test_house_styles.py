"""Casing across house styles: what the document and the build write decides; lexicons fill gaps.
Every casing edit says which evidence decided it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import cleanset
from cleanset.cli import app
from cleanset.fixers.base import Context
from cleanset.fixers.spacing import fix_spacing
from cleanset.tokens import line_words

runner = CliRunner()


def texts(batch) -> list[str]:
    return [a.text for a in batch]


# --- letters beyond ASCII -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("Zürich,the city", "Zürich, the city"),
        ("Ørsted,which builds", "Ørsted, which builds"),
        ("in Łódź.Élise said", "in Łódź. Élise said"),
        ("he said:Ça va", "he said: Ça va"),
    ],
)
def test_a_missing_space_beside_any_letter_is_repaired(dirty, clean):
    assert fix_spacing(dirty, Context())[0] == clean


def test_words_with_letters_beyond_ascii_are_whole_words():
    assert [w.text for w in line_words("Zürich and Ørsted met Łukasz in Montréal")] == [
        "Zürich",
        "and",
        "Ørsted",
        "met",
        "Łukasz",
        "in",
        "Montréal",
    ]


@pytest.mark.parametrize("name", ["Ørvik", "Élantra", "Łowicz", "Oslavia"])
def test_a_name_opening_with_any_capital_is_weighed_alike(name):
    corpus = [f"Shares in {name} rose.", f"The chief of {name} spoke.", f"A deal with {name} was signed."]
    slip = f"Talks with {name[0].lower()}{name[1:]} ended."
    assert texts(cleanset.clean_batch([*corpus, slip]))[-1] == f"Talks with {name} ended."


# --- sentence starts --------------------------------------------------------------------------


def test_a_list_written_in_lowercase_after_a_colon_is_its_style():
    text = "The agenda includes:\na ceasefire along the line\nthe exchange of prisoners\nthe return of refugees"
    assert cleanset.clean(text).text.split() == text.split()


def test_a_lowercase_item_among_capitalised_items_is_a_slip():
    text = "The talks cover:\n\n- Security guarantees\n- establishing confidence-building measures\n- Sanctions relief"
    assert "- Establishing confidence-building measures" in cleanset.clean(text).text


def test_a_list_of_lowercase_items_stays():
    text = "Demands:\n\n- a ceasefire\n- the exchange of prisoners\n- elections"
    assert cleanset.clean(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "The ministers met in Berlin on Tuesday. hg/jd",
        "Police said the man was arrested. ipj/rt (AFP, dpa)",
        "They discussed extending a pivotal Russia-U.S. arms control treaty.",
        "It was, he said, a matter of . . . and so it went on.",
    ],
)
def test_sign_offs_abbreviations_and_ellipses_open_no_sentence(text):
    assert cleanset.clean(text).text == text


# --- names: the document and the build decide ----------------------------------------------


def test_a_word_no_source_knows_is_never_lifted_without_a_capital_somewhere():
    # a misspelling beside a name: no lexicon knows it, no article writes it Capitalised
    batch = cleanset.clean_batch(["Officials said Tony Blair surprisngly agreed.", "Tony Blair spoke on Monday."])
    assert "surprisngly" in batch[0].text


def test_a_word_no_source_knows_is_lifted_where_other_articles_write_it_capitalised():
    corpus = ["Shares in Kvarnfors rose.", "The chief of Kvarnfors spoke.", "A deal with Kvarnfors was signed."]
    assert texts(cleanset.clean_batch([*corpus, "Talks with kvarnfors ended."]))[-1] == "Talks with Kvarnfors ended."


@pytest.mark.parametrize(
    ("corpus_line", "house_line"),
    [
        ("The Italian Army said the patrol was attacked.", "The Italian army said the patrol was attacked."),
        ("Police patrolled the West Bank and the West.", "The storm moved to the west overnight."),
        ("He met the Russian Ambassador on Monday.", "He met the Russian ambassador on Monday."),
    ],
)
def test_other_articles_capitals_do_not_overrule_a_house_style(corpus_line, house_line):
    # one outlet Capitalises, another writes the word lowercase throughout its articles
    others = [f"{corpus_line} It was the {n}th report." for n in range(4)]
    house = [f"{house_line} It was the {n}th note." for n in range(3)]
    batch = cleanset.clean_batch([*others, *house])
    assert [a.text for a in batch[4:]] == house


def test_a_slip_against_a_unanimous_build_is_repaired_in_a_damaged_article():
    others = [f"The Italian Army said the patrol was attacked. It was the {n}th report." for n in range(4)]
    damaged = "Officials of the Italian army said the patrol was attacked. the convoy turned back."
    clean = "Officials of the Italian army said the patrol was attacked. The convoy turned back."
    # the article shows damage: the build's evidence decides
    assert "Italian Army" in cleanset.clean_batch([*others, damaged])[-1].text
    # it shows none: "army" can be the article's own style
    assert "Italian army" in cleanset.clean_batch([*others, clean])[-1].text


@pytest.mark.parametrize(
    "text",
    [
        "Scientists are planning a march on Washington.",
        "The sport of wushu is popular in the west of the country.",
        "Sterling fell as bank lending slowed, with fed funds at about six pct.",
        "I dont think the crown will mint new coins in the bay.",
    ],
)
def test_ordinary_words_that_can_name_things_stay(text):
    assert cleanset.clean(text).text == text


# --- every lift explains itself; levels ------------------------------------------------------


def test_every_casing_edit_has_its_evidence():
    article = cleanset.clean("talks in moscow ended on monday. officials met in zurich,then left.")
    casing = [e for e in article.edits if e.kind in ("sentence_case", "proper_case")]
    assert casing and all(e.evidence for e in casing)
    assert all(e.evidence is None for e in article.edits if e.kind not in ("sentence_case", "proper_case"))
    assert {e.evidence for e in casing if e.kind == "sentence_case"} == {"sentence_start"}
    assert {e.before: e.evidence for e in casing if e.kind == "proper_case"}["moscow"] == "lexicon"


def test_strict_casing_takes_the_documents_and_the_builds_word_only():
    text = "Talks in moscow ended. He flew to Moscow on Monday."
    assert cleanset.clean("Talks in moscow ended.", casing="strict").text == "Talks in moscow ended."
    strict = cleanset.clean(text, casing="strict")
    assert strict.text.startswith("Talks in Moscow") and {e.evidence for e in strict.edits} <= {"document", "build"}
    with pytest.raises(ValueError, match="casing"):
        cleanset.clean(text, casing="loose")


def test_the_build_counts_casing_edits_by_evidence(tmp_path, seeds_dir):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(seeds_dir), "--out", str(out), "--workers", "1", "--casing", "strict"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["options"]["casing"] == "strict"
    counts = manifest["counts"]["casing_edits_by_evidence"]
    assert set(counts) <= {"sentence_case", "proper_case"} and counts["sentence_case"]["sentence_start"] > 0
    assert set(counts.get("proper_case", {})) <= {"document", "build", "acronym"}
    assert "Casing edits by evidence" in (out / "report.html").read_text()
    shown = runner.invoke(app, ["inspect", str(out)])
    assert "Casing edits by evidence" in shown.output and "sentence_start" in shown.output
    bad = runner.invoke(app, ["build", str(seeds_dir), "--out", str(tmp_path / "x"), "--casing", "loose"])
    assert bad.exit_code == 2 and "--casing" in bad.output
