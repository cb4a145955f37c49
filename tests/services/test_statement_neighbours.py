"""The fast trigram-neighbour statement finds what the plain one finds, ties included, so
storing a set of articles gives the same export with either."""

from __future__ import annotations

import random

import psycopg
from pytest_postgresql import factories
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.ingest.synthetic import synthetic_article
from provenance.localdb import LocalCluster
from provenance.services.extraction_store import store_extraction
from provenance.services.similar import FRAGMENT_THRESHOLD
from provenance.services.statement_links import NEIGHBOURS, neighbours_of, set_thresholds
from tests.services.writing_support import export_text, run_in_transaction

second_connection = factories.postgresql("migrated_template", dbname="provenance_second")

# More than NEIGHBOURS articles repeat one sentence ("They have waited long enough."), so
# the limit cuts through ties; the last ones quote parts of others' words, so some texts
# have fewer than NEIGHBOURS found inside others and neighbours only alike as a whole.
PAGES = NEIGHBOURS + 4
FRAGMENTS = (
    "Officials met again.\n\n"
    "\u201cWe will not accept plan number 7,\u201d Maria Okafor said. \u201cWe have waited "
    "long enough for answers about the rail strike and the harbour plan and the school "
    "budget,\u201d she told reporters.\n",
    "\u201cPeople deserve answers,\u201d James Brennan said on Monday.\n\n"
    "The council said its review of water prices would take weeks, Brennan said.\n",
)

NAMES = ("plan number", "rail strike")  # words of stored quotations


def _bodies() -> list[tuple[str, str]]:
    rng = random.Random(3)
    specs = [synthetic_article(n, rng=rng) for n in range(1, PAGES + 1)]
    fragments = [(body, f"fragments {n}") for n, body in enumerate(FRAGMENTS)]
    return [(s.body, s.title) for s in specs] + fragments


def _store_all(url: str, *, reference: bool) -> None:
    for body, title in _bodies():

        async def work(session: AsyncSession, body: str = body, title: str = title) -> None:
            await store_extraction(
                session, body=body, title=title, outlet="Daily Example", reference_search=reference
            )

        run_in_transaction(url, work)


def test_the_same_export_with_the_plain_neighbour_statement(
    empty_url: str, pg_cluster: LocalCluster, second_connection: psycopg.Connection
) -> None:
    second_url = pg_cluster.url(second_connection.info.dbname)
    _store_all(empty_url, reference=True)
    _store_all(second_url, reference=False)
    exported = export_text(empty_url)
    assert '"upstream"' in exported
    assert exported.count("\n") > 4 * PAGES
    assert export_text(second_url) == exported


def test_neighbours_match_the_plain_statement_for_every_stored_text(empty_url: str) -> None:
    _store_all(empty_url, reference=False)

    async def compare(session: AsyncSession) -> tuple[int, int]:
        texts = list(
            await session.scalars(
                text("SELECT DISTINCT text FROM attributions WHERE text <> '' ORDER BY text")
            )
        )
        articles = list(await session.scalars(text("SELECT id FROM articles ORDER BY id")))
        await set_thresholds(session)
        cut, whole_only = 0, 0
        for article_id in (0, articles[0], articles[len(articles) // 2], articles[-1]):
            fast = await neighbours_of(session, article_id=article_id, texts=texts, names=NAMES)
            plain = await neighbours_of(
                session, article_id=article_id, texts=texts, names=NAMES, reference=True
            )
            assert fast == plain
            assert all(fast.of_names)
            cut += sum(1 for found in fast.of_texts if len(found) == NEIGHBOURS)
            for probe, found in zip(texts, fast.of_texts, strict=True):
                scores = await session.scalars(
                    text(
                        "SELECT word_similarity(normalise_quote(:probe), a.text) "
                        "FROM attributions a WHERE a.id = ANY(:ids)"
                    ),
                    {"probe": probe, "ids": [n.attribution_id for n in found]},
                )
                whole_only += any(s < FRAGMENT_THRESHOLD for s in scores)
        return cut, whole_only

    cut, alike_as_a_whole = run_in_transaction(empty_url, compare)
    assert cut > 0  # some texts have more neighbours than the limit keeps
    assert alike_as_a_whole > 0  # and some neighbours are found only by whole similarity
