"""`provenance sql` and the export options of `provenance chain`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from prov.model import ProvDocument

from provenance.cli import chains, main


def test_chain_writes_svg_prov_json_and_prov_n(seeded_url: str, tmp_path: Path) -> None:
    svg, prov_json, prov_n = tmp_path / "c.svg", tmp_path / "c.json", tmp_path / "c.provn"
    result = CliRunner().invoke(
        main,
        [
            "chain",
            "monitored by a US fighter jet",
            "--svg",
            str(svg),
            "--prov-json",
            str(prov_json),
            "--prov-n",
            str(prov_n),
        ],
        env={"DATABASE_URL": seeded_url},
    )
    assert result.exit_code == 0, result.output
    assert "<svg" in svg.read_text()
    assert "seed&#45;000" in svg.read_text()  # dot escapes hyphens
    document = ProvDocument.deserialize(content=prov_json.read_text(), format="json")
    assert len(document.get_records()) > 5
    assert "pv:article-bbc-2017-11-13" in json.loads(prov_json.read_text())["entity"]
    assert "wasDerivedFrom(pv:article-seed-000, pv:article-bbc-2017-11-13" in prov_n.read_text()


def test_sql_hands_psql_the_database_without_the_password_in_argv(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, list[str], dict[str, str]]] = []
    monkeypatch.setattr(chains.os, "execvpe", lambda f, a, e: calls.append((f, a, e)))
    result = CliRunner().invoke(main, ["sql", "--read-only"], env={"DATABASE_URL": seeded_url})
    assert result.exit_code == 0, result.output
    (program, argv, env) = calls[0]
    assert argv == [program]  # no URL, so no password on the command line
    # The environment it prepared really reaches the database, as the read-only role.
    ran = subprocess.run(
        [program, "-tAc", "SELECT current_user, count(*) FROM quotations"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert ran.stdout.strip() == "provenance_readonly|26"
