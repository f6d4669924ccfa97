"""Text as it comes: hard-wrapped lines rejoined, real line structure kept."""

from __future__ import annotations

import textwrap

import pyarrow.parquet as pq
import pytest

from cleanset.builder import build
from cleanset.pipeline import BuildOptions
from cleanset.readers.wrapping import unwrap

PARAGRAPHS = [
    "Cocoa prices rose sharply in London on Tuesday after the main producers said their output of "
    "60 kilos a hectare would fall, with dealers citing a confidence-building deal among growers "
    "that delivered more than 5.81 mln bags to the exchange in the last quarter of the year.",
    "That cocoa delivered to the exchange came mostly from Ghana and the Ivory Coast, traders "
    "said, adding that the market expected further gains if the weather stayed dry through the "
    "spring and stocks held by the main consumers continued to fall as they had for two years.",
    "The international cocoa organisation meets again in London next month, when it will review "
    "the buffer stock rules and the prices at which its manager may buy or sell on the market.",
]
TITLE = "Cocoa prices rise on output fears"


def wrapped(width: int, shape: str) -> str:
    if shape == "blank":
        return "\n\n".join([TITLE, *(textwrap.fill(p, width) for p in PARAGRAPHS)]) + "\n"
    return "\n".join([TITLE, *(textwrap.fill(p, width, initial_indent="    ") for p in PARAGRAPHS)]) + "\n"


def paragraphs_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize("width", [60, 67, 72, 80])
@pytest.mark.parametrize("shape", ["blank", "indent"])
def test_wrapped_paragraphs_are_rejoined_word_for_word(width, shape):
    text, joined = unwrap(wrapped(width, shape))
    assert joined > 0
    assert paragraphs_of(text) == [TITLE, *PARAGRAPHS]  # 'confidence-building' whole again


def test_text_already_one_paragraph_a_line_is_left_as_it_is():
    text = "\n\n".join([TITLE, *PARAGRAPHS]) + "\n"
    assert unwrap(text) == (text, 0)


def test_short_lines_of_a_poem_or_an_address_stay_lines():
    poem = "the fog comes\non little cat feet.\nit sits looking\nover harbor and city\non silent haunches\nand then moves on.\n"
    address = "The Editor\nThe Daily Record\n12 High Street\nGlasgow G1 1AA\nScotland\n"
    assert unwrap(poem) == (poem, 0)
    assert unwrap(address) == (address, 0)


def test_lines_of_similar_length_each_a_sentence_are_not_wrapping():
    lines = [
        "The first ballot closed at noon with a turnout of about half.",
        "Officials counted the votes in the town hall by early evening.",
        "The result was announced to a small crowd just after nine.",
        "Both candidates said they would accept the outcome of the vote.",
    ]
    text = "\n".join(lines) + "\n"
    assert unwrap(text) == (text, 0)


def test_list_items_and_tables_inside_wrapped_text_keep_their_lines():
    item = (
        "a ceasefire along the whole line of contact in the east of the country, to hold through the winter"
    )
    wrapped_item = textwrap.fill(item, 70, initial_indent="- ", subsequent_indent="  ")
    text = (
        f"{TITLE}\n\n{textwrap.fill(PARAGRAPHS[0], 70)}\n\nThe agenda includes:\n{wrapped_item}\n"
        f"- the exchange of prisoners\n\n| Bags | Price |\n|---|---|\n| 5.81 | 1,200 |\n\n"
        f"{textwrap.fill(PARAGRAPHS[1], 70)}\n"
    )
    out, joined = unwrap(text)
    lines = paragraphs_of(out)
    assert joined > 0
    assert f"- {item}" in lines
    assert "- the exchange of prisoners" in lines
    assert [ln for ln in lines if "|" in ln] == ["| Bags | Price |", "|---|---|", "| 5.81 | 1,200 |"]
    assert PARAGRAPHS[1] in lines


def test_a_wrapped_line_that_opens_with_a_dash_is_not_a_list_item():
    paragraph = (
        "The French economy picked up speed at the end of last year, official figures show "
        "- but still looks set to have fallen short of the government's hopes for the year as a whole, "
        "with exports weaker than forecast and spending flat in the final months."
    )
    width = next(w for w in range(60, 100) if any(ln.startswith("- ") for ln in textwrap.wrap(paragraph, w)))
    lines = textwrap.wrap(paragraph, width)
    out, _ = unwrap(f"{TITLE}\n\n" + "\n".join(lines) + "\n\n" + textwrap.fill(PARAGRAPHS[2], width) + "\n")
    assert paragraphs_of(out)[1] == paragraph


def test_wrapped_article_builds_to_the_same_record_as_the_unwrapped_one(tmp_path):
    records = {}
    for name, text in [
        ("plain", "\n\n".join([TITLE, *PARAGRAPHS]) + "\n"),
        ("blank", wrapped(64, "blank")),
        ("indent", wrapped(75, "indent")),
    ]:
        src = tmp_path / name
        src.mkdir()
        (src / "cocoa.txt").write_text(text, encoding="utf-8")
        build([src], tmp_path / f"out-{name}", BuildOptions(workers=1))
        [rec] = pq.read_table(tmp_path / f"out-{name}" / "parquet" / "articles" / "articles-00000.parquet").to_pylist()
        records[name] = rec
    for name in ("blank", "indent"):
        assert records[name]["title"] == records["plain"]["title"] == TITLE
        assert records[name]["text"] == records["plain"]["text"]
        assert not [e for e in records[name]["edits"] if e["kind"] == "sentence_case"]
        assert any("hard-wrapped" in w for w in records[name]["warnings"])
