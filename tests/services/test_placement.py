"""Placing words in a revised text: exact first, fuzzy on context, orphaned when unsure."""

from __future__ import annotations

from provenance.models import ReanchorMethod
from provenance.services.placement import confidence, context_similarity, place

OLD = "The minister said that the talks will resume on Monday, according to aides."
WORDS = "the talks will resume on Monday"


def _selector(body: str, words: str) -> tuple[str, str, int]:
    start = body.index(words)
    return (
        body[max(start - 32, 0) : start],
        body[start + len(words) : start + len(words) + 32],
        start,
    )


def test_the_nearest_of_several_exact_matches_with_the_same_context_wins() -> None:
    prefix, suffix, start = _selector(OLD, WORDS)
    body = OLD + " " + OLD
    placed = place(
        body=body, text=WORDS, prefix=prefix, suffix=suffix, old_start=start + len(OLD) + 1
    )
    assert placed.method is ReanchorMethod.EXACT
    assert placed.start == start + len(OLD) + 1


def test_changed_words_in_the_same_context_are_followed() -> None:
    prefix, suffix, start = _selector(OLD, WORDS)
    body = OLD.replace("will resume", "would resume")
    placed = place(body=body, text=WORDS, prefix=prefix, suffix=suffix, old_start=start)
    assert placed.method is ReanchorMethod.FUZZY
    assert placed.text == "the talks would resume on Monday"


def test_rewritten_words_are_orphaned_not_guessed() -> None:
    prefix, suffix, start = _selector(OLD, WORDS)
    body = "The minister said that negotiations are over, according to aides."
    placed = place(body=body, text=WORDS, prefix=prefix, suffix=suffix, old_start=start)
    assert placed.method is ReanchorMethod.ORPHANED
    assert placed.start is None
    assert placed.confidence < 0.8


def test_context_counts_more_for_short_words() -> None:
    assert confidence(text="yes", text_similarity=1, context=0) < 0.5
    assert confidence(text="x" * 100, text_similarity=1, context=0) >= 0.8
    assert (
        context_similarity(body="abc WORD def", start=4, end=8, prefix="abc ", suffix=" def") == 1
    )
