"""Appending a day's scrape to a published dataset (`cleanset build NEW --out DIR --append`)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cleanset.builder import UsageProblem, build
from cleanset.cli import app
from cleanset.pipeline import BuildOptions
from cleanset.publish import STAGING_PREFIX, article_shards

runner = CliRunner()


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def records(folder: Path) -> list[dict]:
    return [r for shard in article_shards(folder) for r in pq.read_table(shard).to_pylist()]


def days(tmp_path: Path, seeds_dir: Path) -> tuple[Path, Path]:
    """Two days of scrape: seeds 000-002, then 003-004."""
    day1, day2 = tmp_path / "day1", tmp_path / "day2"
    day1.mkdir()
    day2.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(seed, (day1 if seed.name < "003" else day2) / seed.name)
    return day1, day2


def test_an_append_adds_rows_and_keeps_every_old_file_byte_for_byte(tmp_path, seeds_dir):
    from datasets import load_dataset, load_from_disk

    day1, day2 = days(tmp_path, seeds_dir)
    out = tmp_path / "ds"
    build([day1], out, BuildOptions(workers=1), append=True)  # an empty DIR: the first batch
    before = tree(out)
    old_data = {p: h for p, h in before.items() if p.startswith("parquet/") or p.endswith(".arrow")}
    summary = build([day2], out, BuildOptions(workers=1), append=True)
    after = tree(out)
    assert summary.batch == 2 and summary.records == 2 and summary.dataset_records == 5
    assert all(after[p] == h for p, h in old_data.items())  # the old data files, unchanged
    added = set(after) - set(before)
    assert {"parquet/articles/articles-00001.parquet", "hf/data-00001.arrow"} <= added
    ids = [r["id"] for r in records(out)]
    assert [i[:3] for i in ids] == ["000", "001", "002", "003", "004"]
    assert load_from_disk(str(out / "hf"))["id"] == ids
    assert load_dataset(str(out), split="train")["id"] == ids
    manifest = json.loads((out / "manifest.json").read_text())
    assert [b["batch"] for b in manifest["batches"]] == [1, 2]
    assert manifest["counts"]["records"] == 5 and manifest["batches"][1]["counts"]["records"] == 2
    second = {a["path"]: a["sha256"] for a in manifest["batches"][1]["added"]}
    assert second["parquet/articles/articles-00001.parquet"] == after["parquet/articles/articles-00001.parquet"]
    assert {e["batch"] for e in manifest["inputs"]} == {1, 2}
    card = (out / "README.md").read_text()
    assert "num_examples: 5" in card
    result = runner.invoke(app, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["inspect", str(out)])
    assert "Batches" in result.output and "day2" in result.output
    report = (out / "report.html").read_text()
    assert "batch 2" in report and "batches 1 to 2" in report


def test_the_same_folder_appended_twice_adds_nothing(tmp_path, seeds_dir):
    day1, day2 = days(tmp_path, seeds_dir)
    (day2 / "empty.txt").write_text("   \n")  # a reject is an input taken too
    out = tmp_path / "ds"
    build([day1], out, BuildOptions(workers=1))
    first = build([day2], out, BuildOptions(workers=1), append=True)
    assert first.records == 2 and first.rejected == 1
    before = tree(out)
    result = runner.invoke(app, ["build", str(day2), "--out", str(out), "--append", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "nothing added: all 3 input(s)" in result.output
    assert tree(out) == before
    again = build([day1, day2], out, BuildOptions(workers=1), append=True)
    assert again.records == 0 and again.already_in == 6 and again.inputs == 6
    assert tree(out) == before


def test_an_input_already_in_a_container_row_is_passed_over(tmp_path, seeds_dir):
    rows = [{"id": f"r{i}", "text": seed.read_text()} for i, seed in enumerate(sorted(seeds_dir.glob("*.txt")))]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "monday.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[:3]))
    (tmp_path / "b" / "tuesday.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[2:]))
    out = tmp_path / "ds"
    build([tmp_path / "a"], out, BuildOptions(workers=1))
    summary = build([tmp_path / "b"], out, BuildOptions(workers=1), append=True)
    assert summary.already_in == 1 and summary.records == 2
    assert [r["id"] for r in records(out)] == ["r0", "r1", "r2", "r3", "r4"]
    assert summary.inputs == summary.records + summary.rejected + summary.already_in


def test_ids_stay_unique_across_batches(tmp_path, seeds_dir):
    day1, day2 = tmp_path / "d1", tmp_path / "d2"
    day1.mkdir()
    day2.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    shutil.copy(seeds[0], day1 / "story.txt")
    shutil.copy(seeds[2], day2 / "story.txt")  # another article under the same name
    out = tmp_path / "ds"
    build([day1], out, BuildOptions(workers=1))
    build([day2], out, BuildOptions(workers=1), append=True)
    got = records(out)
    assert [r["id"] for r in got] == ["story", "story-2"]
    assert any("renamed 'story-2'" in w for w in got[1]["warnings"])


def revised(text: str) -> str:
    """The same story republished with its closing line cut."""
    lines = text.rstrip().split("\n")
    return "\n".join(lines[:-1]).rstrip() + "\n"


@pytest.mark.parametrize("dedup", ["keep", "drop"])
def test_a_story_republished_the_next_day_points_to_the_old_record(tmp_path, seeds_dir, dedup):
    day1, day2 = days(tmp_path, seeds_dir)
    old = (day1 / "001_b4973558f688b69c.txt").read_text()
    (day2 / "wire-copy.txt").write_text(revised(old))
    (day2 / "exact-copy.txt").write_text(old + "\n")
    out = tmp_path / "ds"
    build([day1], out, BuildOptions(workers=1, dedup=dedup))
    summary = build([day2], out, BuildOptions(workers=1, dedup=dedup), append=True)
    by_id = {r["id"]: r for r in records(out)}
    if dedup == "keep":
        assert by_id["wire-copy"]["duplicate_of"] == "001_b4973558f688b69c"
        assert 0.5 <= by_id["wire-copy"]["near_duplicate_score"] < 1.0
        assert by_id["exact-copy"]["duplicate_of"] == "001_b4973558f688b69c"
        assert by_id["003_b260c448108cb886"]["duplicate_of"] is None
        assert summary.duplicates == 2
    else:
        assert "wire-copy" not in by_id and "exact-copy" not in by_id
        rejects = pq.read_table(out / "rejects.parquet").to_pylist()
        assert {r["source"]: r["reason"] for r in rejects} == {"wire-copy.txt": "duplicate", "exact-copy.txt": "duplicate"}
        assert summary.duplicates_dropped == 2


def test_a_later_copy_of_an_old_duplicate_names_its_cluster_root(tmp_path, seeds_dir):
    day1, day2 = days(tmp_path, seeds_dir)
    text = (day1 / "001_b4973558f688b69c.txt").read_text()
    (day1 / "zz-copy.txt").write_text(revised(text))  # a duplicate within the first batch
    (day2 / "later.txt").write_text(revised(revised(text)))
    out = tmp_path / "ds"
    build([day1], out, BuildOptions(workers=1))
    build([day2], out, BuildOptions(workers=1), append=True)
    one = tmp_path / "one"
    build([day1, day2], one, BuildOptions(workers=1))
    appended = {r["id"]: r["duplicate_of"] for r in records(out)}
    at_once = {r["id"]: r["duplicate_of"] for r in records(one)}
    assert appended["later"] == "001_b4973558f688b69c"
    assert appended == at_once


ZORVEX = [
    "Shares in Zorvex rose on Tuesday after the results.",
    "The chief of Zorvex spoke to reporters in the morning.",
    "A supply deal with Zorvex was signed last year.",
]


def test_a_batch_is_repaired_with_the_whole_collections_evidence(tmp_path):
    day1, day2 = tmp_path / "d1", tmp_path / "d2"
    day1.mkdir()
    day2.mkdir()
    for i, text in enumerate(ZORVEX):
        (day1 / f"a{i}.txt").write_text(text + "\n")
    (day2 / "b.txt").write_text("Talks with zorvex ended.\n")
    out, alone, one = tmp_path / "ds", tmp_path / "alone", tmp_path / "one"
    build([day1], out, BuildOptions(workers=1))
    build([day2], out, BuildOptions(workers=1), append=True)
    build([day2], alone, BuildOptions(workers=1))
    build([day1, day2], one, BuildOptions(workers=1))
    assert records(alone)[0]["text"] == "Talks with zorvex ended."  # no evidence in a day alone
    assert records(out)[-1]["text"] == "Talks with Zorvex ended."
    assert [(r["text"], r["edits"]) for r in records(out)] == [(r["text"], r["edits"]) for r in records(one)]
    assert [r["text"] for r in records(out)[:3]] == ZORVEX  # old records are not cleaned again


def test_seeds_appended_with_two_workers_match_one_build(tmp_path, seeds_dir):
    """The old records are the first day's build's; the new ones what one build of both days
    makes of them, since their evidence is both days'."""
    day1, day2 = days(tmp_path, seeds_dir)
    out, first, one = tmp_path / "ds", tmp_path / "first", tmp_path / "one"
    build([day1], out, BuildOptions(workers=2, batch_size=1))
    build([day2], out, BuildOptions(workers=2, batch_size=1), append=True)
    build([day1], first, BuildOptions(workers=1))
    build([day1, day2], one, BuildOptions(workers=1))
    assert records(out)[:3] == records(first)
    assert records(out)[3:] == records(one)[3:]


