"""Quoted passages: their kind (direct or partial), their cue and, through it, their speaker."""

from __future__ import annotations

import re

from provenance.extraction.article import ArticleState, Draft
from provenance.extraction.cues import Cue, CueForm
from provenance.extraction.indirect import ADVERBIAL
from provenance.extraction.lexicon import REPORTING_VERBS
from provenance.extraction.markers import find_markers, truncation
from provenance.extraction.mentions import classify
from provenance.extraction.model import CandidateKind
from provenance.extraction.phrases import AUXILIARIES, MASK, noun_phrase_like, trim, words_of
from provenance.extraction.quotes import QuoteSpan, nested_quotes
from provenance.extraction.segmentation import Sentence

# A quotation signed with a dash: the name runs to a bracket, a comma or "after".
_DASH_NAME = re.compile(
    r"[ \t]*[\u2013\u2014-][ \t]*([^,(\n.;:\u2013\u2014]+?)(?=\s*(?:\(|,|;|\bafter\b|\bon\b|\.|$))"
)


# "what the government calls 'X'": the naming verb's subject said X.
_WHAT_CALLS = re.compile(
    r"\bwhat\s+(?P<who>(?:(?:the|a|an|its|his|her|their)\s+)?[\w\u2019'.-]+"
    r"(?:\s+[\w\u2019'.-]+){0,3}?)\s+(?P<verb>calls|called|call|describes|described|terms|"
    r"termed|dubs|dubbed|labels|labelled|labeled)\s*$"
)
# Between two quoted names in one list: "'A' and 'B'", "'A', 'B' or 'C'".
_QUOTE_LIST = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*")


class QuotationRules(ArticleState):
    """Attach each quoted passage to its cue."""

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

    def enclosing(self, quote: QuoteSpan) -> Draft | None:
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
            draft = Draft(
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
                elif len(words.split()) >= 4 or (
                    kind is CandidateKind.DIRECT and words.rstrip(" \"'\u201d\u2019")[-1:] in ".!?"
                ):  # a sentence of its own ("It hurts.") is speech even when short
                    draft.rule = "continued-quote"
                else:
                    continue  # a short cue-less quote is a title or scare quote, not speech
            self.drafts.extend(self.by_paragraph(draft, quote))
            self.drafts.extend(self.nested(quote, head.paragraph))

    def nested(self, quote: QuoteSpan, paragraph: int) -> list[Draft]:
        """Words in single marks inside a quotation: someone else's words it repeats."""
        found: list[Draft] = []
        cue: Cue | None = None
        previous_end = -1
        for inner in nested_quotes(self.text, quote):
            words = self.text[inner.start : inner.end]
            lead = self.text[quote.start : inner.outer_start].rstrip()
            whole = (lead == "" or lead[-1] in ".!?:") and words[-1:] in ".!?"
            between = self.text[previous_end : inner.outer_start] if previous_end >= 0 else ""
            if not (cue is not None and _QUOTE_LIST.fullmatch(between)):
                cue = self.what_called(quote, inner.outer_start, paragraph)
            found.append(
                Draft(
                    (inner.start, inner.end),
                    CandidateKind.DIRECT if whole else CandidateKind.PARTIAL,
                    "nested-quote",
                    cue,
                    paragraph,
                    markers=find_markers(words),
                    cue_text=self.cue_text(cue, "") if cue is not None else None,
                )
            )
            previous_end = inner.outer_end
        return found

    def what_called(self, quote: QuoteSpan, at: int, paragraph: int) -> Cue | None:
        """'for what the government calls \u2018illegal activities\u2019' inside a quotation: the
        words are the government's (the naming verb's subject)."""
        lead = _WHAT_CALLS.search(self.text, max(quote.start, at - 80), at)
        if lead is None or not noun_phrase_like(self.text, lead.span("who")):
            return None
        sentence = Sentence(quote.start, quote.end, paragraph, -(1_000_000 + at))
        return Cue(
            lead.span("verb"),
            lead.group("verb").lower(),
            CueForm.FINITE,
            sentence,
            subject=lead.span("who"),
        )

    def by_paragraph(self, draft: Draft, quote: QuoteSpan) -> list[Draft]:
        """A quotation over several paragraphs is one candidate per paragraph, each with the
        cue of the first (the convention: each paragraph reopens the quotation)."""
        if quote.paragraphs <= 1:
            return [draft]
        pieces: list[Draft] = []
        start = quote.start
        while start < quote.end:
            newline = self.text.find("\n", start, quote.end)
            end = newline if newline != -1 else quote.end
            a, b = start, end
            while a < b and self.text[a].isspace():
                a += 1
            if a < b:
                while a < b and self.text[a] in "\"\u201c\u201e\u00ab\u2018'":
                    a += 1  # the mark that reopens the quotation
                while b > a and self.text[b - 1].isspace():
                    b -= 1
                if b > a:
                    piece = Draft(
                        (a, b),
                        draft.kind if not pieces else CandidateKind.DIRECT,
                        draft.rule if not pieces else "quote-continues",
                        draft.cue,
                        draft.paragraph,
                        markers=find_markers(self.text[a:b]),
                        cue_text=draft.cue_text,
                        intermediary=draft.intermediary,
                        unbalanced=draft.unbalanced,
                    )
                    pieces.append(piece)
            start = end + 1
        return pieces or [draft]

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
