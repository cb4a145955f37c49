"""The export options of `provenance chain`: an SVG picture, PROV-JSON and PROV-N."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from prov.model import ProvDocument

from provenance.cli import main


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
    assert len(list(document.get_records())) > 5
    assert "pv:article-bbc-2017-11-13" in json.loads(prov_json.read_text())["entity"]
    assert "wasDerivedFrom(pv:article-seed-000, pv:article-bbc-2017-11-13" in prov_n.read_text()
