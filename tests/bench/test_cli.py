"""`provenance bench generate` loads a corpus and reports what it loaded."""

from __future__ import annotations

import psycopg
from click.testing import CliRunner

from provenance.bench.cli import bench


def test_generate_loads_and_reports(empty_url: str) -> None:
    result = CliRunner().invoke(
        bench, ["generate", "--quotations", "40", "--seed", "5", "--database-url", empty_url]
    )
    assert result.exit_code == 0, result.output
    assert "attributions/s" in result.output
    with psycopg.connect(empty_url) as connection:
        found = connection.execute("SELECT count(*) FROM quotations").fetchone()
    assert found == (40,)


def test_generate_without_a_database_says_how_to_get_one() -> None:
    result = CliRunner().invoke(bench, ["generate", "--quotations", "5"], env={"DATABASE_URL": ""})
    assert result.exit_code != 0
    assert "bench cluster start" in result.output


def test_run_refuses_a_database_behind_the_migrations(bare_url: str) -> None:
    result = CliRunner().invoke(bench, ["run", "--database-url", bare_url, "--no-postgraphile"])
    assert result.exit_code != 0
    assert "provenance db upgrade" in result.output


def test_run_and_scale_refuse_a_database_without_a_corpus(empty_url: str) -> None:
    for command in (["run", "--no-postgraphile"], ["scale"]):
        result = CliRunner().invoke(bench, [*command, "--database-url", empty_url])
        assert result.exit_code != 0
        assert "bench generate" in result.output, result.output
        assert "Traceback" not in result.output