def test_an_append_on_ray_matches_one_on_this_machine(tmp_path, seeds_dir):
    day1, day2 = days(tmp_path, seeds_dir)
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    for out, engine in ((local, "local"), (on_ray, "ray")):
        build([day1], out, BuildOptions(workers=2, engine=engine))
        build([day2], out, BuildOptions(workers=2, engine=engine), append=True)
    assert records(on_ray) == records(local)


@pytest.mark.parametrize(
    ("option", "named"),
    [
        (["--casing", "strict"], "casing"),
        (["--skip", "proper_case"], "skip"),
        (["--dedup-threshold", "0.8"], "dedup_threshold"),
        (["--dedup", "drop"], "dedup"),
    ],
)
def test_an_append_with_other_options_is_refused(tmp_path, seeds_dir, option, named):
    day1, day2 = days(tmp_path, seeds_dir)
    out = tmp_path / "ds"
    build([day1], out, BuildOptions(workers=1))
    before = tree(out)
    result = runner.invoke(app, ["build", str(day2), "--out", str(out), "--append", *option])
    assert result.exit_code == 2, result.output
    assert f"{named}: the dataset's" in result.output
    assert tree(out) == before


def test_an_append_to_a_folder_that_is_no_dataset_is_refused(tmp_path, seeds_dir):
    day1, _ = days(tmp_path, seeds_dir)
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(UsageProblem, match="not a cleanset dataset"):
        build([day1], other, BuildOptions(workers=1), append=True)
    assert (other / "notes.txt").read_text() == "mine"


