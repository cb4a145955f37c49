"""The extractor: from an article's plain text to candidate attributions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from provenance.extraction.cues import Cue, CueForm, find_cues, is_named_recipient
from provenance.extraction.indirect import (
    ADVERBIAL,
    Content,
    contents,
    continuation,
    previous_sentence,
)
from provenance.extraction.lexicon import REPORTING_VERBS
from provenance.extraction.markers import find_markers, truncation
from provenance.extraction.mentions import (
    NameMention,
    classify,
    person_names,
    strip_determiner,
)
from provenance.extraction.model import (
    Candidate,
    CandidateKind,
    Knowledge,
    Marker,
    SpeakerRef,
    SpeakerType,
)
from provenance.extraction.phrases import (
    AUXILIARIES,
    MASK,
    Span,
    masked,
    noun_phrase_like,
    trim,
    words_of,
)
from provenance.extraction.quotes import QuoteSpan, scan_quotes
from provenance.extraction.resolution import Discourse
from provenance.extraction.segmentation import Sentence, sentences

# "Speaking to WXYZ Radio, ...", "... in an interview with Le Monde": the channel of the words.
_CHANNEL = re.compile(
    r"(?:[Ss]peaking|[Tt]alking|[Ww]riting)\s+(?:to|with|in)\s+"
    r"((?:the\s+)?[A-Z][\w\u2019'&.-]*(?:\s+[A-Z][\w\u2019'&.-]*)*)"
    r"|interview\s+with\s+((?:the\s+)?[A-Z][\w\u2019'&.-]*(?:\s+[A-Z][\w\u2019'&.-]*)*)"
)
# A quotation signed with a dash: the name runs to a bracket, a comma or "after".
_DASH_NAME = re.compile(
    r"[ \t]*[\u2013\u2014-][ \t]*([^,(\n.;:\u2013\u2014]+?)(?=\s*(?:\(|,|;|\bafter\b|\bon\b|\.|$))"
)
_CONFIDENCE = {
    "direct-cue": 0.9,
    "signed-quote": 0.75,
    "partial": 0.75,
    "that-clause": 0.75,
    "according-to": 0.75,
    "trailing-cue": 0.7,
    "noun-content": 0.6,
    "bare-complement": 0.55,
    "refers-back": 0.5,
    "continued-quote": 0.45,
}


@dataclass
class _Draft:
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


class _Article:
    def __init__(self, text: str, knowledge: Knowledge) -> None:
        self.text = text
        self.knowledge = knowledge
        self.quotes = scan_quotes(text)
        self.sentences = sentences(text, self.quotes)
        self.masked = masked(text, [(q.outer_start, q.outer_end) for q in self.quotes])
        self.cues = {s.index: find_cues(self.masked, s) for s in self.sentences}
        self.has_cue = {index for index, found in self.cues.items() if found}
        self.drafts: list[_Draft] = []

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
                    for c in self.cues[cue.sentence.index]
                    if c.subject == cue.subject and c is not cue
                ]
                middle = next((d for d in donors if d), None)
            span = content.span
            if content.rule in ("that-clause", "bare-complement"):
                span = continuation(self.masked, content, self.sentences, self.has_cue)
            self.add_reported(span, content, middle, content.rule)
            if content.rule == "according-to":
                back = previous_sentence(self.masked, content, self.sentences, self.has_cue)
                if back is not None:
                    self.add_reported(back, content, middle, "refers-back")

    def add_reported(self, span: Span, content: Content, middle: str | None, rule: str) -> None:
        words = self.text[span[0] : span[1]]
        self.drafts.append(
            _Draft(
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

    # Quotations ---------------------------------------------------------------------------

    def adjacent_tail(self, quote: QuoteSpan, sentence: Sentence) -> Cue | None:
        for cue in self.cues[sentence.index]:
            if cue.phrase_start >= quote.outer_end:
                gap = self.masked[quote.outer_end : cue.phrase_start]
                adjacent = gap.strip(" ,;\u2014\u2013-") == "" and cue.subject is not None
                return cue if adjacent and cue.form is not CueForm.PARTICIPLE else None
        return None

    def adjacent_head(self, quote: QuoteSpan, sentence: Sentence) -> Cue | None:
        before = [c for c in self.cues[sentence.index] if c.phrase_end <= quote.outer_start]
        if not before:
            return None
        cue = before[-1]
        raw = self.masked[cue.phrase_end : quote.outer_start].rstrip()
        gap = raw.strip(" ,:")
        # "said: ", "said in a statement: ", "told shareholders on Monday: "
        if gap in ("", "that") or ADVERBIAL.fullmatch(gap):
            return cue
        # "said to Johnson during PMQs: ": a short phrase without a verb, then a colon.
        words = gap.split()
        plain = not any(w in AUXILIARIES or w in REPORTING_VERBS for w in words)
        return cue if raw.endswith((":", ",")) and len(words) <= 8 and plain else None

    def splits(self, quote: QuoteSpan, cue: Cue) -> bool:
        """ "A," she said, "b.": the cue stands between two parts of one quotation."""
        before = self.masked[: cue.phrase_start].rstrip(" ,")
        after = self.masked[cue.phrase_end : quote.outer_start].strip(" ,")
        return before.endswith(MASK) and after == ""

    def governing(self, quote: QuoteSpan, sentence: Sentence) -> Cue | None:
        own = self.cues[sentence.index]
        before = [c for c in own if c.verb[1] <= quote.outer_start and c.subject is not None]
        after = [c for c in own if c.verb[0] >= quote.outer_end and c.subject is not None]
        found = before[-1:] or after[:1]
        return found[0] if found else None

    def enclosing(self, quote: QuoteSpan) -> _Draft | None:
        for draft in self.drafts:
            if draft.kind is CandidateKind.INDIRECT and (
                draft.span[0] <= quote.outer_start < draft.span[1] + 2
            ):
                return draft
        return None

    def quotations(self) -> None:
        reported = list(self.drafts)
        for quote in self.quotes:
            head = self.sentence_at(quote.outer_start)
            tail = self.sentence_at(max(quote.outer_end - 1, quote.outer_start))
            if head is None or tail is None:
                continue
            lead = self.masked[head.start : quote.outer_start].strip()
            inside = self.enclosing(quote) if reported else None
            tail_cue = self.adjacent_tail(quote, tail)
            head_cue = self.adjacent_head(quote, head)
            words = self.text[quote.start : quote.end]
            capital = words[:1].isupper() or not words[:1].isalpha()
            split_quote = head_cue is not None and self.splits(quote, head_cue)
            opens_sentence = lead == "" or lead.endswith(":")
            if opens_sentence or (head_cue is not None and capital) or split_quote:
                kind = CandidateKind.DIRECT
            else:
                kind = CandidateKind.PARTIAL
            markers = find_markers(words)
            if self.truncated(quote):
                markers.append(truncation())
            draft = _Draft(
                (quote.start, quote.end),
                kind,
                "direct-cue" if kind is CandidateKind.DIRECT else "partial",
                None,
                head.paragraph,
                markers=markers,
                unbalanced=not quote.balanced,
            )
            if kind is CandidateKind.PARTIAL and inside is not None:
                draft.cue, draft.cue_text = inside.cue, inside.cue_text
                draft.intermediary = inside.intermediary
            else:
                if kind is CandidateKind.PARTIAL:
                    # 'explained that "...", pointing out': the verb before governs a fragment.
                    cue = head_cue or self.governing(quote, head) or tail_cue
                else:
                    cue = tail_cue or head_cue
                if cue is None and kind is CandidateKind.DIRECT:
                    cue = (
                        self.colon_cue(head)
                        or self.name_colon(quote, head)
                        or self.dash_name(quote, tail)
                    )
                if cue is not None:
                    draft.cue, draft.cue_text = cue, self.cue_text(cue, "")
                    draft.intermediary = self.intermediary(cue)
                    if cue.word in (":", "\u2013"):
                        draft.rule, draft.cue_text = "signed-quote", None
                elif len(words.split()) >= 4:
                    draft.rule = "continued-quote"
                else:
                    continue  # a short cue-less quote is a title or scare quote, not speech
            self.drafts.append(draft)

    def truncated(self, quote: QuoteSpan) -> bool:
        if quote.close_mark is None:
            return False
        line_end = self.text.find("\n", quote.outer_end)
        rest = self.text[quote.outer_end : line_end if line_end != -1 else None].strip()
        lead = self.text[
            self.text.rfind("\n", 0, quote.outer_start) + 1 : quote.outer_start
        ].strip()
        last = self.text[quote.start : quote.end].rstrip("'\u2019\"\u201d")[-1:]
        return (
            rest == ""
            and lead not in ("", ":")
            and not lead.endswith(":")
            and last not in ".!?\u2026,;:"
        )

    def colon_cue(self, sentence: Sentence) -> Cue | None:
        if sentence.index == 0:
            return None
        previous = self.sentences[sentence.index - 1]
        if not self.text[previous.start : previous.end].rstrip().endswith(":"):
            return None
        found = [c for c in self.cues[previous.index] if c.subject is not None]
        return found[-1] if found else None

    def name_colon(self, quote: QuoteSpan, sentence: Sentence) -> Cue | None:
        """ "Minister Anna Berg: \u201cWe will not resign\u201d" (headline style)."""
        colon = self.masked.rfind(":", sentence.start, quote.outer_start)
        if colon == -1 or self.masked[colon + 1 : quote.outer_start].strip():
            return None
        span = trim(self.masked, sentence.start, colon)
        if span is None or len(words_of(self.masked, span)) > 6:
            return None
        if (
            not noun_phrase_like(self.masked, span)
            or classify(self.text[span[0] : span[1]]).name is None
        ):
            return None
        return Cue((colon, colon + 1), ":", CueForm.FINITE, sentence, subject=span)

    def dash_name(self, quote: QuoteSpan, sentence: Sentence) -> Cue | None:
        """ "\u201cWe were unlucky\u201d \u2013 Wigan's manager Anna Berg, after the defeat."""
        dash = _DASH_NAME.match(self.masked, quote.outer_end, sentence.end)
        if dash is None:
            return None
        span = trim(self.masked, dash.start(1), dash.end(1))
        if span is None or len(words_of(self.masked, span)) > 8:
            return None
        noun = classify(self.text[span[0] : span[1]], outlets=self.knowledge.outlets)
        if noun.name is None:
            return None
        return Cue(
            (dash.start(), dash.start() + 1), "\u2013", CueForm.FINITE, sentence, subject=span
        )

    # Speakers -----------------------------------------------------------------------------

    def speakers(self) -> None:
        discourse = Discourse(self.knowledge)
        covered = [d.span for d in self.drafts] + [(q.start, q.end) for q in self.quotes]
        for draft in self.drafts:
            if draft.cue is not None:
                covered += [s for s in (draft.cue.subject, draft.cue.apposition) if s is not None]
        names: list[tuple[int, int, NameMention]] = []
        for sentence in self.sentences:
            for mention in person_names(self.masked, sentence.start, sentence.end):
                if not any(a <= mention.start < b for a, b in covered):
                    names.append((mention.start, sentence.paragraph, mention))
        events: list[tuple[int, int, NameMention | _Draft]] = [
            (at, 0, mention) for at, _, mention in names
        ]
        paragraph_of = {id(mention): paragraph for _, paragraph, mention in names}
        for draft in self.drafts:
            at = self.speaker_span(draft)
            events.append((at[0] if at else draft.span[0], 1, draft))
        events.sort(key=lambda e: (e[0], e[1]))
        resolved: dict[Span, SpeakerRef] = {}
        quoted: list[_Draft] = []
        for position, _, item in events:
            if isinstance(item, NameMention):
                discourse.mention(
                    position=position, paragraph=paragraph_of[id(item)], name=item.name
                )
                continue
            span = self.speaker_span(item)
            if span is not None:
                if span not in resolved:
                    phrase = self.text[span[0] : span[1]]
                    resolved[span] = discourse.resolve(
                        phrase, position=position, paragraph=item.paragraph
                    )
                    resolved[span] = self.with_apposition(item.cue, resolved[span], discourse)
                item.speaker = resolved[span]
            elif item.rule == "continued-quote":
                item.speaker = discourse.person_in_paragraph(
                    item.paragraph
                ) or self.continued_speaker(item, quoted)
                item.cue_text, item.intermediary = None, None
            if item.kind is not CandidateKind.INDIRECT and item.speaker is not None:
                quoted.append(item)

    def speaker_span(self, draft: _Draft) -> Span | None:
        cue = draft.cue
        if cue is None:
            return None
        return cue.source or cue.subject

    def with_apposition(self, cue: Cue | None, ref: SpeakerRef, discourse: Discourse) -> SpeakerRef:
        if cue is None or cue.apposition is None or cue.source is not None:
            return ref
        role = self.text[cue.apposition[0] : cue.apposition[1]]
        noun = classify(role, outlets=self.knowledge.outlets)
        if noun.type is SpeakerType.PERSON and noun.name is not None and ref.resolved is None:
            # "A senior Hamas official, Basem Naim, told ...": the apposition names them.
            named = SpeakerRef(ref.as_printed, noun.name, ref.as_printed, SpeakerType.PERSON)
            discourse.amend_last(named, name=noun.name)
            return named
        if ref.resolved is not None:
            discourse.note_apposition(ref.resolved, role)
        return replace(ref, description=ref.description or role)

    def continued_speaker(self, draft: _Draft, quoted: Sequence[_Draft]) -> SpeakerRef | None:
        recent = [d for d in quoted if draft.paragraph - d.paragraph <= 2]
        if recent:
            source = recent[-1]
        else:
            counts = Counter(d.speaker.best for d in quoted if d.speaker is not None)
            if not counts:
                return None
            best = counts.most_common(1)[0][0]
            source = next(d for d in quoted if d.speaker is not None and d.speaker.best == best)
        speaker = source.speaker
        return None if speaker is None else replace(speaker, as_printed=None)

    # Output -------------------------------------------------------------------------------

    def candidates(self) -> list[Candidate]:
        best: dict[Span, Candidate] = {}
        for draft in self.drafts:
            confidence = _CONFIDENCE.get(draft.rule, 0.5)
            speaker = draft.speaker or SpeakerRef(None)
            if speaker.best is None:
                confidence -= 0.3
            elif speaker.resolved is None and speaker.type is not SpeakerType.UNNAMED:
                confidence -= 0.1
            if draft.unbalanced:
                confidence -= 0.15
            candidate = Candidate(
                text=self.text[draft.span[0] : draft.span[1]],
                start=draft.span[0],
                end=draft.span[1],
                kind=draft.kind,
                speaker=speaker,
                cue=draft.cue_text,
                intermediary=draft.intermediary,
                markers=tuple(draft.markers),
                confidence=min(max(confidence, 0.05), 0.99),
                rule=draft.rule,
            )
            kept = best.get(draft.span)
            if kept is None or kept.confidence < candidate.confidence:
                best[draft.span] = candidate
        return sorted(best.values(), key=lambda c: (c.start, c.end))


def extract(text: str, *, knowledge: Knowledge | None = None) -> list[Candidate]:
    """Candidate attributions in ``text``, in reading order."""
    article = _Article(text, knowledge or Knowledge())
    article.reported_speech()
    article.quotations()
    article.speakers()
    return article.candidates()
