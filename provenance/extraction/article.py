"""One article being read: its quotes, sentences and cues, and the attributions found so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from provenance.extraction.cues import Cue, CueForm, find_cues, is_named_recipient
from provenance.extraction.headlines import headline_speech, is_headline
from provenance.extraction.indirect import (
    Content,
    contents,
    continuation,
    points_back,
    previous_sentence,
)
from provenance.extraction.markers import find_markers
from provenance.extraction.mentions import classify, strip_determiner
from provenance.extraction.model import CandidateKind, Knowledge, Marker, SpeakerRef, SpeakerType
from provenance.extraction.phrases import Span, masked
from provenance.extraction.quotes import scan_quotes
from provenance.extraction.segmentation import Sentence, is_abbreviation, sentences

# "Speaking to WXYZ Radio, ...", "... in an interview with Le Monde": the channel of the words.
_CHANNEL = re.compile(
    r"(?:[Ss]peaking|[Tt]alking|[Ww]riting)\s+(?:to|with|in)\s+"
    r"((?:the\s+)?[A-Z][\w\u2019'&.-]*(?:\s+[A-Z][\w\u2019'&.-]*)*)"
    r"|(?:interview\s+with|(?:seen|obtained|reviewed)\s+by)\s+"
    r"((?:the\s+)?[A-Z][\w\u2019'&.-]*(?:\s+[A-Z][\w\u2019'&.-]*)*)"
)


_NESTED_RULES = frozenset(["that-clause", "bare-complement"])
_INNER_BOUNDARY = re.compile(r"[.!?]+['\u2019\u201d\"]*\s+(?=[A-Z\"\u201c\u2018'])")


def _inner_sentences(text: str, start: int, end: int) -> list[Span]:
    """The sentences of quoted words, split at a full stop before a capital."""
    spans: list[Span] = []
    for stop in _INNER_BOUNDARY.finditer(text, start, end):
        if text[stop.start()] == "." and is_abbreviation(text, stop.start()):
            continue
        spans.append((start, stop.start() + 1))
        start = stop.end()
    if start < end:
        spans.append((start, end))
    return spans


@dataclass
class Draft:
    """An attribution being assembled."""

    span: Span
    kind: CandidateKind
    rule: str
    cue: Cue | None
    paragraph: int
    markers: list[Marker] = field(default_factory=list)
    cue_text: str | None = None
    intermediary: str | None = None
    speaker: SpeakerRef | None = None
    unbalanced: bool = False


class ArticleState:
    """The article's text, its quotes, sentences and cues; reported speech found first."""

    def __init__(self, text: str, knowledge: Knowledge) -> None:
        self.text = text
        self.knowledge = knowledge
        self.quotes = scan_quotes(text)
        self.sentences = sentences(text, self.quotes)
        self.masked = masked(text, [(q.outer_start, q.outer_end) for q in self.quotes])
        self.cues = {s.index: find_cues(self.masked, s) for s in self.sentences}
        self.has_cue = {index for index, found in self.cues.items() if found}
        self.drafts: list[Draft] = []

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    # Cues ---------------------------------------------------------------------------------

    def cue_text(self, cue: Cue, rule: str, cue_end: int | None = None) -> str:
        end = cue.phrase_end
        if cue.source and cue.form is not CueForm.ACCORDING and cue.source[0] > cue.verb[0]:
            end = cue.source[0]  # "the BBC reported, citing": the cue stops where the source starts
        if cue_end is not None and rule == "that-clause" and cue_end > end:
            end = cue_end  # "pointed out that", "said on Sunday that": as printed
        return " ".join(self.text[cue.phrase_start : end].strip(" ,").split())

    def intermediary(self, cue: Cue, recipient: Span | None = None) -> str | None:
        text = self.text
        if cue.source is not None and cue.subject is not None:
            noun = classify(text[cue.subject[0] : cue.subject[1]], outlets=self.knowledge.outlets)
            return noun.name or strip_determiner(noun.text)
        for span in (cue.recipient, recipient):
            if span is not None and is_named_recipient(text[span[0] : span[1]]):
                return strip_determiner(text[span[0] : span[1]])
        channel = _CHANNEL.search(self.masked, cue.sentence.start, cue.sentence.end)
        named = channel.group(1) or channel.group(2) if channel is not None else None
        named = named.rstrip(".") if named is not None else None  # "... with Bloomberg TV."
        if named is not None and is_named_recipient(named):
            return strip_determiner(named)
        if cue.subject is not None:
            noun = classify(text[cue.subject[0] : cue.subject[1]], outlets=self.knowledge.outlets)
            if noun.type is SpeakerType.OUTLET:
                return noun.name
        return None

    # Reported speech ----------------------------------------------------------------------

    def reported_speech(self) -> None:
        found: list[Content] = []
        for sentence in self.sentences:
            found.extend(contents(self.masked, self.cues[sentence.index]))
            for full_stop in (False, True):
                if is_headline(self.masked, sentence, full_stop=full_stop):
                    speech = headline_speech(self.masked, sentence, full_stop=full_stop)
                    if speech is not None and speech[0][1] > speech[0][0]:
                        found.append(Content(speech[0], speech[1], "headline"))
                    break
        found.extend(self.speech_in_quotes())
        by_cue: dict[int, str | None] = {}
        for content in found:
            cue = content.cue
            middle = self.intermediary(cue, content.recipient)
            by_cue[id(cue)] = by_cue.get(id(cue)) or middle
        for content in found:
            cue = content.cue
            middle = by_cue[id(cue)]
            if middle is None and cue.inherit:
                donors = [
                    by_cue.get(id(c))
                    for c in self.cues.get(cue.sentence.index, [])
                    if c.subject == cue.subject and c is not cue
                ]
                middle = next((d for d in donors if d), None)
            span = content.span
            if content.rule in ("that-clause", "bare-complement"):
                span = continuation(self.masked, content, self.sentences, self.has_cue)
                span = self.before_quoted_relative(span)
            back = (
                previous_sentence(self.masked, content, self.sentences, self.has_cue)
                if content.rule == "according-to"
                else None
            )
            if back is None or not points_back(self.masked, content):
                self.add_reported(span, content, middle, content.rule)
            if back is not None:
                self.add_reported(back, content, middle, "refers-back")

    def before_quoted_relative(self, span: Span) -> Span:
        """ "said he wrote to a trader “who said he wanted to ...”": a quotation that
        opens with a relative pronoun and runs to the end is the speaker's own words (a
        partial quote), not part of the reported clause before it."""
        for quote in self.quotes:
            if not span[0] < quote.outer_start < span[1] or quote.end < span[1] - 1:
                continue
            first = re.match(r"[A-Za-z]+", self.text[quote.start : quote.end])
            if first is None or first.group(0).lower() not in ("who", "which", "whose", "whom"):
                continue
            end = quote.outer_start
            while end > span[0] and self.text[end - 1] in " ,":
                end -= 1
            if len(self.text[span[0] : end].split()) >= 3:
                return (span[0], end)
        return span

    def speech_in_quotes(self) -> list[Content]:
        """Reported speech inside quoted words: "... the agent of a Dutch farm, who said he
        wanted to come here ..." (nested speech, a layer of its own)."""
        found: list[Content] = []
        number = 0
        for quote in self.quotes:
            if quote.end - quote.start < 40:
                continue
            paragraph = self.sentence_at(quote.start)
            if paragraph is None:
                continue
            for start, end in _inner_sentences(self.text, quote.start, quote.end):
                number += 1
                inner = Sentence(start, end, paragraph.paragraph, -number)
                cues = [c for c in find_cues(self.text, inner) if c.form is not CueForm.ACCORDING]
                for content in contents(self.text, cues):
                    if content.rule in _NESTED_RULES and self._third_person(content.cue):
                        found.append(replace(content, rule="nested-speech"))
        return found

    def _third_person(self, cue: Cue) -> bool:
        """Someone else's words inside a quotation, not the speaker's own "I think", "we said"."""
        if cue.word in ("think", "thinks", "believe", "believes", "thought", "believed"):
            return False
        if cue.subject is None:
            before = self.text[cue.sentence.start : cue.verb[0]].split()
            return bool(before) and before[-1].lower() in ("who", "which")  # "the agent, who said"
        subject = self.text[cue.subject[0] : cue.subject[1]].lower().split()
        return bool(subject) and subject[0] not in ("i", "we", "you", "our", "my", "us")

    def add_reported(self, span: Span, content: Content, middle: str | None, rule: str) -> None:
        words = self.text[span[0] : span[1]]
        self.drafts.append(
            Draft(
                span,
                CandidateKind.INDIRECT,
                rule,
                content.cue,
                content.cue.sentence.paragraph,
                markers=find_markers(words),
                cue_text=self.cue_text(content.cue, content.rule, content.cue_end),
                intermediary=middle,
            )
        )
