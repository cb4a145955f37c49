"""`provenance speaker merge|undo-merge|merges`, `attribution verify|dispute`, `history`."""

from __future__ import annotations

import psycopg
import pytest
from click.testing import CliRunner

from provenance.cli import main


def test_merge_and_undo_from_the_command_line(seeded_url: str) -> None:
    env = {"DATABASE_URL": seeded_url}
    merged = CliRunner().invoke(
        main,
        ["speaker", "merge", "truck-driver", "sources-from-raqqa", "--actor", "ed"],
        env=env,
    )
    assert merged.exit_code == 0, merged.output
    assert "undo-merge 1" in merged.output
    listed = CliRunner().invoke(main, ["speaker", "merges"], env=env)
    assert "sources-from-raqqa (U3BlYWtlcjo2) -> truck-driver  by ed" in listed.output
    undone = CliRunner().invoke(main, ["speaker", "undo-merge", "1"], env=env)
    assert undone.exit_code == 0, undone.output
    with psycopg.connect(seeded_url) as conn:
        back = conn.execute("SELECT count(*) FROM speakers WHERE slug = 'sources-from-raqqa'")
        assert back.fetchone() == (1,)


def test_verify_then_read_the_history(seeded_url: str) -> None:
    env = {"DATABASE_URL": seeded_url}
    with psycopg.connect(seeded_url) as conn:
        row = conn.execute("SELECT min(id) FROM attributions").fetchone()
    assert row is not None
    verified = CliRunner().invoke(
        main,
        ["attribution", "verify", str(row[0]), "--reason", "archived copy", "--actor", "ana"],
        env=env,
    )
    assert verified.exit_code == 0, verified.output
    assert "is now verified" in verified.output
    shown = CliRunner().invoke(main, ["history", "attributions", str(row[0])], env=env)
    assert "ana  UPDATE" in shown.output
    assert 'status: "recorded" -> "verified"' in shown.output


@pytest.mark.reads_only
def test_dispute_needs_a_reason(seeded_url: str) -> None:
    result = CliRunner().invoke(
        main, ["attribution", "dispute", "1"], env={"DATABASE_URL": seeded_url}
    )
    assert result.exit_code == 2
    assert "--reason" in result.output
