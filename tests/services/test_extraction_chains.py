"""Hops stored as data and the same statement joined across articles, read back through
GraphQL ``Attribution.chain`` on a real database."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.extraction import Candidate, CandidateKind, Hop, HopRole, SpeakerRef, SpeakerType
from provenance.models import Article, Outlet, StatementLink
from provenance.services.extraction_store import StoredArticle, store_extraction
from tests.api.writing_client import client
from tests.services.writing_support import run_in_transaction

LAVROV = SpeakerRef("Lavrov", "Sergei Lavrov", None, SpeakerType.PERSON)

CHAIN = """
query($slug: String!) {
  article(slug: $slug) {
    attributions { edges { node { text chain { role name cue article { slug } } } } }
  }
}
"""


def _candidate(body: str, words: str, hops: tuple[Hop, ...], speaker: SpeakerRef) -> Candidate:
    start = body.index(words)
    return Candidate(
        words, start, start + len(words), CandidateKind.DIRECT, speaker, None, None, hops=hops
    )


def _store(url: str, body: str, outlet: str, candidates: list[Candidate]) -> StoredArticle:
    return run_in_transaction(
        url,
        lambda s: store_extraction(
            s, body=body, title=outlet + " story", outlet=outlet, candidates=candidates
        ),
    )


def _chains(url: str, slug: str) -> dict[str, list[dict[str, Any]]]:
    with client(url) as api:
        edges = api.data(CHAIN, {"slug": slug})["article"]["attributions"]["edges"]
    return {edge["node"]["text"]: edge["node"]["chain"] for edge in edges}


FIRST = (
    'Lavrov wrote on Telegram that "the whole architecture of global security is broken", '
    "Reuters reported.\n"
)
SECOND = 'Lavrov said "the whole structure of global security is broken", according to Reuters.\n'
THROUGH_TELEGRAM = (
    Hop(HopRole.CHANNEL, "Telegram", "wrote on Telegram"),
    Hop(HopRole.REPORTED_BY, "Reuters", "Reuters reported", SpeakerType.OUTLET),
)


def test_every_hop_is_in_the_chain(empty_url: str) -> None:
    words = "the whole architecture of global security is broken"
    stored = _store(
        empty_url, FIRST, "Daily Example", [_candidate(FIRST, words, THROUGH_TELEGRAM, LAVROV)]
    )
    chain = _chains(empty_url, stored.article_slug)[words]
    assert [(hop["role"], hop["name"]) for hop in chain] == [
        ("SPEAKER", "Sergei Lavrov"),
        ("REPORTER", "Telegram"),
        ("RELAY", "Reuters"),
        ("RELAY", "Daily Example"),
    ]
    assert chain[2]["cue"] == "Reuters reported"


def test_same_statement_in_another_article_joins_and_reuses_the_hop(empty_url: str) -> None:
    first_words = "the whole architecture of global security is broken"
    _store(
        empty_url,
        FIRST,
        "Daily Example",
        [_candidate(FIRST, first_words, THROUGH_TELEGRAM, LAVROV)],
    )
    words = "the whole structure of global security is broken"
    hop = (Hop(HopRole.REPORTED_BY, "Reuters", "according to Reuters", SpeakerType.OUTLET),)
    stored = _store(empty_url, SECOND, "Evening Post", [_candidate(SECOND, words, hop, LAVROV)])
    joined = stored.candidates[0]
    assert not joined.new_quotation
    assert joined.similarity is not None
    assert joined.similarity >= 0.6
    chain = _chains(empty_url, stored.article_slug)[words]
    # The Reuters citation of the first article is reused: the chain runs through Telegram.
    assert [hop["name"] for hop in chain] == [
        "Sergei Lavrov",
        "Telegram",
        "Reuters",
        "Evening Post",
    ]

    async def check(session: AsyncSession) -> tuple[int, str | None]:
        reuters = await session.scalar(
            select(func.count())
            .select_from(Article)
            .join(Outlet, Outlet.id == Article.outlet_id)
            .where(Outlet.name == "Reuters", Article.body.is_(None))
        )
        link = await session.scalar(
            select(StatementLink.decision).where(
                StatementLink.attribution_id == joined.attribution_id
            )
        )
        return int(reuters or 0), link

    assert run_in_transaction(empty_url, check) == (1, "joined")


def test_a_persons_own_channel_and_a_reader_are_hops(empty_url: str) -> None:
    body = 'A spokesman read out a statement from Lavrov: "We will not be intimidated."\n'
    hops = (
        Hop(HopRole.CHANNEL, "statement", "a statement from Lavrov"),
        Hop(HopRole.READER, "a spokesman", "read out", SpeakerType.PERSON),
    )
    stored = _store(
        empty_url,
        body,
        "Daily Example",
        [_candidate(body, "We will not be intimidated.", hops, LAVROV)],
    )
    chain = _chains(empty_url, stored.article_slug)["We will not be intimidated."]
    assert [hop["name"] for hop in chain] == [
        "Sergei Lavrov",
        "Sergei Lavrov: statement",
        "Read out by spokesman",
        "Daily Example",
    ]


def test_uncertain_match_is_only_proposed(empty_url: str) -> None:
    first_words = "the whole architecture of global security is broken"
    _store(empty_url, FIRST, "Daily Example", [_candidate(FIRST, first_words, (), LAVROV)])
    body = 'Lavrov said "the security of Europe is broken beyond repair".\n'
    words = "the security of Europe is broken beyond repair"
    stored = _store(empty_url, body, "Evening Post", [_candidate(body, words, (), LAVROV)])
    item = stored.candidates[0]
    assert item.new_quotation
    assert item.upstream_id is None

    async def check(session: AsyncSession) -> list[tuple[str, float]]:
        rows = await session.execute(
            select(StatementLink.decision, StatementLink.score).where(
                StatementLink.attribution_id == item.attribution_id
            )
        )
        return [(d, s) for d, s in rows]

    [(decision, score)] = run_in_transaction(empty_url, check)
    assert decision == "proposed"
    assert 0.35 <= score < 0.6


MIXED = (
    "MSF said in a statement, quoted by Xinhua, that the clinic had closed. "
    "Its director told VOA's Persian service and reporters the clinic would reopen.\n"
)
MSF = SpeakerRef("MSF", "MSF", None, SpeakerType.ORGANISATION)


def test_hops_of_an_organisation_and_of_outlets(empty_url: str) -> None:
    statement = (
        Hop(HopRole.CHANNEL, "statement", "said in a statement"),
        Hop(HopRole.REPORTED_BY, "Xinhua", "quoted by Xinhua", SpeakerType.OUTLET),
    )
    told = (
        Hop(HopRole.TOLD, "VOA's Persian service", "told VOA's Persian service"),
        Hop(HopRole.TOLD, "reporters", "told reporters", SpeakerType.UNNAMED),
    )
    director = SpeakerRef("Its director", None, "Its director", SpeakerType.PERSON)
    stored = _store(
        empty_url,
        MIXED,
        "Daily Example",
        [
            _candidate(MIXED, "the clinic had closed", statement, MSF),
            _candidate(MIXED, "the clinic would reopen", told, director),
        ],
    )
    chains = _chains(empty_url, stored.article_slug)
    # The organisation's own statement is an article of the organisation as an outlet.
    assert [hop["name"] for hop in chains["the clinic had closed"]] == [
        "MSF",
        "MSF",
        "Xinhua",
        "Daily Example",
    ]
    assert [hop["name"] for hop in chains["the clinic would reopen"]] == [
        "Its director",
        "VOA's Persian service",
        "Told reporters",
        "Daily Example",
    ]


def test_the_chain_continues_from_the_last_stored_hop(empty_url: str) -> None:
    first_words = "the whole architecture of global security is broken"
    _store(
        empty_url,
        FIRST,
        "Daily Example",
        [_candidate(FIRST, first_words, THROUGH_TELEGRAM, LAVROV)],
    )
    body = (
        'Lavrov said in a statement "the whole architecture of global security is broken", '
        "Reuters reported.\n"
    )
    hops = (
        Hop(HopRole.CHANNEL, "statement", "said in a statement"),
        Hop(HopRole.REPORTED_BY, "Reuters", "Reuters reported", SpeakerType.OUTLET),
    )
    stored = _store(empty_url, body, "Evening Post", [_candidate(body, first_words, hops, LAVROV)])
    assert [hop["name"] for hop in _chains(empty_url, stored.article_slug)[first_words]] == [
        "Sergei Lavrov",
        "Telegram",
        "Reuters",
        "Evening Post",
    ]

    async def statements(session: AsyncSession) -> int:
        found = await session.scalar(
            select(func.count()).select_from(Article).where(Article.title.like("%statement"))
        )
        return int(found or 0)

    assert run_in_transaction(empty_url, statements) == 0  # no dangling hop before the reused one


def test_a_later_article_is_never_the_upstream_of_an_earlier_one(empty_url: str) -> None:
    words = "the whole architecture of global security is broken"
    run_in_transaction(
        empty_url,
        lambda s: store_extraction(
            s,
            body=FIRST,
            outlet="Daily Example",
            published_on=date(2024, 3, 5),
            candidates=[_candidate(FIRST, words, (), LAVROV)],
        ),
    )
    later = "the whole structure of global security is broken"
    stored = run_in_transaction(
        empty_url,
        lambda s: store_extraction(
            s,
            body=SECOND,
            outlet="Evening Post",
            published_on=date(2024, 3, 4),
            candidates=[_candidate(SECOND, later, (), LAVROV)],
        ),
    )
    item = stored.candidates[0]
    assert not item.new_quotation  # the same statement, joined
    assert item.upstream_id is None  # but not taken from an article printed a day later
