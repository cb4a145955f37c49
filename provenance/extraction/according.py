"""The cue "according to X": its source, a relayed source and an apposition."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from provenance.extraction.phrases import MASK, noun_phrase_like, trim
from provenance.extraction.segmentation import is_abbreviation

if TYPE_CHECKING:
    from provenance.extraction.cues import Cue

_SEEN_BY = re.compile(r"\s+(?:seen|obtained|reviewed)\s+by\s+")


def according(text: str, cue: Cue, to_end: int) -> None:
    """Fill in the source, apposition and content start of "according to X"."""
    end = cue.sentence.end
    pattern = re.compile(r",|[.;:!?](?:\s|$)|" + MASK)
    stop = pattern.search(text, to_end, end)
    while stop is not None and stop.group(0)[:1] == "." and is_abbreviation(text, stop.start()):
        stop = pattern.search(text, stop.end(), end)  # "according to Dr. Smith"
    source_end = stop.start() if stop else end
    cue.subject = trim(text, to_end, source_end)
    seen = _SEEN_BY.search(text, to_end, source_end)
    if seen is not None:
        cue.subject = trim(text, to_end, seen.start())  # the figures; the outlet is the channel
    cue.after = source_end
    relayed = re.compile(
        r",\s*who\s+(?:spoke|talked)\s+(?:to|with)\s+|,\s*who\s+interviewed\s+|,\s*citing\s+"
    ).match(text, source_end, end)
    if relayed:
        stop = re.compile(r"\s+and\s+|,|[.;:!?](?:\s|$)|" + MASK).search(text, relayed.end(), end)
        source = trim(text, relayed.end(), stop.start() if stop else end)
        if source is not None:
            cue.source = source
            comma = text.find(",", source[1], end)
            cue.after = comma if comma != -1 else source[1]
        return
    ends_sentence = text[cue.sentence.start : cue.verb[0]].strip() != ""
    if not ends_sentence and text[source_end : source_end + 1] == ",":
        _according_apposition(text, cue, source_end + 1)
        return
    if ends_sentence and text[source_end : source_end + 1] == ",":
        # '"...," according to Jane Doe, a local nurse.': the nurse is Jane Doe.
        appositive = trim(text, source_end + 1, end)
        if appositive is not None:
            appositive = (
                trim(text, appositive[0], appositive[1] - 1)
                if text[appositive[1] - 1] in ".!?"
                else appositive
            )
        if appositive is not None and noun_phrase_like(text, appositive):
            cue.apposition = appositive
            cue.after = appositive[1]


_APPOSED_NAME = re.compile(r"\s*((?:[A-Z][\w\u2019'.-]*\s+){1,3}[A-Z][\w\u2019'-]*)\s*,")
_APPOSED_ROLE = re.compile(r"\s*((?:an?\s+|[a-z])[^,]{2,80}?)\s*,")


def _according_apposition(text: str, cue: Cue, at: int) -> None:
    """ "According to its director, Paul Johnson, the ...": the name is the speaker's."""
    match = _APPOSED_NAME.match(text, at, cue.sentence.end) or _APPOSED_ROLE.match(
        text, at, cue.sentence.end
    )
    if match is None:
        return
    span = (match.start(1), match.end(1))
    rest = text[match.end() : cue.sentence.end]
    if noun_phrase_like(text, span) and MASK not in text[span[0] : span[1]] and rest.strip():
        cue.apposition = span
        cue.after = match.end() - 1
