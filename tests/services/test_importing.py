"""Import: idempotent, line by line, naming every bad line while the good ones load."""

from __future__ import annotations

import json

import psycopg

from tests.services.writing_support import export_text, import_text


def history_count(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM history").fetchone()
    assert row is not None
    return int(row[0])


def test_a_second_import_changes_nothing(seeded_url: str, empty_url: str) -> None:
    data = export_text(seeded_url)
    import_text(empty_url, data)
    changes = history_count(empty_url)
    report = import_text(empty_url, data)
    assert report.problems == []
    assert report.loaded == len(data.splitlines())
    assert history_count(empty_url) == changes


def test_the_importer_is_the_recorded_actor(seeded_url: str, empty_url: str) -> None:
    import_text(empty_url, export_text(seeded_url), actor="bulk:newsroom")
    with psycopg.connect(empty_url) as conn:
        actors = conn.execute("SELECT DISTINCT actor FROM history").fetchall()
    assert actors == [("bulk:newsroom",)]


def test_bad_lines_are_named_and_the_others_load(seeded_url: str, empty_url: str) -> None:
    lines = export_text(seeded_url).splitlines()
    article = json.loads(lines[-1])
    article["attributions"][0]["text"] = "words the article never printed"
    middle = len(lines) // 2
    broken = [
        *lines[:middle],
        '{"type": "outlet", "slug": "half',
        *lines[middle:-1],
        json.dumps(article),
        '{"type": "speaker", "slug": "x", "name": "X", "kind": "alien"}',
    ]
    report = import_text(empty_url, "\n".join(broken))
    numbers = [p.line_number for p in report.problems]
    assert numbers == [middle + 1, len(lines) + 1, len(lines) + 2]
    assert "not valid JSON" in report.problems[0].message
    assert "does not read" in report.problems[1].message
    assert report.problems[1].field == "attributions[0].start"
    assert "alien" in report.problems[2].message
    assert report.loaded == len(lines) - 1
    with psycopg.connect(empty_url) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()
    assert articles == (4,)


def test_a_reference_to_an_unknown_quotation_is_reported(empty_url: str) -> None:
    line = json.dumps(
        {
            "type": "article",
            "slug": "a",
            "cited_as": "a report",
            "attributions": [{"quotation": "nobody-said-this", "kind": "direct"}],
        }
    )
    report = import_text(empty_url, line)
    assert [(p.line_number, p.field) for p in report.problems] == [(1, "attributions[0].quotation")]
    with psycopg.connect(empty_url) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_upstream_by_url_and_within_the_same_article(empty_url: str) -> None:
    body = "He said \u201cno deal\u201d. Later: \u201cno deal\u201d."
    second = body.rindex("no deal")
    lines = [
        {"type": "speaker", "slug": "pahon", "name": "Pahon", "kind": "person"},
        {"type": "quotation", "slug": "no-deal", "speaker": "pahon", "text": "no deal"},
        {
            "type": "article",
            "slug": "origin",
            "url": "https://example.org/origin",
            "cited_as": "an interview",
            "attributions": [{"quotation": "no-deal", "kind": "direct"}],
        },
        {
            "type": "article",
            "slug": "relay",
            "body": body,
            "attributions": [
                # Listed before the appearance it was taken from, in the same article.
                {
                    "quotation": "no-deal",
                    "kind": "direct",
                    "text": "no deal",
                    "start": second,
                    "upstream": {"article": "relay", "start": body.index("no deal")},
                },
                {
                    "quotation": "no-deal",
                    "kind": "direct",
                    "text": "no deal",
                    "start": body.index("no deal"),
                    "upstream": {"article": "https://example.org/origin"},
                },
            ],
        },
    ]
    report = import_text(empty_url, "\n".join(json.dumps(line) for line in lines))
    assert report.problems == []
    with psycopg.connect(empty_url) as conn:
        chain = conn.execute(
            "SELECT a.start_offset, up_article.slug, up.start_offset FROM attributions a "
            "JOIN attributions up ON up.id = a.upstream_id "
            "JOIN articles up_article ON up_article.id = up.article_id ORDER BY 1"
        ).fetchall()
    assert chain == [
        (body.index("no deal"), "origin", None),
        (second, "relay", body.index("no deal")),
    ]


def test_importing_again_restores_what_changed_since(seeded_url: str, empty_url: str) -> None:
    data = export_text(seeded_url)
    import_text(empty_url, data)
    with psycopg.connect(empty_url) as conn:
        conn.execute("UPDATE attributions SET cue = 'whispered' WHERE cue = 'he said'")
        conn.commit()
    assert export_text(empty_url) != data
    report = import_text(empty_url, data)
    assert report.problems == []
    assert export_text(empty_url) == data
