"""Markdown read as Markdown, bylines as data, and the GFM table cases, through whole builds."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pyarrow.parquet as pq
import pytest
from markdown_it import MarkdownIt

from cleanset.builder import NothingToPublish, build
from cleanset.pipeline import BuildOptions
from cleanset.readers.byline import read_byline

ARTICLE = """\
# Ukraine talks resume in Geneva

*By Anna Keller, Reuters* | March 3, 2024

Delegations from **Kyiv** and Moscow met on Monday in [Geneva](https://example.org/geneva) for the
first time since the autumn, officials said, with a *ceasefire* at the top of the agenda.

![The venue on the lake](https://example.org/venue.jpg)

## What is on the table

> "We are closer than we have been for months," one diplomat said of the
> talks, which run <em>all week</em>.

Both sides sent __senior__ teams, and a [`draft text`](https://example.org/draft) is ready.

### Next steps

Security guarantees
-------------------

The two sides will meet again on Thursday, the hosts said.
"""


def build_dir(tmp_path, files: dict[str, str]) -> dict[str, dict]:
    src = tmp_path / "in"
    src.mkdir()
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    build([src], tmp_path / "out", BuildOptions(workers=1))
    out = {}
    for shard in sorted((tmp_path / "out" / "parquet" / "articles").glob("articles-*.parquet")):
        for rec in pq.read_table(shard).to_pylist():
            out[rec["source"]] = rec
    return out


@pytest.fixture(scope="module")
def markdown_record(tmp_path_factory):
    return build_dir(tmp_path_factory.mktemp("md"), {"geneva.md": ARTICLE})["geneva.md"]


def test_headline_and_section_headings_come_from_the_markup(markdown_record):
    r = markdown_record
    assert r["title"] == "Ukraine talks resume in Geneva"
    assert [s["heading"] for s in r["sections"]] == [
        None,
        "What is on the table",
        "Next steps",
        "Security guarantees",
    ]


def test_no_markdown_markup_is_left_in_the_text(markdown_record):
    text = markdown_record["text"]
    assert not re.search(r"\*|__|\]\(|!\[|^>|^#|</?em>|https?://|^-{3,}", text, re.M), text
    assert "met on Monday in Geneva for the first time" in text  # link text kept, soft break joined
    assert "a draft text is ready" in text
    assert "The venue on the lake" not in text and ".jpg" not in text  # the image is gone
    assert '"We are closer than we have been for months," one diplomat said of the talks' in text  # the quote


def test_the_byline_goes_to_authors_and_published(markdown_record):
    assert markdown_record["authors"] == ["Anna Keller"]
    assert markdown_record["published"] == "2024-03-03"
    assert "Anna Keller" not in markdown_record["text"]


RAIN = "Heavy rain is expected across the north on Friday, with flood warnings in place for three rivers.\n"
HEADERS = {
    "front matter": (
        "---\ntitle: Rain due across the north\ndate: 2024-05-01\nauthor: [Jo Bloggs, Sam Roe]\n"
        "url: https://example.org/rain\n---\n\n",
        "2024-05-01",
        ["Jo Bloggs", "Sam Roe"],
    ),
    "reader service": (
        "Title: Rain due across the north\n\nURL Source: https://example.org/rain\n\n"
        "Published Time: 2024-05-01T08:00:00Z\n\nMarkdown Content:\n",
        "2024-05-01T08:00:00Z",
        [],
    ),
}


@pytest.mark.parametrize("style", sorted(HEADERS))
def test_a_metadata_header_fills_the_fields(tmp_path, style):
    header, published, authors = HEADERS[style]
    r = build_dir(tmp_path, {"rain.md": header + RAIN})["rain.md"]
    assert (r["title"], r["published"], r["authors"], r["url"]) == (
        "Rain due across the north",
        published,
        authors,
        "https://example.org/rain",
    )
    assert r["text"] == RAIN.strip()


def test_a_markdown_file_with_no_text_is_a_reject(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "only-image.md").write_text("![photo](https://example.org/a.jpg)\n", encoding="utf-8")
    with pytest.raises(NothingToPublish) as caught:
        build([src], tmp_path / "out", BuildOptions(workers=1))
    summary = caught.value.summary
    assert summary.records == 0 and summary.rejects_by_reason == {"no_content": 1}
    assert not (tmp_path / "out").exists()


CITIES = [
    "Geneva",
    "Vienna",
    "Minsk",
    "Ankara",
    "Doha",
    "Oslo",
    "Helsinki",
    "Riga",
    "Tallinn",
    "Vilnius",
    "Warsaw",
    "Prague",
    "Sofia",
    "Bucharest",
    "Athens",
    "Rome",
    "Madrid",
    "Lisbon",
    "Dublin",
    "Paris",
    "Brussels",
    "Bern",
    "Berlin",
    "Budapest",
]

# --- bylines -------------------------------------------------------------------------------------

BYLINES = [
    ("By Jane Doe | March 3, 2024", ["Jane Doe"], "2024-03-03"),
    ("*By Anna Keller, Reuters* | Updated 2 hours ago", ["Anna Keller"], None),
    ("By Rania El Gamal and Alex Lawler, Reuters", ["Rania El Gamal", "Alex Lawler"], None),
    ("BY JEAN-CLAUDE MARTIN · 3 March 2024 10:45 GMT", ["JEAN-CLAUDE MARTIN"], "2024-03-03"),
    ("By Jane Doe - Staff Writer - Mar. 3, 2024 at 5:00 p.m. ET", ["Jane Doe"], "2024-03-03"),
    ("Published 3 March 2024, 10:45 GMT", [], "2024-03-03"),
    ("By AFP", ["AFP"], None),
]
NEAR_BYLINES = [
    "By Tuesday the talks had stalled.",
    "By the time the delegates met, the ceasefire had broken down.",
    "By Moscow's reckoning, the deal is dead.",
    "By 2030 the city will need twice as much water.",
    "By Friday, most delegates had left Geneva.",
    "By train and by car, the refugees kept coming.",
    "By Putin",
    "Standing by Jane Doe, the minister spoke of March 3, 2024 as a turning point.",
]


@pytest.mark.parametrize(("line", "authors", "published"), BYLINES)
def test_bylines_are_read(line, authors, published):
    byline = read_byline(line)
    assert byline is not None and (byline.authors, byline.published) == (authors, published)


@pytest.mark.parametrize("line", NEAR_BYLINES)
def test_ordinary_sentences_are_not_bylines(line):
    assert read_byline(line) is None


def test_bylines_in_text_and_markdown_articles_go_to_fields(tmp_path):
    places = iter(CITIES)

    def article(line: str, heading: str) -> tuple[str, str]:
        # each article its own words: lines shared by every article of a build are residue
        place = next(places)
        body = f"Delegations met on Monday in {place} for the first time since the autumn, officials said."
        return f"{heading}Talks resume in {place}\n\n{line}\n\n{body}\n", body

    files, bodies = {}, {}
    for n, (line, _, _) in enumerate(BYLINES):
        for name, heading in ((f"text-{n}.txt", ""), (f"md-{n}.md", "# ")):
            files[name], bodies[name] = article(line, heading)
    for n, line in enumerate(NEAR_BYLINES):
        files[f"near-{n}.txt"], bodies[f"near-{n}.txt"] = article(line, "")
    records = build_dir(tmp_path, files)
    for n, (_, authors, published) in enumerate(BYLINES):
        for name in (f"text-{n}.txt", f"md-{n}.md"):
            r = records[name]
            assert (r["authors"], r["published"]) == (authors, published), name
            assert r["text"] == bodies[name], name
    for n, line in enumerate(NEAR_BYLINES):
        r = records[f"near-{n}.txt"]
        assert r["authors"] == [] and r["published"] is None
        assert line.split()[-1].rstrip(".") in r["text"]


# --- GFM tables ----------------------------------------------------------------------------------

# GitHub Flavored Markdown table cases, as in the GFM spec's table examples and markdown-it-py's
# table fixtures: each is parsed alone by markdown-it-py for the expected header and rows.
GFM_TABLES = [
    "| foo | bar |\n| --- | --- |\n| baz | bim |",
    "| abc | defghi |\n:-: | -----------:\nbar | baz",
    "| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |",
    "| abc | def |\n| --- | --- |\n| bar | baz |\n> bar",
    "| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar",
    "| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |",
    "| abc | def |\n| --- | --- |",
    "| foo\n|----\n| test2",
    "| foo |\n:-----:\n| bar |",
    "foo|foo\n---|---\nparagraph",
    "Header 1|Header 2|Header 3|Header 4\n:-------|:------:|-------:|--------\nCell 1  |Cell 2  |Cell 3  |Cell 4\n*Cell 5*|Cell 6  |Cell 7  |Cell 8",
    "| Heading 1 | Heading 2\n| --------- | ---------\n| Cell 1    | Cell 2\n| Cell 3    | Cell 4",
    "  | Col1a | Col2a |\n  | ----- | ----- |\n  | Col1b | Col2b |",
    "| 1 | 2 | 3 | 4 |\n| :-----: |  :-----: |  :-----: |  :-----: |\n| 5 | 6 |",
    "# | 1 | 2\n--|--|--\nx | `\\` | `x`",
]


TOWNS = [
    "Leeds",
    "York",
    "Hull",
    "Bath",
    "Ely",
    "Wells",
    "Derby",
    "Truro",
    "Perth",
    "Bangor",
    "Durham",
    "Exeter",
    "Lincoln",
    "Ripon",
    "Salford",
]


class _Cells(HTMLParser):
    """The header and rows of every table in markdown-it-py's HTML."""

    def __init__(self):
        super().__init__()
        self.tables: list[tuple[list[str], list[list[str]]]] = []
        self.cell: list[str] | None = None
        self.row: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(([], []))
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row = []
        elif tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "thead":
            self.in_head = False
        elif tag in ("th", "td") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr":
            header, rows = self.tables[-1]
            if self.in_head:
                header.extend(self.row)
            else:
                rows.append(self.row)

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def expected_tables(fixture: str):
    parser = _Cells()
    parser.feed(MarkdownIt("commonmark").enable("table").render(fixture))
    return [{"header": h, "rows": r} for h, r in parser.tables]


@pytest.fixture(scope="module")
def table_records(tmp_path_factory):
    files = {  # each article its own words: lines shared by every article of a build are residue
        f"table-{n}.md": f"# Scores from the {town} meeting\n\nThe results of the {town} meeting were "
        f"as follows, its organisers said.\n\n{fixture}\n\nThe next meeting after {town} is in the "
        f"autumn.\n"
        for n, (fixture, town) in enumerate(zip(GFM_TABLES, TOWNS, strict=False))
    }
    return build_dir(tmp_path_factory.mktemp("gfm"), files)


@pytest.mark.parametrize("n", range(len(GFM_TABLES)))
def test_gfm_tables_in_a_markdown_article_parse_as_markdown_it_does(table_records, n):
    record = table_records[f"table-{n}.md"]
    got = [{"header": t["header"], "rows": t["rows"]} for t in record["tables"]]
    assert got == expected_tables(GFM_TABLES[n])
    assert not re.search(r"^\|", record["text"], re.M)  # the table is data, not text


def test_the_gfm_cases_in_a_text_article(tmp_path):
    files = {
        "one-column.txt": "Scores\n\nThe results were as follows.\n\n| Team |\n|---|\n| Leeds |\n| York |\n\nThe end.\n",
        "no-outer-pipes.txt": "Scores\n\nThe results were as follows.\n\n| abc | defghi |\n:-: | -----------:\nbar | baz\n\nThe end.\n",
        "line-after.txt": "Scores\n\nThe results were as follows.\n\n| a | b |\n|---|---|\n| 1 | 2 |\nThe end came early.\n",
    }
    records = build_dir(tmp_path, files)
    assert [t["header"] for t in records["one-column.txt"]["tables"]] == [["Team"]]
    assert records["one-column.txt"]["tables"][0]["rows"] == [["Leeds"], ["York"]]
    assert records["no-outer-pipes.txt"]["tables"][0]["rows"] == [["bar", "baz"]]
    # In text (not Markdown) a line with no pipe ends the table: it is the next paragraph.
    assert records["line-after.txt"]["tables"][0]["rows"] == [["1", "2"]]
    assert records["line-after.txt"]["text"].endswith("The end came early.")
