"""`provenance evaluate` on real-article annotations: folders, files, --json, --linker."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from provenance.cli.evaluate import evaluate_command

REAL = Path(__file__).parents[2] / ".." / "shared" / "real-articles"
ONE = REAL / "annotations" / "01_voa_sierra_leone_waste_probe.yaml"


def test_a_real_article_file_is_recognised_by_its_shape() -> None:
    result = CliRunner().invoke(evaluate_command, ["--file", str(ONE)])
    assert result.exit_code == 0, result.output
    assert "1 articles" in result.output
    assert "intermediary" in result.output
    assert "(no linker supplied)" in result.output


def test_json_output_of_a_real_set() -> None:
    result = CliRunner().invoke(evaluate_command, ["--real", str(ONE), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] == 1
    assert report["overlap"]["all"]["gold"] == 8
    assert set(report) >= {"speaker", "intermediary", "channel", "whole_chain", "linking"}


def test_a_linker_is_loaded_by_its_import_path() -> None:
    cluster = [str(ONE), str(REAL / "annotations" / "02_learningenglish_sierra_leone_waste.yaml")]
    args = [a for path in cluster for a in ("--real", path)]
    result = CliRunner().invoke(
        evaluate_command, [*args, "--linker", "tests.cli.test_evaluate:_join_nothing", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["linking"] == {"rate": 0.0, "correct": 0, "total": 7}
    bad = CliRunner().invoke(evaluate_command, [*args, "--linker", "nowhere"])
    assert bad.exit_code == 2
    assert "MODULE:FUNCTION" in bad.output


def test_seed_scores_as_json() -> None:
    result = CliRunner().invoke(evaluate_command, ["--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["overlap"]["gold"] == 29


def _join_nothing(pairs: list[object]) -> list[bool]:
    return [False] * len(pairs)
