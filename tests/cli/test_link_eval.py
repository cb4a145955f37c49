"""`provenance link-eval` on a small annotated story cluster: counts, and nothing stored."""

from __future__ import annotations

from pathlib import Path

import psycopg
from click.testing import CliRunner

from provenance.cli.linking import link_eval_command

FIRST = 'Sergei Lavrov said "the whole architecture of global security is broken".'
SECOND = 'Lavrov said "the whole structure of global security is broken" on Monday.'


def _write(root: Path, name: str, body: str, quote_id: str, words: str, other: str) -> None:
    (root / "articles" / f"{name}.txt").write_text(
        f"source: test\noutlet: {name} News\npublished: 2024-01-01\n\n{body}\n", encoding="utf-8"
    )
    (root / "annotations" / f"{name}.yaml").write_text(
        f"article: {name}\nstory_cluster: lavrov\nquotes:\n"
        f'  - id: {quote_id}\n    text: "{words}"\n    kind: direct\n'
        f"    speaker: {{name: Lavrov, role: null}}\n    cue: said\n"
        f"    chain:\n      - speaker: Sergei Lavrov\n"
        f'    shared_with: ["{other}"]\n',
        encoding="utf-8",
    )


def test_a_shared_pair_is_joined_and_nothing_is_kept(tmp_path: Path, empty_url: str) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "annotations").mkdir()
    _write(
        tmp_path, "a1", FIRST, "q1", "the whole architecture of global security is broken", "b2#q1"
    )
    _write(
        tmp_path, "b2", SECOND, "q1", "the whole structure of global security is broken", "a1#q1"
    )
    result = CliRunner().invoke(
        link_eval_command, [str(tmp_path), "-v"], env={"DATABASE_URL": empty_url}
    )
    assert result.exit_code == 0, result.output
    assert "lavrov: 1/1 joined" in result.output
    assert "wrong: 0 joined" in result.output
    with psycopg.connect(empty_url) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_a_folder_without_annotations_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(link_eval_command, [str(tmp_path)], env={"DATABASE_URL": ""})
    assert result.exit_code != 0
    assert "has no annotations/ folder" in result.output


REAL = Path(__file__).parents[2] / ".." / "shared" / "real-articles"


def _all_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("all: "))


def _count(line: str, before: str) -> int:
    head = line.split(before)[0].split()
    return int(head[-1].split("/")[0])


def test_the_real_clusters_stay_above_their_floors(empty_url: str) -> None:
    # (options, joined at least, wrong joins at most, wrong proposals at most): now 16 and 13
    # joined, 3 and 4 wrong proposals; the extractor's 13th join is at JOIN_SCORE exactly.
    for options, floor, wrong, proposals in (([], 16, 0, 4), (["--extractor"], 12, 0, 5)):
        result = CliRunner().invoke(
            link_eval_command, [str(REAL), *options], env={"DATABASE_URL": empty_url}
        )
        assert result.exit_code == 0, result.output
        line = _all_line(result.output)
        assert _count(line, " joined") >= floor, line
        assert int(line.split("wrong joins ")[1].split(",")[0]) <= wrong, line
        assert int(line.split("wrong proposals ")[1]) <= proposals, line
