"""`provenance export` and `provenance import` through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import main


def test_export_then_import_into_an_empty_database(
    seeded_url: str, empty_url: str, tmp_path: Path
) -> None:
    dump = tmp_path / "seeds.jsonl"
    exported = CliRunner().invoke(main, ["export", str(dump)], env={"DATABASE_URL": seeded_url})
    assert exported.exit_code == 0, exported.output
    imported = CliRunner().invoke(
        main, ["import", str(dump), "--actor", "test"], env={"DATABASE_URL": empty_url}
    )
    assert imported.exit_code == 0, imported.output
    assert "(53 attributions)" in imported.output
    again = CliRunner().invoke(main, ["export"], env={"DATABASE_URL": empty_url})
    assert again.output == dump.read_text(encoding="utf-8")


def test_a_bad_line_is_named_with_the_file_and_fails_the_command(
    empty_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text(
        '{"type": "outlet", "slug": "bbc", "name": "BBC"}\n{"type": "outlet"}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["import", str(data)], env={"DATABASE_URL": empty_url})
    assert result.exit_code == 1
    assert f"{data}:line 2 (slug): slug is missing" in result.output
    assert "Loaded 1 of 2 lines" in result.output


def test_from_line_skips_what_an_interrupted_run_loaded(empty_url: str, tmp_path: Path) -> None:
    data = tmp_path / "outlets.jsonl"
    data.write_text(
        '{"type": "outlet", "slug": "a", "name": "A"}\n'
        '{"type": "outlet", "slug": "b", "name": "B"}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["import", str(data), "--from-line", "2"], env={"DATABASE_URL": empty_url}
    )
    assert result.exit_code == 0, result.output
    assert "Loaded 1 of 1 lines" in result.output
    exported = CliRunner().invoke(main, ["export"], env={"DATABASE_URL": empty_url})
    assert exported.output == '{"type":"outlet","slug":"b","name":"B"}\n'


def test_the_benchmark_prints_a_rate(empty_url: str) -> None:
    result = CliRunner().invoke(
        main,
        ["import-benchmark", "--articles", "3", "--attributions-per-article", "3"],
        env={"DATABASE_URL": empty_url},
    )
    assert result.exit_code == 0, result.output
    assert "9 attributions" in result.output
    rates = [line for line in result.output.splitlines() if line.endswith("attributions/s")]
    assert len(rates) == 2


def test_a_byte_order_mark_and_windows_line_ends_are_accepted(
    empty_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "windows.jsonl"
    data.write_bytes(b'\xef\xbb\xbf{"type": "outlet", "slug": "bbc", "name": "BBC"}\r\n')
    result = CliRunner().invoke(main, ["import", str(data)], env={"DATABASE_URL": empty_url})
    assert result.exit_code == 0, result.output
    assert "Loaded 1 of 1 lines" in result.output


def test_export_to_stdout_and_import_from_stdin(seeded_url: str, empty_url: str) -> None:
    exported = CliRunner().invoke(main, ["export", "-"], env={"DATABASE_URL": seeded_url})
    assert exported.exit_code == 0, exported.output
    imported = CliRunner().invoke(
        main,
        ["import", "-", "--actor", "pipe"],
        input=exported.output,
        env={"DATABASE_URL": empty_url},
    )
    assert imported.exit_code == 0, imported.output
    assert "(53 attributions)" in imported.output
    again = CliRunner().invoke(main, ["export"], env={"DATABASE_URL": empty_url})
    assert again.output == exported.output


@pytest.mark.reads_only
def test_a_bad_line_from_stdin_is_named(empty_url: str) -> None:
    result = CliRunner().invoke(
        main, ["import", "-"], input='{"type": "outlet"}\n', env={"DATABASE_URL": empty_url}
    )
    assert result.exit_code == 1
    assert "<stdin>:line 1 (slug): slug is missing" in result.output


def test_the_export_benchmark_prints_a_rate_and_writes_the_export(
    seeded_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "bench.jsonl"
    result = CliRunner().invoke(
        main, ["bench", "export", "--database-url", seeded_url, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Exported 41 lines, 53 attributions" in result.output
    assert result.output.splitlines()[0].endswith("attributions/s")
    assert "attributions per CPU second" in result.output  # the server runs on this machine
    exported = CliRunner().invoke(main, ["export"], env={"DATABASE_URL": seeded_url})
    assert out.read_text(encoding="utf-8") == exported.output
