"""Fidelity of each hop on the seeds, in the service and in the attribution_fidelity view."""

from __future__ import annotations

import difflib
import random

import psycopg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import NotFoundError
from provenance.services.fidelity import (
    Change,
    ChangeKind,
    Comparison,
    Fidelity,
    Verdict,
    compare_attributions,
    compare_texts,
    fidelities,
)
from tests.services.chains_support import attribution_id, in_session

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database


def fidelity_of(url: str, quotation: str, article: str) -> Fidelity:
    async def work(session: AsyncSession) -> Fidelity:
        aid = await attribution_id(session, quotation, article)
        return (await fidelities(session, attribution_ids=[aid]))[aid]

    return in_session(url, work)


def test_is_daesh_hop_shows_the_bracketed_insertion(seeded_url: str) -> None:
    fidelity = fidelity_of(seeded_url, "truck-driver-took-everything", "seed-000")
    assert fidelity.compared_with == "quotation"  # the BBC report is citation-only
    assert fidelity.comparison.verdict == Verdict.INSERTED
    assert fidelity.comparison.changes == (Change(ChangeKind.INSERT, None, "[Daesh]", 9),)
    assert 0.9 < fidelity.comparison.similarity < 1


def test_pahon_confirmation_is_worded_differently_in_the_two_articles(seeded_url: str) -> None:
    in_000 = fidelity_of(seeded_url, "pahon-confirms-deal", "seed-000")
    in_002 = fidelity_of(seeded_url, "pahon-confirms-deal", "seed-002")
    assert in_000.comparison.verdict == Verdict.IDENTICAL
    assert in_002.comparison.verdict == Verdict.REWORDED
    assert in_002.comparison.changes == (
        Change(
            ChangeKind.REPLACE,
            "secret deal between the US-backed SDF and Daesh",
            "evacuation",
            1,
        ),
    )

    async def work(session: AsyncSession) -> Comparison:
        return await compare_attributions(
            session,
            attribution_id=await attribution_id(session, "pahon-confirms-deal", "seed-002"),
            other_id=await attribution_id(session, "pahon-confirms-deal", "seed-000"),
        )

    between = in_session(seeded_url, work)
    assert between.verdict == Verdict.REWORDED
    assert between.similarity < 0.5


def test_markers_decide_translation_and_truncation(seeded_url: str) -> None:
    silo = fidelity_of(seeded_url, "silo-six-weeks", "seed-002")
    assert silo.comparison.verdict == Verdict.TRANSLATED
    respects = fidelity_of(seeded_url, "us-respects", "seed-000")
    assert respects.upstream_id is None
    assert respects.comparison.verdict == Verdict.TRUNCATED


def test_punctuation_and_case_do_not_count_as_changes(seeded_url: str) -> None:
    jet = fidelity_of(seeded_url, "truck-driver-fighter-jet", "seed-000")  # trailing "."
    assert jet.comparison.verdict == Verdict.IDENTICAL
    assert jet.comparison.similarity == 1


@pytest.mark.parametrize(
    ("upstream", "quoted", "verdict", "changes"),
    [
        ("we will win this war", "we will win", Verdict.TRUNCATED, [("delete", "this war", None)]),
        (
            "where else have we seen this in the world",
            "where else … the world",
            Verdict.ELIDED,
            [("replace", "have we seen this in", "…")],
        ),
        ("he said it twice", "he said it", Verdict.TRUNCATED, [("delete", "twice", None)]),
        (
            "they left the city",
            "they fled the city",
            Verdict.REWORDED,
            [("replace", "left", "fled")],
        ),
        ("IS fighters", "IS [Daesh] fighters", Verdict.INSERTED, [("insert", None, "[Daesh]")]),
    ],
)
def test_compare_texts_names_each_kind_of_change(
    seeded_url: str,
    upstream: str,
    quoted: str,
    verdict: Verdict,
    changes: list[tuple[str, str | None, str | None]],
) -> None:
    async def work(session: AsyncSession) -> Comparison:
        return await compare_texts(session, upstream_text=upstream, text=quoted)

    comparison = in_session(seeded_url, work)
    assert comparison.verdict == verdict
    assert [(c.kind.value, c.upstream_text, c.text) for c in comparison.changes] == changes


