"""Headlines that report speech: "Reports: Gadhafi Dead", "MDC Accuses Government Of ..."."""

from __future__ import annotations

import re

from provenance.extraction.cues import Cue, CueForm
from provenance.extraction.phrases import Span
from provenance.extraction.segmentation import Sentence

# Section labels, not sources: "Video: ...", "Update: ...".
_LABELS = frozenset(
    """breaking update updated video watch live opinion analysis exclusive factbox explainer
    photos photo gallery podcast editorial interview review listen read more related timeline
    q&a quiz poll note correction source credit credits tags topics filed""".split()  # noqa: SIM905
)
_SOURCE_COLON = re.compile(
    r"(?P<source>[A-Z][\w.\u2019'&-]*(?:\s+[A-Z][\w.\u2019'&-]*){0,4})\s*:\s+(?P<content>\S.*)$"
)
# Title-case reporting verbs of headline style, with the words that may follow the verb.
_TITLE_VERB = re.compile(
    r"\s(?P<verb>Says|Say|Accuses|Accuse|Denounces|Denounce|Warns|Warn|Urges|Urge|Vows|Vow|"
    r"Slams|Blasts|Rejects|Confirms|Denies|Claims|Insists|Admits|Pledges|Threatens|Criticizes|"
    r"Criticises|Condemns|Praises|Blames|Announces|Rebukes|Asks|Tells|Tell|Calls\s+For|"
    r"Calls\s+On|Call\s+For)\s+(?P<content>\S.*)$"
)
# "Tells Lawmakers ...": the one told, before what was told.
_TOLD = re.compile(
    r"(?:Lawmakers|Congress|Reporters|Parliament|Senators|Senate|Court|Jury|Media|Journalists|"
    r"Supporters|Crowd|Voters|Students|UN|U\.N\.|Nation|Allies|Leaders|Troops)\s+"
)


def is_headline(text: str, sentence: Sentence, *, full_stop: bool = False) -> bool:
    """A paragraph of one short line in title case, without a full stop at its end (or with
    one, when ``full_stop``: then nearly every word is capitalised)."""
    last = text[sentence.end - 1 : sentence.end]
    if (
        last in ".!?,;:" and not (full_stop and last == ".")
    ) or sentence.end - sentence.start > 160:
        return False
    before = text[: sentence.start].rstrip(" \t")
    after = text[sentence.end :].lstrip(" \t")
    if (before and not before.endswith("\n")) or (after and not after.startswith("\n")):
        return False
    line = text[sentence.start : sentence.end]
    if full_stop:
        line = line[:-1]
    if "\n" in line or line.rstrip()[-1:] in ".!?,;:" or line[:1] in "-\u2013\u2014*\u2022|>":
        return False  # a list item or link ("- US Says ..."), not a headline
    words = re.findall(r"[A-Za-z][\w\u2019'-]*", line)
    if not 2 <= len(words) <= 20:
        return False
    long_words = [w for w in words if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    share = 0.9 if full_stop else 0.7
    return bool(long_words) and capitalised >= share * len(long_words)


def headline_speech(
    text: str, sentence: Sentence, *, full_stop: bool = False
) -> tuple[Span, Cue] | None:
    """The reported words of a headline and their cue, when the headline reports speech."""
    if full_stop:
        sentence = Sentence(sentence.start, sentence.end - 1, sentence.paragraph, sentence.index)
    line = text[sentence.start : sentence.end]
    colon = None if full_stop else _SOURCE_COLON.match(line)
    if colon is not None and colon.group("source").split()[0].lower() not in _LABELS:
        source = (sentence.start + colon.start("source"), sentence.start + colon.end("source"))
        colon_at = text.index(":", source[1], sentence.end)
        start = sentence.start + colon.start("content")
        cue = Cue((colon_at, colon_at + 1), ":", CueForm.FINITE, sentence, subject=source)
        return _content(text, start, sentence.end), cue
    verb = _TITLE_VERB.search(line)
    if verb is None or verb.start() == 0:
        return None
    verb_span = (sentence.start + verb.start("verb"), sentence.start + verb.end("verb"))
    subject = (sentence.start, verb_span[0] - 1)
    start = sentence.start + verb.start("content")
    cue = Cue(verb_span, verb.group("verb").lower(), CueForm.FINITE, sentence, subject=subject)
    if verb.group("verb").startswith("Tell"):
        told = _TOLD.match(text, start, sentence.end)
        if told is not None:
            cue.recipient = (told.start(), told.end() - 1)
            start = told.end()
    cue.after = start
    return _content(text, start, sentence.end), cue


def _content(text: str, start: int, end: int) -> Span:
    while end > start and text[end - 1] in " \t":
        end -= 1
    return (start, end)
