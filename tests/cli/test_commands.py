"""The command line, against a real database."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from provenance import migrate
from provenance.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, f"{name} is listed but does not load"
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", _commands(main), ids=lambda p: " ".join(p) or "provenance")
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


@pytest.mark.reads_only
def test_chain_prints_the_tree(seeded_url: str) -> None:
    result = CliRunner().invoke(
        main, ["chain", "monitored by a US fighter jet"], env={"DATABASE_URL": seeded_url}
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "“monitored by a US fighter jet from the air”"
    assert lines[1].startswith("QUOTATION UXVvdGF0aW9u")  # its global id: base64 "Quotation:"
    assert lines[2].startswith("SPEAKER   One of the truck drivers")
    assert lines[3].startswith("└─ REPORTER  BBC · article bbc-2017-11-13 · 2017-11-13")
    assert lines[4].startswith("  └─ RELAY     outlet not stated · article seed-000 · 2017-11-14")


@pytest.mark.reads_only
def test_chain_says_when_nothing_matches(seeded_url: str) -> None:
    result = CliRunner().invoke(main, ["chain", "zzzz qqqq xxxx"], env={"DATABASE_URL": seeded_url})
    assert result.exit_code == 1
    assert "no quotation matches 'zzzz qqqq xxxx'" in result.output


def test_db_commands_round_trip(bare_url: str) -> None:
    runner = CliRunner()
    env = {"DATABASE_URL": bare_url}
    assert "current: base (empty)" in runner.invoke(main, ["db", "current"], env=env).output
    result = runner.invoke(main, ["db", "upgrade"], env=env)
    assert result.exit_code == 0, result.output
    assert migrate.current(bare_url) == migrate.head()
    result = runner.invoke(main, ["db", "downgrade", "base"], env=env)
    assert result.exit_code == 0, result.output
    assert migrate.current(bare_url) is None


def test_seed_twice_reports_the_same(empty_url: str) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["seed"], env={"DATABASE_URL": empty_url})
    second = runner.invoke(main, ["seed"], env={"DATABASE_URL": empty_url})
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert "53 attributions" in first.output
    assert first.output == second.output


def test_serve_refuses_an_unmigrated_database(bare_url: str) -> None:
    result = CliRunner().invoke(main, ["serve"], env={"DATABASE_URL": bare_url})
    assert result.exit_code == 1
    assert "run `provenance db upgrade` first" in result.output
