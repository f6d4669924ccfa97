"""The build report in a real browser, and the terminal views `inspect` and `diff`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from cleanset.cli import app

runner = CliRunner()
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed here when the machine does not have it yet."""
    path = shutil.which("chromium")
    if path is None:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, timeout=600)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"],
            check=True,
            env=env,
            timeout=1200,
            stdout=subprocess.DEVNULL,
        )
        path = shutil.which("chromium")
    assert path, "chromium could not be installed"
    return path


def test_report_in_headless_chromium(chromium, seeds_build, tmp_path):
    report = seeds_build / "report.html"
    url = report.resolve().as_uri()
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, *profile, "--dump-dom", url], capture_output=True, text=True, timeout=120
    ).stdout
    assert '<svg id="edits-chart"' in dom
    bars = re.findall(r'<rect class="bar" data-kind="([a-z_]+)"', dom)
    assert {"spacing", "sentence_case", "proper_case", "residue"} <= set(bars)
    section = dom[dom.index('id="doc-004_4215c674bb748be6"') :]
    section = section[: section.index("</section>")]
    assert re.search(r"<del>[^<]*RT World News[^<]*</del>", section)
    assert re.search(r"<del>[^<]*Scroll to Top[^<]*</del>", section)
    assert not re.search(r"<ins>[^<]*RT World News", section)
    # changed passages with context, not the whole article: the body's unchanged middle is absent
    assert "The United States Vice President" in section and len(section) < 4_000
    assert "<th>evidence</th>" in section
    # records with no edit are neither listed nor shown; rejects come before the edits
    assert 'id="doc-002_494f7874fc00aae8"' not in dom and 'href="#doc-003_b260c448108cb886"' not in dom
    assert dom.index('id="rejects"') < dom.index('id="edits-chart"')
    assert re.search(r"built \d{4}-\d\d-\d\d \d\d:\d\d UTC", dom) and "casing=default" in dom
    assert "Languages: en 5" in dom
    shot = tmp_path / "report.png"
    subprocess.run(
        [chromium, *CHROMIUM_FLAGS, *profile, "--window-size=1280,2000", f"--screenshot={shot}", url],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000


def test_report_is_self_contained(seeds_build):
    html = (seeds_build / "report.html").read_text()
    assert "<script" not in html
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert "default-src 'none'" in html


def test_inspect_dataset_and_record(seeds_build):
    result = runner.invoke(app, ["inspect", str(seeds_build)])
    assert result.exit_code == 0
    for expected in ("Edits by kind", "Most edited documents", "001_b4973558f688b69c", "sentence_case"):
        assert expected in result.output
    one = runner.invoke(app, ["inspect", str(seeds_build), "004_4215c674bb748be6"])
    assert one.exit_code == 0
    assert "RT World News" in one.output and "residue" in one.output
    missing = runner.invoke(app, ["inspect", str(seeds_build), "no-such-id"])
    assert missing.exit_code == 1 and "no record" in missing.output


def test_diff_shows_what_would_change(seeds_dir, tmp_path):
    result = runner.invoke(app, ["diff", str(seeds_dir / "001_b4973558f688b69c.txt")])
    assert result.exit_code == 0
    assert "proper_case 3" in result.output and "spacing 6" in result.output
    clean = runner.invoke(app, ["diff", str(seeds_dir / "002_494f7874fc00aae8.txt")])
    assert clean.exit_code == 0 and "nothing to change" in clean.output
    assert not list(tmp_path.iterdir())  # nothing was built
    bad = runner.invoke(app, ["diff", str(tmp_path / "missing.txt")])
    assert bad.exit_code == 2
