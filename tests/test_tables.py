"""Pipe tables in both dialects, HTML tables, and the round trip through rendering."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanset.readers.pages import read_page
from cleanset.structure import build_structure
from cleanset.tables import count_cells, find_table_spans, parse_table, render_table


def test_github_dialect_with_alignment_rows():
    lines = ["| Left | Centre | Right |", "|:---|:---:|---:|", "| a | b | c |", "| d |  | f |"]
    t = parse_table(lines)
    assert t.header == ["Left", "Centre", "Right"]
    assert t.rows == [["a", "b", "c"], ["d", "", "f"]]
    assert t.warnings == []


def test_trailing_pipe_dialect():
    lines = [
        "Issue | Russia’s Stance |",
        "---|---|",
        "Sanctions | Adverse Impact |",
        "Future Relations | Uncertain |",
    ]
    t = parse_table(lines)
    assert t.header == ["Issue", "Russia’s Stance"]
    assert t.rows == [["Sanctions", "Adverse Impact"], ["Future Relations", "Uncertain"]]


def test_escaped_pipes_and_inline_markup():
    t = parse_table(["| a | b |", "|---|---|", "| x \\| y | **bold** and `code` [link](http://x.y) |"])
    assert t.rows == [["x | y", "bold and code link"]]


def test_ragged_rows_padded_or_truncated_with_warnings():
    t = parse_table(["| a | b |", "|---|---|", "| 1 | 2 | 3 |", "| only |"])
    assert t.rows == [["1", "2"], ["only", ""]]
    assert len(t.warnings) == 2 and "dropped" in t.warnings[0] and "padded" in t.warnings[1]


def test_pipe_in_prose_is_not_a_table():
    lines = ["Voters faced the A | B split in the poll.", "The next line is prose too."]
    assert find_table_spans(lines) == []
    s = build_structure("\n".join(lines))
    assert s.tables == [] and "A | B split" in s.text


def test_rows_without_delimiter_stay_text():
    text = "Intro paragraph here.\n\n| a | b |\n| 1 | 2 |\n\nOutro paragraph here."
    s = build_structure(text)
    assert s.tables == []
    assert "| 1 | 2 |" in s.text  # kept, not silently dropped


def test_delimiter_row_with_no_header_stays_text():
    text = "Intro paragraph here.\n\n|---|---|\n| 1 | 2 |"
    s = build_structure(text)
    assert s.tables == [] and "| 1 | 2 |" in s.text


def test_one_column_and_many_rows():
    lines = ["| only |", "|---|", *[f"| r{i} |" for i in range(3000)]]
    t = parse_table(lines)
    assert t.header == ["only"] and len(t.rows) == 3000 and t.rows[-1] == ["r2999"]


def test_caption_is_the_heading_or_lead_in_before_the_table():
    text = (
        "Some opening paragraph.\n\nTalks stalled again. Key points include:\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nResults by Region\n| x | y |\n|---|---|\n| 3 | 4 |\n\nClosing text."
    )
    s = build_structure(text)
    assert [t.caption for t in s.tables] == ["Key points include", "Results by Region"]
    assert "Key points include:" in s.text  # the lead-in stays in the text as well


def test_count_cells_ignores_outer_and_escaped_pipes():
    assert count_cells("| a | b \\| c |") == 2
    assert count_cells("a | b |") == 2


def test_html_tables_become_the_same_records():
    page = """<html><body><h1>Election results in full</h1><p>Votes were counted.</p>
    <table><caption>Seats by party</caption>
    <thead><tr><th>Party</th><th>Seats</th><th>Share</th></tr></thead>
    <tbody><tr><td>Blue</td><td>120</td><td>40.5%</td></tr>
    <tr><td colspan="2">Independents | others</td><td>3%</td></tr></tbody></table>
    <p>More text follows.</p></body></html>"""
    read = read_page(page)
    s = build_structure("\n\n".join(read.lines), title_given=True)
    assert read.title == "Election results in full" and s.title == read.title
    assert len(s.tables) == 1
    t = s.tables[0]
    assert t.caption == "Seats by party"
    assert t.header == ["Party", "Seats", "Share"]
    assert t.rows == [["Blue", "120", "40.5%"], ["Independents | others", "", "3%"]]  # colspan padded
    assert "|" not in s.text.replace("Independents | others", "")


cell = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" .,%’'-|"), max_size=12
).map(lambda s: " ".join(s.split()))


@settings(max_examples=200, deadline=None)
@given(
    header=st.lists(cell.filter(bool), min_size=1, max_size=5),
    data=st.data(),
    outer=st.booleans(),
)
def test_render_then_parse_round_trip(header, data, outer):
    width = len(header)
    rows = data.draw(st.lists(st.lists(cell, min_size=width, max_size=width), max_size=6))
    lines = render_table(header, rows, outer_pipes=outer)
    t = parse_table(lines)
    assert t is not None
    assert t.header == header
    assert t.rows == rows


@pytest.mark.parametrize("first", ["-", "+ 1", "1. x", "# x", "> x", ""])
def test_rows_that_would_open_another_block_keep_their_leading_pipe(first):
    lines = render_table(["a", "b"], [[first, "y"], ["z", "w"]], outer_pipes=False)
    assert lines[2].startswith("| ") and lines[3] == "z | w |"
    t = parse_table(lines)
    assert t is not None and t.rows == [[first, "y"], ["z", "w"]]


def build_one(tmp_path, text: str, shard: str) -> list[dict]:
    """Build a single article and return the rows of one Parquet output."""
    import pyarrow.parquet as pq

    from cleanset.builder import build
    from cleanset.pipeline import BuildOptions

    src = tmp_path / "in"
    src.mkdir()
    (src / "article.txt").write_text(text, encoding="utf-8")
    build([src], tmp_path / "out", BuildOptions(workers=1))
    folder = "articles" if shard.startswith("articles") else "tables"
    return pq.read_table(tmp_path / "out" / "parquet" / folder / shard).to_pylist()


def test_cells_are_cleaned_by_the_repair_engine(tmp_path):
    text = (
        "Trade Figures for the Quarter\n\nExports rose in the quarter, officials said.\n"
        "| Partner | Noteâ€™s |\n|---|---|\n| Trade with moscow | fell,sharply |\n"
    )
    rec = build_one(tmp_path, text, "articles-00000.parquet")[0]
    assert rec["tables"][0]["header"] == ["Partner", "Note’s"]
    assert rec["tables"][0]["rows"] == [["Trade with Moscow", "fell, sharply"]]


def test_numeric_cells_get_a_typed_value_in_the_long_table(tmp_path):
    text = (
        "Land Claims in Numbers\n\nThe figures were published on Monday.\n"
        "| Region | Area | Share |\n|---|---|---|\n| North | 6,000 | 12.5% |\n| South | about 40 | n/a |\n"
    )
    rows = build_one(tmp_path, text, "tables-00000.parquet")
    assert [r["cells"] for r in rows] == [["North", "6,000", "12.5%"], ["South", "about 40", "n/a"]]
    assert [r["values_num"] for r in rows] == [[None, 6000.0, 12.5], [None, None, None]]
    assert rows[0]["header"] == ["Region", "Area", "Share"] and rows[1]["row_index"] == 1


PAGE_TABLES = """<html><body><article><h1>Season results for every team</h1>
<p>The season results are below for every team in the league this year, as the officials recorded them.</p>
<table><tr><td><strong>Pos</strong></td><td><strong>Driver</strong></td><td><b>Team</b></td></tr>
<tr><td>1</td><td>Ana Silva</td><td>Red</td></tr><tr><td>2</td><td>Bo Li</td><td>Blue</td></tr></table>
<p>Spending plans changed little between the two years, the ministry said in its report.</p>
<table><tr><th>Area</th><th>2023</th><th>2024</th></tr><tr><td>Health</td><td colspan="2">unchanged</td></tr>
<tr><td rowspan="2">Roads</td><td>3</td><td>4</td></tr><tr><td>5</td><td>6</td></tr></table>
</article></body></html>"""


def test_page_tables_keep_their_spans_and_bold_header_rows():
    from cleanset.readers.pages import read_page
    from cleanset.tables import parse_table

    lines = read_page(PAGE_TABLES).lines
    blocks = [line for line in lines if line.startswith("|")]
    results, spending = (parse_table(block.split("\n")) for block in blocks)
    assert results.header == ["Pos", "Driver", "Team"]  # a first row of bold cells is the header
    assert results.rows == [["1", "Ana Silva", "Red"], ["2", "Bo Li", "Blue"]]
    assert spending.header == ["Area", "2023", "2024"]
    assert spending.rows == [["Health", "unchanged", "unchanged"], ["Roads", "3", "4"], ["Roads", "5", "6"]]
