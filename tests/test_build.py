"""`cleanset build` end to end: the seeds, the published formats, determinism, atomicity, errors."""

from __future__ import annotations

import hashlib
import json
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cleanset.builder import build
from cleanset.cli import app
from cleanset.pipeline import BuildOptions

runner = CliRunner()


def words(text: str) -> list[str]:
    return text.split()


def test_seeds_give_five_valid_records(seed_records):
    assert len(seed_records) == 5
    assert all(r["language"] == "en" for r in seed_records.values())
    assert all(r["schema_version"] == 4 for r in seed_records.values())


@pytest.mark.parametrize("stem", ["002_494f7874fc00aae8", "003_b260c448108cb886"])
def test_clean_seeds_keep_every_word(stem, seed_records, seeds_dir):
    r = seed_records[stem]
    raw = (seeds_dir / f"{stem}.txt").read_text(encoding="utf-8")
    assert words(f"{r['title']}\n{r['text']}") == words(raw)
    assert [e for e in r["edits"] if e["kind"] not in ("whitespace",)] == []


def test_dirty_seed_repairs(seed_records):
    r = seed_records["001_b4973558f688b69c"]
    text = r["text"]
    for fixed in [
        "concessions, Moscow",
        "Middle East. However",
        "postures, the",
        "In a statement, Peskov",
        "between Moscow and Western",
        "U.S.-Russia relations",
        "Regions in Ukraine",
        "- Establishing",
    ]:
        assert fixed in text, fixed
    kinds = {e["kind"] for e in r["edits"]}
    assert {"spacing", "sentence_case", "proper_case"} <= kinds
    assert all(set(e) == {"kind", "before", "after", "offset", "evidence"} for e in r["edits"])
    casing = ("sentence_case", "proper_case")
    assert all((e["evidence"] is not None) == (e["kind"] in casing) for e in r["edits"])


def test_round_trip_through_load_from_disk(seeds_build, seed_records):
    import datasets

    ds = datasets.load_from_disk(str(seeds_build / "hf"))
    assert ds.num_rows == 5
    assert isinstance(ds.features["tables"], datasets.List)
    assert isinstance(ds.features["edits"].feature["offset"], datasets.Value)
    for row in ds:
        assert row == seed_records[row["id"]]


def test_load_dataset_reads_the_card(seeds_build):
    import datasets

    ds = datasets.load_dataset(str(seeds_build), split="train")
    assert ds.num_rows == 5
    tables = datasets.load_dataset(str(seeds_build), "tables", split="train")
    assert tables.num_rows == sum(1 for _ in tables)
    card = (seeds_build / "README.md").read_text()
    assert card.startswith("---\n") and "config_name: tables" in card and "| records | 5 |" in card


def test_tables_parquet_long_format(seeds_build, seed_records):
    rows = pq.read_table(seeds_build / "parquet" / "tables" / "tables-00000.parquet").to_pylist()
    expected = sum(len(t["rows"]) for r in seed_records.values() for t in r["tables"])
    assert len(rows) == expected == 18
    first = rows[0]
    assert (
        first["article_id"] == "000_905b9d4d488e2b14"
        and first["table_index"] == 0
        and first["row_index"] == 0
    )
    assert first["cells"] == [
        "Territorial Claims",
        "No recognition of annexation",
        "Demand recognition of control",
    ]
    assert len(first["values_num"]) == len(first["cells"])


