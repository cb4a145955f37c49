"""Reporting cues: the verb (or "according to"), its subject, recipient and cited source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from provenance.extraction.lexicon import (
    ABBREVIATIONS,
    CLAUSE_OPENERS,
    GENERIC_RECIPIENTS,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVES,
    REPORTING_PARTICIPLES,
    REPORTING_VERBS,
)
from provenance.extraction.segmentation import Sentence

MASK = "\x00"
_WORD = re.compile(r"[A-Za-z][A-Za-z\u2019'-]*")
_AUXILIARIES = frozenset(
    [
        "is",
        "was",
        "were",
        "are",
        "has",
        "had",
        "have",
        "will",
        "would",
        "can",
        "could",
        "did",
        "does",
        "do",
        "may",
        "might",
        "should",
        "must",
        "shall",
        "been",
    ]
)
_NOUN_BEFORE = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "by",
        "these",
        "those",
        "some",
        "many",
        "his",
        "her",
        "their",
        "its",
        "our",
        "new",
        "recent",
        "earlier",
        "latest",
        "media",
        "news",
        "press",
        "there",
        "were",
        "confirmed",
        "denied",
        "and",
        "in",
        "with",
        "amid",
    ]
)
_ADVERBS = frozenset(["also", "then", "later", "again", "previously", "since", "once", "never"])
_COMMON_PAST = frozenset(
    [
        "spoke",
        "went",
        "came",
        "made",
        "took",
        "gave",
        "met",
        "left",
        "saw",
        "held",
        "began",
        "sent",
        "kept",
        "put",
        "set",
        "ran",
        "won",
        "lost",
        "paid",
        "sold",
        "led",
        "brought",
        "thought",
        "felt",
        "found",
        "stood",
        "became",
        "fell",
        "rose",
        "broke",
    ]
)
_PASSIVE_BEFORE = frozenset(["was", "were", "been", "being", "is", "are", "be"])
_BOUNDARY_CHARS = MASK + ";:()\u2014\u2013"
_CITED_HEADS = re.compile(
    r"(?:(?:eyewitness|witness|unnamed|anonymous|local|first-hand)\s+)*"
    r"(?:accounts?|statements?|comments?|remarks|testimony|testimonies|interviews?|"
    r"reports?|sources?|words)\s+(?:of|by|from|with)\s+",
    re.IGNORECASE,
)
_NP_STOP = re.compile(
    r"\s(?:that|on|in|at|after|before|during|about|when|while|as|because|last|this|yesterday|"
    r"today|earlier|adding|saying|citing|noting|according)\b|[,.;:!?" + MASK + r"]"
)


# The one told: a name ("the BBC", "Anadolu Agency"), however the sentence goes on.
_NAMED_RECIPIENT = re.compile(
    r"\s+((?:the\s+)?[A-Z][\w\u2019'&-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w\u2019'&-]*)*)"
)


class CueForm(StrEnum):
    FINITE = "finite"  # said, told, confirmed
    PARTICIPLE = "participle"  # adding, denying: the subject of the main clause
    ACCORDING = "according"  # according to X


Span = tuple[int, int]


@dataclass
class Cue:
    """One reporting cue in one sentence, with offsets into the article text."""

    verb: Span
    word: str
    form: CueForm
    sentence: Sentence
    subject: Span | None = None
    apposition: Span | None = None
    inverted: bool = False
    inherit: bool = False
    recipient: Span | None = None
    source: Span | None = None  # the real speaker behind an intermediary ("citing X")
    after: int = 0  # where content may start (after verb, recipient or "according to X")
    extra: list[Span] = field(default_factory=list)

    @property
    def phrase_start(self) -> int:
        if (
            self.subject is not None
            and not self.inverted
            and not self.inherit
            and self.subject[0] < self.verb[0]
        ):
            return self.subject[0]
        return self.verb[0]

    @property
    def phrase_end(self) -> int:
        ends = [self.verb[1]]
        if self.subject is not None and self.inverted:
            ends.append(self.subject[1])
        if self.recipient is not None:
            ends.append(self.recipient[1])
        if self.form is CueForm.ACCORDING:
            ends.append(self.source[1] if self.source else self.after)
        return max(ends)


def masked(text: str, spans: list[Span]) -> str:
    """``text`` with each span replaced by MASK characters (offsets unchanged)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in " ,\n\t":
        start += 1
    while end > start and text[end - 1] in " ,\n\t":
        end -= 1
    return (start, end) if end > start else None