def test_similarity_is_at_least_difflib_ratio_on_every_seed_hop(
    seeded_connection: psycopg.Connection,
) -> None:
    rows = seeded_connection.execute(
        "SELECT quote_tokens(upstream_text), quote_tokens(text), similarity "
        "FROM attribution_fidelity WHERE verdict IS NOT NULL"
    ).fetchall()
    assert len(rows) >= 25
    for upstream, quoted, similarity in rows:
        ratio = difflib.SequenceMatcher(
            None, [t.lower() for t in upstream], [t.lower() for t in quoted], autojunk=False
        ).ratio()
        # The SQL takes the longest common subsequence, which difflib only approximates.
        assert similarity >= ratio - 1e-9


def test_the_view_gives_analysts_the_same_answer(seeded_connection: psycopg.Connection) -> None:
    rows = seeded_connection.execute(
        """
        SELECT ar.slug, f.verdict, f.changes
        FROM attribution_fidelity f
        JOIN attributions a ON a.id = f.attribution_id
        JOIN quotations q ON q.id = a.quotation_id
        JOIN articles ar ON ar.id = a.article_id
        WHERE q.slug = 'pahon-confirms-deal' AND f.verdict IS NOT NULL ORDER BY ar.slug
        """
    ).fetchall()
    assert [(r[0], r[1]) for r in rows] == [("seed-000", "identical"), ("seed-002", "reworded")]
    assert rows[1][2] == [
        {
            "kind": "replace",
            "upstream_text": "secret deal between the US-backed SDF and Daesh",
            "text": "evacuation",
            "position": 1,
        }
    ]


def test_comparing_unknown_attributions_is_a_clear_error(seeded_url: str) -> None:
    async def work(session: AsyncSession) -> Comparison:
        return await compare_attributions(session, attribution_id=10**9, other_id=1)

    with pytest.raises(NotFoundError, match="no attributions"):
        in_session(seeded_url, work)


def test_applying_the_changes_to_the_upstream_words_gives_the_words(
    seeded_connection: psycopg.Connection,
) -> None:
    # Random edits of random word lists: the changes must be exact and complete.
    rng = random.Random(20171114)
    vocabulary = ["the", "convoy", "left", "raqqa", "at", "night", "[daesh]", "…", "us", "jet"]
    pairs = []
    for _ in range(300):
        upstream = [rng.choice(vocabulary) for _ in range(rng.randint(0, 12))]
        quoted = list(upstream)
        for _ in range(rng.randint(0, 4)):
            at = rng.randint(0, len(quoted))
            action = rng.choice(["insert", "delete", "replace"])
            if action == "insert" or not quoted:
                quoted.insert(at, rng.choice(vocabulary))
            elif action == "delete":
                del quoted[min(at, len(quoted) - 1)]
            else:
                quoted[min(at, len(quoted) - 1)] = rng.choice(vocabulary)
        pairs.append((" ".join(upstream), " ".join(quoted)))
    rows = seeded_connection.execute(
        "SELECT p.u, p.q, f.changes, f.similarity FROM unnest(%s::text[], %s::text[]) AS p(u, q), "
        "LATERAL quote_fidelity(p.u, p.q) f",
        ([u for u, _ in pairs], [q for _, q in pairs]),
    ).fetchall()
    assert len(rows) == 300
    for upstream_text, quoted_text, changes, similarity in rows:
        upstream = upstream_text.split()
        rebuilt: list[str] = []
        cursor = 0
        for change in changes:
            assert change["position"] >= cursor
            rebuilt += upstream[cursor : change["position"]]
            if change["text"]:
                rebuilt += change["text"].split()
            removed = change["upstream_text"].split() if change["upstream_text"] else []
            assert upstream[change["position"] : change["position"] + len(removed)] == removed
            cursor = change["position"] + len(removed)
        rebuilt += upstream[cursor:]
        assert rebuilt == quoted_text.split(), (upstream_text, quoted_text, changes)
        assert (similarity == 1) == (upstream_text.split() == quoted_text.split())
