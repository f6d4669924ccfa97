"""Real pages and crawl archives: extraction, metadata, charsets, WARC, compressed and misnamed pages."""

from __future__ import annotations

import gzip
import io
import json
import uuid
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from cleanset.builder import build
from cleanset.pipeline import BuildOptions
from cleanset.readers.decode import decode_page
from cleanset.readers.page_title import choose_headline, strip_crumbs
from cleanset.readers.pages import read_page
from cleanset.schema import validate_record

SHARED_PAGES = Path(__file__).resolve().parents[2] / "shared" / "pages"

PARAGRAPHS = [
    "The council voted on Tuesday to close the old bridge over the river for six months of repairs.",
    "Engineers found cracks in two of its supports during an inspection in the spring, the council said.",
    "Drivers will be sent on a detour through the town centre, which shops there fear will bring traffic jams.",
    "A temporary footbridge will open next month so that people can still walk across to the station.",
]


def page(
    body: list[str] | None = None,
    *,
    title: str = "Council closes the old bridge for repairs | Town News | The Daily Ledger",
    h1: str | None = "Council closes the old bridge for repairs",
    head: str = "",
    furniture: bool = True,
    charset: str | None = None,
) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in (PARAGRAPHS if body is None else body))
    nav = (
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"
        if furniture
        else ""
    )
    aside = (
        "<aside><h3>Most read</h3><ul><li><a href='/1'>Ten things to do this weekend</a></li>"
        "<li><a href='/2'>Mayor wins award</a></li></ul></aside><footer>Cookie settings. Subscribe now. (c) The Daily Ledger</footer>"
        if furniture
        else ""
    )
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title}</title>{head}</head><body>{nav}"
        f"<article>{heading}{paragraphs}</article>{aside}</body></html>"
    )


def built(src: Path, out: Path, **options) -> tuple[dict, dict[str, dict], dict[str, dict]]:
    summary = build([src], out, BuildOptions(workers=options.pop("workers", 1), **options))
    records: dict[str, dict] = {}
    for shard in sorted((out / "parquet" / "articles").glob("articles-*.parquet")):
        records.update({r["source"]: r for r in pq.read_table(shard).to_pylist()})
    rejects = {r["source"]: r for r in pq.read_table(out / "rejects.parquet").to_pylist()}
    assert summary.inputs == summary.records + summary.rejected
    assert all(r["text"].strip() for r in records.values())
    return summary, records, rejects


# --- extraction and metadata ------------------------------------------------------------------


def test_page_furniture_stays_out_and_metadata_becomes_fields(tmp_path):
    head = (
        '<meta property="og:site_name" content="The Daily Ledger">'
        '<meta name="description" content="Six months of repairs after cracks were found.">'
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2024-03-05T09:30:00Z">'
        '<link rel="canonical" href="https://ledger.example/news/bridge-closes">'
    )
    src = tmp_path / "in"
    src.mkdir()
    (src / "bridge.html").write_text(page(head=head), encoding="utf-8")
    _, records, _ = built(src, tmp_path / "out")
    r = records["bridge.html"]
    assert r["title"] == "Council closes the old bridge for repairs"
    assert r["publisher"] == "The Daily Ledger"
    assert r["url"] == "https://ledger.example/news/bridge-closes"
    assert r["published"] == "2024-03-05"
    assert r["authors"] == ["Jane Doe"]
    assert r["description"] == "Six months of repairs after cracks were found."
    for paragraph in PARAGRAPHS:
        assert paragraph in r["text"]
    for furniture in ("Most read", "Mayor wins award", "Cookie settings", "Sport", "Subscribe"):
        assert furniture not in r["text"]
    assert not validate_record(r)


def test_text_files_get_null_metadata(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "story.txt").write_text("River Floods Town\n\n" + "\n\n".join(PARAGRAPHS))
    _, records, _ = built(src, tmp_path / "out")
    r = records["story.txt"]
    assert (r["url"], r["published"], r["authors"], r["description"]) == (None, None, [], None)


def test_headings_lists_and_tables_survive_into_structure():
    markup = page(
        [
            *PARAGRAPHS[:2],
            "</p><h2>What changes for drivers</h2><ul><li>The bridge closes on Monday at six.</li>"
            "<li>Buses will take the ring road instead.</li></ul><table><tr><th>Route</th><th>Extra minutes</th></tr>"
            "<tr><td>Ring road</td><td>12</td></tr><tr><td>Town centre</td><td>20</td></tr></table><p>"
            + PARAGRAPHS[2],
        ]
    )
    from cleanset.structure import build_structure

    read = read_page(markup)
    s = build_structure("\n\n".join(read.lines), title_given=True)
    assert [sec.heading for sec in s.sections] == [None, "What changes for drivers"]
    assert s.sections[1].items == [
        "The bridge closes on Monday at six.",
        "Buses will take the ring road instead.",
    ]
    assert len(s.tables) == 1 and s.tables[0].header == ["Route", "Extra minutes"]
    assert s.tables[0].rows == [["Ring road", "12"], ["Town centre", "20"]]