def _words(text: str, span: Span) -> list[str]:
    return _WORD.findall(text, span[0], span[1])


def noun_phrase_like(text: str, span: Span) -> bool:
    """No auxiliary or reporting verb, not a prepositional phrase, not too long."""
    words = _words(text, span)
    if not words or len(words) > 14 or MASK in text[span[0] : span[1]]:
        return False
    if words[0].lower() in PREPOSITIONS or words[0].lower() in CLAUSE_OPENERS:
        return False
    return not any(w.lower() in _AUXILIARIES or w.lower() in REPORTING_VERBS for w in words)


def _has_finite_verb(text: str, span: Span) -> bool:
    return any(w.lower() in REPORTING_VERBS for w in _words(text, span))


def _clause_start(text: str, sentence_start: int, at: int) -> int:
    """Where the clause holding offset ``at`` begins (a subject never reaches back past it)."""
    start = sentence_start
    for index in range(at - 1, sentence_start - 1, -1):
        if text[index] in _BOUNDARY_CHARS:
            return index + 1
    for match in _WORD.finditer(text, sentence_start, at):
        word = match.group(0).lower()
        if word not in CLAUSE_OPENERS:
            continue
        if word in ("and", "but"):
            before = text[sentence_start : match.start()].split()
            after = text[match.end() : at].split()
            if before and after and before[-1][:1].isupper() and after[0][:1].isupper():
                continue  # "Iraq and Syria": a name, not a clause
        if word in ("where", "when") and text[sentence_start : match.start()].rstrip().endswith(
            ","
        ):
            continue  # "Officials in X, where ..., said": an aside, the subject is before it
        start = max(start, match.end())
    return start


def _segments(text: str, start: int, end: int) -> list[Span]:
    parts: list[Span] = []
    cursor = start
    for index in range(start, end):
        if text[index] == ",":
            parts.append((cursor, index))
            cursor = index + 1
    parts.append((cursor, end))
    return parts


def _noun_phrase_after(text: str, at: int, end: int) -> Span | None:
    cursor = at
    while True:
        stop = _NP_STOP.search(text, cursor, end)
        if (
            stop is None
            or text[stop.start()] != "."
            or not _abbreviation_before(text, stop.start())
        ):
            break
        cursor = stop.end()  # "Dr. Maria Lopez": an abbreviation, not the end of the phrase
    return _trim(text, at, stop.start() if stop else end)


def _abbreviation_before(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z]+)$", text[max(0, dot - 12) : dot])
    return word is not None and (
        word.group(1).lower() in ABBREVIATIONS
        or (len(word.group(1)) == 1 and word.group(1).isupper())
    )


def _without_trailing_auxiliaries(text: str, span: Span) -> Span | None:
    """ "Scientists have" -> "Scientists", "he also" -> "he"."""
    start, end = span
    while True:
        match = re.search(r"\s+([A-Za-z]+)$", text[start:end])
        if match is None:
            return (start, end)
        word = match.group(1).lower()
        if word not in _AUXILIARIES and word not in _ADVERBS and not word.endswith("ly"):
            return (start, end)
        end = start + match.start()


def _is_relative(text: str, span: Span) -> bool:
    """Whether the span opens with "who", "which", "where" ... (not the acronym "WHO")."""
    first = _WORD.match(text, span[0], span[1])
    if first is None or not first.group(0).islower():
        return False
    return first.group(0) in RELATIVES or first.group(0) in ("where", "when")


