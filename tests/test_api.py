"""The Python API: one article, a batch on its own evidence, a datasets map, a build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cleanset
from cleanset.api import RECORD_FIELDS
from cleanset.schema import json_schema, validate_record

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_article_has_the_fields_of_the_schema_in_order():
    assert list(RECORD_FIELDS) == list(json_schema()["properties"])


def test_every_public_name_resolves():
    for name in cleanset.__all__:
        assert getattr(cleanset, name) is not None
    with pytest.raises(AttributeError):
        cleanset.no_such_name  # noqa: B018


def test_import_cleanset_loads_no_engine():
    code = "import sys, cleanset; print(sorted(m for m in sys.modules if m.startswith(('cleanset.', 'datasets', 'pyarrow', 'numpy'))))"
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.replace("'", '"')
    )
    assert loaded == ["cleanset.version"]


def test_clean_gives_a_valid_record():
    article = cleanset.clean("talks in moscow ended on monday,officials said.", title="Moscow talks end")
    record = article.to_record()
    assert validate_record(record) == []
    assert article.title == "Moscow talks end"
    assert article.text == "Talks in Moscow ended on Monday, officials said."
    assert {e.kind for e in article.edits} == {"spacing", "sentence_case", "proper_case"}
    assert cleanset.Article.from_record(record) == article


def test_clean_leaves_good_text_alone():
    text = "The central bank raised rates on Tuesday, its third rise this year."
    article = cleanset.clean(text)
    assert article.text == text
    assert article.edits == []


def test_clean_skips_the_named_fixers():
    article = cleanset.clean("talks in moscow ended,officials said.", skip=["spacing"])
    assert "ended,officials" in article.text
    with pytest.raises(ValueError, match="unknown fixer"):
        cleanset.clean("text", skip=["nonsense"])


def test_clean_reads_markdown_and_html():
    md = cleanset.clean(
        "# Rates rise again\n\nThe bank raised **rates** on [Tuesday](x.html).\n", form="markdown"
    )
    assert (md.title, md.text) == ("Rates rise again", "The bank raised rates on Tuesday.")
    page = (
        "<html><head><title>Rates rise again | Example News</title></head><body><nav>Home | World</nav>"
        "<article><h1>Rates rise again</h1><p>The central bank raised its main rate on Tuesday, the third "
        "rise this year, and said more could follow if prices kept climbing.</p><p>Markets had expected "
        "the move after figures last week showed inflation at its highest in a decade.</p></article></body></html>"
    )
    html = cleanset.clean(page, form="html")
    assert html.title == "Rates rise again"
    assert "Home | World" not in html.text and "third rise this year" in html.text


def test_clean_rejects_text_that_gives_no_record():
    with pytest.raises(cleanset.Rejected) as caught:
        cleanset.clean("   \n ")
    assert caught.value.reason == "empty"
    with pytest.raises(cleanset.Rejected) as caught:
        cleanset.clean("", title="Only a headline here")
    assert caught.value.reason == "no_content"


def test_a_given_language_is_kept():
    assert cleanset.clean("The talks ended on Monday without a deal.", language="xx").language == "xx"


# A name no lexicon knows, written Capitalised mid-sentence by four articles of the corpus
CORPUS = [
    "Officials from Zorvex met on Monday.",
    "Shares in Zorvex rose after the board met.",
    "The chief of Zorvex said it would grow.",
    "A deal with Zorvex was signed.",
]


def test_a_batch_lends_its_evidence_to_each_article():
    alone = cleanset.clean("Talks with zorvex ended.")
    assert alone.text == "Talks with zorvex ended."  # no evidence: left as written
    batch = cleanset.clean_batch([*CORPUS, "Talks with zorvex ended.", ""], titles=[None] * 6)
    assert batch[4].text == "Talks with Zorvex ended."
    assert isinstance(batch[5], cleanset.Rejected) and batch[5].reason == "empty"


def test_a_fitted_cleaner_uses_the_corpus_not_the_article_alone():
    cleaner = cleanset.Cleaner().fit(CORPUS)
    assert cleaner.fitted
    assert cleaner.clean("Talks with zorvex ended.").text == "Talks with Zorvex ended."


def test_a_cleaner_maps_a_datasets_dataset_in_batches():
    datasets = pytest.importorskip("datasets")
    rows = {
        "text": [*CORPUS, "Talks with zorvex ended,officials said.", "  "],
        "title": ["Zorvex talks", None, None, None, None, None],
        "label": [1, 2, 3, 4, 5, 6],
    }
    ds = datasets.Dataset.from_dict(rows)
    cleaner = cleanset.Cleaner()
    features = cleaner.features()
    features["label"] = ds.features["label"]
    out = ds.map(cleaner, batched=True, batch_size=6, features=features)
    assert len(out) == 6
    assert out["label"] == [1, 2, 3, 4, 5, 6]
    assert out["text"][4] == "Talks with Zorvex ended, officials said."
    assert out["title"][0] == "Zorvex talks"
    assert out["reject"][:5] == [None] * 5 and out["reject"][5].startswith("empty")
    assert out["text"][5] is None
    kept = out.filter(lambda r: r["reject"] is None).remove_columns(["reject", "label"])
    assert all(validate_record(r) == [] for r in kept)


def test_build_returns_the_summary_and_publishes(tmp_path):
    summary = cleanset.build(SEEDS, tmp_path / "out", workers=1)
    assert isinstance(summary, cleanset.BuildSummary)
    assert summary.records == len(list(SEEDS.glob("*.txt"))) and summary.rejected == 0
    assert (tmp_path / "out" / "manifest.json").is_file()


def test_build_refuses_bad_options_and_leaves_out_alone(tmp_path):
    from cleanset.builder import UsageProblem

    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("previous")
    for bad in ({"skip": ["nonsense"]}, {"dedup": "maybe"}, {"workers": -1}, {"no_such_option": 1}):
        with pytest.raises(UsageProblem):
            cleanset.build(SEEDS, out, **bad)
    assert (out / "keep.txt").read_text() == "previous"
