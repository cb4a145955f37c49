"""The extraction commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli.evaluate import evaluate_command
from provenance.cli.extraction import extract_benchmark, extract_command

ARTICLE = (
    "The port reopened on Monday after a week-long strike.\n\n"
    "\u201cWe got what we asked for,\u201d said Lena Ortiz, the union\u2019s leader.\n\n"
    "The port authority told Reuters that ships would dock again by Wednesday.\n"
)


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "port.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_json_without_a_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        extract_command, [str(_article(tmp_path)), "--json"], env={"DATABASE_URL": ""}
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert [c["kind"] for c in found] == ["direct", "indirect"]
    assert found[0]["speaker"] == {
        "as_printed": "Lena Ortiz",
        "resolved": "Lena Ortiz",
        "description": "the union\u2019s leader",
        "type": "person",
    }
    assert found[1]["intermediary"] == "Reuters"
    assert ARTICLE[found[0]["start"] : found[0]["end"]] == found[0]["text"]


def test_extract_plain_listing(tmp_path: Path) -> None:
    result = CliRunner().invoke(extract_command, [str(_article(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "2 candidate attributions" in result.output
    assert "Lena Ortiz" in result.output


def test_extract_refuses_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = CliRunner().invoke(extract_command, [str(empty)])
    assert result.exit_code == 1
    assert "holds no text" in result.output


def test_extract_store(tmp_path: Path, empty_url: str) -> None:
    args = [str(_article(tmp_path)), "--store", "--json", "--outlet", "Harbour News"]
    args += ["--published", "2024-03-04", "--title", "Port reopens", "--actor", "test"]
    result = CliRunner().invoke(extract_command, args, env={"DATABASE_URL": empty_url})
    assert result.exit_code == 0, result.output
    stored = json.loads(result.output)
    assert all(isinstance(item["attribution_id"], int) for item in stored)
    assert stored[1]["upstream_id"] is not None  # told Reuters: a citation-only hop


@pytest.mark.reads_only
def test_extract_store_reports_bad_input(tmp_path: Path, empty_url: str) -> None:
    args = [str(_article(tmp_path)), "--store", "--slug", "Not A Slug"]
    result = CliRunner().invoke(extract_command, args, env={"DATABASE_URL": empty_url})
    assert result.exit_code == 1
    assert "is not a slug" in result.output


def test_evaluate_prints_scores() -> None:
    result = CliRunner().invoke(evaluate_command, ["--verbose"])
    assert result.exit_code == 0, result.output
    assert "spans (exact)" in result.output
    assert "speakers" in result.output


def test_evaluate_scores_another_annotation_file() -> None:
    dev = Path(__file__).parents[1] / "extraction" / "dev_articles.yaml"
    result = CliRunner().invoke(evaluate_command, ["--file", str(dev)])
    assert result.exit_code == 0, result.output
    assert "of 91 gold" in result.output
    assert "speaker types" in result.output


def test_benchmark_prints_throughput() -> None:
    result = CliRunner().invoke(extract_benchmark, ["--repeat", "1"])
    assert result.exit_code == 0, result.output
    assert "articles per second" in result.output
    bad = CliRunner().invoke(extract_benchmark, ["--repeat", "0"])
    assert bad.exit_code == 2


@pytest.mark.reads_only
def test_extract_with_known_speakers_reads_the_aliases(tmp_path: Path, seeded_url: str) -> None:
    path = tmp_path / "role.txt"
    path.write_text("The former SDF spokesperson said that talks had failed.\n", encoding="utf-8")
    plain = json.loads(CliRunner().invoke(extract_command, [str(path), "--json"]).output)
    assert plain[0]["speaker"]["resolved"] is None
    result = CliRunner().invoke(
        extract_command,
        [str(path), "--json", "--known-speakers"],
        env={"DATABASE_URL": seeded_url},
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["speaker"]["resolved"] == "Talal Silo"


def test_extract_store_names_the_same_statement_elsewhere(tmp_path: Path, empty_url: str) -> None:
    env = {"DATABASE_URL": empty_url}
    first = CliRunner().invoke(extract_command, [str(_article(tmp_path)), "--store"], env=env)
    assert first.exit_code == 0, first.output
    relay = tmp_path / "relay.txt"
    relay.write_text(
        "The port authority told Reuters that ships would dock again on Wednesday.\n",
        encoding="utf-8",
    )
    args = [str(relay), "--store", "--outlet", "Evening Post"]
    second = CliRunner().invoke(extract_command, args, env=env)
    assert second.exit_code == 0, second.output
    assert "same statement (score" in second.output
