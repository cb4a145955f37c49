"""Paragraphs and sentences with their offsets; a sentence never ends inside a quote."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from provenance.extraction.lexicon import ABBREVIATIONS
from provenance.extraction.lines import soft_newlines
from provenance.extraction.quotes import QuoteSpan

_BOUNDARY = re.compile(
    r"([.!?\u2026]+)([\"\u201d\u2019'\u00bb)\]]*)(\s+)(?=[\"\u201c\u2018'\u00ab(\[A-Z0-9])"
)
# Datelines and archive stamps before the first sentence ("ANKARA (AA) -", "date 2017-11-14").
_DATELINE = re.compile(
    r"\s*(?:date\s+\d{4}-\d{2}-\d{2}\s+"
    r"|\d{4}-\d{2}-\d{2}\s+"
    r"|[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z .]+\))?\s*[-\u2014\u2013]+\s+"
    r"|[A-Z][A-Za-z0-9 .,'-]{2,40}\s*\([A-Z][A-Za-z .&]{1,30}\)\s*[-\u2014\u2013]+\s*)"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # exclusive, after the final punctuation and closing marks
    paragraph: int
    index: int


def dateline_end(text: str) -> int:
    """Offset after a leading dateline or archive stamp, 0 when there is none."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank paragraph, whitespace trimmed; wrapped lines join."""
    found = []
    soft = soft_newlines(text)
    hard = [m.start() for m in re.finditer("\n", text) if m.start() not in soft]
    for start, end in zip([0, *(at + 1 for at in hard)], [*hard, len(text)], strict=True):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append((start, end))
    return found


def _inside_open_quote(at: int, quotes: Sequence[QuoteSpan]) -> bool:
    return any(q.start <= at < q.end for q in quotes)


def is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation ("Mr.", "U.S.", an initial)."""
    return _is_abbreviation(text, dot)


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 24) : dot])
    if word is None:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in ABBREVIATIONS or (len(token) == 1 and text[dot - 1].isupper())


OPENING_QUOTES = '"\u201c\u2018\u00ab'
_TITLES = frozenset(
    """mr mrs ms dr prof gen col lt capt maj sgt cpl pte pvt det supt insp adm rev sen rep gov
    st""".split()  # noqa: SIM905
)


def _is_title_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z]+)$", text[max(0, dot - 24) : dot])
    return word is not None and (word.group(1).lower() in _TITLES or len(word.group(1)) == 1)


def sentences(text: str, quotes: Sequence[QuoteSpan]) -> list[Sentence]:
    """Sentences in order; boundaries inside quoted words are ignored."""
    found: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        # A dateline opens the first paragraph of the story, after any page furniture.
        start = p_start + dateline_end(text[p_start:p_end])
        for match in _BOUNDARY.finditer(text, start, p_end):
            punct_end = match.end(1)
            closing_end = match.end(2)
            opens_quote = text[match.end() : match.end() + 1] in OPENING_QUOTES
            # "... Cleveland-Cliffs Inc. \u201cYou are ...": a quote opens a new sentence,
            # except after a title ("Dr.") or an initial.
            if (
                match.group(1) == "."
                and _is_abbreviation(text, match.start(1))
                and (not opens_quote or _is_title_abbreviation(text, match.start(1)))
            ):
                continue
            # A full stop inside quoted words ends the sentence only with the closing mark.
            if _inside_open_quote(punct_end - 1, quotes) and not any(
                q.close_mark is not None and punct_end <= q.close_mark < closing_end for q in quotes
            ):
                continue
            found.append(Sentence(start, closing_end, number, len(found)))
            start = match.end()
        if start < p_end:
            found.append(Sentence(start, p_end, number, len(found)))
    return found
