"""Which layers of reported speech are statements of their own.

In each case below two layers are one statement, and only one of them is kept:

- the object of a speech act that is mostly quoted words around a short noun phrase
  ('called the plan "a disgrace"', 'called the stadium "a monument to waste"'): the
  partial quotation carries the statement and the object is its frame. A frame with a
  verb of its own ('said it would "fight on"'), and a reported clause ('said the pilots
  "ignored two warnings"'), stay statements;
- a speaker reporting his or her own earlier words ("He says he told them the deal was
  legal"): the outer clause holds the whole account, the inner "the deal was legal" is
  not a second statement by the same speaker;
- a report of someone's words ("Our correspondent reports that police said two men were
  held"): the words are the police's, the report is a hop of theirs (``reported_by``),
  not a statement of the reporter's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from provenance.extraction.article import Draft
from provenance.extraction.complements import has_finite
from provenance.extraction.lexicon import PRONOUNS
from provenance.extraction.mentions import normalise
from provenance.extraction.model import Candidate, CandidateKind

# Words an object may keep outside its quotations (and no finite verb among them) and
# still be only their frame.
_FRAME_WORDS = 4


def mostly_quoted(text: str, candidate: Candidate, found: Sequence[Candidate]) -> bool:
    """An object-content candidate at least half of which lies in partial quotations
    inside it, with no more than a few words and no finite verb of its own around them."""
    if candidate.kind is not CandidateKind.INDIRECT or candidate.rule != "object-content":
        return False  # a clause ('said the reporters "broke the law"') is kept
    inside = sorted(
        (
            c
            for c in found
            if c.kind is CandidateKind.PARTIAL
            and candidate.start <= c.start
            and c.end <= candidate.end
        ),
        key=lambda c: c.start,
    )
    quoted = sum(c.end - c.start for c in inside)
    if not inside or 2 * quoted < candidate.end - candidate.start:
        return False
    rest: list[str] = []
    at = candidate.start
    for c in inside:
        rest.append(text[at : c.start])
        at = max(at, c.end)
    rest.append(text[at : candidate.end])
    frame = " ".join(rest)
    return len(re.findall(r"\w+", frame)) <= _FRAME_WORDS and not has_finite(frame)


# "he told", "she also said": the subject just before the inner verb.
_PRONOUN_BEFORE = re.compile(
    r"\b([A-Za-z]+)\s+(?:(?:also|later|then|had|has|have|would|will|could|might|may|should|"
    r"must|can|did|does|do)\s+){0,2}$"
)


# Far enough back for a word and two auxiliaries; searching from the start of the text
# instead made each draft cost a pass over everything before it.
_PRONOUN_WINDOW = 120


def _pronoun_before(text: str, end: int) -> re.Match[str] | None:
    """``_PRONOUN_BEFORE`` ending at ``end``, searched in the characters just before it."""
    start = max(0, end - _PRONOUN_WINDOW)
    found = _PRONOUN_BEFORE.search(text, start, end)
    if found is None and start > 0 and _ONLY_WORDS.fullmatch(text, start, end):
        return _PRONOUN_BEFORE.search(text, 0, end)  # the match may begin before the window
    return found


_ONLY_WORDS = re.compile(r"[A-Za-z\s]*")


def _speaker(draft: Draft) -> str | None:
    speaker = draft.speaker
    name = speaker.best if speaker is not None else None
    return normalise(name) if name else None


def self_reported(text: str, drafts: Sequence[Draft]) -> set[int]:
    """The ``id`` of each inner draft whose cue follows a personal pronoun inside the
    reported words of the same speaker ("said he told the board that ...")."""
    dropped: set[int] = set()
    outers = [d for d in drafts if d.kind is CandidateKind.INDIRECT and d.cue is not None]
    for draft in outers:
        cue = draft.cue
        if cue is None or draft.rule == "what-called":
            continue  # "to protest what they say was ...": an aside, reported as such
        pronoun = _pronoun_before(text, cue.verb[0])
        if pronoun is None or pronoun.group(1).lower() not in PRONOUNS:
            continue
        who = _speaker(draft)
        if who is None:
            continue
        for outer in outers:
            if (
                outer is not draft
                and outer.cue is not cue
                and outer.span[0] <= pronoun.start(1)
                and cue.verb[1] <= outer.span[1]
                and _speaker(outer) == who
            ):
                dropped.add(id(draft))
                break
    return dropped


_REPORT_VERBS = frozenset(["report", "reports", "reported", "reporting"])


def relayed_reports(drafts: Sequence[Draft]) -> set[int]:
    """The ``id`` of each "X reports that Y said Z" draft whose words open with another
    attribution's speaker and cue."""
    dropped: set[int] = set()
    for draft in drafts:
        cue = draft.cue
        if draft.kind is not CandidateKind.INDIRECT or cue is None:
            continue
        if cue.word.lower() not in _REPORT_VERBS or draft.rule != "that-clause":
            continue
        for other in drafts:
            inner = other.cue
            if (
                inner is not None
                and inner is not cue
                and inner.subject is not None
                and not inner.inherit
                and inner.subject[0] == draft.span[0]
                and inner.verb[1] <= draft.span[1]
            ):
                dropped.add(id(draft))
                break
    return dropped
