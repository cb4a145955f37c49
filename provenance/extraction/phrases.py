"""Noun phrases and clauses in a sentence whose quoted words are masked: the spans a cue needs."""

from __future__ import annotations

import re

from provenance.extraction.lexicon import (
    ABBREVIATIONS,
    CLAUSE_OPENERS,
    PREPOSITIONS,
    RELATIVES,
    REPORTING_PARTICIPLES,
    REPORTING_VERBS,
)
from provenance.extraction.segmentation import Sentence

# Stands in for quoted words, so that rules about the narrator's text never look inside them.
MASK = "\x00"
Span = tuple[int, int]
WORD = re.compile(r"[A-Za-z][A-Za-z\u2019'-]*")
AUXILIARIES = frozenset(
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
_ADVERBS = frozenset(
    [
        "also",
        "then",
        "later",
        "again",
        "previously",
        "since",
        "once",
        "never",
        "today",
        "yesterday",
        "tonight",
        "now",
        "here",  # "the mission here said", "officials there say"
        "there",
    ]
)
COMMON_PAST = frozenset(
    """spoke went came made took gave met left saw held began sent kept put set ran won lost
    paid sold led brought thought felt found stood became fell rose broke cut hit let quit shut
    spread struck fought sought caught taught bought wrote drove chose grew knew threw drew
    showed understood heard meant got told felt stole swore forgot hid shook rode
    """.split()  # noqa: SIM905
)
_BOUNDARY_CHARS = MASK + ";:()\u2014\u2013"
_NP_STOP = re.compile(
    r"\s(?:that|on|in|at|after|before|during|about|when|while|as|because|last|this|yesterday|"
    r"outside|inside|near|"
    r"today|earlier|adding|saying|citing|noting|according)\b|[,.;:!?" + MASK + r"]"
)


def masked(text: str, spans: list[Span]) -> str:
    """``text`` with each span replaced by MASK characters (offsets unchanged)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)


def trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in " ,\n\t>":  # ">": the end of page markup
        start += 1
    while end > start and text[end - 1] in " ,\n\t":
        end -= 1
    return (start, end) if end > start else None


def words_of(text: str, span: Span) -> list[str]:
    return WORD.findall(text, span[0], span[1])


def noun_phrase_like(text: str, span: Span) -> bool:
    """No auxiliary or reporting verb, not a prepositional phrase, not too long."""
    words = words_of(text, span)
    if not words or len(words) > 14 or MASK in text[span[0] : span[1]]:
        return False
    if words[0].lower() in PREPOSITIONS or words[0].lower() in CLAUSE_OPENERS:
        return False
    # Verbs are lower case; "Omar Said" is a name.
    return not any(w in AUXILIARIES or w in REPORTING_VERBS for w in words)


def has_finite_verb(text: str, span: Span) -> bool:
    return any(w in REPORTING_VERBS for w in words_of(text, span))


_PARENTHETICAL_BEFORE = re.compile(r"(?<=[A-Za-z.])\s*\([^()]{1,30}\)$")


def clause_start(text: str, sentence_start: int, at: int) -> int:
    """Where the clause holding offset ``at`` begins (a subject never reaches back past it)."""
    start = sentence_start
    index = at - 1
    while index >= sentence_start:
        if text[index] == ")":
            party = _PARENTHETICAL_BEFORE.search(text, sentence_start, index + 1)
            if party is not None:
                index = party.start() - 1  # "Chaffetz (R-Utah) said": the name's parenthetical
                continue
        if text[index] in _BOUNDARY_CHARS:
            start = index + 1
            break
        if text[index] == "-" and (
            text[index - 1 : index + 1] == "--" or text[index - 1 : index + 2] == " - "
        ):
            start = index + 1  # "-- Senator Graham told": a dash typed as hyphens
            break
        index -= 1
    # Clause openers after the boundary ("9:20 p.m.: As ..., but the Pentagon said").
    for match in WORD.finditer(text, start, at):
        word = match.group(0).lower()
        if word not in CLAUSE_OPENERS:
            continue
        if word in ("and", "but"):
            before = text[sentence_start : match.start()].split()
            after = text[match.end() : at].split()
            if before and after and before[-1][:1].isupper() and after[0][:1].isupper():
                continue  # "Iraq and Syria": a name, not a clause
            earlier = WORD.findall(text, start, match.start())
            if earlier and not any(verb_like(w) for w in earlier):
                continue  # "Three analysts and one shareholder told": one subject
        if word in ("where", "when") and text[sentence_start : match.start()].rstrip().endswith(
            ","
        ):
            continue  # "Officials in X, where ..., said": an aside, the subject is before it
        if _inside_aside(text, sentence_start, match.start(), at):
            continue  # "One clerk, who spoke ... because she feared retaliation, told"
        start = max(start, match.end())
    return start


_ASIDE_OPEN = re.compile(r",\s+(?:who|which|whose|whom|[a-z]+ing)\s")


def _inside_aside(text: str, start: int, opener: int, at: int) -> bool:
    """Whether ``opener`` lies in a relative aside (", who ...,") closed before ``at``."""
    opened = [m.end() for m in _ASIDE_OPEN.finditer(text, start, opener)]
    if not opened or "," in text[opened[-1] : opener]:
        return False
    return "," in text[opener:at]


def segments(text: str, start: int, end: int) -> list[Span]:
    parts: list[Span] = []
    cursor = start
    for index in range(start, end):
        if text[index] == ",":
            parts.append((cursor, index))
            cursor = index + 1
    parts.append((cursor, end))
    return parts


def noun_phrase_after(text: str, at: int, end: int) -> Span | None:
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
    return trim(text, at, stop.start() if stop else end)


def _abbreviation_before(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z]+)$", text[max(0, dot - 12) : dot])
    return word is not None and (
        word.group(1).lower() in ABBREVIATIONS
        or (len(word.group(1)) == 1 and word.group(1).isupper())
    )


# "A federal judge on Monday (blocked)": when it happened is not part of who spoke.
_TIME_TAIL = re.compile(
    r"\s+(?:(?:on|last|this|early|late|earlier)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|night|week|month|year|morning|afternoon|evening)$"
)


def without_trailing_auxiliaries(text: str, span: Span) -> Span | None:
    """ "Scientists have" -> "Scientists", "he also" -> "he", "a judge on Monday" -> "a judge"."""
    start, end = span
    while True:
        time = _TIME_TAIL.search(text, start, end)
        if time is not None and time.start() > start:
            end = time.start()
            continue
        match = re.search(r"\s+([A-Za-z]+)$", text[start:end])
        if match is None:
            return (start, end)
        word = match.group(1).lower()
        adverb = word in _ADVERBS or (word.endswith("ly") and match.group(1).islower())
        # "Ms. May said": a capitalised "May" is a name, not the auxiliary.
        auxiliary = word in AUXILIARIES and match.group(1).islower()
        if not auxiliary and not adverb:
            return (start, end)
        end = start + match.start()


def is_relative(text: str, span: Span) -> bool:
    """Whether the span opens with "who", "which", "where" ... (not the acronym "WHO")."""
    first = WORD.match(text, span[0], span[1])
    if first is None or not first.group(0).islower():
        return False
    return first.group(0) in RELATIVES or first.group(0) in ("where", "when")


def verb_like(word: str) -> bool:
    if not word.islower():
        return False  # "Said", "Reed": names, not verbs
    lowered = word
    return (
        lowered in AUXILIARIES
        or lowered in COMMON_PAST
        or lowered.endswith("ed")
        or lowered in REPORTING_VERBS
        or lowered in REPORTING_PARTICIPLES
    )


_CONTRACTED_PRONOUN = re.compile(
    r"(he|she|it|they|we|i|you)[\u2019'](?:s|re|ve|ll|d|m)", re.IGNORECASE
)


def sentence_subject(text: str, sentence: Sentence, *, at: int | None = None) -> Span | None:
    """The noun phrase opening a sentence, up to its first verb ("The mayor of X has ...").

    A leading adverbial ("In it, Pangalos was quoted") is skipped. With ``at``, the subject
    of the clause holding that offset ("..., as 40 MPs signed a letter warning").
    """
    start = sentence.start if at is None else clause_start(text, sentence.start, at)
    if at is not None:
        sentence = Sentence(start, sentence.end, sentence.paragraph, sentence.index)
    end = sentence.end
    for match in WORD.finditer(text, sentence.start, sentence.end):
        contracted = _CONTRACTED_PRONOUN.fullmatch(match.group(0))
        if contracted is not None:
            end = match.start() + len(contracted.group(1))  # "He's comparing": "He"
            break
        if verb_like(match.group(0)):
            end = match.start()
            break
    else:
        return None
    comma = text.find(",", start, end)
    first = WORD.match(text, start + len(text[start:end]) - len(text[start:end].lstrip()))
    if comma != -1 and first is not None and first.group(0).lower() in PREPOSITIONS:
        start = comma + 1
        comma = text.find(",", start, end)
    span = trim(text, start, comma if comma != -1 else end)
    if span is not None:
        span = without_trailing_auxiliaries(text, span)
    return span if span is not None and noun_phrase_like(text, span) else None
