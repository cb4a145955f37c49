"""`provenance ingest` end to end: saved pages, a WARC and a local feed, each twice."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
from click.testing import CliRunner, Result

from provenance.cli.ingest import ingest_command, outlet_source
from provenance.ingest.synthetic import write_warc
from tests.api.conftest import serve as serve_api
from tests.ingest.pages import page_of, real_bodies, seed_bodies
from tests.ingest.server import Route, serve


def _run(url: str, *args: str) -> tuple[Result, dict[str, Any]]:
    result = CliRunner().invoke(
        ingest_command, [*args, "--json", "--actor", "test"], env={"DATABASE_URL": url}
    )
    assert result.exit_code in (0, 1), result.output
    return result, json.loads(result.stdout)


def _count(url: str, table: str) -> int:
    with psycopg.connect(url) as connection:
        row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    assert row is not None
    return int(row[0])


def _folder(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path / "saved"
    (folder / "2024").mkdir(parents=True)
    specs = {}
    for stem, body in {**seed_bodies(), **real_bodies(4)}.items():
        spec, html = page_of(stem, body)
        (folder / "2024" / f"{stem}.html").write_bytes(html)
        specs[stem] = spec
    # The same story saved again from an aggregator: other chrome, another URL, no site name.
    first = next(iter(seed_bodies().items()))
    _, copy = page_of("copy", first[1], site_name=None, host="aggregator.example.net")
    (folder / "copy-of-first.htm").write_bytes(copy)
    (folder / "broken.html").write_bytes(b"<html><body><nav>Home</nav></body></html>")
    return folder, specs


def test_a_folder_of_pages_twice(tmp_path: Path, empty_url: str) -> None:
    folder, specs = _folder(tmp_path)
    result, first = _run(empty_url, str(folder))
    assert result.exit_code == 1  # one page failed
    assert first["stored"] == len(specs)
    assert first["duplicates"] == 1
    assert [f["source"].endswith("broken.html") for f in first["failures"]] == [True]
    assert "no article text" in first["failures"][0]["reason"]
    assert first["candidates"] > 10
    articles, attributions = _count(empty_url, "articles"), _count(empty_url, "attributions")

    result, second = _run(empty_url, str(folder))
    assert second["stored"] == 0
    assert second["duplicates"] == 0
    assert second["already_ingested"] == len(specs) + 1
    assert second["failed"] == 1  # failures are not recorded: tried again
    assert (_count(empty_url, "articles"), _count(empty_url, "attributions")) == (
        articles,
        attributions,
    )

    with psycopg.connect(empty_url) as connection:
        rows = connection.execute(
            "SELECT a.url, a.title, a.published_on, o.name, i.author FROM articles a "
            "JOIN ingested_items i ON i.article_id = a.id AND i.outcome = 'stored' "
            "LEFT JOIN outlets o ON o.id = a.outlet_id"
        ).fetchall()
    by_url = {row[0]: row[1:] for row in rows}
    for spec in specs.values():
        assert by_url[spec.url] == (spec.title, date(2024, 3, 4), "Daily Example", "Jane Reporter")


def test_a_warc_and_stdin(tmp_path: Path, empty_url: str) -> None:
    pages = [page_of(stem, body) for stem, body in real_bodies(6).items()]
    archive = tmp_path / "crawl.warc.gz"
    with archive.open("wb") as out:
        write_warc(out, [(spec.url, html) for spec, html in pages], gzip=True)
    _, first = _run(empty_url, str(archive))
    assert (first["stored"], first["failed"]) == (len(pages), 0)
    _, again = _run(empty_url, str(tmp_path / "*.warc.gz"))
    assert (again["stored"], again["already_ingested"]) == (0, len(pages))

    # One more page through stdin; then the same bytes again are recognised.
    _, html = page_of("stdin", seed_bodies()["002_3b25dd24d437a149"], host="example.org")
    runner = CliRunner()
    args = ["-", "--json", "--actor", "test"]
    env = {"DATABASE_URL": empty_url}
    out = json.loads(runner.invoke(ingest_command, args, input=html, env=env).stdout)
    assert out["stored"] == 1
    out = json.loads(runner.invoke(ingest_command, args, input=html, env=env).stdout)
    assert out["already_ingested"] == 1


def test_the_articles_read_back_over_graphql(tmp_path: Path, empty_url: str) -> None:
    folder, specs = _folder(tmp_path)
    _run(empty_url, str(folder))
    spec = specs["000_84981e09d5801d82"]
    with psycopg.connect(empty_url) as connection:
        row = connection.execute("SELECT slug FROM articles WHERE url = %s", [spec.url]).fetchone()
    assert row is not None
    query = """query($slug: String) { article(slug: $slug) {
        title url publishedAt language outlet { name }
        attributions(first: 50) { edges { node {
            status text speaker { name } chain { role name }
        } } } } }"""
    with serve_api(empty_url) as api:
        article = api.data(query, {"slug": row[0]})["article"]
    assert article["title"] == spec.title
    assert article["url"] == spec.url
    assert article["publishedAt"] == "2024-03-04"
    assert article["outlet"] == {"name": "Daily Example"}
    nodes = [edge["node"] for edge in article["attributions"]["edges"]]
    assert nodes
    assert {node["status"] for node in nodes} == {"EXTRACTED"}
    assert any(len(node["chain"]) >= 2 for node in nodes)


def test_a_feed_from_a_local_server_twice(empty_url: str) -> None:
    bodies = list(real_bodies(3).items())
    routes: dict[str, Route] = {
        "/robots.txt": Route(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    }
    items = []
    for number, (stem, body) in enumerate(bodies):
        path = f"/private/{stem}" if number == 2 else f"/news/{stem}"
        routes[path] = Route(page_of(stem, body, site_name=None, host="feeds.test")[1])
        items.append(
            f"<item><title>{stem}</title><link>{{base}}{path}</link>"
            f"<pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate></item>"
        )
    with serve(routes) as site:
        feed = "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        feed += "".join(items).replace("{base}", site.base) + "</channel></rss>"
        site.routes["/feed.xml"] = Route(feed.encode(), "application/rss+xml")
        args = ["--feed", site.base + "/feed.xml", "--host-interval", "0"]
        result, first = _run(empty_url, *args)
        assert result.exit_code == 1
        assert first["stored"] == 2
        assert ["robots.txt" in f["reason"] for f in first["failures"]] == [True]
        assert site.hits[f"/private/{bodies[2][0]}"] == 0
        _, second = _run(empty_url, *args)
        assert (second["stored"], second["already_ingested"]) == (0, 2)
        assert site.hits[f"/news/{bodies[0][0]}"] == 1  # not fetched again
    with psycopg.connect(empty_url) as connection:
        urls = [r[0] for r in connection.execute("SELECT url FROM articles WHERE body IS NOT NULL")]
    # Stored under their canonical links; no outlet (no site name, an unknown host), and
    # none made up from the host.
    assert sorted(urls) == sorted(f"https://feeds.test/news/2024/03/04/{s}" for s, _ in bodies[:2])
    with psycopg.connect(empty_url) as connection:
        outlets = connection.execute(
            "SELECT count(*) FROM outlets o JOIN articles a ON a.outlet_id = o.id "
            "WHERE a.body IS NOT NULL"
        ).fetchone()
    assert outlets == (0,)


def test_outlets_come_from_the_table_or_the_declared_name(tmp_path: Path, empty_url: str) -> None:
    body = seed_bodies()["002_3b25dd24d437a149"]
    cases = {
        "bbc.html": page_of("a", body + " A.", site_name="BBC News", host="www.bbc.co.uk"),
        "reuters.html": page_of("b", body + " B.", site_name=None, host="uk.reuters.com"),
        "unknown.html": page_of("c", body + " C.", site_name=None, host="bbc.example.org"),
        "gazette.html": page_of("d", body + " D.", site_name="Harbour Gazette", host="hg.test"),
        "mapped.html": page_of("e", body + " E.", site_name=None, host="news.mapped.test"),
    }
    for name, (_, html) in cases.items():
        (tmp_path / name).write_bytes(html)
    env = {"DATABASE_URL": empty_url}
    added = CliRunner().invoke(
        outlet_source, ["add", "host", "mapped.test", "Mapped Times", "--actor", "t"], env=env
    )
    assert added.exit_code == 0, added.output
    listing = CliRunner().invoke(outlet_source, ["list"], env=env).output
    assert "mapped.test" in listing
    assert "bbc.co.uk" in listing
    _run(empty_url, str(tmp_path))
    with psycopg.connect(empty_url) as connection:
        rows: dict[str, str | None] = dict(
            connection.execute(
                "SELECT a.url, o.slug FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id "
                "WHERE a.body IS NOT NULL"
            ).fetchall()
        )
    outlet = {url.split("/")[2]: slug for url, slug in rows.items()}
    assert outlet == {
        "www.bbc.co.uk": "bbc",
        "uk.reuters.com": "reuters",
        "bbc.example.org": None,  # an unknown host names no outlet, whatever its words
        "hg.test": "harbour-gazette",
        "news.mapped.test": "mapped-times",
    }
    removed = CliRunner().invoke(
        outlet_source, ["remove", "host", "mapped.test", "--actor", "t"], env=env
    )
    assert removed.exit_code == 0
    again = CliRunner().invoke(
        outlet_source, ["remove", "host", "mapped.test", "--actor", "t"], env=env
    )
    assert again.exit_code == 1
    assert "no host 'mapped.test'" in again.output


def test_urls_are_fetched_and_non_pages_refused(empty_url: str) -> None:
    stem, body = next(iter(real_bodies(1).items()))
    routes = {
        "/robots.txt": Route(b"", "text/plain"),
        "/story": Route(page_of(stem, body, host="urls.test")[1]),
        "/report.pdf": Route(b"%PDF-1.4", "application/pdf"),
    }
    with serve(routes) as site:
        args = ["--url", site.base + "/story", "--url", site.base + "/report.pdf"]
        result, report = _run(empty_url, *args, "--host-interval", "0")
    assert result.exit_code == 1
    assert report["stored"] == 1
    assert report["failures"] == [
        {"source": site.base + "/report.pdf", "reason": "not an HTML page (application/pdf)"}
    ]
