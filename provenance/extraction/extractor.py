"""The extractor: from an article's plain text to candidate attributions.

The steps live in their own modules: reported speech (``article``), quoted passages
(``quotations``), speakers (``speakers``), hops (``hops``), layers that are one statement
(``layers``); this one runs them and scores the results.
"""

from __future__ import annotations

from provenance.extraction.hops import HopFinder, assign_hops, intermediary_of
from provenance.extraction.layers import mostly_quoted, relayed_reports, self_reported
from provenance.extraction.model import Candidate, Hop, Knowledge, SpeakerRef, SpeakerType
from provenance.extraction.phrases import Span
from provenance.extraction.speakers import SpeakerRules

_CONFIDENCE = {
    "direct-cue": 0.9,
    "signed-quote": 0.75,
    "partial": 0.75,
    "that-clause": 0.75,
    "according-to": 0.75,
    "as-reported": 0.6,
    "trailing-cue": 0.7,
    "noun-content": 0.6,
    "object-content": 0.55,
    "nested-quote": 0.6,
    "what-called": 0.55,
    "headline": 0.5,
    "parenthetical-cue": 0.6,
    "nested-speech": 0.5,
    "bare-complement": 0.55,
    "refers-back": 0.5,
    "quote-continues": 0.8,
    "named-before-quote": 0.6,
    "named-after-quote": 0.6,
    "continued-quote": 0.45,
}


class _Article(SpeakerRules):
    """All the rules, and the candidates they produce."""

    def chains(self) -> None:
        """The hops of every draft, once speakers are known."""
        finder = HopFinder(self.text, self.masked, self.sentences, self.knowledge.outlets)
        self.hops: dict[int, tuple[Hop, ...]] = assign_hops(finder, self.drafts, self.cues)

    def candidates(self) -> list[Candidate]:
        best: dict[Span, Candidate] = {}
        inner = self_reported(self.text, self.drafts) | relayed_reports(self.drafts)
        for draft in self.drafts:
            if id(draft) in inner:
                continue
            hops = self.hops.get(id(draft), ())
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
                intermediary=intermediary_of(hops) or draft.intermediary,
                markers=tuple(draft.markers),
                confidence=min(max(confidence, 0.05), 0.99),
                rule=draft.rule,
                hops=hops,
            )
            kept = best.get(draft.span)
            if kept is None or kept.confidence < candidate.confidence:
                best[draft.span] = candidate
        found = sorted(best.values(), key=lambda c: (c.start, c.end))
        return [c for c in found if not mostly_quoted(self.text, c, found)]


def extract(text: str, *, knowledge: Knowledge | None = None) -> list[Candidate]:
    """Candidate attributions in ``text``, in reading order."""
    article = _Article(text, knowledge or Knowledge())
    article.reported_speech()
    article.quotations()
    article.speakers()
    article.chains()
    return article.candidates()
