from dataclasses import dataclass
from pathlib import Path

import pytest

from provenance.extraction.evaluate import (
    SpanScores,
    evaluate,
    format_report,
    load_gold,
    seed_knowledge,
)


def test_gold_comes_from_articles_with_a_body() -> None:
    bodies, gold = load_gold()
    assert set(bodies) == {item.article for item in gold}
    assert len(gold) == 29
    for item in gold:
        assert bodies[item.article][item.start : item.end] == item.text


def test_span_scores() -> None:
    scores = SpanScores(true_positives=3, predicted=4, gold=6)
    assert (scores.precision, scores.recall) == (0.75, 0.5)
    assert round(scores.f1, 3) == 0.6
    assert SpanScores(0, 0, 0).f1 == 0.0


def test_seed_scores_reach_the_targets() -> None:
    report = evaluate()
    assert report.overlap.f1 >= 0.99
    assert report.exact.f1 >= 0.99
    assert report.speaker.rate >= 0.95
    assert "spans (exact)" in format_report(report)


def test_stored_aliases_do_not_hurt() -> None:
    knowledge = seed_knowledge()
    assert any(s.name == "Talal Silo" for s in knowledge.speakers)
    assert evaluate(knowledge=knowledge).speaker.rate >= evaluate().speaker.rate - 0.05


def test_a_missing_span_counts_against_recall(tmp_path: Path) -> None:
    body = "The mayor said that the bridge will reopen in May.\n"
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "seeds.yaml").write_text(
        """
speakers:
  - {slug: mayor, name: The mayor, kind: unnamed}
quotations:
  - {slug: bridge, speaker: mayor, text: the bridge will reopen in May}
  - {slug: other, speaker: mayor, text: the mayor}
articles:
  - slug: a
    body_file: a.txt
    attributions:
      - {quotation: bridge, kind: indirect, text: the bridge will reopen in May}
      - {quotation: other, kind: direct, text: The mayor}
""",
        encoding="utf-8",
    )
    report = evaluate(path=tmp_path / "seeds.yaml")
    assert report.exact.true_positives == 1
    assert report.exact.recall == 0.5
    assert report.speaker.rate == 1.0


_HERE = Path(__file__).parent


@dataclass(frozen=True)
class HeldOutSet:
    """An annotation file of articles the team wrote, and the floors its scores must keep."""

    name: str
    articles: int
    quotations: int
    overlap: float
    exact: float
    speaker: float
    intermediary: float
    kind: float | None = None  # scored only where the rules were tuned on the set
    cue: float | None = None


# dev: rules were tuned on it. blind, holdout, unseen: first run before any rule came from
# them, then used to fix rules. final: run once and never used to write a rule.
HELD_OUT_SETS = [
    HeldOutSet("dev", 12, 91, 0.95, 0.92, 0.95, 0.95, kind=0.95, cue=0.95),
    HeldOutSet("blind", 6, 34, 0.95, 0.92, 0.93, 0.93),
    # exact 0.87: a quote over two paragraphs is one candidate per paragraph (the real-articles
    # convention), where this set's gold is one span.
    HeldOutSet("holdout", 6, 35, 0.95, 0.87, 0.93, 0.93),
    HeldOutSet("unseen", 6, 29, 0.95, 0.9, 0.93, 0.93),
    HeldOutSet("final", 6, 37, 0.95, 0.88, 0.9, 0.95),
]


@pytest.mark.parametrize("held_out", HELD_OUT_SETS, ids=lambda s: s.name)
def test_held_out_set_scores_stay_above_their_floors(held_out: HeldOutSet) -> None:
    path = _HERE / f"{held_out.name}_articles.yaml"
    bodies, gold = load_gold(path)
    assert (len(bodies), len(gold)) == (held_out.articles, held_out.quotations)
    report = evaluate(path=path)
    assert report.overlap.f1 >= held_out.overlap
    assert report.exact.f1 >= held_out.exact
    assert report.speaker.rate >= held_out.speaker
    assert report.speaker_type.rate >= held_out.speaker
    assert report.intermediary.rate >= held_out.intermediary
    if held_out.kind is not None:
        assert report.kind.rate >= held_out.kind
    if held_out.cue is not None:
        assert report.cue.rate >= held_out.cue


def test_speaker_types_are_scored(tmp_path: Path) -> None:
    body = "The Alzheimer's Society said that the findings were encouraging.\n"
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "gold.yaml").write_text(
        """
speakers:
  - {slug: society, name: The Alzheimer's Society, kind: person}
quotations:
  - {slug: q, speaker: society, text: the findings were encouraging}
articles:
  - slug: a
    body_file: a.txt
    attributions:
      - {quotation: q, kind: indirect, text: the findings were encouraging}
""",
        encoding="utf-8",
    )
    report = evaluate(path=tmp_path / "gold.yaml")
    assert report.speaker.rate == 1.0
    assert report.speaker_type.rate == 0.0  # the gold says person, the extractor organisation
    assert any("type organisation != gold person" in p for p in report.problems)