def test_validate_names_the_batch_whose_file_changed(tmp_path, seeds_dir):
    day1, day2 = days(tmp_path, seeds_dir)
    out = tmp_path / "ds"
    build([day1], out, BuildOptions(workers=1))
    build([day2], out, BuildOptions(workers=1), append=True)
    arrow = out / "hf" / "data-00000.arrow"
    data = bytearray(arrow.read_bytes())
    data[-1] ^= 1
    arrow.unlink()  # a hard link: write a new file rather than through the link
    arrow.write_bytes(bytes(data))
    result = runner.invoke(app, ["validate", str(out)])
    assert result.exit_code == 1
    assert "batch 1: hf/data-00000.arrow changed since the batch wrote it" in result.output


def test_a_killed_append_leaves_the_dataset_as_it_was(tmp_path, seeds_dir):
    day1, _ = days(tmp_path, seeds_dir)
    out = tmp_path / "ds"
    build([day1], out, BuildOptions(workers=1))
    before = tree(out)
    big = tmp_path / "big"
    big.mkdir()
    texts = [s.read_text() for s in sorted(seeds_dir.glob("*.txt"))]
    for i in range(400):  # enough work that the kill lands between the passes
        (big / f"n{i:04d}.txt").write_text(f"Item {i} of the day.\n\n" + texts[i % len(texts)])
    command = [sys.executable, "-m", "cleanset", "build", str(big), "--out", str(out), "--append", "-q", "--workers", "1"]
    proc = subprocess.Popen(command, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 120
        marker = None
        while time.monotonic() < deadline and proc.poll() is None:
            staged = list(tmp_path.glob(f"{STAGING_PREFIX}ds-*"))
            if staged and (staged[0] / "state" / "corpus-hashes.npz").exists():  # the first pass is done
                marker = staged[0]
                break
            time.sleep(0.02)
        assert marker is not None and proc.poll() is None, "the append ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert tree(out) == before
    summary = build([big], out, BuildOptions(workers=1), append=True)  # and the next append runs
    assert summary.records == 400 and not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


def test_a_build_killed_between_its_two_renames_gets_its_folder_back(tmp_path):
    from cleanset.publish import RETIRED_PREFIX, clean_stale

    out = tmp_path / "ds"
    retired = tmp_path / f"{RETIRED_PREFIX}ds-1234abcd"
    retired.mkdir()
    (retired / "manifest.json").write_text("{}")
    clean_stale(out)
    assert (out / "manifest.json").read_text() == "{}" and not retired.exists()


def test_appends_number_shards_and_data_files_on(tmp_path, seeds_dir):
    seeds = sorted(seeds_dir.glob("*.txt"))
    out = tmp_path / "ds"
    for n, seed in enumerate(seeds):
        day = tmp_path / f"day{n}"
        day.mkdir()
        shutil.copy(seed, day / seed.name)
        build([day], out, BuildOptions(workers=1), append=True)
    names = sorted(p.name for p in (out / "hf").glob("*.arrow"))
    assert names == [f"data-{i:05d}.arrow" for i in range(5)]
    state = json.loads((out / "hf" / "state.json").read_text())
    assert [f["filename"] for f in state["_data_files"]] == names
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["batches"]) == 5 and manifest["counts"]["records"] == 5
    assert [r["id"][:3] for r in records(out)] == [s.name[:3] for s in seeds]


