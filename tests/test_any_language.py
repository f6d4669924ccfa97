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


@pytest.mark.parametrize(
    ("language", "dirty", "clean"),
    [
        ("en", "Senator for Yobe North , Ahmad Lawan , moved a motion .", "Senator for Yobe North, Ahmad Lawan, moved a motion."),
        ("en", "Is it insane ? Surely not ; he said : no !", "Is it insane? Surely not; he said: no!"),
        ("fr", "Il a dit : « oui » ! Puis , non .", "Il a dit : « oui » ! Puis, non."),
        ("de", "Er sagte , es sei gut .", "Er sagte, es sei gut."),
        ("id", "Rasulullah SAW bersabda :", "Rasulullah SAW bersabda :"),
    ],
)
def test_the_space_markup_leaves_before_punctuation_goes(language, dirty, clean):
    from cleanset.fixers.spacing import fix_spacing

    fixed, edits = fix_spacing(dirty, Context(language=language, from_markup=True))
    assert fixed == clean
    assert fix_spacing(dirty, Context(language=language)) == (dirty, [])  # as typed, the writer's
    assert all(e.kind == "spacing" and e.before.strip() == "" and e.after == "" for e in edits)


@pytest.mark.parametrize(
    "text",
    ["It is 3 . 5 , not 4 .5 or 1 ,000.", "Call f(a , b) now.", "It ends . . . and goes on.", "See x.com/a , b"],
)
def test_numbers_code_and_spaced_ellipses_keep_their_spaces(text):
    from cleanset.fixers.spacing import fix_spacing

    assert fix_spacing(text, Context(from_markup=True)) == (text, [])


def test_a_warc_page_is_known_by_its_canonical_link_and_keeps_the_fetched_address(tmp_path):
    import json

    from tests.test_pages import http_response, warc_record, write_warc

    body = (
        b'<html><head><title>Bridge Closes</title><link rel="canonical" href="https://ledger.example/bridge">'
        b"</head><body><article><h1>Bridge Closes</h1><p>The bridge closed on Monday after inspectors "
        b"found cracks in two of its supports, the council said in a statement.</p></article></body></html>"
    )
    archive = tmp_path / "in"
    archive.mkdir()
    fetched = "https://ledger.example/bridge?utm_source=feed"
    write_warc(archive / "crawl.warc", [warc_record("response", fetched, http_response(body))], gzipped=False)
    build([archive], tmp_path / "out", BuildOptions(workers=1))
    [record] = pq.read_table(tmp_path / "out" / "parquet" / "articles").to_pylist()
    assert record["url"] == "https://ledger.example/bridge"
    assert json.loads(record["metadata"]) == {"warc_target_uri": fetched}


