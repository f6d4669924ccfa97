"""Inputs at scale (JSON Lines, gzip, Parquet, saved Hugging Face datasets), sharded output, and
the Ray engine giving the local engine's records."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cleanset.builder import NothingToPublish, build
from cleanset.cli import app
from cleanset.pipeline import BuildOptions
from cleanset.readers import Columns, discover

runner = CliRunner()


def article_rows(seeds_dir: Path, copies: int = 4) -> list[dict]:
    rows = []
    for n in range(copies):
        for path in sorted(seeds_dir.glob("*.txt")):
            head, _, body = path.read_text(encoding="utf-8").partition("\n")
            rows.append(
                {"id": f"{path.stem}/{n}", "headline": head, "body": body, "section": "world", "rank": n}
            )
    return rows


def write_jsonl(path: Path, rows: list[dict], extra_lines: tuple[str, ...] = ()) -> None:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")


def read_records(out: Path) -> list[dict]:
    return [
        r for p in sorted((out / "parquet" / "articles").glob("articles-*.parquet")) for r in pq.read_table(p).to_pylist()
    ]


COLUMNS = ["--text-column", "body", "--title-column", "headline"]


@pytest.fixture
def containers(tmp_path, seeds_dir):
    rows = article_rows(seeds_dir)  # 20 rows
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", rows[:8], extra_lines=("{broken", "[1, 2]", '{"body": 5}'))
    write_jsonl(folder / "b.jsonl.gz", rows[8:14])
    pq.write_table(pa.Table.from_pylist(rows[14:]), folder / "c.parquet", row_group_size=4)
    return folder, rows


def test_every_container_row_is_a_record_or_a_reject(containers, tmp_path):
    folder, rows = containers
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "out"), "-q", *COLUMNS])
    assert result.exit_code == 0, result.output
    records = read_records(tmp_path / "out")
    assert len(records) == len(rows)
    rejects = pq.read_table(tmp_path / "out" / "rejects.parquet").to_pylist()
    assert sorted(r["source"] for r in rejects) == ["a.jsonl#10", "a.jsonl#8", "a.jsonl#9"]
    assert {r["reason"] for r in rejects} == {"bad_record"}
    assert any("line 9 is not valid JSON" in r["message"] for r in rejects)
    sources = [r["source"] for r in records]
    assert sources[:2] == ["a.jsonl#0", "a.jsonl#1"]
    assert sources[8] == "b.jsonl.gz#0" and sources[14] == "c.parquet#0" and sources[-1] == "c.parquet#5"
    # one manifest entry per container, its rows counted, not listed
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    entries = {e["source"]: e for e in manifest["inputs"]}
    assert set(entries) == {"a.jsonl", "b.jsonl.gz", "c.parquet"}
    assert [(entries[n]["records"], entries[n]["rejected"]) for n in sorted(entries)] == [
        (8, 3),
        (6, 0),
        (6, 0),
    ]
    assert entries["c.parquet"]["sha256"] == hashlib.sha256((folder / "c.parquet").read_bytes()).hexdigest()


def test_columns_title_id_and_metadata(containers, tmp_path, seeds_dir):
    folder, rows = containers
    runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "out"), "-q", *COLUMNS])
    by_source = {r["source"]: r for r in read_records(tmp_path / "out")}
    first = by_source["a.jsonl#0"]
    assert first["id"] == rows[0]["id"].replace("/", "_")
    assert any("made safe" in w for w in first["warnings"])
    assert json.loads(first["metadata"]) == {"section": "world", "rank": 0}
    # the title column is the title, even where the text's own first line looks more like one
    for n in range(5):
        rec = by_source[f"a.jsonl#{n}"]
        assert rec["title"].lower() == rows[n]["headline"].strip().lower()  # repaired, not replaced
        assert rec["text"].split()[:3] == rows[n]["body"].split()[:3]
    assert "|" not in first["text"] and first["tables"]


def test_missing_text_column_is_a_named_reject(tmp_path, seeds_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist(article_rows(seeds_dir, 1)), folder / "x.parquet")
    with pytest.raises(NothingToPublish) as caught:
        build([folder], tmp_path / "out", BuildOptions(workers=1))
    [reject] = caught.value.rejects
    assert reject.source == "x.parquet" and reject.reason == "bad_container"
    assert "no column 'text'" in reject.message and "--text-column" in reject.message
    # the only input rejected: nothing is published, and the command line says why
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "x.parquet: bad_container: no column 'text'" in result.output
    assert not (tmp_path / "out").exists()


def test_jsonl_slices_cover_every_line_once(tmp_path):
    path = tmp_path / "x.jsonl"
    write_jsonl(path, [{"text": f"Article number {i} is here."} for i in range(23)])
    with open(path, "a") as fh:
        fh.write('{"text": "A last line without a newline."}')
    units = discover([path], batch_size=5).units
    assert [(u.start, u.stop) for u in units] == [(0, 5), (5, 10), (10, 15), (15, 20), (20, 24)]
    from cleanset.readers import read_unit

    texts = [d.text for u in units for d in read_unit(u, 10**6, Columns())]
    assert texts == [f"Article number {i} is here." for i in range(23)] + ["A last line without a newline."]


def test_saved_hf_dataset_round_trips(seeds_build, tmp_path):
    """A build's own Hugging Face dataset is a valid input: same titles, nothing left to repair."""
    out = tmp_path / "again"
    result = runner.invoke(app, ["build", str(seeds_build / "hf"), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    before = {r["id"]: r for r in read_records(seeds_build)}
    after = read_records(out)
    assert [r["id"] for r in after] == list(before)
    for r in after:
        assert r["title"] == before[r["id"]]["title"]
        assert [e for e in r["edits"] if e["kind"] not in ("whitespace",)] == []
        assert json.loads(r["metadata"])["source"] == before[r["id"]]["source"]


def test_shards_and_row_groups(containers, tmp_path):
    folder, rows = containers
    opts = BuildOptions(columns=Columns("body", "headline"), shard_size=6)
    build([folder], tmp_path / "out", opts)
    shards = sorted((tmp_path / "out" / "parquet" / "articles").glob("articles-*.parquet"))
    sizes = [pq.ParquetFile(p).metadata.num_rows for p in shards]
    assert sizes == [6, 6, 6, 2]
    assert len(list((tmp_path / "out" / "parquet" / "tables").glob("tables-*.parquet"))) == len(shards)
    from datasets import load_from_disk

    hf = tmp_path / "out" / "hf"
    assert len(list(hf.glob("data-*.arrow"))) == len(shards)  # one data file per Parquet shard
    ds = load_from_disk(str(hf))
    assert ds.num_rows == len(rows)
    parquet_rows = [r for p in shards for r in pq.read_table(p).to_pylist()]
    assert ds["id"] == [r["id"] for r in parquet_rows]
    assert ds[len(rows) - 1] == parquet_rows[-1]


def test_container_output_is_identical_for_any_worker_count(containers, tmp_path):
    folder, _ = containers
    outs = []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        build([folder], out, BuildOptions(workers=workers, batch_size=3, columns=Columns("body", "headline")))
        outs.append(read_records(out))
    assert outs[0] == outs[1]


def test_ray_engine_gives_the_local_records(containers, tmp_path, seeds_dir):
    folder, _ = containers
    shutil.copytree(seeds_dir, folder / "seeds")  # article files and containers in one build
    options = {"columns": Columns("body", "headline"), "batch_size": 4, "workers": 2}
    build([folder], tmp_path / "local", BuildOptions(**options))
    build([folder], tmp_path / "ray", BuildOptions(engine="ray", **options))
    local, on_ray = read_records(tmp_path / "local"), read_records(tmp_path / "ray")
    assert len(local) == 25
    assert on_ray == local
    rejects = [pq.read_table(tmp_path / d / "rejects.parquet").to_pylist() for d in ("local", "ray")]
    assert rejects[0] == rejects[1] and len(rejects[0]) == 3


def test_id_registry_matches_a_plain_dict_across_folds(monkeypatch):
    import random

    from cleanset.pipeline import IdRegistry

    monkeypatch.setattr(IdRegistry, "FOLD_AT", 4)  # fold often: most lookups hit the sorted array
    rng = random.Random(7)
    ids = [rng.choice(["a", "b", "c", "a-2", "b-3", f"x{rng.randrange(40)}"]) for _ in range(300)]
    records = [{"id": i, "warnings": []} for i in ids]
    registry = IdRegistry()
    for start in range(0, len(records), 7):  # in batches, as the build assigns them
        registry.assign(records[start : start + 7])
    taken: set[str] = set()
    expected = []
    for i in ids:  # the rule, spelled out: the first free suffix from -2 up
        new, n = i, 1
        while new in taken:
            n += 1
            new = f"{i}-{n}"
        taken.add(new)
        expected.append(new)
    assert [r["id"] for r in records] == expected
    assert len(set(expected)) == len(expected)
    assert sum(bool(r["warnings"]) for r in records) == sum(
        a != b for a, b in zip(ids, expected, strict=True)
    )


def test_corpus_statistics_merge_like_one_pass(monkeypatch):
    """Statistics gathered per batch and merged equal those of one pass over everything, also when
    the hashed counts fold their pending entries many times on the way."""
    from cleanset import corpus

    monkeypatch.setattr(corpus, "FOLD_AT", 3)
    docs = [
        f"Story number {i} unfolds - Harbour Tidings\n\nAides of Prime Minister Tony Blair met in Leeds {i}.\n\n"
        f"Talks with Gordon Brown ended {i % 3}.\n\n{'Tap the bell icon' if i % 2 else 'Read more'}"
        for i in range(12)
    ]
    whole = corpus.gather(docs)
    merged = corpus.CorpusStats()
    for start in range(0, len(docs), 5):
        merged.merge(corpus.gather(docs[start : start + 5]))
    for stats in (whole, merged, merged.compacted()):
        assert stats.docs == 12
        assert stats.name_runs.get("prime minister tony blair") == 12
        assert stats.name_runs.get("gordon brown") == 12
        assert stats.edge_line_spread("Tap the bell icon") == 3  # beside three different paragraphs
        assert stats.suffix_spread("Harbour Tidings") == 12
    unique_line = "Aides of Prime Minister Tony Blair met in Leeds 4."
    assert whole.edge_line_spread(unique_line) == merged.edge_line_spread(unique_line) == 1
    assert merged.compacted().edge_line_spread(unique_line) == 0  # a one-off: dropped for pass two
    assert len(merged.edge_contexts) == len(whole.edge_contexts)
    with pytest.raises(ValueError):
        merged.compacted().merge(whole)


def test_merging_many_batches_sorts_each_entry_a_few_times(monkeypatch):
    """A build merges one batch's statistics at a time; folding (sorting everything gathered so far)
    at every merge would cost the square of the input, so the merged parts wait until they
    outgrow what is folded. The counts come out the same."""
    from cleanset import corpus

    monkeypatch.setattr(corpus, "FOLD_AT", 1)
    sorted_entries = [0]
    unique = np.unique

    def counting_unique(values, *args, **kwargs):
        sorted_entries[0] += len(values)
        return unique(values, *args, **kwargs)

    monkeypatch.setattr(corpus.np, "unique", counting_unique)
    runs, pairs = corpus.HashedCounts(), corpus.DistinctContexts()
    batches = 512
    for i in range(batches):
        runs.merge(corpus.HashedCounts.of([f"name {i}", "common name"]))
        batch = corpus.DistinctContexts()
        batch.add(f"line {i % 7}", f"paragraph {i}")
        pairs.merge(batch)
    assert runs.get("common name") == batches and runs.get("name 17") == 1 and len(runs) == batches + 1
    assert pairs.spread().get(corpus.edge_key("line 3")) == len(range(3, batches, 7))
    # each entry is sorted when its batch folds and then about log2(batches) times more; folding at
    # every merge would sort about batches / 2 times each
    assert sorted_entries[0] < 3 * batches * 12


def test_a_pool_that_fails_to_start_leaves_no_temporary_files(monkeypatch, tmp_path, seeds_dir):
    import gc
    import tempfile

    import cleanset.pipeline as pipeline

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()

    def broken_pool(*args, **kwargs):
        raise OSError("no processes left")

    monkeypatch.setattr(pipeline, "_pool", broken_pool)
    with pytest.raises(OSError, match="no processes left"):
        build([seeds_dir], tmp_path / "out", BuildOptions(workers=2, batch_size=1))
    assert list((tmp_path / "tmp").iterdir()) == []
    assert gc.get_freeze_count() == 0
    assert not (tmp_path / "out").exists()