def test_manifest_accounts_for_inputs_and_outputs(seeds_build, seeds_dir):
    manifest = json.loads((seeds_build / "manifest.json").read_text())
    assert manifest["counts"]["inputs"] == 5 and manifest["counts"]["records"] == 5
    for entry in manifest["inputs"]:
        data = (seeds_dir / entry["source"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    paths = {o["path"] for o in manifest["outputs"]}
    assert {
        "parquet/articles/articles-00000.parquet",
        "parquet/tables/tables-00000.parquet",
        "rejects.parquet",
        "README.md",
    } <= paths
    art = next(o for o in manifest["outputs"] if o["path"] == "parquet/articles/articles-00000.parquet")
    assert art["rows"] == 5


def test_deterministic_bytes_whatever_the_workers(tmp_path, seeds_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    build([seeds_dir], a, BuildOptions(workers=1))
    build([seeds_dir], b, BuildOptions(workers=2, batch_size=2))
    for name in ("articles/articles-00000.parquet", "tables/tables-00000.parquet"):
        assert (a / "parquet" / name).read_bytes() == (b / "parquet" / name).read_bytes()


def test_a_build_without_proper_case_counts_no_casing_and_writes_the_same(tmp_path, seeds_dir, monkeypatch):
    """Only the proper-case fixer reads the first pass's casing counts and the lexicon: a build
    that skips it neither counts nor loads them, and its records are those of a build that did
    both for nothing."""
    import cleanset.corpus
    import cleanset.pipeline
    from cleanset.lexicon import load_lexicon

    skip = frozenset({"proper_case"})
    counted, lean = tmp_path / "counted", tmp_path / "lean"
    counted_calls = []
    real = cleanset.corpus.first_pass_casing
    monkeypatch.setattr(cleanset.corpus, "first_pass_casing", lambda stats, lines: counted_calls.append(lines) or real(stats, lines))
    monkeypatch.setattr(
        cleanset.corpus, "add_document", _counting_casing_always(cleanset.corpus.add_document)
    )
    monkeypatch.setattr(cleanset.pipeline, "lexicon_for", lambda skip: load_lexicon())
    build([seeds_dir], counted, BuildOptions(workers=1, skip=skip))
    assert counted_calls  # the first pass did count casing here
    monkeypatch.undo()

    def no_casing(stats, lines):
        raise AssertionError("casing counted for a build that skips proper_case")

    def no_lexicon():
        raise AssertionError("lexicon loaded for a build that skips proper_case")

    monkeypatch.setattr(cleanset.corpus, "first_pass_casing", no_casing)
    monkeypatch.setattr(cleanset.pipeline, "load_lexicon", no_lexicon)
    build([seeds_dir], lean, BuildOptions(workers=1, skip=skip))
    for name in ("articles/articles-00000.parquet", "tables/tables-00000.parquet"):
        assert (
            pq.read_table(lean / "parquet" / name).to_pylist()
            == pq.read_table(counted / "parquet" / name).to_pylist()
        )


def _counting_casing_always(add_document):
    def add(stats, text, casing=True):
        return add_document(stats, text, True)

    return add


def test_validate_passes_then_catches_a_broken_record(tmp_path, seeds_build):
    out = tmp_path / "copy"
    shutil.copytree(seeds_build, out)
    ok = runner.invoke(app, ["validate", str(out)])
    assert ok.exit_code == 0, ok.output
    path = out / "parquet" / "articles" / "articles-00000.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[1]["n_words"] = -3
    edited = max(rows, key=lambda r: len(r["edits"]))
    edited["edits"][0]["kind"] = "made_up"
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    bad = runner.invoke(app, ["validate", str(out)])
    assert bad.exit_code == 1
    assert f"record '{rows[1]['id']}', field n_words" in bad.output
    assert "edits/0/kind" in bad.output
    assert "SHA-256 differs from the manifest" in bad.output


def test_invalid_record_stops_the_build_and_keeps_the_old_output(tmp_path, seeds_dir, monkeypatch):
    out = tmp_path / "dist"
    build([seeds_dir], out, BuildOptions(workers=1))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    import cleanset.pipeline as pipeline

    real = pipeline.clean_document

    def broken(doc, corpus, skip=frozenset(), **options):
        rec = real(doc, corpus, skip, **options)
        rec["n_words"] = "many"
        return rec

    monkeypatch.setattr(pipeline, "clean_document", broken)
    result = runner.invoke(app, ["build", str(seeds_dir), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1
    assert "field n_words" in result.output and "nothing was published" in result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".cleanset-*"))


def test_failure_while_publishing_leaves_previous_output(tmp_path, seeds_dir, monkeypatch):
    out = tmp_path / "dist"
    build([seeds_dir], out, BuildOptions(workers=1))
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    import cleanset.builder as build_mod

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(build_mod, "write_hf_dataset", explode)
    with pytest.raises(OSError):
        build([seeds_dir], out, BuildOptions(workers=1))
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not list(tmp_path.glob(".cleanset-*"))


def test_every_input_is_a_record_or_a_reject(tmp_path):
    src = tmp_path / "mixed"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    story = "Headline About Rivers\n\nThe river rose overnight in the town.\n"
    (src / "a" / "story.txt").write_text(story)
    (src / "b" / "story.txt").write_text(story.replace("rose", "fell"))
    (src / "empty.txt").write_text("   \n")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (src / "legacy.txt").write_bytes(
        "Caf\xe9 Owners Protest Rules\n\nThe caf\xe9 owners met.".encode("latin-1")
    )
    (src / "page.html").write_text(
        "<html><head><title>Page | Site</title></head><body><h1>Big River Floods Town</h1>"
        "<p>Water rose fast.</p><script>bad()</script></body></html>"
    )
    (src / "notes.csv").write_text("a,b\n")
    out = tmp_path / "out"
    summary = build([src], out, BuildOptions(workers=1))
    assert summary.inputs == 6 and summary.records == 4 and summary.rejected == 2
    assert summary.skipped == {".csv": 1}
    rejects = pq.read_table(out / "rejects.parquet").to_pylist()
    assert sorted((r["source"], r["reason"]) for r in rejects) == [
        ("empty.txt", "empty"),
        ("image.txt", "binary"),
    ]
    recs = {r["source"]: r for r in pq.read_table(out / "parquet" / "articles" / "articles-00000.parquet").to_pylist()}
    assert recs["a/story.txt"]["id"] == "story" and recs["b/story.txt"]["id"] == "story-2"
    assert any("renamed" in w for w in recs["b/story.txt"]["warnings"])
    assert (
        recs["legacy.txt"]["input_encoding"] == "cp1252"
        and recs["legacy.txt"]["text"] == "The café owners met."
    )
    assert recs["page.html"]["title"] == "Big River Floods Town" and "bad()" not in recs["page.html"]["text"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "no/such/dir", "--out", "{tmp}/out"], "input not found"),
        (["build", "{seeds}", "--out", "{tmp}/file.txt"], "not a folder"),
        (["build", "{tmp}", "--out", "{tmp}/inside"], "inside the input folder"),
        (["build", "{seeds}", "--out", "{tmp}/out", "--skip", "nonsense"], "unknown fixer"),
    ],
)
def test_bad_arguments_exit_2_and_write_nothing(tmp_path, seeds_dir, args, message):
    (tmp_path / "file.txt").write_text("x")
    argv = [a.format(tmp=tmp_path, seeds=seeds_dir) for a in args]
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "out").exists() and not (tmp_path / "inside").exists()


def test_cli_help_version_and_fixers():
    help_text = runner.invoke(app, ["build", "--help"]).output
    assert "Example: cleanset build seeds/ --out dist" in help_text
    assert runner.invoke(app, ["--version"]).output.startswith("cleanset ")
    listing = runner.invoke(app, ["fixers"]).output
    for name in ("encoding", "whitespace", "residue", "spacing", "sentence_case", "proper_case"):
        assert name in listing


def test_cli_build_prints_a_summary(tmp_path, seeds_dir):
    result = runner.invoke(app, ["build", str(seeds_dir), "--out", str(tmp_path / "o"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "records out" in result.output and "tables parsed" in result.output


def test_schema_check_accepts_records_and_names_each_problem(seed_records):
    from cleanset.schema import validate_record

    record = dict(next(iter(seed_records.values())))
    assert validate_record(record) == []
    broken = {**record, "id": "../x", "n_words": "many", "edits": [{"kind": "guess"}]}
    del broken["language"]
    fields = {p.field for p in validate_record(broken)}
    assert {"id", "n_words", "edits/0", "edits/0/kind", "(record)"} <= fields
