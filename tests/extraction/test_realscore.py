"""Scoring against real-article annotations: the format, the metrics, the floors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from provenance.extraction.headwords import compatible, head_word, keys
from provenance.extraction.model import Candidate, CandidateKind, HopRole, SpeakerRef
from provenance.extraction.realgold import RealGoldError, is_real_set, load_real
from provenance.extraction.realscore import (
    LinkSide,
    cross_article_pairs,
    evaluate_real,
    format_real_report,
    gold_speaker_keys,
)
from provenance.linking.pairs import lexical_linker, story_linker

REAL = Path(__file__).parents[2] / ".." / "shared" / "real-articles"

ANNOTATION = """
article: 01_port
story_cluster: port-2024
quotes:
  - id: q1
    text: "the port would reopen on Monday"
    kind: indirect
    speaker: {name: "The harbour master", role: null}
    cue: "told Reuters"
    chain:
      - speaker: "harbour master"
      - told: "Reuters (interview)"
      - relayed_by: "Daily Example"
  - id: q2
    text: "We are ready"
    occurrence: 2
    kind: direct
    speaker: {name: "He (Ortiz)", role: null}
    cue: "he said"
    chain:
      - speaker: "Lena Ortiz"
      - via: "statement (Monday)"
      - relayed_by: "Wire Service"
      - relayed_by: "Daily Example"
    shared_with: ["02_port#q1"]
