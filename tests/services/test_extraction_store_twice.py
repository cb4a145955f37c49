"""Storing the same article twice adds nothing: every table keeps its row count."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.cli.extraction import extract_command
from provenance.extraction import Candidate, CandidateKind, SpeakerRef, SpeakerType
from provenance.services.extraction_store import store_extraction
from tests.services.writing_support import run_in_transaction

KHAN = (
    "LONDON (Reuters) - London Mayor Sadiq Khan said on Monday the city would expand its "
    "clean air zone to every borough next year.\n\n"
    '"This is the right thing to do for the health of every Londoner," Khan told reporters '
    "at City Hall.\n\n"
    "Khan said the charge would stay at 12.50 pounds a day. He added that drivers on low "
    "incomes could apply for help.\n\n"
    '"We cannot wait any longer," he said in a statement.\n'
)


async def _counts(session: AsyncSession) -> dict[str, int]:
    tables = await session.scalars(
        text(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) "
            "FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
            "AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
        )
    )
    counts = {}
    for table in list(tables):
        counts[table] = int(await session.scalar(text(f"SELECT count(*) FROM {table}")) or 0)
    return counts


def _store(url: str, body: str, **options: str) -> None:
    async def work(session: AsyncSession) -> None:
        await store_extraction(
            session, body=body, outlet=options.get("outlet"), title=options.get("title")
        )

    run_in_transaction(url, work)


@pytest.mark.parametrize("options", [{}, {"outlet": "Reuters", "title": "Clean air"}])
def test_second_store_adds_no_row(empty_url: str, options: dict[str, str]) -> None:
    _store(empty_url, KHAN, **options)
    before = run_in_transaction(empty_url, _counts)
    assert before["public.attributions"] >= 5
    _store(empty_url, KHAN, **options)
    after = run_in_transaction(empty_url, _counts)
    assert after == before


def test_no_phantom_speaker_beside_the_full_name(empty_url: str) -> None:
    _store(empty_url, KHAN)
    _store(empty_url, KHAN)

    async def names(session: AsyncSession) -> list[str]:
        return list(await session.scalars(text("SELECT name FROM speakers ORDER BY name")))

    assert run_in_transaction(empty_url, names) == ["Sadiq Khan"]


def test_extract_store_twice_from_the_command_line(tmp_path: Path, empty_url: str) -> None:
    path = tmp_path / "khan.txt"
    path.write_text(KHAN, encoding="utf-8")
    args = [str(path), "--store", "--outlet", "Reuters", "--url", "https://x.test/khan"]
    env = {"DATABASE_URL": empty_url}
    first = CliRunner().invoke(extract_command, args, env=env)
    assert first.exit_code == 0, first.output
    before = run_in_transaction(empty_url, _counts)
    second = CliRunner().invoke(extract_command, args, env=env)
    assert second.exit_code == 0, second.output
    assert run_in_transaction(empty_url, _counts) == before


TWO_KHANS = (
    "London Mayor Sadiq Khan met former Pakistani prime minister Imran Khan on Monday.\n\n"
    '"We agreed on a great deal," Sadiq Khan said.\n\n'
    '"It was a warm meeting," Imran Khan said.\n\n'
    '"We will meet again," Khan said.\n'
)


def _said(body: str, words: str, name: str) -> Candidate:
    start = body.index(words)
    ref = SpeakerRef(name, name, None, SpeakerType.PERSON)
    return Candidate(words, start, start + len(words), CandidateKind.DIRECT, ref, "said", None)


def _speakers_after(url: str, candidates: list[Candidate]) -> list[str]:
    async def work(session: AsyncSession) -> list[str]:
        await store_extraction(session, body=TWO_KHANS, candidates=candidates)
        return list(await session.scalars(text("SELECT name FROM speakers ORDER BY name")))

    return run_in_transaction(url, work)


def test_a_surname_is_the_one_speaker_of_the_article_who_bears_it(empty_url: str) -> None:
    found = _speakers_after(
        empty_url,
        [
            _said(TWO_KHANS, "We agreed on a great deal,", "Sadiq Khan"),
            _said(TWO_KHANS, "We will meet again,", "Khan"),
        ],
    )
    assert found == ["Sadiq Khan"]


def test_a_surname_two_speakers_bear_is_not_guessed(empty_url: str) -> None:
    found = _speakers_after(
        empty_url,
        [
            _said(TWO_KHANS, "We agreed on a great deal,", "Sadiq Khan"),
            _said(TWO_KHANS, "It was a warm meeting,", "Imran Khan"),
            _said(TWO_KHANS, "We will meet again,", "Khan"),
        ],
    )
    assert found == ["Imran Khan", "Khan", "Sadiq Khan"]
