"""What happens to bad input: every case ends as a record or a reject with a reason, never a crash,
and a failed or killed build never damages the previous output."""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cleanset.builder import build
from cleanset.cli import app
from cleanset.pipeline import BuildOptions
from cleanset.readers import safe_id

runner = CliRunner()
STORY = "Flood Waters Rise in the Valley\n\nThe river rose overnight. Residents left their homes early.\n"


def run_build(src: Path, out: Path, **kw):
    summary = build([src], out, BuildOptions(workers=1, **kw))
    records = {r["source"]: r for r in pq.read_table(out / "parquet" / "articles" / "articles-00000.parquet").to_pylist()}
    rejects = {r["source"]: r for r in pq.read_table(out / "rejects.parquet").to_pylist()}
    assert summary.inputs == summary.records + summary.rejected
    return summary, records, rejects


def test_encodings(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "cp1252.txt").write_bytes(
        "Caf\u00e9 Owners \u2019Protest\u2019\n\nThe caf\u00e9 owners met.".encode("cp1252")
    )
    (src / "latin1.txt").write_bytes(b"Ni\xf1os Return to School\n\nThe ni\xf1os returned.\x81")
    (src / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"))
    (src / "utf8bom.txt").write_bytes(codecs.BOM_UTF8 + STORY.encode("utf-8"))
    (src / "broken.txt").write_bytes(
        STORY.encode("utf-8").replace(b"overnight", b"over\xffnight") + "caf\u00e9 ".encode() * 20
    )
    _, records, rejects = run_build(src, tmp_path / "out")
    assert rejects == {}
    assert records["cp1252.txt"]["input_encoding"] == "cp1252"
    assert records["cp1252.txt"]["title"] == "Café Owners ’Protest’"
    assert any("cp1252" in w for w in records["cp1252.txt"]["warnings"])
    assert records["latin1.txt"]["input_encoding"] == "latin-1" and "niños" in records["latin1.txt"]["text"]
    assert (
        records["utf16.txt"]["input_encoding"] == "utf-16"
        and records["utf16.txt"]["title"] == STORY.split("\n")[0]
    )
    assert (
        records["utf8bom.txt"]["input_encoding"] == "utf-8-sig"
        and "\ufeff" not in records["utf8bom.txt"]["title"]
    )
    assert records["broken.txt"]["input_encoding"].startswith("utf-8 (invalid bytes")
    assert "café" in records["broken.txt"]["text"]


def test_not_text(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (src / "archive.txt").write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    (src / "nul.txt").write_bytes(b"some text\x00\x00\x00 more text")
    (src / "controls.txt").write_bytes(bytes(range(1, 9)) * 10)
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.md").write_text(" \n\t\n  \n")
    (src / "ok.txt").write_text(STORY)
    summary, records, rejects = run_build(src, tmp_path / "out")
    assert set(records) == {"ok.txt"}
    assert {k: v["reason"] for k, v in rejects.items()} == {
        "image.txt": "binary",
        "archive.txt": "binary",
        "nul.txt": "binary",
        "controls.txt": "binary",
        "empty.txt": "empty",
        "blank.md": "empty",
    }
    assert all(v["message"] for v in rejects.values())


def test_size_limit_checked_before_reading(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    with open(src / "huge.txt", "wb") as fh:  # 50 MB with no line break
        fh.truncate(50_000_000)
    (src / "long-line.txt").write_text("Long Line Story Here\n\n" + "word, " * 300_000 + "end.")
    (src / "ok.txt").write_text(STORY)
    real_read = Path.read_bytes

    def guarded(self):
        assert self.name != "huge.txt", "the oversized file was read"
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    _, records, rejects = run_build(src, tmp_path / "out", max_bytes=20_000_000)
    assert rejects["huge.txt"]["reason"] == "too_large" and "20000000" in rejects["huge.txt"]["message"]
    assert records["long-line.txt"]["n_words"] > 300_000


def test_html_edge_cases(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "unclosed.html").write_text(
        "<html><body><h1>Unclosed Tags Everywhere<p>First <b>bold <i>text<p>Second para"
    )
    (src / "deep.html").write_text(
        "<html><body>" + "<div>" * 20000 + "<p>Deep inside the page.</p></body></html>"
    )
    (src / "scripts.html").write_text(
        "<html><head><title>Fish Prices Rise Again | Site</title><style>p{color:red}</style></head><body>"
        "<script>document.write('evil')</script><iframe src='http://x'>frame text</iframe>"
        "<p>Fish &amp; chips cost &pound;5 &#8211; a bargain.</p><noscript>no script</noscript></body></html>"
    )
    (src / "nobody.html").write_text(
        "<html><head><script>x()</script></head><body><nav>Home</nav></body></html>"
    )
    _, records, rejects = run_build(src, tmp_path / "out")
    assert records["unclosed.html"]["title"] == "Unclosed Tags Everywhere"
    assert (
        "First bold text" in records["unclosed.html"]["text"]
        and "Second para" in records["unclosed.html"]["text"]
    )
    # lxml's parser stops at libxml2's nesting limit: a page nested deeper ends as a reject with
    # its reason, never as a crash or an empty record
    assert "deep.html" in records or rejects["deep.html"]["reason"] == "no_content"
    text = records["scripts.html"]["text"]
    assert text == "Fish & chips cost £5 – a bargain."
    assert (
        records["scripts.html"]["title"] == "Fish Prices Rise Again"
        and records["scripts.html"]["publisher"] == "Site"
    )
    assert rejects["nobody.html"]["reason"] == "no_content" and "nobody.html" in rejects["nobody.html"]["message"]


def test_same_stem_unreadable_and_link_loop(tmp_path, monkeypatch):
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    (src / "a" / "story.txt").write_text(STORY)
    (src / "b" / "story.txt").write_text(STORY.replace("river", "stream"))
    (src / "locked.txt").write_text(STORY)
    os.symlink(src / "loop2.txt", src / "loop1.txt")
    os.symlink(src / "loop1.txt", src / "loop2.txt")
    os.symlink(src, src / "a" / "back-to-top")  # a directory link is not followed: no infinite walk
    real_read = Path.read_bytes

    def locked(self):  # tests run as root, where chmod cannot deny a read
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", locked)
    _, records, rejects = run_build(src, tmp_path / "out")
    assert records["a/story.txt"]["id"] == "story" and records["b/story.txt"]["id"] == "story-2"
    assert rejects["locked.txt"]["reason"] == "unreadable"
    assert {rejects[k]["reason"] for k in rejects if "loop" in k} == {"unreadable"}


def test_ids_cannot_escape_the_output():
    assert safe_id("..") == "article"
    assert "/" not in safe_id("../../etc/passwd") and not safe_id("..hidden").startswith(".")


def test_crash_in_one_document_rejects_it_and_the_build_goes_on(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(STORY)
    (src / "bad.txt").write_text(STORY.replace("river", "poison"))
    import cleanset.pipeline as pipeline

    real = pipeline.run_fixers

    def flaky(text, ctx, skip=frozenset(), on_step=None):
        if "poison" in text:
            raise ValueError("fixer blew up")
        return real(text, ctx, skip, on_step)

    monkeypatch.setattr(pipeline, "run_fixers", flaky)
    _, records, rejects = run_build(src, tmp_path / "out")
    assert set(records) == {"good.txt"}
    assert (
        rejects["bad.txt"]["reason"] == "error"
        and "ValueError: fixer blew up" in rejects["bad.txt"]["message"]
    )


def test_strict_fails_on_any_reject_and_publishes_nothing(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(STORY)
    (src / "empty.txt").write_text("")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(src), "--out", str(out), "--strict", "--workers", "1"])
    assert result.exit_code == 1 and "empty.txt: empty" in result.output
    assert not out.exists() and not list(tmp_path.glob(".cleanset-*"))
    ok = runner.invoke(app, ["build", str(src), "--out", str(out), "--workers", "1"])
    assert ok.exit_code == 0 and "in = out + rejected" in ok.output


def test_unwritable_output_folder_exit_2(tmp_path, monkeypatch):
    import cleanset.builder as build_mod

    target = tmp_path / "readonly"
    target.mkdir()
    real_access = os.access
    # root ignores permission bits, so the denial is simulated
    monkeypatch.setattr(
        build_mod.os, "access", lambda p, mode: False if Path(p) == target else real_access(p, mode)
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STORY)
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "--out", str(target / "out")])
    assert result.exit_code == 2 and "not writable" in result.output, result.output
    assert not (target / "out").exists()


def _big_corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    para = "The council met on Monday to discuss the new budget, officials said. " * 12
    for i in range(n):
        (folder / f"doc{i:05d}.txt").write_text(f"Council Budget Story Number {i}\n\n{para}\n\n{para}\n")
    return folder


def _start(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cleanset", "build", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _wait_for_staging(parent: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if list(parent.glob(".cleanset-staging-*")):
            time.sleep(1.0)  # well into the build
            return
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.05)
    raise AssertionError("the build never started writing")


def _snapshot(out: Path) -> dict:
    return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_or_interrupted_build_leaves_previous_output(tmp_path, seeds_dir, sig):
    import datasets

    out = tmp_path / "out"
    build([seeds_dir], out, BuildOptions(workers=1))
    before = _snapshot(out)
    corpus = _big_corpus(tmp_path / "big", 3000)
    proc = _start([str(corpus), "--out", str(out), "--workers", "2", "--quiet"])
    _wait_for_staging(tmp_path, proc)
    os.killpg(proc.pid, sig)
    _, stderr = proc.communicate(timeout=120)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and b"interrupted" in stderr, stderr.decode()[-3000:]
        assert not list(tmp_path.glob(".cleanset-*"))
    else:
        assert proc.returncode == -signal.SIGKILL
    assert _snapshot(out) == before
    assert datasets.load_from_disk(str(out / "hf")).num_rows == 5
    # the next build clears whatever the killed one left beside the output
    build([seeds_dir], out, BuildOptions(workers=1))
    assert not list(tmp_path.glob(".cleanset-*"))
    assert json.loads((out / "manifest.json").read_text())["counts"]["records"] == 5


def test_an_interrupt_lost_inside_the_build_still_publishes_nothing(tmp_path, seeds_dir):
    # Python drops a KeyboardInterrupt raised while a finaliser runs; here a progress callback
    # swallows it the same way, and the build must still not publish
    from cleanset.publish import interrupts_remembered

    out = tmp_path / "out"
    build([seeds_dir], out, BuildOptions(workers=1))
    before = _snapshot(out)

    def swallow_an_interrupt(stage: str, n: int) -> None:
        if stage == "clean":
            try:
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(1)
            except KeyboardInterrupt:
                pass

    handler = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt), interrupts_remembered():
        build([seeds_dir], out, BuildOptions(workers=1, batch_size=1), progress=swallow_an_interrupt)
    assert signal.getsignal(signal.SIGINT) is handler
    assert _snapshot(out) == before
    assert not list(tmp_path.glob(".cleanset-*"))
