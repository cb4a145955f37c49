"""Quotation search: whole words, printed words, near-misses; ranking, cap and pages."""

from __future__ import annotations

import asyncio

import psycopg
import pytest
from pytest_postgresql.executors import NoopExecutor

from provenance.bench.load import load_corpus
from provenance.bench.plan import CorpusPlan
from provenance.db import async_engine, session_factory
from provenance.services.pages import encode_cursor
from provenance.services.quotation_search import WORDS, SearchResult, search_quotations
from tests.conftest import SharedDatabases

pytestmark = pytest.mark.reads_only  # only reads: the session's shared databases


async def _pages(
    url: str, search: str, *, first: int = 7, limit: int = 1000
) -> tuple[list[SearchResult], list[tuple[float, int]]]:
    """Every page of a search, and the (score, id) of every item in page order."""
    engine = async_engine(url)
    pages: list[SearchResult] = []
    keys: list[tuple[float, int]] = []
    after = None
    try:
        async with session_factory(engine)() as session:
            while True:
                found = await search_quotations(
                    session, search=search, first=first, after=after, limit=limit
                )
                pages.append(found)
                keys += [(float(score), int(qid)) for score, qid in found.page.keys]
                if not found.page.has_next_page:
                    return pages, keys
                after = encode_cursor(found.page.keys[-1])
    finally:
        await engine.dispose()


def _matching_ids(url: str, search: str) -> set[int]:
    """The quotations whose own or printed words contain the search's, by plain SQL."""
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            """SELECT q.id FROM quotations q
               LEFT JOIN quotation_printed_words p ON p.quotation_id = q.id
               WHERE (q.search_vector || coalesce(p.words, ''))
                     @@ websearch_to_tsquery('english', %(s)s)""",
            {"s": search},
        ).fetchall()
    return {int(row[0]) for row in rows}


@pytest.mark.parametrize("search", ["and of", "the", "to be or not to be"])
def test_a_search_of_stop_words_only_matches_nothing(seeded_url: str, search: str) -> None:
    pages, keys = asyncio.run(_pages(seeded_url, search))
    assert keys == []
    assert (pages[0].total, pages[0].exact) == (0, True)


def test_a_misspelt_search_still_finds_near_misses(seeded_url: str) -> None:
    pages, keys = asyncio.run(_pages(seeded_url, "montored by a US figter jett"))
    assert pages[0].total == len(keys) > 0
    assert "monitored by a US fighter jet" in pages[0].page.items[0].text


@pytest.fixture(scope="session")
def corpus_url(shared_databases: SharedDatabases, migrated_template: NoopExecutor) -> str:
    """A generated corpus of 400 quotations, built once and shared read-only."""
    plan = CorpusPlan(quotations=400, seed=3)
    return shared_databases.url(
        "search_corpus",
        template=migrated_template,
        build=lambda url: load_corpus(url, plan, vacuum=False),
    )


def _words_by_frequency(url: str) -> list[tuple[str, int]]:
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM quotations') "
            "ORDER BY ndoc DESC, word"
        ).fetchall()
    return [(str(word), int(n)) for word, n in rows]


def test_common_and_rare_searches_page_through_every_match_once(corpus_url: str) -> None:
    words = _words_by_frequency(corpus_url)
    common, count = words[0]
    assert count > 30
    rare = next(word for word, n in words if 8 <= n <= 20)
    limit = 25  # the common word has more matches than that, the rare one fewer
    for search in (common, rare):
        pages, keys = asyncio.run(_pages(corpus_url, search, limit=limit))
        expected = _matching_ids(corpus_url, search)
        ids = [qid for _score, qid in keys]
        assert len(ids) == len(set(ids))
        assert set(ids) == expected
        # Best first, ties newest first: the keyset order, whatever the regime.
        assert keys == sorted(keys, key=lambda key: (-key[0], -key[1]))
        assert pages[0].total == min(len(expected), limit)
        assert pages[0].exact == (len(expected) <= limit)
    common_pages, common_keys = asyncio.run(_pages(corpus_url, common, limit=limit))
    assert not common_pages[0].exact
    assert {score for score, _id in common_keys} == {WORDS}  # newest first, unranked
    _pages_rare, rare_keys = asyncio.run(_pages(corpus_url, rare, limit=limit))
    assert any(score > WORDS for score, _id in rare_keys)  # ranked by ts_rank


