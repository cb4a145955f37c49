"""Linkers for `provenance evaluate --linker`: the store's scores on pairs of candidates.

``provenance evaluate --real SET --linker provenance.linking.pairs:story_linker`` (or
``:lexical_linker``) scores them on every pair of candidates of two articles of one story
cluster. ``lexical_linker`` joins a pair at ``JOIN_SCORE`` of the lexical score;
``story_linker`` also aligns the candidates of two articles of one story (``same_story``)
as the store does (``align`` of ``story_score``) and joins an aligned pair of the same
speaker at ``STORY_JOIN``, or an aligned pair whose words alone reach ``JOIN_SCORE`` (unknown
speakers costing a tenth, as in the store), and a lexical join only when it is not
contradicted by the alignment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from provenance.extraction import SpeakerType
from provenance.extraction.realscore import LinkSide
from provenance.linking.score import (
    JOIN_SCORE,
    names_itself,
    same_statement_score,
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
    same_story,
    sentence_around,
    sentence_channel,
    sole_channels,
    speakers_agree,
    split_sentences,
    story_score,
)

_NAMED = (SpeakerType.PERSON, SpeakerType.ORGANISATION, SpeakerType.OUTLET)


def _runs_on(link: LinkSide) -> bool:
    """The candidate names its own speaker in full: a span run on into narration."""
    ref = link.candidate.speaker
    return any(names_itself(link.candidate.text, x) for x in (ref.resolved, ref.as_printed) if x)


def _lexical(left: LinkSide, right: LinkSide) -> bool:
    return (
        not _runs_on(left)
        and not _runs_on(right)
        and (
            same_statement_score(
                left.candidate.text,
                right.candidate.text,
                speaker_a=left.candidate.speaker.best,
                speaker_b=right.candidate.speaker.best,
            )
            >= JOIN_SCORE
        )
    )


def lexical_linker(pairs: Sequence[tuple[LinkSide, LinkSide]]) -> list[bool]:
    """One verdict per pair: the lexical score at JOIN_SCORE or above."""
    return [_lexical(left, right) for left, right in pairs]


def side_of(link: LinkSide) -> Side:
    """The story view of one candidate."""
    candidate = link.candidate
    ref = candidate.speaker
    sentence = sentence_around(link.body, candidate.start, candidate.end)
    channel = channel_of(candidate.cue) or sentence_channel(sentence, candidate.text)
    labels = tuple(x for x in (ref.resolved, ref.description, ref.as_printed) if x)
    return Side(candidate.text, sentence, labels, ref.type in _NAMED, channel, candidate.start)


def _key(link: LinkSide) -> tuple[str, int, int]:
    return link.article, link.candidate.start, link.candidate.end


def story_linker(pairs: Sequence[tuple[LinkSide, LinkSide]]) -> list[bool]:
    """One verdict per pair: aligned within one story at STORY_JOIN, or a lexical join the
    alignment does not contradict."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (left, right) in enumerate(pairs):
        groups[(left.article, right.article)].append(index)
    verdicts = [False] * len(pairs)
    for indexes in groups.values():
        first, second = pairs[indexes[0]]
        rows = sorted({_key(pairs[i][1]): pairs[i][1] for i in indexes}.items())
        cols = sorted({_key(pairs[i][0]): pairs[i][0] for i in indexes}.items())
        story = same_story(first.body, second.body) >= SAME_STORY
        aligned: set[tuple[tuple[str, int, int], tuple[str, int, int]]] = set()
        scores: dict[tuple[tuple[str, int, int], tuple[str, int, int]], float] = {}
        words: dict[tuple[tuple[str, int, int], tuple[str, int, int]], bool] = {}
        if story:
            rarity = Rarity(split_sentences(first.body) + split_sentences(second.body))
            row_sides = sole_channels([side_of(link) for _, link in rows])
            col_sides = sole_channels([side_of(link) for _, link in cols])
            matrix = [[story_score(r, c, rarity) for c in col_sides] for r in row_sides]
            for i, j in align(matrix, floor=STORY_PROPOSE):
                aligned.add((rows[i][0], cols[j][0]))
                agree = speakers_agree(row_sides[i], col_sides[j])
                scored = score_statements(rows[i][1].candidate.text, cols[j][1].candidate.text)
                weight = speaker_weight(agree, scored.words, aligned=True)
                words[(rows[i][0], cols[j][0])] = (
                    agree is not False and scored.text * weight >= JOIN_SCORE
                )
            for i, (row_key, _) in enumerate(rows):
                for j, (col_key, _) in enumerate(cols):
                    agree = speakers_agree(row_sides[i], col_sides[j]) is True
                    scores[(row_key, col_key)] = matrix[i][j] if agree else 0.0
        for index in indexes:
            left, right = pairs[index]
            pair = (_key(right), _key(left))
            if pair in aligned and (scores[pair] >= STORY_JOIN or words[pair]):
                verdicts[index] = not _runs_on(left) and not _runs_on(right)
            elif _lexical(left, right):
                verdicts[index] = not story or pair in aligned
    return verdicts