def find_subject(text: str, cue: Cue) -> None:
    """Fill in the cue's subject: before the verb, after it (inverted), or inherited."""
    sentence = cue.sentence
    start = _clause_start(text, sentence.start, cue.verb[0])
    parts = _segments(text, start, cue.verb[0])
    last = _trim(text, *parts[-1])
    if last is not None:
        last = _without_trailing_auxiliaries(text, last)
    if last is not None:
        if _is_relative(text, last):
            return  # "..., who asked not to be named": not a speaker of its own
        if noun_phrase_like(text, last):
            cue.subject = last
        elif _has_finite_verb(text, last):
            cue.inherit = True
        return
    earlier = [p for p in (_trim(text, *p) for p in parts[:-1]) if p is not None]
    if len(earlier) >= 2 and _is_relative(text, earlier[-1]):
        earlier = earlier[:-1]  # "One librarian, who asked not to be named, said"
        if noun_phrase_like(text, earlier[-1]):
            cue.subject = earlier[-1]
            return
    citing = re.compile(r"(?:citing|quoting)\s+").match(text, earlier[-1][0]) if earlier else None
    if len(earlier) >= 2 and citing is not None:
        # "The New York Times, citing two officials, reported that ...": the officials spoke.
        head = _CITED_HEADS.match(text, citing.end(), earlier[-1][1])
        cue.source = (head.end() if head else citing.end(), earlier[-1][1])
        earlier = earlier[:-1]
        if noun_phrase_like(text, earlier[-1]):
            cue.subject = earlier[-1]
            return
    if earlier and _has_finite_verb(text, earlier[-1]):
        cue.inherit = True
        return
    if len(earlier) >= 2 and noun_phrase_like(text, earlier[-1]):
        name = earlier[-2]
        if noun_phrase_like(text, name) and text[name[0]].isupper():
            cue.subject, cue.apposition = name, earlier[-1]
            return
    # "..., said Silo" / "...,” said John Smith, the minister": the subject follows.
    inverted = _noun_phrase_after(text, cue.verb[1], sentence.end)
    if inverted is not None and text[inverted[0] : inverted[1]].lower() not in PRONOUNS:
        first = text[inverted[0]]
        words = _words(text, inverted)
        named = any(w[:1].isupper() for w in words)
        determined = bool(words) and words[0].lower() in ("the", "a", "an", "one", "two")
        if words and (first.isupper() or named or determined) and len(words) <= 12:
            cue.subject, cue.inverted = inverted, True
            comma = text.find(",", inverted[1], inverted[1] + 2)
            if comma != -1:
                appositive = _noun_phrase_after(text, comma + 1, sentence.end)
                if appositive is not None and noun_phrase_like(text, appositive):
                    cue.apposition = appositive
            return
    if earlier and noun_phrase_like(text, earlier[-1]) and len(_words(text, earlier[-1])) <= 6:
        cue.subject = earlier[-1]
        return
    cue.inherit = True


def _recipient(text: str, cue: Cue) -> None:
    if cue.word in ("told", "tells", "tell", "telling") and not cue.inverted:
        named = _NAMED_RECIPIENT.match(text, cue.verb[1], cue.sentence.end)
        if named is not None:
            cue.recipient = (named.start(1), named.end(1))
        else:
            found = _noun_phrase_after(text, cue.verb[1], cue.sentence.end)
            if found is not None and len(_words(text, found)) <= 3:
                cue.recipient = found
    cursor = cue.recipient[1] if cue.recipient else cue.verb[1]
    if cue.inverted and cue.subject is not None:
        cursor = max(cursor, (cue.apposition or cue.subject)[1])
    cue.after = cursor
    citing = re.compile(r"\s*,?\s*(?:citing|quoting)\s+").match(text, cursor, cue.sentence.end)
    if citing:
        rest = citing.end()
        head = _CITED_HEADS.match(text, rest, cue.sentence.end)
        if head:
            rest = head.end()
        source = _trim(text, rest, _sentence_content_end(text, rest, cue.sentence.end))
        if source is not None:
            cue.source = source
            cue.after = source[1]


def _sentence_content_end(text: str, start: int, end: int) -> int:
    stop = re.compile(r"[.;:!?" + MASK + r"](?:\s|$)|[" + MASK + r"]").search(text, start, end)
    return stop.start() if stop else end