def test_a_word_only_printed_finds_its_quotation(corpus_url: str) -> None:
    with psycopg.connect(corpus_url) as connection:
        found = connection.execute(
            """SELECT p.quotation_id, printed, own FROM quotation_printed_words p
               JOIN quotations q ON q.id = p.quotation_id,
               unnest(tsvector_to_array(p.words)) printed,
               unnest(tsvector_to_array(q.search_vector)) own
               WHERE printed ~ '^[a-z]+$' AND own ~ '^[a-z]+$'
                 AND strip(to_tsvector('english', printed)) = printed::tsvector
                 AND strip(to_tsvector('english', own)) = own::tsvector
               ORDER BY 1, 2, 3 LIMIT 1"""
        ).fetchone()
    assert found is not None
    quotation_id, printed, own = found
    _pages_found, keys = asyncio.run(_pages(corpus_url, printed))
    assert (WORDS, quotation_id) in keys
    # One word of the text and one only printed: the quotation as printed has both.
    _pages_found, keys = asyncio.run(_pages(corpus_url, f"{own} {printed}"))
    assert (WORDS, quotation_id) in keys


def test_quotes_percents_and_colons_are_words_not_sql(seeded_url: str) -> None:
    # The words are written into the statement (for a plan made for them): quoted safely.
    pages, keys = asyncio.run(_pages(seeded_url, "it's 100% \\' %(first)s :first'); --"))
    assert (pages[0].total, keys) == (0, [])
    _pages_daesh, keys = asyncio.run(_pages(seeded_url, "Daesh's"))
    assert keys


def _misspelt(text: str) -> str:
    """Each word of four letters or more with its last letter doubled; others dropped."""
    words = [w for w in text.lower().replace(".", " ").replace(",", " ").split() if len(w) >= 4]
    return " ".join(w + w[-1] for w in words[:4])


def _near_by_every_printing(url: str, search: str) -> dict[int, float]:
    """Near-misses as search defined them before migration 0010: over every appearance."""
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            """SELECT id, max(score) FROM (
                   SELECT id, word_similarity(%(s)s, text) AS score FROM quotations
                   WHERE %(s)s <%% text
                 UNION ALL
                   SELECT quotation_id, word_similarity(%(s)s, text) FROM attributions
                   WHERE %(s)s <%% text) c
               GROUP BY id""",
            {"s": search},
        ).fetchall()
    return {int(qid): round(float(score), 6) for qid, score in rows}


def test_near_misses_read_only_the_wordings_that_can_score(corpus_url: str) -> None:
    with psycopg.connect(corpus_url) as connection:
        texts = [
            str(row[0])
            for row in connection.execute(
                """(SELECT text FROM quotation_printed_wordings ORDER BY quotation_id LIMIT 15)
                   UNION ALL (SELECT text FROM quotations ORDER BY id LIMIT 15)"""
            )
        ]
    compared = 0
    for search in sorted({_misspelt(text) for text in texts} - {""}):
        if _matching_ids(corpus_url, search):
            continue  # a misspelling that happens to be a word: not the near-miss path
        expected = _near_by_every_printing(corpus_url, search)
        if not expected:
            continue  # too far from anything to be a near-miss
        _pages_found, keys = asyncio.run(_pages(corpus_url, search, first=50))
        assert {qid: round(score, 6) for score, qid in keys} == expected, search
        compared += 1
    assert compared >= 10
