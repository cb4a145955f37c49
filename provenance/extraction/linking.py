"""A lexical baseline linker for `provenance evaluate --linker`: the same speaker, shared words.

``provenance evaluate --real SET --linker provenance.extraction.linking:lexical_linker``
scores it; the storing code has its own matcher. Two candidates of different articles
are joined when their speakers share a head word and the content words of the two
passages (words of four letters or more) overlap enough: Jaccard >= 0.3, or one passage of
two such words or more lies almost wholly (80%) inside the other (a fragment quoted again).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from provenance.extraction.headwords import compatible, keys
from provenance.extraction.realscore import LinkSide

_WORD = re.compile(r"[a-z][a-z'-]{3,}")
THRESHOLD = 0.3


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def _speaker(side: LinkSide) -> set[str]:
    found: set[str] = set()
    for name in (side.candidate.speaker.resolved, side.candidate.speaker.description):
        if name:
            found |= keys(name)
    return found


def overlap(one: str, two: str) -> float:
    """Jaccard similarity of the content words of two passages."""
    a, b = _words(one), _words(two)
    return len(a & b) / len(a | b) if a and b else 0.0


def contained(one: str, two: str) -> float:
    """How much of the shorter passage's content words the longer one holds."""
    a, b = _words(one), _words(two)
    small = min(len(a), len(b))
    return len(a & b) / small if small >= 2 else 0.0


def lexical_linker(pairs: Sequence[tuple[LinkSide, LinkSide]]) -> list[bool]:
    """One verdict per pair: the same speaker by head word, and enough shared words."""
    return [
        compatible(_speaker(left), _speaker(right))
        and (
            overlap(left.candidate.text, right.candidate.text) >= THRESHOLD
            or contained(left.candidate.text, right.candidate.text) >= 0.8
        )
        for left, right in pairs
    ]


def store_linker(pairs: Sequence[tuple[LinkSide, LinkSide]]) -> list[bool]:
    """The store's own matcher (provenance.linking): joined at its JOIN_SCORE or above."""
    from provenance.linking.score import JOIN_SCORE, same_statement_score

    return [
        same_statement_score(
            left.candidate.text,
            right.candidate.text,
            speaker_a=left.candidate.speaker.best,
            speaker_b=right.candidate.speaker.best,
        )
        >= JOIN_SCORE
        for left, right in pairs
    ]
