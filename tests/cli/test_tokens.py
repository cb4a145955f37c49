"""`provenance token create|list|revoke`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from provenance.cli import main


def test_create_list_revoke(empty_url: str) -> None:
    env = {"DATABASE_URL": empty_url}
    created = CliRunner().invoke(main, ["token", "create", "newsroom", "--scope", "write"], env=env)
    assert created.exit_code == 0, created.output
    secret = created.output.strip().splitlines()[-1]
    assert secret.startswith("prov_")
    listed = CliRunner().invoke(main, ["token", "list"], env=env)
    assert "newsroom  [write]" in listed.output
    assert secret not in listed.output
    token_id = listed.output.split()[0]
    revoked = CliRunner().invoke(main, ["token", "revoke", token_id], env=env)
    assert revoked.exit_code == 0, revoked.output
    assert CliRunner().invoke(main, ["token", "list"], env=env).output.strip() == "No tokens."
    everything = CliRunner().invoke(main, ["token", "list", "--all"], env=env)
    assert "revoked" in everything.output


@pytest.mark.reads_only
def test_revoking_an_unknown_token_says_so(empty_url: str) -> None:
    result = CliRunner().invoke(main, ["token", "revoke", "999"], env={"DATABASE_URL": empty_url})
    assert result.exit_code == 1
    assert "no token with id 999" in result.output