def test_the_language_is_read_from_the_article_and_a_declared_other_one_is_a_warning(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    body = "".join(
        f"<p>The bridge closed on Monday after inspectors found cracks in support number {n}, "
        "the council said in a statement, and traffic was sent through the town centre.</p>"
        for n in range(4)
    )
    page = (
        '<html lang="de-DE"><head><title>Brücke gesperrt</title></head><body><nav>Startseite Politik '
        f"Wirtschaft Sport Kultur</nav><article><h1>Bridge closes after cracks found</h1>{body}</article>"
        "<footer>Impressum Datenschutz Kontakt</footer></body></html>"
    )
    (src / "page.html").write_text(page, encoding="utf-8")
    build([src], tmp_path / "out", BuildOptions(workers=1))
    [record] = pq.read_table(tmp_path / "out" / "parquet" / "articles").to_pylist()
    assert record["language"] == "en"
    assert "the page declares language 'de'; its text reads as 'en'" in record["warnings"]


@pytest.mark.parametrize(
    ("bylines", "site", "people", "publisher"),
    [
        (["CNN", "Jane Doe"], None, ["Jane Doe"], "CNN"),
        (["Condé Nast", "Rachel Riederer"], "The New Yorker", ["Rachel Riederer"], "The New Yorker"),
        (["Ap Auto Writer"], None, [], None),
        (["The Russian, Syrian defense ministries"], None, [], "The Russian, Syrian defense ministries"),
        (["Eddie"], "El Diario", [], "El Diario"),  # one word: a handle or a commenter's name
        (["Sophie Foster", "Sophie-Foster"], None, ["Sophie Foster"], None),
        (["Brazil", "Rachel"], None, ["Rachel Brazil"], None),
    ],
)
def test_authors_are_people_and_organisations_go_to_the_publisher(bylines, site, people, publisher):
    from cleanset.readers.pages import people_and_organisations

    found, organisations = people_and_organisations(bylines, site)
    assert found == people
    assert (site or (organisations[0] if organisations else None)) == publisher


def test_a_page_byline_of_an_organisation_is_its_publisher(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    body = "".join(f"<p>Paragraph {n} of the report on the storm that hit the coast overnight, officials said.</p>" for n in range(4))
    page = (
        '<html><head><title>Storm hits coast</title><meta property="article:author" content="Condé Nast">'
        f"</head><body><article><h1>Storm hits coast</h1>{body}</article></body></html>"
    )
    (src / "page.html").write_text(page, encoding="utf-8")
    build([src], tmp_path / "out", BuildOptions(workers=1))
    [record] = pq.read_table(tmp_path / "out" / "parquet" / "articles").to_pylist()
    assert record["authors"] == [] and record["publisher"] == "Condé Nast"


def test_titles_in_scripts_written_without_spaces():
    from cleanset.readers.page_title import choose_headline, strip_crumbs

    assert strip_crumbs("习近平会见外宾-新华网", "新华网") == "习近平会见外宾"
    # the <h1> of two space-separated words is long enough counted in characters
    assert choose_headline({"h1": "习近平 会见外宾", "title": "习近平会见外宾-新华网"}, "新华网") == "习近平 会见外宾"
    # a Thai headline that opens with the site's first letters is no site name
    thai = "ข่าวเศรษฐกิจไทยเติบโตในไตรมาสที่สาม"
    assert choose_headline({"h1": thai, "og": thai, "title": f"{thai} | ข่าวสด"}, "ข่าวสด") == thai
    # a hyphen inside a Chinese headline that names no site stays
    assert strip_crumbs("中美贸易-谈判继续进行", "新华网") == "中美贸易-谈判继续进行"


def test_a_page_loses_the_spaces_its_markup_left_before_punctuation(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    body = (
        "<p>The Senator representing <a href='/y'>Yobe North</a> , <a href='/l'>Ahmad Lawan</a> , on Tuesday "
        "moved a motion on the floor of the chamber .</p>"
        "<p>The motion was carried after a debate that lasted most of the afternoon, officials said.</p>"
    )
    page = f"<html><head><title>Senate moves motion</title></head><body><article><h1>Senate moves motion</h1>{body}</article></body></html>"
    (src / "page.html").write_text(page, encoding="utf-8")
    (src / "typed.txt").write_text("Typed As Is\n\nThe writer typed it , like this .\n", encoding="utf-8")
    build([src], tmp_path / "out", BuildOptions(workers=1))
    records = {r["source"]: r for r in pq.read_table(tmp_path / "out" / "parquet" / "articles").to_pylist()}
    assert "Yobe North, Ahmad Lawan, on Tuesday moved a motion on the floor of the chamber." in records["page.html"]["text"]
    assert [e["before"] for e in records["page.html"]["edits"] if e["kind"] == "spacing"] == [" ", " ", " "]
    assert records["typed.txt"]["text"] == "The writer typed it , like this ."


STORY = (
    "The council approved the new bridge on Monday after a long debate about its cost.\n\n"
    "Work will start in the spring and the bridge should open to traffic within two years, "
    "officials said, adding that the old crossing would stay open until then."
)


@pytest.mark.parametrize(
    "notice",
    [
        "この記事は会員限定です。電子版に登録すると続きをお読みいただけます。",
        "Subscribe to continue reading",
        "Suscríbete para seguir leyendo",
        "Jetzt abonnieren und weiterlesen",
        "Abonnez-vous pour lire la suite",
        "The views expressed below are not those of the publisher.",
        "الآراء الواردة في التعليقات تعبر عن أصحابها",
        "PayPal click here https://paypal.me/ledger",
        "Facebook https://fb.me/ledger",
        "Pick Six Newsletter",
    ],
)
def test_furniture_closing_an_article_goes_in_any_language(notice):
    text = f"Bridge Approved\n\n{STORY}\n\n{notice}"
    fixed, edits = fix_residue(text, Context())
    assert fixed == f"Bridge Approved\n\n{STORY}"
    assert [e.kind for e in edits] == ["residue"]


def test_furniture_words_in_a_headline_or_the_story_stay():
    headline = "Netflix subscribers only get a week to decide"
    text = f"{headline}\n\n{STORY}\n\nThe council said residents could subscribe to updates by post."
    assert fix_residue(text, Context()) == (text, [])


def test_a_name_from_the_comment_block_is_no_author():
    from trafilatura.utils import load_html

    from cleanset.readers.pages import _comment_block_names, read_page

    body = "".join(f"<p>Párrafo {n}: la tormenta golpeó la costa durante la noche, dijeron las autoridades.</p>" for n in range(4))
    comments = (
        '<div id="comments"><div class="comment"><span class="author">Luis Gómez</span>'
        "<p>Muy buen artículo, gracias por informar.</p></div></div>"
    )
    page = f"<html><head><title>Tormenta</title></head><body><article><h1>La tormenta golpea la costa</h1>{body}</article>{comments}</body></html>"
    byline = page.replace(
        "<h1>La tormenta golpea la costa</h1>",
        '<h1>La tormenta golpea la costa</h1><p class="byline">Por <span class="author">Ana Pérez</span></p>',
    )
    # a name inside a comment block and nowhere else is a reader's: no byline may take it
    tree = load_html(byline.replace("Luis Gómez", "Luis Gómez</span><span>Ana Pérez"))
    assert _comment_block_names(tree) == {"luis gómez"}  # "Ana Pérez" stands in the byline too
    assert read_page(byline).authors == ["Ana Pérez"]
    assert "Luis Gómez" not in read_page(page).authors


def test_a_related_story_card_glued_after_a_name_goes():
    text = "Headline Here\n\nGov. Kristi NoemKristi Lynn NoemSouth Dakota governor doubles down on aid MORE (R) said on Monday that aid was late."
    fixed, edits = fix_residue(text, Context())
    assert fixed == "Headline Here\n\nGov. Kristi Noem (R) said on Monday that aid was late."
    assert [e.kind for e in edits] == ["residue"]


def test_an_article_marked_open_to_comments_keeps_its_byline():
    from cleanset.readers.pages import read_page

    body = "".join(f"<p>Paragraph {n} of the report on the storm that hit the coast overnight, officials said.</p>" for n in range(4))
    page = (
        '<html><head><title>Storm</title></head><body class="single comments-open">'
        '<div class="post has-comments"><h1>Storm hits the coast overnight</h1>'
        f'<p class="byline">By <span class="author">Ana Perez</span></p>{body}</div></body></html>'
    )
    assert read_page(page).authors == ["Ana Perez"]