def test_a_layout_table_is_read_as_paragraphs():
    prose = " ".join(PARAGRAPHS)
    read = read_page(page([f"</p><table><tr><td></td><td>{prose}</td></tr></table><p>{PARAGRAPHS[0]}"]))
    assert not any(line.startswith("|") for line in read.lines)
    assert prose in read.lines


def test_page_with_no_article_is_rejected_with_its_name(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "index.html").write_text(page([], h1=None, title="Home | The Daily Ledger"))
    (src / "ok.html").write_text(page())
    _, records, rejects = built(src, tmp_path / "out")
    assert set(records) == {"ok.html"}
    assert (
        rejects["index.html"]["reason"] == "no_content" and "index.html" in rejects["index.html"]["message"]
    )


def test_schema_refuses_an_empty_text(seed_records):
    record = dict(next(iter(seed_records.values())), text="")
    assert any(p.field == "text" for p in validate_record(record))


def test_nothing_is_fetched(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    head = '<link rel="canonical" href="https://ledger.example/a"><meta property="og:image" content="https://ledger.example/i.jpg">'
    read = read_page(page(head=head), url="https://ledger.example/a")
    assert read.url == "https://ledger.example/a" and read.has_body


# --- titles -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        (
            "US service members killed in Afghanistan helicopter crash | Afghanistan News | Al Jazeera",
            "Al Jazeera",
            "US service members killed in Afghanistan helicopter crash",
        ),
        (
            "The Guardian view on Hong Kong: a city on the brink | Editorial | Opinion",
            "the Guardian",
            "The Guardian view on Hong Kong: a city on the brink",
        ),
        ("About bugs – Vortex Cannon Entertainment", "Vortex Cannon Entertainment", "About bugs"),
        ("Why the storm surprised forecasters - Digg", "Digg", "Why the storm surprised forecasters"),
        ("Markets rally on rate hopes | World | News", None, "Markets rally on rate hopes"),
        (
            "Russia hits Kyiv, damages schools - National | Globalnews.ca",
            "Global News",
            "Russia hits Kyiv, damages schools",
        ),
        # a headline's own dash or colon stays
        (
            "Stadia's reviews are here — and they're not great",
            "The Verge",
            "Stadia's reviews are here — and they're not great",
        ),
        ("Brexit: what happens next", "BBC News", "Brexit: what happens next"),
        ("Brexit - what happens next", None, "Brexit - what happens next"),
    ],
)
def test_crumbs_leave_the_title(title, site, expected):
    assert strip_crumbs(title, site) == expected


def test_headline_sources_vote():
    # the <h1> and og:title agree; <title> carries an SEO variant with crumbs
    assert (
        choose_headline(
            {
                "h1": "Starmer defiant over gifts",
                "og": "Starmer defiant over gifts",
                "title": "Starmer to keep gifts | Politics | Site",
            },
            "Site",
        )
        == "Starmer defiant over gifts"
    )
    # a logo in an <h1> of its own is not the headline
    assert choose_headline(
        {"h1": "The Daily Ledger", "og": "Bridge closes for repairs"}, "The Daily Ledger"
    ) == ("Bridge closes for repairs")


# --- charsets, compression, names ----------------------------------------------------------------

CHARSET_TEXTS = {
    "windows-1251": "Переговоры в Женеве продолжились во вторник. Делегации обсудили условия перемирия и обмен пленными.",
    "koi8-r": "Переговоры в Женеве продолжились во вторник. Делегации обсудили условия перемирия и обмен пленными.",
    "shift_jis": "ジュネーブでの交渉は火曜日も続いた。代表団は停戦の条件と捕虜の交換について話し合った。",
    "gbk": "日内瓦的谈判周二继续进行。代表团讨论了停火条件和交换战俘的问题。",
    "iso-8859-7": "Οι διαπραγματεύσεις στη Γενεύη συνεχίστηκαν την Τρίτη. Οι αντιπροσωπείες συζήτησαν τους όρους.",
    "iso-8859-2": "Rozmowy w Genewie trwały we wtorek. Delegacje omówiły warunki rozejmu i wymianę jeńców wojennych.",
}