def _according(text: str, cue: Cue, to_end: int) -> None:
    end = cue.sentence.end
    stop = re.compile(r",|[.;:!?](?:\s|$)|" + MASK).search(text, to_end, end)
    source_end = stop.start() if stop else end
    cue.subject = _trim(text, to_end, source_end)
    cue.after = source_end
    relayed = re.compile(
        r",\s*who\s+(?:spoke|talked)\s+(?:to|with)\s+|,\s*who\s+interviewed\s+|,\s*citing\s+"
    ).match(text, source_end, end)
    if relayed:
        stop = re.compile(r"\s+and\s+|,|[.;:!?](?:\s|$)|" + MASK).search(text, relayed.end(), end)
        source = _trim(text, relayed.end(), stop.start() if stop else end)
        if source is not None:
            cue.source = source
            comma = text.find(",", source[1], end)
            cue.after = comma if comma != -1 else source[1]


def _is_verb_use(text: str, sentence: Sentence, match: re.Match[str]) -> bool:
    word = match.group(0).lower()
    before = _WORD.findall(text, sentence.start, match.start())
    previous = before[-1].lower() if before else ""
    if previous in _PASSIVE_BEFORE:
        return False
    noun_like = word.endswith("s") or word in ("report", "claim", "comment", "answer", "say")
    if noun_like and (previous in _NOUN_BEFORE or (previous.endswith("ed") and len(previous) > 4)):
        return False
    return not (word == "said" and previous == "the")


def find_cues(text: str, sentence: Sentence) -> list[Cue]:
    """Every reporting cue in ``sentence`` (``text`` has quoted words masked)."""
    cues: list[Cue] = []
    for match in _WORD.finditer(text, sentence.start, sentence.end):
        word = match.group(0).lower()
        span = (match.start(), match.end())
        if word == "according":
            to = re.compile(r"\s+to\s+").match(text, match.end(), sentence.end)
            if to:
                cue = Cue(span, word, CueForm.ACCORDING, sentence)
                _according(text, cue, to.end())
                cues.append(cue)
        elif word in REPORTING_PARTICIPLES:
            cue = Cue(span, word, CueForm.PARTICIPLE, sentence, after=match.end())
            _recipient(text, cue)
            cues.append(cue)
        elif word in REPORTING_VERBS and _is_verb_use(text, sentence, match):
            cue = Cue(span, word, CueForm.FINITE, sentence)
            find_subject(text, cue)
            _recipient(text, cue)
            cues.append(cue)
    _inherit_subjects(text, cues)
    return cues


def sentence_subject(text: str, sentence: Sentence) -> Span | None:
    """The noun phrase opening a sentence, up to its first verb ("The mayor of X has ...")."""
    end = sentence.end
    for match in _WORD.finditer(text, sentence.start, sentence.end):
        word = match.group(0).lower()
        verb_like = word in _AUXILIARIES or word in _COMMON_PAST or word.endswith("ed")
        if verb_like or word in REPORTING_VERBS or word in REPORTING_PARTICIPLES:
            end = match.start()
            break
    else:
        return None
    span = _trim(text, sentence.start, end)
    return span if span is not None and noun_phrase_like(text, span) else None


def _inherit_subjects(text: str, cues: list[Cue]) -> None:
    for index, cue in enumerate(cues):
        if cue.form is CueForm.ACCORDING or (cue.subject is not None and not cue.inherit):
            continue
        donors = [c for c in cues[:index] if c.subject is not None and not c.inherit]
        donors = donors[-1:] or [c for c in cues[index + 1 :] if c.subject is not None][:1]
        if donors:
            cue.subject = donors[0].subject
            cue.apposition = donors[0].apposition
            cue.source = cue.source or donors[0].source
            cue.recipient = cue.recipient or donors[0].recipient
            cue.inherit = True
        elif cue.form is CueForm.PARTICIPLE:
            cue.subject = sentence_subject(text, cue.sentence)
            cue.inherit = cue.subject is not None


def is_named_recipient(phrase: str) -> bool:
    """Whether the recipient of "told" is a named channel (an outlet or a person)."""
    bare = phrase.strip()
    named = bare[4:] if bare.lower().startswith("the ") else bare
    return bare.lower() not in GENERIC_RECIPIENTS and named[:1].isupper()