def test_a_second_build_into_a_folder_being_written_is_refused(tmp_path, seeds_dir):
    import fcntl

    from cleanset.publish import LOCK_PREFIX

    day1, day2 = days(tmp_path, seeds_dir)
    out = tmp_path / "ds"
    build([day1], out, BuildOptions(workers=1))
    before = tree(out)
    with open(tmp_path / f"{LOCK_PREFIX}ds", "a") as held:  # as a build in progress holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        result = runner.invoke(app, ["build", str(day2), "--out", str(out), "--append"])
        assert result.exit_code == 2, result.output
        assert "another cleanset build is writing" in result.output
        assert tree(out) == before
    summary = build([day2], out, BuildOptions(workers=1), append=True)  # once it is let go
    assert summary.records == 2


def test_a_day_of_inputs_already_in_and_rejects_publishes_nothing_and_says_so(tmp_path, seeds_dir):
    day1, _ = days(tmp_path, seeds_dir)
    out = tmp_path / "ds"
    build([day1], out, BuildOptions(workers=1))
    before = tree(out)
    (day1 / "blank.txt").write_text("\n")
    result = runner.invoke(app, ["build", str(day1), "--out", str(out), "--append"])
    assert result.exit_code == 1, result.output
    assert "3 input(s) are in" in result.output and "the other 1 were rejected (empty 1)" in result.output
    assert tree(out) == before
