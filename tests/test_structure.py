"""Headline, subtitle, lede, sections and lists, on the seeds and on constructed layouts."""

from __future__ import annotations

from cleanset.structure import build_structure


def test_lede_before_headline(seed_records):
    r = seed_records["000_905b9d4d488e2b14"]
    assert r["title"] == "US and Russia Deadlocked Over Territorial Claims in Ukraine Talks"
    assert r["text"].startswith("In the latest round of diplomatic discussions")
    assert r["sections"][0]["paragraphs"][0].startswith("In the latest round")
    assert len(r["tables"]) == 3
    assert r["tables"][0]["header"] == ["Aspect", "US Standpoint", "Russia Standpoint"]


def test_trailing_pipe_tables_of_seed_001(seed_records):
    r = seed_records["001_b4973558f688b69c"]
    assert len(r["tables"]) == 3
    assert r["tables"][0]["header"] == ["Issue", "Russia’s Stance"]
    assert r["tables"][0]["rows"][0] == ["Territorial concessions", "Firmly Rejected"]
    assert r["tables"][1]["caption"].endswith("Western engagement strategies")


def test_two_headlines_and_a_site_suffix(seed_records):
    r = seed_records["004_4215c674bb748be6"]
    assert r["title"] == "Vance names two issues preventing Russia-Ukraine peace deal"
    assert r["subtitle"] == "Ukraine Russia conflict hinges on territorial claims security guarantees"
    assert r["publisher"] == "RT World News"
    assert "Scroll to Top" not in r["text"] and "RT World News" not in r["text"]


def test_no_table_markup_in_any_text(seed_records):
    for r in seed_records.values():
        assert "|" not in r["text"], r["id"]
        assert "---" not in r["text"], r["id"]


def test_sections_headings_and_items(seed_records):
    r = seed_records["000_905b9d4d488e2b14"]
    headings = [s["heading"] for s in r["sections"]]
    assert headings == [
        None,
        "Implications of the Stalemate for Regional Stability and Global Security",
        "Strategic Recommendations for Diplomatic Engagement Moving Forward",
        "In Retrospect",
    ]
    assert r["sections"][0]["items"][0].startswith("US Position:")
    assert "\n- Russia’s Demand:" in r["text"]


def test_blank_line_and_no_blank_line_layouts_agree():
    lines = [
        "Storm Hits the Northern Coast Overnight",
        "Heavy rain fell across the region on Monday.",
        "What Residents Said",
        "Many residents left their homes early.",
        "- Roads closed: several",
        "- Schools shut: all",
        "Officials expect the water to recede.",
    ]
    tight = build_structure("\n".join(lines))
    loose = build_structure("\n\n".join(lines))
    assert tight.title == loose.title == lines[0]
    assert [s.to_dict() for s in tight.sections] == [s.to_dict() for s in loose.sections]
    assert tight.sections[1].heading == "What Residents Said"
    assert tight.sections[1].items == ["Roads closed: several", "Schools shut: all"]


def test_untitled_prose_has_no_title_and_keeps_every_paragraph():
    text = "First paragraph of the story ends here.\n\nSecond paragraph follows with more detail."
    s = build_structure(text)
    assert s.title is None
    assert s.text == text


def test_list_markers_of_every_kind():
    s = build_structure("Headline For a List\n\nIntro line here.\n\n* one\n• two\n1. three")
    assert s.sections[0].items == ["one", "two", "three"]
    assert s.text.endswith("- one\n- two\n- three")
