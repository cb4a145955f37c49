"""`provenance same-statement`: list the linker's links, confirm one."""

from __future__ import annotations

import psycopg
import pytest
from click.testing import CliRunner

from provenance.cli.statement_links import same_statement
from tests.services.test_extraction_chains import FIRST, LAVROV, _candidate, _store

UNSURE = 'Lavrov said "the security of Europe is broken beyond repair".\n'


def test_list_and_confirm(empty_url: str) -> None:
    words = "the whole architecture of global security is broken"
    _store(empty_url, FIRST, "Daily Example", [_candidate(FIRST, words, (), LAVROV)])
    later = "the security of Europe is broken beyond repair"
    _store(empty_url, UNSURE, "Evening Post", [_candidate(UNSURE, later, (), LAVROV)])
    env = {"DATABASE_URL": empty_url}
    listed = CliRunner().invoke(same_statement, ["list", "--decision", "proposed"], env=env)
    assert listed.exit_code == 0, listed.output
    assert "1 links" in listed.output
    assert later in listed.output
    link_id = listed.output.split()[0]
    done = CliRunner().invoke(same_statement, ["confirm", link_id, "--actor", "editor"], env=env)
    assert done.exit_code == 0, done.output
    assert f"Statement link {link_id} is confirmed." in done.output
    after = CliRunner().invoke(same_statement, ["list", "--decision", "confirmed"], env=env)
    assert "1 links" in after.output
    with psycopg.connect(empty_url) as connection:
        decided = connection.execute(
            "SELECT actor, after ->> 'decision' FROM history WHERE table_name = "
            "'statement_links' AND operation = 'UPDATE' AND row_id = %s",
            (int(link_id),),
        ).fetchall()
    assert decided == [("editor", "confirmed")]


@pytest.mark.reads_only
def test_an_unknown_link_is_named(empty_url: str) -> None:
    result = CliRunner().invoke(
        same_statement, ["reject", "999", "--actor", "editor"], env={"DATABASE_URL": empty_url}
    )
    assert result.exit_code != 0
    assert "no statement link with id 999" in result.output