@pytest.mark.parametrize("charset", sorted(CHARSET_TEXTS))
def test_page_is_decoded_in_the_charset_it_declares(tmp_path, charset):
    text = CHARSET_TEXTS[charset]
    markup = page(
        [text] * 4,
        title="Женева" if "1251" in charset or "koi8" in charset else "Geneva",
        h1=None,
        charset=charset,
    )
    data = markup.encode(charset)
    decoded, encoding = decode_page(data)
    assert text in decoded
    src = tmp_path / "in"
    src.mkdir()
    (src / "talks.html").write_bytes(data)
    _, records, _ = built(src, tmp_path / "out")
    assert text in records["talks.html"]["text"]


def test_http_charset_comes_before_the_page_and_detection():
    data = page(["Переговоры в Женеве продолжились во вторник."] * 4, charset=None).encode("koi8-r")
    assert "Переговоры" in decode_page(data, http_charset="koi8-r")[0]
    # a page that declares nothing and is not UTF-8 is detected, not read as cp1252
    text, encoding = decode_page(page(["Переговоры в Женеве продолжились во вторник. " * 8]).encode("cp1251"))
    assert "Переговоры" in text


def test_gzipped_page_misnamed_page_and_page_without_extension(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html.gz").write_bytes(gzip.compress(page().encode()))
    (src / "b.txt").write_text(page())
    (src / "c").write_text(page())
    (src / "d.txt.gz").write_bytes(
        gzip.compress(("River Floods Town\n\n" + "\n\n".join(PARAGRAPHS)).encode())
    )
    summary, records, _ = built(src, tmp_path / "out")
    assert set(records) == {"a.html.gz", "b.txt", "c", "d.txt.gz"}
    for name in ("a.html.gz", "b.txt", "c"):
        assert records[name]["title"] == "Council closes the old bridge for repairs"
        assert "<" not in records[name]["text"] and "Html" not in records[name]["text"]
    assert records["a.html.gz"]["id"] == "a" and records["d.txt.gz"]["title"] == "River Floods Town"


def test_a_few_nul_bytes_are_removed_not_a_reason_to_reject(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    story = ("River Floods Town\n\n" + "\n\n".join(PARAGRAPHS)).encode()
    (src / "nul.txt").write_bytes(story[:40] + b"\x00" + story[40:80] + b"\x00\x00" + story[80:])
    (src / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    _, records, rejects = built(src, tmp_path / "out")
    assert "\x00" not in records["nul.txt"]["text"]
    assert any("3 NUL bytes removed" in w for w in records["nul.txt"]["warnings"])
    assert rejects["binary.txt"]["reason"] == "binary"


# --- WARC ---------------------------------------------------------------------------------------


def warc_record(
    kind: str, uri: str, content: bytes, content_type: str = "application/http; msgtype=response"
):
    from fastwarc.warc import WarcRecord, WarcRecordType

    record = WarcRecord()
    record.init_headers(record_type=getattr(WarcRecordType, kind), record_urn=str(uuid.uuid4()).encode())
    record.headers["WARC-Target-URI"] = uri
    record.headers["Content-Type"] = content_type
    record.set_bytes_content(content)
    return record


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + body


def write_warc(path: Path, records: list, gzipped: bool) -> None:
    from fastwarc.stream_io import GzipWriter

    with open(path, "wb") as fh:
        for record in records:
            if gzipped:  # one gzip member a record, as crawlers write them
                member = GzipWriter(fh, fsspec_args=False)
                record.write(member)
                member.finish()
            else:
                record.write(fh)


def mixed_archive(pages: list[tuple[str, bytes, str]]) -> list:
    """Each page behind its request, with warcinfo, metadata, revisit and non-HTML records mixed in."""
    out = [warc_record("warcinfo", "", b"software: test\r\n", "application/warc-fields")]
    for i, (uri, body, content_type) in enumerate(pages):
        out.append(
            warc_record(
                "request",
                uri,
                b"GET / HTTP/1.1\r\nHost: example\r\n\r\n",
                "application/http; msgtype=request",
            )
        )
        out.append(warc_record("response", uri, http_response(body, content_type)))
        if i % 3 == 0:
            out.append(warc_record("metadata", uri, b"fetchTimeMs: 12\r\n", "application/warc-fields"))
            out.append(warc_record("response", uri + ".png", http_response(b"\x89PNG\r\n", "image/png")))
            out.append(warc_record("revisit", uri, http_response(b"")))
    return out


def shared_pages(n: int) -> list[tuple[str, bytes]]:
    truth = SHARED_PAGES / "aeb" / "ground-truth.json"
    if not truth.is_file():
        pytest.skip("the shared page sets are not beside the project")
    gt = json.loads(truth.read_text(encoding="utf-8"))
    keys = sorted(gt)[:n]
    return [
        (gt[k]["url"], gzip.decompress((SHARED_PAGES / "aeb" / "html" / f"{k}.html.gz").read_bytes()))
        for k in keys
    ]


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_gives_the_pages_as_html_files_do(tmp_path, gzipped):
    real = shared_pages(12)
    entries = [(u, b, "text/html; charset=utf-8") for u, b in real]
    entries.append(("https://ledger.example/empty", page([], h1=None, title="Home").encode(), "text/html"))
    entries.append(
        (
            "https://ledger.example/koi8",
            page(["Переговоры в Женеве продолжились во вторник. " * 6]).encode("koi8-r"),
            "text/html; charset=koi8-r",
        )
    )
    archive_dir = tmp_path / "warc"
    archive_dir.mkdir()
    name = "crawl.warc.gz" if gzipped else "crawl.warc"
    write_warc(archive_dir / name, mixed_archive(entries), gzipped)
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    for i, (_, body) in enumerate(real):
        (html_dir / f"p{i:02d}.html").write_bytes(body)

    summary, records, rejects = built(archive_dir, tmp_path / "out", batch_size=5)
    assert summary.records + summary.rejected == len(entries)
    assert summary.skipped["warc request records"] == len(entries)
    assert summary.skipped["warc non-HTML responses"] == summary.skipped["warc metadata records"] == 5
    assert summary.skipped["warc revisit records"] == 5 and summary.skipped["warc warcinfo records"] == 1
    assert all(src.startswith(f"{name}#") for src in [*records, *rejects])
    assert [r["reason"] for r in rejects.values()] == ["no_content"]
    by_url = {r["url"]: r for r in records.values()}
    assert "Переговоры" in by_url["https://ledger.example/koi8"]["text"]
    _, html_records, _ = built(html_dir, tmp_path / "out-html")
    html_texts = sorted(r["text"] for r in html_records.values())
    warc_texts = sorted(r["text"] for r in records.values() if r["url"] != "https://ledger.example/koi8")
    assert warc_texts == html_texts
    # the same records whatever the number of workers
    _, two, _ = built(archive_dir, tmp_path / "out-2", batch_size=5, workers=2)
    assert [(r["id"], r["text"]) for r in two.values()] == [(r["id"], r["text"]) for r in records.values()]


def test_warc_slices_are_read_without_the_rest(tmp_path):
    from cleanset.readers import discover, read_unit
    from cleanset.readers.warc import WarcSlice

    entries = [
        (f"https://ledger.example/{i}", page().replace("old bridge", f"bridge {i}").encode(), "text/html")
        for i in range(9)
    ]
    write_warc(tmp_path / "a.warc.gz", mixed_archive(entries), gzipped=True)
    found = discover([tmp_path / "a.warc.gz"], batch_size=4)
    assert [len(u) for u in found.units] == [4, 4, 1]
    assert all(isinstance(u, WarcSlice) and u.seekable for u in found.units)
    last = list(read_unit(found.units[2], 10_000_000, None))
    assert len(last) == 1 and "bridge 8" in last[0].text
    # the report's side-by-side view finds a record's text in the slice holding its offset
    from cleanset.readers import read_raw_text

    assert read_raw_text(found, last[0].source, 10_000_000, None) == last[0].text
    second = list(read_unit(found.units[1], 10_000_000, None))[2]
    assert read_raw_text(found, second.source, 10_000_000, None) == second.text


def test_a_warc_gzipped_as_one_stream_is_read_in_order(tmp_path):
    buf = io.BytesIO()
    entries = [
        (f"https://ledger.example/{i}", page().replace("old bridge", f"bridge {i}").encode(), "text/html")
        for i in range(7)
    ]
    write_warc(tmp_path / "plain.warc", mixed_archive(entries), gzipped=False)
    buf.write(gzip.compress((tmp_path / "plain.warc").read_bytes()))
    src = tmp_path / "in"
    src.mkdir()
    (src / "one-stream.warc.gz").write_bytes(buf.getvalue())
    summary, records, _ = built(src, tmp_path / "out", batch_size=3)
    assert summary.records == 7
    assert [f"bridge {i}" in r["text"] for i, r in enumerate(records.values())] == [True] * 7
