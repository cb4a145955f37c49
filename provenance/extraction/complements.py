"""Clauses reported without "that": "said the plan failed", "said on Monday it would"."""

from __future__ import annotations

import re

from provenance.extraction.cues import Cue
from provenance.extraction.lexicon import PREPOSITIONS
from provenance.extraction.phrases import COMMON_PAST, MASK

# Verbs whose clause complement may come without "that" ("he said the plan failed").
BARE_COMPLEMENT_VERBS = frozenset(
    [
        "said",
        "says",
        "told",
        "tells",
        "added",
        "adds",
        "stated",
        "claimed",
        "claims",
        "warned",
        "warns",
        "argued",
        "argues",
        "insisted",
        "insists",
        "explained",
        "noted",
        "announced",
        "admitted",
        "acknowledged",
        "suggested",
        "predicted",
        "stressed",
        "confirmed",
        "saying",
        "adding",
        "insisting",
        "arguing",
        "warning",
        "claiming",
        "noting",
        "stressing",
    ]
)
_CLAUSE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "it",
        "they",
        "he",
        "she",
        "we",
        "i",
        "this",
        "there",
        "his",
        "her",
        "their",
        "its",
        "some",
        "all",
        "no",
        "our",
    ]
)
_NOT_SUBJECTS = frozenset(["that", "so", "yes", "no", "nothing", "goodbye", "sorry", "hello"])
_FINITE = re.compile(
    r"\b(?:is|was|were|are|has|had|have|will|would|can|could|did|does|do|may|might|should|must|"
    r"\w+ed)\b"
)
# When, between a verb and a clause without "that": "said on Monday the plan ...".
_WHEN = re.compile(
    r"\s*,?\s*(?:(?:on|last|this|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|yesterday|today|tonight|night|week|month|year)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b,?"
)


def after_when(text: str, cue: Cue) -> int:
    when = _WHEN.match(text, cue.after, cue.sentence.end)
    return when.end() if when else cue.after


def bare_complement(text: str, cue: Cue) -> bool:
    rest = text[after_when(text, cue) : cue.sentence.end]
    first = re.match(r"\s+([A-Za-z\u2019']+)", rest)
    if first is None:
        return False
    parts = re.split(r"[,;:.!?" + MASK + "]", rest)
    clause = parts[0]
    word = first.group(1)
    starts_clause = word.lower() in _CLAUSE_STARTERS or (
        word.lower() not in PREPOSITIONS and word.lower() not in _NOT_SUBJECTS
    )
    if not starts_clause:
        return False
    if has_finite(clause[len(first.group(0)) :]):
        return True
    # 'said studies of this kind "often promise more"': the verb is in the quoted words.
    subject = clause.split()
    quoted_predicate = (
        rest[len(clause) : len(clause) + 1] == MASK
        and 2 <= len(subject) <= 8
        and "that" not in subject
    )
    # "said the victim, a 22-year-old man, remained ...": an apposition inside the subject.
    apposed = (
        len(parts) >= 3
        and re.match(r"\s*(?:a|an|the|\d)", parts[1]) is not None
        and rest[len(clause)] == ","
        and has_finite(parts[2])
    )
    return quoted_predicate or apposed


def has_finite(words: str) -> bool:
    """Whether the words hold a finite verb ("went", "was", "reopened", "will")."""
    return bool(_FINITE.search(words)) or any(
        w in COMMON_PAST for w in re.findall(r"[a-z]+", words)
    )
