"""The traps a new user met: an empty build over a full dataset, a bad --out, one folder holding
two tables, diffs of containers and through a pipe, final newlines as edits, misleading help."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cleanset.builder import NothingToPublish, build
from cleanset.cli import app
from cleanset.pipeline import BuildOptions

runner = CliRunner()

STORY = "Rivers Rise in the North\n\nThe river rose overnight in the town of Carlisle, officials said.\n"


def _files(out: Path) -> dict[Path, bytes]:
    return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.fixture
def published(tmp_path, seeds_dir) -> Path:
    out = tmp_path / "dist"
    build([seeds_dir], out, BuildOptions(workers=1))
    return out


def test_an_empty_folder_never_replaces_a_published_dataset(tmp_path, published):
    before = _files(published)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.csv").write_text("a,b\n")
    result = runner.invoke(app, ["build", str(empty), "--out", str(published), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "no article inputs found" in result.output and ".csv 1" in result.output
    assert _files(published) == before
    assert not list(tmp_path.glob(".cleanset-*"))


def test_a_build_whose_every_input_is_rejected_publishes_nothing(tmp_path, published):
    before = _files(published)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "blank.txt").write_text("   \n")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(NothingToPublish) as caught:
        build([bad], published, BuildOptions(workers=1))
    assert caught.value.summary.rejected == 2
    assert sorted(r.reason for r in caught.value.rejects) == ["binary", "empty"]
    assert _files(published) == before
    result = runner.invoke(app, ["build", str(bad), "--out", str(published), "--workers", "1"])
    assert result.exit_code == 1 and "all 2 input(s) were rejected" in result.output
    assert "blank.txt: empty" in result.output
    assert _files(published) == before


def test_an_out_that_cannot_be_written_is_refused_before_any_work(tmp_path, seeds_dir, monkeypatch):
    import cleanset.builder as builder

    read = []
    monkeypatch.setattr(builder, "discover", lambda *a, **k: read.append(a) or pytest.fail("read inputs"))
    result = runner.invoke(app, ["build", str(seeds_dir), "--out", "/proc/cleanset-out"])
    assert result.exit_code == 2, result.output
    assert "cannot write --out /proc/cleanset-out" in result.output and "Traceback" not in result.output
    assert not read


def test_a_mount_point_as_out_is_refused_before_any_work(tmp_path, seeds_dir, monkeypatch):
    target = tmp_path / "mounted"
    target.mkdir()
    real_ismount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == target.resolve() or real_ismount(p))
    result = runner.invoke(app, ["build", str(seeds_dir), "--out", str(target)])
    assert result.exit_code == 2, result.output
    assert "mount point" in result.output
    assert not list(tmp_path.glob(".cleanset-*"))


def test_a_failed_swap_removes_its_staging_and_keeps_the_old_output(tmp_path, seeds_dir, published, monkeypatch):
    before = _files(published)
    import cleanset.publish as publish

    real_rename = os.rename

    def busy(src, dst):
        if Path(src).name.startswith(publish.STAGING_PREFIX):
            raise OSError(errno.EBUSY, "Device or resource busy", str(dst))
        return real_rename(src, dst)

    monkeypatch.setattr(publish.os, "rename", busy)
    monkeypatch.setattr(publish, "exchange", lambda a, b: False)  # as renameat2 fails on a busy folder
    result = runner.invoke(app, ["build", str(seeds_dir), "--out", str(published), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "Device or resource busy" in result.output and "Traceback" not in result.output
    assert _files(published) == before
    assert not list(tmp_path.glob(".cleanset-*"))


def test_each_table_has_a_folder_of_its_own(published):
    articles = pq.read_table(published / "parquet" / "articles")
    tables = pq.read_table(published / "parquet" / "tables")
    assert articles.num_rows == 5 and articles.column("text").null_count == 0
    assert tables.num_rows == 18 and tables.column("article_id").null_count == 0
    manifest = json.loads((published / "manifest.json").read_text())
    paths = {o["path"] for o in manifest["outputs"]}
    assert {"parquet/articles/articles-00000.parquet", "parquet/tables/tables-00000.parquet"} <= paths
    card = (published / "README.md").read_text()
    assert "parquet/articles/*.parquet" in card and "parquet/tables/*.parquet" in card
    assert not list((published / "parquet").glob("*.parquet"))


def test_a_final_newline_is_not_an_edit(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "unix.txt").write_text(STORY)
    windows = STORY.replace("\n", "\r\n").replace("North", "West").replace("Carlisle", "Penrith")
    (src / "windows.txt").write_bytes(windows.encode())
    (src / "none.txt").write_text(STORY.rstrip("\n").replace("North", "East").replace("Carlisle", "Kendal"))
    build([src], tmp_path / "out", BuildOptions(workers=1))
    records = {r["source"]: r for r in pq.read_table(tmp_path / "out" / "parquet" / "articles").to_pylist()}
    assert records["unix.txt"]["edits"] == [] and records["none.txt"]["edits"] == []
    # CRLF inside the text is still a change, and is recorded; the final line ending is not
    windows = records["windows.txt"]["edits"]
    assert windows and all(e["before"] == "\r\n\r\n" or e["before"] == "\r\n" for e in windows)
    assert len(windows) == STORY.count("\n") - 1 - 1  # the blank line is one run; the last is gone
    assert records["unix.txt"]["text"].endswith("officials said.")


WIRE = [
    {"id": "w1", "title": "Talks Resume", "text": "Talks resumed in geneva on Monday. the delegations met."},
    {"id": "w2", "title": "Rain Expected", "text": "Rain is expected across the north this week."},
]


def test_diff_of_a_container_shows_each_record_and_never_its_keys(tmp_path):
    wire = tmp_path / "wire.jsonl"
    wire.write_text("".join(json.dumps(row) + "\n" for row in WIRE))
    result = runner.invoke(app, ["diff", str(wire)])
    assert result.exit_code == 0, result.output
    assert "wire.jsonl#" in result.output
    assert '"text"' not in result.output and "textText" not in result.output
    assert "[-the-]{+The+}" in result.output
    assert "nothing to change" in result.output  # the second record


def test_piped_diff_marks_changes_in_text(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Storm Hits Coast\n\nThe storm hit brittany overnight. the coast guard said so.\n")
    result = runner.invoke(app, ["diff", str(story)])  # CliRunner's output is not a terminal
    assert result.exit_code == 0, result.output
    assert "[-the-]{+The+}" in result.output
    assert "theThe" not in result.output


def test_help_shows_flags_without_a_value_and_names_every_input_kind():
    text = runner.invoke(app, ["build", "--help"], terminal_width=200).output
    assert "INPUT..." in text and "{inputs}" not in text
    assert "<bool>" not in text
    assert ".warc" in text
