"""Reported clauses recognised by their verb: present tenses and asides after "that"."""

from __future__ import annotations

import pytest

from provenance.extraction import extract
from provenance.extraction.complements import has_finite
from provenance.extraction.model import CandidateKind


def _indirect(text: str) -> list[str]:
    return [c.text for c in extract(text) if c.kind is CandidateKind.INDIRECT]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The coach said fans misunderstand the new rules.", "fans misunderstand the new rules"),
        ("The farmer said his neighbours feel the same way.", "his neighbours feel the same way"),
        (
            "The proposal lacks support among tenants, the council said.",
            "The proposal lacks support among tenants",
        ),
        (
            "In the long run, the economist said, savers always end up paying more.",
            "In the long run, the economist said, savers always end up paying more",
        ),
    ],
)
def test_a_present_verb_after_a_noun_makes_a_clause(text: str, content: str) -> None:
    assert _indirect(text) == [content]


@pytest.mark.parametrize(
    ("words", "finite"),
    [
        ("the plan lacks support", True),
        ("residents want a new school", True),
        ("it usually means delays", True),
        ("the plans of the council", False),
        ("a new school for the town", False),
    ],
)
def test_present_tense_verbs_are_finite(words: str, finite: bool) -> None:
    assert has_finite(words) is finite


def test_an_aside_after_that() -> None:
    text = "The mayor said that, if the rain continues, the bridge will close."
    assert _indirect(text) == ["if the rain continues, the bridge will close"]


def test_that_with_a_comma_before_a_name_is_no_clause() -> None:
    text = "She said that, Tuesday."
    assert _indirect(text) == []
