"""The same statement in an article of the same story: quotations aligned across articles.

Once per stored article: the stored articles holding trigram neighbours of its candidates,
or appearances holding its most frequent names (``statement_links.neighbours_of``, one
statement for all of them; ``story.story_names``), are the story's candidates; those
whose bodies share enough rare names and words
(``provenance.linking.story.same_story``), and are not dated weeks apart, are of the same
story. The candidates and the stored appearances of each such article are scored with
``story_score`` and aligned in order, one stored appearance for each candidate at most
(``align``). An aligned pair of the same speaker scoring ``STORY_JOIN`` or more is a join,
from ``STORY_PROPOSE`` a proposal (method ``story``); a pair of unnamed sources not known to
be one is a proposal at most. An aligned pair is also scored by its words alone
(``score_statements``, even when the trigram search did not find it), unknown speakers
costing a tenth rather than a fifth: the alignment stands in for part of what the speakers
would tell. Within a compared article the alignment also decides the lexical links: a
lexical join with an appearance that the alignment did not choose for the candidate is only
proposed; a lexical proposal whose story score is below ``STORY_PROPOSE`` (the story's
topic words, weighted by rarity, are all the two share) is dropped; and once the candidate
joins an aligned appearance, the other appearances of that article are not proposed
(another statement of the story, or another speaker's words nested in the same quotation).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import text as sql_text
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.extraction import PRONOUNS
from provenance.linking import JOIN_SCORE, PROPOSE_SCORE
from provenance.linking.score import (
    SPEAKER_WEIGHTS,
    names_itself,
    score_statements,
    speaker_weight,
)
from provenance.linking.story import (
    SAME_STORY,
    STORY_JOIN,
    STORY_PROPOSE,
    Rarity,
    Side,
    align,
    channel_of,
    names_someone,
    same_story,
    sentence_around,
    sentence_channel,
    sole_channels,
    speakers_agree,
    split_sentences,
    story_score,
)
from provenance.models import SpeakerKind
from provenance.services.statement_links import EarlierAppearance, Neighbour

METHOD = "story"
# Dates further apart than this are not of one story.
STORY_DAYS = 14
# How many stored articles with neighbours of the candidates are compared.
STORY_MATES = 5
# Sentences the two bodies need between them for rarity weights to mean something (in two
# one-sentence articles every shared word is "common").
RARITY_SENTENCES = 6

MATES_SQL = sql_text(
    "SELECT id, body, published_on FROM articles "
    "WHERE id = ANY(CAST(:ids AS bigint[])) AND body IS NOT NULL"
)

APPEARANCES_SQL = sql_text(
    """
    SELECT a.id, a.article_id, a.quotation_id, a.text, a.start_offset, a.end_offset, a.cue,
           a.speaker_label, s.name, s.kind,
           ARRAY(SELECT sa.alias FROM speaker_aliases sa WHERE sa.speaker_id = s.id) AS aliases
    FROM attributions a JOIN speakers s ON s.id = a.speaker_id
    WHERE a.article_id = ANY(CAST(:mates AS bigint[])) AND a.text IS NOT NULL
      AND a.start_offset IS NOT NULL
    ORDER BY a.article_id, a.start_offset, a.id
    """
)


@dataclass(frozen=True)
class Probe:
    """A candidate of the article being stored, as the story comparison sees it."""

    text: str
    start: int
    end: int
    speakers: tuple[str, ...]  # its resolved name, description and printed name
    named: bool
    cue: str | None


@dataclass(frozen=True)
class StoryMatch:
    """A stored appearance scored against one candidate within a story."""

    attribution_id: int
    quotation_id: int
    story: float  # story_score
    aligned: bool
    same_speaker: bool | None
    published_on: date | None
    run_on: bool = False  # a side names its own speaker in full (``names_itself``)
    article_id: int = 0  # of the stored appearance
    lexical: float = 0.0  # an aligned pair's text score (``score_statements``), else 0
    words: int = 0  # ... and the content words of its shorter text
    # One side credits a named speaker, the other an unnamed source or a description: within
    # one story two speakers, where the lexical score could only call them unknown.
    named_and_unnamed: bool = False
    # The two bodies have sentences enough (RARITY_SENTENCES) for rarity to tell the story's
    # common words from its rare ones: then a story score below STORY_PROPOSE means no.
    weighed: bool = False

    @property
    def story_part(self) -> float:
        """The story score on the lexical scale: JOIN_SCORE at STORY_JOIN, PROPOSE_SCORE at
        STORY_PROPOSE; 0 when not aligned; a proposal at most when the speakers are not
        known to be one (two unnamed sources: "the Prime Minister", "officials")."""
        if not self.aligned or self.story < STORY_PROPOSE or self.same_speaker is False:
            return 0.0
        if self.story < STORY_JOIN or self.same_speaker is not True or self.run_on:
            share = min(1.0, (self.story - STORY_PROPOSE) / (STORY_JOIN - STORY_PROPOSE))
            return round(PROPOSE_SCORE + share * (JOIN_SCORE - PROPOSE_SCORE - 0.01), 4)
        share = (self.story - STORY_JOIN) / (1 - STORY_JOIN)
        return round(JOIN_SCORE + share * (1 - JOIN_SCORE), 4)

    @property
    def lexical_part(self) -> float:
        """An aligned pair's words alone, its speakers weighed as aligned (unknown speakers
        cost a tenth); a proposal at most when a side runs on into narration."""
        if not self.aligned or self.same_speaker is False:
            return 0.0
        score = self.lexical * speaker_weight(self.same_speaker, self.words, aligned=True)
        if self.run_on:
            score = min(score, JOIN_SCORE - 0.01)
        return round(score, 4)

    @property
    def score(self) -> float:
        """The better of the story score and the aligned words (both on the lexical scale)."""
        return max(self.story_part, self.lexical_part)


@dataclass
class StoryPlan:
    """For each candidate (by its index): the stored appearances of same-story articles."""

    matches: list[dict[int, StoryMatch]] = field(default_factory=list)

    def of(self, index: int) -> dict[int, StoryMatch]:
        return self.matches[index] if index < len(self.matches) else {}


def _close_dates(one: date | None, two: date | None) -> bool:
    return one is None or two is None or abs((one - two).days) <= STORY_DAYS


def _channel(cue: str | None, sentence: str, text: str) -> str | None:
    """The channel the cue names, else the one the sentence names outside the quotation."""
    return channel_of(cue) or sentence_channel(sentence, text)


def _side(
    body: str,
    text: str,
    start: int,
    end: int,
    speakers: tuple[str, ...],
    named: bool,
    cue: str | None,
) -> Side:
    sentence = sentence_around(body, start, end)
    return Side(text, sentence, speakers, named, _channel(cue, sentence, text), start)


def _probe_side(body: str, probe: Probe) -> Side:
    return _side(body, probe.text, probe.start, probe.end, probe.speakers, probe.named, probe.cue)


async def plan_story_links(
    session: AsyncSession,
    *,
    body: str,
    published_on: date | None,
    probes: Sequence[Probe],
    neighbours: Sequence[Sequence[Neighbour]],
    named: Sequence[Sequence[Neighbour]] = (),
) -> StoryPlan:
    """Align ``probes`` (the candidates of the article, in any order) with the appearances
    of stored articles of the same story: of the STORY_MATES articles holding neighbours
    (``neighbours_of``, one list for each probe) of the most probes, or appearances holding
    the most of the article's names (``named``, one list for each name)."""
    plan = StoryPlan([{} for _ in probes])
    hits = Counter(
        article for found in (*neighbours, *named) for article in {n.article_id for n in found}
    )
    if not hits:
        return plan
    candidates = [ident for ident, _ in hits.most_common(STORY_MATES)]
    found = await session.execute(MATES_SQL, {"ids": candidates})
    mates = sorted(
        (
            (ident, other_body, published)
            for ident, other_body, published in found
            if _close_dates(published_on, published) and same_story(body, other_body) >= SAME_STORY
        ),
        key=lambda m: candidates.index(m[0]),
    )
    if not mates:
        return plan
    rows = (await session.execute(APPEARANCES_SQL, {"mates": [m[0] for m in mates]})).all()
    order = sorted(range(len(probes)), key=lambda i: probes[i].start)
    sides = sole_channels([_probe_side(body, probes[i]) for i in order])
    for ident, other_body, published in mates:
        theirs = [r for r in rows if r.article_id == ident]
        if not theirs:
            continue
        sentences = split_sentences(body) + split_sentences(other_body)
        rarity = Rarity(sentences)
        weighed = len(sentences) >= RARITY_SENTENCES
        stored = sole_channels(
            [
                _side(
                    other_body,
                    r.text,
                    r.start_offset,
                    r.end_offset,
                    tuple(
                        x
                        for x in (r.name, r.speaker_label, *r.aliases)
                        if x and x.strip().lower() not in PRONOUNS
                    ),
                    r.kind != SpeakerKind.UNNAMED,
                    r.cue,
                )
                for r in theirs
            ]
        )
        scores = [[story_score(p, s, rarity) for s in stored] for p in sides]
        aligned = set(align(scores, floor=STORY_PROPOSE))
        for row, index in enumerate(order):
            for col, r in enumerate(theirs):
                words = (
                    score_statements(probes[index].text, r.text) if (row, col) in aligned else None
                )
                plan.matches[index][r.id] = StoryMatch(
                    r.id,
                    r.quotation_id,
                    scores[row][col],
                    (row, col) in aligned,
                    speakers_agree(sides[row], stored[col]),
                    published,
                    any(names_itself(probes[index].text, x) for x in probes[index].speakers)
                    or any(names_itself(r.text, x) for x in (r.name, *r.aliases)),
                    ident,
                    words.text if words else 0.0,
                    words.words if words else 0,
                    names_someone(sides[row]) != names_someone(stored[col])
                    and speakers_agree(sides[row], stored[col]) is None,
                    weighed,
                )
    return plan


