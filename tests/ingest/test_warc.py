"""WARC archives written with warcio, read back as a stream of pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance.ingest.files import expand, path_items
from provenance.ingest.items import Failure, Item, Skipped
from provenance.ingest.synthetic import write_warc
from provenance.ingest.warc import warc_items
from tests.ingest.pages import page_of, seed_bodies


def _pages() -> list[tuple[str, bytes]]:
    return [(spec.url, html) for spec, html in (page_of(s, b) for s, b in seed_bodies().items())]


def _extra_records(out: io.BytesIO, *, gzip: bool) -> None:
    writer = WARCWriter(out, gzip=gzip)
    for status, kind, payload in (
        ("404 Not Found", "text/html", b"<html>gone</html>"),
        ("200 OK", "image/jpeg", b"\xff\xd8\xff"),
    ):
        headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://www.dailyexample.com/other",
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),
                http_headers=headers,
            )
        )


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_become_items_and_the_rest_is_skipped(gzip: bool) -> None:
    out = io.BytesIO()
    assert write_warc(out, _pages(), gzip=gzip) == 2
    _extra_records(out, gzip=gzip)
    out.seek(0)
    found = list(warc_items(out, name="crawl.warc", max_bytes=1_000_000))
    items = [x for x in found if isinstance(x, Item)]
    skipped = [x for x in found if isinstance(x, Skipped)]
    assert [i.hints.url for i in items] == [url for url, _ in _pages()]
    assert sorted(s.reason for s in skipped) == ["HTTP status 404", "not HTML (image/jpeg)"]
    assert not [x for x in found if isinstance(x, Failure)]


def test_the_size_cap_fails_one_record_only() -> None:
    out = io.BytesIO()
    pages = _pages()
    write_warc(out, [pages[0], (pages[1][0], pages[1][1] + b" " * 200_000)], gzip=True)
    out.seek(0)
    found = list(warc_items(out, name="crawl.warc.gz", max_bytes=100_000))
    assert isinstance(found[0], Item)
    assert isinstance(found[1], Failure)
    assert "cap of 100000 bytes" in found[1].reason


@pytest.mark.parametrize("gzip", [True, False])
def test_a_cut_short_archive_keeps_the_records_before_the_damage(
    tmp_path: Path, gzip: bool
) -> None:
    out = io.BytesIO()
    write_warc(out, _pages(), gzip=gzip)
    data = out.getvalue()
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    path.write_bytes(data[: len(data) - 300])
    found = list(path_items(path, max_bytes=1_000_000))
    assert isinstance(found[0], Item)
    assert isinstance(found[-1], Failure)


def test_folders_globs_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.html").write_text("<html></html>")
    (tmp_path / "a" / "notes.txt").write_text("not a page")
    (tmp_path / "b.warc.gz").write_bytes(b"")
    found, missing = expand([str(tmp_path / "a"), str(tmp_path / "*.warc.gz"),
                             str(tmp_path / "nothing.html"), str(tmp_path / "*.arc")])  # fmt: skip
    assert [Path(p).name for p in found] == ["one.html", "b.warc.gz"]
    assert [m.reason for m in missing] == ["no such file or folder", "the pattern matches no file"]
