"""Finding an attribution's words again in a revised article text (no database here).

Exact matches come first; otherwise a fuzzy match whose prefix and suffix context agree
with the stored W3C TextQuoteSelector. A place is accepted only with enough confidence:
short words need their context too, so "respects" is never pinned to another "respects".
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from provenance.models import SELECTOR_CONTEXT, ReanchorMethod
from provenance.spans import occurrences

# A placement below this confidence leaves the attribution orphaned.
CONFIDENCE_THRESHOLD = 0.8
# A fuzzy match also needs words and context that each agree at least this much.
MIN_TEXT_SIMILARITY = 0.75
MIN_CONTEXT_SIMILARITY = 0.5
# How much of the evidence the words carry grows with their length, up to this many chars.
_TEXT_WEIGHT_CAP = 64
_CONTEXT_WEIGHT = 16
# Fuzzy candidates are bounded so a pathological text cannot make re-anchoring slow.
_MAX_CANDIDATES = 400
_ANCHOR = 16


@dataclass(frozen=True)
class Placement:
    """Where the words went: method, confidence and the new span (None when orphaned)."""

    method: ReanchorMethod
    confidence: float
    start: int | None = None
    end: int | None = None
    text: str | None = None


def similarity(a: str, b: str) -> float:
    """Character similarity of two short strings, 0 to 1 (both empty counts as equal)."""
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def context_similarity(*, body: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """How well the text around ``[start, end)`` agrees with the old prefix and suffix."""
    before = body[max(start - SELECTOR_CONTEXT, 0) : start]
    after = body[end : end + SELECTOR_CONTEXT]
    # Compare equal lengths, aligned at the span, so a longer new context costs nothing.
    before = before[len(before) - len(prefix) :] if prefix else before
    after = after[: len(suffix)] if suffix else after
    # One side still agreeing is strong evidence: an edit usually touches only one side.
    sides = sorted((similarity(prefix, before), similarity(suffix, after)))
    return (sides[0] + 2 * sides[1]) / 3


def confidence(*, text: str, text_similarity: float, context: float) -> float:
    """Evidence from the words and from their context, weighted by the words' length."""
    weight = min(len(text), _TEXT_WEIGHT_CAP)
    text_weight = weight / (weight + _CONTEXT_WEIGHT)
    return text_weight * text_similarity + (1 - text_weight) * context


def _exact(
    body: str, text: str, prefix: str, suffix: str, old_start: int | None
) -> Placement | None:
    scored = []
    for start in occurrences(body, text):
        end = start + len(text)
        context = context_similarity(body=body, start=start, end=end, prefix=prefix, suffix=suffix)
        score = confidence(text=text, text_similarity=1.0, context=context)
        distance = abs(start - old_start) if old_start is not None else 0
        scored.append((score, -distance, start, end))
    if not scored:
        return None
    score, _, start, end = max(scored)
    return Placement(ReanchorMethod.EXACT, round(score, 4), start, end, text)


def _fuzzy_candidates(body: str, text: str, prefix: str, suffix: str) -> set[tuple[int, int]]:
    length = len(text)
    starts = {0} if not prefix else set()
    ends = {len(body)} if not suffix else set()
    if prefix:
        tail = prefix[-_ANCHOR:]
        starts |= {at + len(tail) for at in occurrences(body, tail)}
    if suffix:
        ends |= set(occurrences(body, suffix[:_ANCHOR]))
    starts |= set(occurrences(body, text[:_ANCHOR]))
    ends |= {at + len(text[-_ANCHOR:]) for at in occurrences(body, text[-_ANCHOR:])}
    spans = {(s, s + length) for s in starts} | {(e - length, e) for e in ends}
    spans |= {(s, e) for s in starts for e in ends if length / 2 <= e - s <= length * 3 / 2}
    return {(s, e) for s, e in spans if 0 <= s < e <= len(body)}


def _fuzzy(body: str, text: str, prefix: str, suffix: str) -> Placement:
    best = Placement(ReanchorMethod.ORPHANED, 0.0)
    candidates = sorted(_fuzzy_candidates(body, text, prefix, suffix))[:_MAX_CANDIDATES]
    for start, end in candidates:
        found = body[start:end]
        text_similarity = similarity(text, found)
        context = context_similarity(body=body, start=start, end=end, prefix=prefix, suffix=suffix)
        score = confidence(text=text, text_similarity=text_similarity, context=context)
        acceptable = text_similarity >= MIN_TEXT_SIMILARITY and context >= MIN_CONTEXT_SIMILARITY
        if score > best.confidence and acceptable:
            best = Placement(ReanchorMethod.FUZZY, round(score, 4), start, end, found)
        elif score > best.confidence and best.method is ReanchorMethod.ORPHANED:
            best = Placement(ReanchorMethod.ORPHANED, round(score, 4))
    return best


def place(
    *, body: str, text: str, prefix: str | None, suffix: str | None, old_start: int | None
) -> Placement:
    """Where ``text`` (last seen between ``prefix`` and ``suffix``) stands in ``body`` now."""
    prefix, suffix = prefix or "", suffix or ""
    exact = _exact(body, text, prefix, suffix, old_start)
    if exact is not None and exact.confidence >= CONFIDENCE_THRESHOLD:
        return exact
    fuzzy = _fuzzy(body, text, prefix, suffix)
    if fuzzy.method is ReanchorMethod.FUZZY and fuzzy.confidence >= CONFIDENCE_THRESHOLD:
        return fuzzy
    runner_up = max(fuzzy.confidence, exact.confidence if exact else 0.0)
    return Placement(ReanchorMethod.ORPHANED, min(runner_up, 1.0))
