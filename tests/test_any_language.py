"""Pages in any language: correct writing of other scripts is left as written, and rules made for
headlines stay out of bodies."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from cleanset.builder import build
from cleanset.fixers.base import Context
from cleanset.fixers.encoding import fix_encoding
from cleanset.fixers.residue import fix_residue
from cleanset.language import detect_language
from cleanset.pipeline import BuildOptions

CHINESE = "新华社北京６月12日电（记者王磊）据报道，会议于周二在北京召开：各方同意继续对话。"
JAPANESE = "東京（共同）６月１２日：政府は、新しい計画を発表した。関係者によると、実施は来年になる。"


@pytest.mark.parametrize("text", [CHINESE, JAPANESE])
def test_full_width_punctuation_and_digits_are_correct_cjk_writing(text):
    assert fix_encoding(text, Context()) == (text, [])


def test_mojibake_beside_full_width_forms_is_still_repaired():
    assert fix_encoding("Russiaâ€™s stance（６月）", Context())[0] == "Russia’s stance（６月）"


PAGE = """<html lang="{lang}"><head><title>{title}</title></head><body><article><h1>{title}</h1>
{body}</article></body></html>"""


def test_pages_in_chinese_and_japanese_keep_their_punctuation(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name, lang, title, text in (
        ("zh.html", "zh", "会议召开", CHINESE),
        ("ja.html", "ja", "計画を発表", JAPANESE),
    ):
        body = "".join(f"<p>{text}</p>" for _ in range(3))
        (src / name).write_text(PAGE.format(lang=lang, title=title, body=body), encoding="utf-8")
    build([src], tmp_path / "out", BuildOptions(workers=1))
    records = {r["source"]: r for r in pq.read_table(tmp_path / "out" / "parquet" / "articles").to_pylist()}
    for name, text in (("zh.html", CHINESE), ("ja.html", JAPANESE)):
        assert [e for e in records[name]["edits"] if e["kind"] == "encoding"] == []
        assert text in records[name]["text"]


def test_a_dash_in_a_body_line_is_no_site_suffix_when_the_headline_is_given():
    text = "Calendário da temporada\n\n1a etapa: 10 de março – Interlagos\n\n2a etapa: 24 de março – Goiânia"
    assert fix_residue(text, Context(title_given=True)) == (text, [])
    # a text whose headline is not given may carry a lede above it: the first lines are weighed
    assert fix_residue("Peace talks stall — RT World News\n\nBody text.", Context())[0] == "Peace talks stall\n\nBody text."


def test_a_headline_of_foreign_names_does_not_decide_an_english_article():
    text = (
        "Joost van der Westhuizen: Fearless rugby legend 'broke the mold'\n\n"
        "Wheelchair-bound and barely able to talk in his later years, the South Africa legend passed "
        "away Monday aged 45. Motor neurone disease had left him a shadow of the gladiator who helped "
        "the Springboks win the World Cup in 1995."
    )
    assert detect_language(text) == "en"