def merge_story(
    earlier: Sequence[EarlierAppearance], matches: dict[int, StoryMatch]
) -> list[EarlierAppearance]:
    """The lexical appearances with the story's, best first. In a compared article (one with
    ``matches``): a lexical join the alignment did not choose becomes a proposal, a lexical
    proposal scoring below STORY_PROPOSE there is dropped, and an aligned pair scoring
    higher replaces or adds one; when the best is a join with an aligned appearance, the
    other appearances of its article are not proposed (unless of the joined quotation)."""
    found = {e.attribution_id: e for e in earlier}
    for ident, appearance in list(found.items()):
        match = matches.get(ident)
        if match is None or match.aligned:
            continue
        score = appearance.score
        if match.named_and_unnamed:
            score *= SPEAKER_WEIGHTS[False] / SPEAKER_WEIGHTS[None]  # two speakers, not unknown
        if score >= JOIN_SCORE:
            score = JOIN_SCORE - 0.01
        elif match.weighed and match.story < STORY_PROPOSE:
            score = 0.0  # the story's common words, nothing rarer
        if score < PROPOSE_SCORE:
            del found[ident]
        else:
            found[ident] = replace(appearance, score=round(score, 4))
    for ident, match in matches.items():
        score = match.score
        have = found.get(ident)
        if score >= PROPOSE_SCORE and (have is None or score > have.score):
            found[ident] = EarlierAppearance(
                ident,
                match.quotation_id,
                score,
                have.closeness if have else 0.0,
                match.published_on,
                METHOD,
            )
    ranked = sorted(found.values(), key=lambda e: (-e.score, -e.closeness, e.attribution_id))
    best = matches.get(ranked[0].attribution_id) if ranked else None
    if best is None or not best.aligned or ranked[0].score < JOIN_SCORE:
        return ranked
    joined = ranked[0]
    return [
        e
        for e in ranked
        if e is joined
        or e.quotation_id == joined.quotation_id
        or (m := matches.get(e.attribution_id)) is None
        or m.article_id != best.article_id
    ]
