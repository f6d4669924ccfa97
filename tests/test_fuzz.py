"""A bounded fuzz run over the readers and the table parser: whatever the input, they return data
or a reject with a reason, and never raise anything else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanset.readers.decode import RejectedInput, decode_bytes
from cleanset.readers.pages import read_page
from cleanset.structure import build_structure
from cleanset.tables import find_table_spans, parse_table

FUZZ = settings(max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TAGS = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<h1>",
    "</h1>",
    "<table>",
    "<tr>",
    "<td colspan=3>",
    "<th>",
    "</td>",
    "<caption>",
    "<ul>",
    "<li>",
    "<script>",
    "</script>",
    "<br>",
    "<b>",
    "&amp;",
    "&#99999999;",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "<title>",
    "</title>",
    "<td colspan=x>",
    "|",
]
markup = st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=8)), max_size=40).map("".join)
PIPE_BITS = ["|", "\\|", "---", ":---:", " ", "a", "**b**", "`c`", "\n", "-", ":"]
pipe_text = st.lists(st.one_of(st.sampled_from(PIPE_BITS), st.text(max_size=4)), max_size=60).map("".join)


@FUZZ
@given(st.binary(max_size=2000))
def test_decode_never_raises_unexpectedly(data):
    try:
        text, encoding = decode_bytes(data)
    except RejectedInput as exc:
        assert exc.reason in {"binary", "undecodable"}
    else:
        assert isinstance(text, str) and encoding


@FUZZ
@given(markup)
def test_html_reader_never_raises(page):
    read = read_page(page)
    assert all(isinstance(b, str) and b for b in read.lines)


# Tags only, none that opens a comment, CDATA, processing instruction or script: a script element
# after them is a real script element, and its code must never reach the text.
WELL_FORMED_TAGS = [t for t in TAGS if t not in ("<!--", "<![CDATA[", "<script>")]


@FUZZ
@given(st.lists(st.sampled_from(WELL_FORMED_TAGS), max_size=30).map("".join), markup)
def test_script_code_never_reaches_the_text(before, after):
    read = read_page(f"{before}<script>var EVIL_CODE = 1;</script>{after}")
    assert all("EVIL_CODE" not in b for b in read.lines)


@FUZZ
@given(pipe_text)
def test_table_parser_never_raises_and_keeps_every_row(text):
    lines = text.split("\n")
    for start, end in find_table_spans(lines):
        table = parse_table(lines[start:end])
        if table is not None:
            assert len(table.rows) == end - start - 2
            assert all(len(r) == len(table.header) for r in table.rows)
    structure = build_structure(text)
    assert isinstance(structure.text, str)