"""

BODY = (
    "source: x\noutlet: Daily Example\npublished: 2024\n\n"
    "The harbour master told Reuters the port would reopen on Monday.\n"
    "\u201cWe are ready\u201d was the slogan. Lena Ortiz said in a statement on Monday:"
    " \u201cWe are ready.\u201d\n"
)


def _write_set(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "annotations").mkdir()
    (tmp_path / "articles" / "01_port.txt").write_text(BODY + "\n", encoding="utf-8")
    (tmp_path / "annotations" / "01_port.yaml").write_text(ANNOTATION, encoding="utf-8")
    return tmp_path


def test_the_format_is_read_with_offsets_hops_and_links(tmp_path: Path) -> None:
    root = _write_set(tmp_path)
    (article,) = load_real([root])
    assert article.story_cluster == "port-2024"
    assert not article.body.startswith("source:")
    assert not article.body.endswith("\n\n")
    first, second = article.quotes
    assert article.body[first.start : first.end] == first.text
    assert article.body[second.start : second.end] == "We are ready"
    assert second.start > article.body.index("slogan")  # occurrence 2
    assert [(h.role, h.name) for h in first.hops] == [(HopRole.TOLD, "Reuters (interview)")]
    # The last relayed_by is this article's outlet; an earlier one is an intermediate hop.
    assert [h.role for h in second.hops] == [HopRole.CHANNEL, HopRole.REPORTED_BY]
    assert second.shared_with == ("02_port#q1",)
    assert is_real_set(root / "annotations" / "01_port.yaml")
    assert load_real([root / "annotations" / "01_port.yaml"])[0].name == "01_port"


def test_bad_sets_get_a_clear_error(tmp_path: Path) -> None:
    root = _write_set(tmp_path)
    (root / "annotations" / "01_port.yaml").write_text(
        ANNOTATION.replace("the port would reopen", "the port will reopen"), encoding="utf-8"
    )
    with pytest.raises(RealGoldError, match="text not found"):
        load_real([root])
    with pytest.raises(RealGoldError, match="no such file"):
        load_real([root / "missing"])


def test_speaker_keys_take_the_referent_of_a_pronoun_and_the_head_of_a_role() -> None:
    assert head_word("Ibrahim Ben Kargbo") == "kargbo"
    assert head_word("Provisional government officials in Libya") == "officials"
    assert head_word("Mr. Tsvangirai") == "tsvangirai"
    assert compatible(keys("Movement for Democratic Change"), keys("MDC"))
    assert compatible(keys("The Associated Press"), keys("AP"))
    assert not compatible(keys("Silo"), keys("Cilo"))


def test_scores_on_a_small_set(tmp_path: Path) -> None:
    root = _write_set(tmp_path)
    report = evaluate_real(load_real([root]))
    assert report.overlap["all"].gold == 2
    assert report.overlap["all"].recall == 1.0
    assert report.speaker.total == 2
    # told Reuters and the channel "statement" are found; the wire service the text never
    # names is not, so q2's chain is incomplete.
    assert (report.intermediary.correct, report.intermediary.total) == (1, 2)
    assert report.channel.rate == 1.0
    assert (report.whole_chain.correct, report.whole_chain.total) == (1, 2)
    assert report.linking is None
    assert "whole chain" in format_real_report(report)
    assert report.as_json()["speaker"]["total"] == 2


def test_gold_speaker_keys_ignore_a_bare_pronoun() -> None:
    (article,) = load_real([REAL / "annotations" / "01_voa_sierra_leone_waste_probe.yaml"])
    by_id = {q.id: q for q in article.quotes}
    assert gold_speaker_keys(by_id["q5"]) == {"kargbo"}  # "he (Kargbo)"


def test_the_linker_hook_scores_cross_article_pairs() -> None:
    articles = load_real(
        [
            REAL / "annotations" / "01_voa_sierra_leone_waste_probe.yaml",
            REAL / "annotations" / "02_learningenglish_sierra_leone_waste.yaml",
        ]
    )
    gold = cross_article_pairs(articles)
    assert len(gold) == 7
    offered: list[int] = []

    def join_everything(pairs: Sequence[tuple[LinkSide, LinkSide]]) -> list[bool]:
        offered.append(len(pairs))
        assert all(a.article != b.article for a, b in pairs)
        return [True] * len(pairs)

    report = evaluate_real(articles, linker=join_everything)
    assert offered
    assert offered[0] > len(gold)
    assert report.linking is not None
    assert report.linking_precision is not None
    assert report.linking.total == 7
    assert 0 < report.linking.correct <= 7
    assert report.linking_precision.rate < 0.5  # joining everything is not precise
    nothing = evaluate_real(articles, linker=lambda pairs: [False] * len(pairs))
    assert nothing.linking is not None
    assert nothing.linking.correct == 0


def test_real_articles_stay_above_their_floors() -> None:
    articles = load_real([REAL])
    assert (len(articles), sum(len(a.quotes) for a in articles)) == (24, 216)
    report = evaluate_real(articles)
    assert report.overlap["direct+partial"].recall >= 0.95
    assert report.overlap["direct+partial"].precision >= 0.95
    assert report.overlap["all"].recall >= 0.9
    assert report.overlap["all"].precision >= 0.9
    assert report.overlap["indirect"].recall >= 0.89
    assert report.overlap["indirect"].precision >= 0.89
    assert report.speaker.rate >= 0.93
    assert report.intermediary.rate >= 0.88
    assert report.channel.rate >= 0.7
    assert report.hop_precision.rate >= 0.75
    assert report.whole_chain.rate >= 0.87


def test_the_story_linker_on_the_real_clusters() -> None:
    articles = load_real([REAL])
    lexical = evaluate_real(articles, linker=lexical_linker)
    story = evaluate_real(articles, linker=story_linker)
    assert lexical.linking is not None
    assert story.linking is not None
    assert story.linking_precision is not None
    assert story.linking.total == 19
    assert story.linking.correct > lexical.linking.correct
    assert story.linking.rate >= 0.45
    assert story.linking_precision.rate >= 0.85


def test_the_linkers_join_a_truncation_of_one_speaker_and_not_another_statement() -> None:
    def side(text: str, speaker: str) -> LinkSide:
        candidate = Candidate(
            text, 0, len(text), CandidateKind.INDIRECT, SpeakerRef(speaker), None, None
        )
        return LinkSide("a", text, candidate)

    said = "we will no longer participate in this violent, illegitimate sham of an election"
    pairs = [
        (side(said, "Tsvangirai"), side(said.removeprefix("we will "), "Tsvangirai")),
        (side(said, "Tsvangirai"), side("the strike will go ahead on Monday", "Tsvangirai")),
    ]
    assert lexical_linker(pairs) == [True, False]
    assert story_linker(pairs) == [True, False]
