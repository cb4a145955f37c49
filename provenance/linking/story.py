"""The same statement within one story: two articles rewriting the same events.

News rewrites of one story keep its statements, its speakers and their order, while
rewording the words ("did not authorize any official ... to approve such a deal" / "did
not give permission to Kargbo to negotiate the deal"). When two articles are of one story
(``same_story``: many shared rare names and words), quotations of the same speaker are
compared with more evidence than their words alone (``story_score``):

- the words of the quotations, weighted by rarity in the two articles (``Rarity``: words of
  the story's topic, in most sentences, count little; a rare name counts much);
- the rest of the sentence around each quotation, its speaker's names left out (a
  rewritten lead keeps most of its words: "has pulled out of Friday's run-off"), and the
  words of one quotation found in the other's sentence (moved into the frame);
- the channel of the cue ("said in a statement", "told VOA", "a call to a reporter of The
  New Yorker", "at a news conference"), when
  it is the one quotation of its speaker through that channel in each article
  (``sole_channels``);
- shared numbers.

``align`` then pairs the quotations of the two articles keeping their order (an
order-preserving assignment of the best total score): each quotation of the later article
gets at most one partner. Different named speakers never pair; "Silo" is not "Cilo".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from provenance.linking.score import (
    _alike,
    content_stems,
    fold_numbers,
    is_description,
    normalise,
    same_speaker,
)
from provenance.linking.variants import reconcile

# Story scores of an aligned pair of the same speaker: joined, proposed.
STORY_JOIN = 0.36
STORY_PROPOSE = 0.28
# Added to the story score of two quotations through one sole channel; a named outlet told.
CHANNEL_BONUS = 0.3
TOLD_BONUS = 0.35
# How much the words of one quotation found in the other's sentence count.
CROSS_WEIGHT = 0.7
# ... when it has this many content words at least (a word or two is found anywhere).
CROSS_STEMS = 4
# Bodies at least this alike (same_story) tell one story.
SAME_STORY = 0.2

# Channels a cue names: the speaker's medium or the outlet told (one statement each).
_CHANNELS = (
    ("statement", r"\bstatements?\b|\bpress release\b|\bcommuniqu"),
    ("conference", r"\b(?:news|press) conference\b|\bbriefing\b|\bbriefed\b"),
    ("interview", r"\binterview"),
    ("letter", r"\bletter\b"),
    ("post", r"\btweet|\btwitter\b|\bposted\b|\bon x\b|\bfacebook\b|\btelegram\b"),
    ("address", r"\bvideo\b|\baddress\b|\bspeech\b"),
    ("testimony", r"\btestimony\b|\btestified\b"),
)
# In the rest of a sentence only the forms of a cue count ("in a statement", not "his letter").
_SENTENCE_CHANNELS = (
    ("statement", r"\b(?:in|through) an? (?:\w+ )?(?:statement|press release)\b"),
    ("statement", r"\bstatement (?:released|issued|published|posted)\b"),
    ("conference", r"\b(?:at|during) an? (?:\w+ )?(?:news|press) conference\b"),
    ("interview", r"\bin an? (?:\w+ )?interview\b"),
    ("post", r"\b(?:on|in a post on) (?:x|twitter|facebook|telegram|instagram)\b"),
)
_TOLD = re.compile(
    r"\b(?:told|(?:call|rant|interview|remarks|speaking|spoke|talking|talked) to"
    r"(?: (?:reporter|correspondent|journalist)s?(?: (?:[A-Z][\w'-]*\s?)+)? (?:of|for|from|with))?"
    r"|to an? (?:reporter|correspondent|journalist)(?: (?:[A-Z][\w'-]*\s?)+)? (?:of|for|from|with))"
    r" (?:[Tt]he )?((?:[A-Z][\w.&'-]*\s?)+)"
)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?\s|\n")
_NUMBER = re.compile(r"\d(?:[\d,.:/-]*\d)?")  # 85, 1,200, 2-1, 2016-01
_FRAME = 160
# After a quotation the sentence goes on a little ("..., he said on Monday."): further on an
# unpunctuated end (a caption, a teaser) runs into the next sentence.
_FRAME_AFTER = 60


@dataclass(frozen=True)
class Side:
    """One quotation of an article, with what a story comparison needs."""

    text: str
    sentence: str  # the sentence around it, the quotation included
    speakers: tuple[str, ...]  # the names and descriptions it is credited to
    named: bool  # a named speaker (False: an unnamed source, a description only)
    channel: str | None
    position: int  # its offset in the article


def channel_of(cue: str | None) -> str | None:
    """The channel a cue names ("statement", "told voa", ...), or None."""
    if not cue:
        return None
    told = _TOLD.search(cue)
    if told:
        return "told " + normalise(told.group(1))
    folded = cue.lower()
    return next((name for name, pattern in _CHANNELS if re.search(pattern, folded)), None)


def sentence_channel(sentence: str, text: str) -> str | None:
    """The channel the rest of a sentence names in the form of a cue ("told VOA", "in a
    statement released Monday"), or None."""
    rest = sentence.replace(text, " ")
    told = _TOLD.search(rest)
    if told:
        return "told " + normalise(told.group(1))
    folded = rest.lower()
    return next((name for name, pattern in _SENTENCE_CHANNELS if re.search(pattern, folded)), None)


def sentence_around(body: str, start: int, end: int) -> str:
    """The sentence of ``body`` holding ``body[start:end]`` (at most 160 characters before
    it and 60 after)."""
    left = max(0, start - _FRAME)
    before = body[left:start]
    ends = list(_SENTENCE_END.finditer(before))
    begin = left + ends[-1].end() if ends else left
    after = _SENTENCE_END.search(body, end, min(len(body), end + _FRAME_AFTER))
    return body[begin : after.start() + 1 if after else min(len(body), end + _FRAME_AFTER)]


class Rarity:
    """How rare each content-word stem is among the sentences of the compared articles."""

    def __init__(self, sentences: Iterable[str]) -> None:
        counts: Counter[str] = Counter()
        total = 0
        for sentence in sentences:
            counts.update(set(content_stems(sentence)))
            total += 1
        self._counts = counts
        self._total = max(total, 1)

    def weight(self, stem: str) -> float:
        """log(N / df), at least 0.2; a stem seen nowhere counts as seen once."""
        seen = self._counts.get(stem, 1)
        return max(0.2, math.log((self._total + 1) / seen))


_NAME = re.compile(r"(?<![.!?\n]\s)(?<!^)\b(?:[A-Z][a-z]{3,}|[A-Z]{3,6})\b")
_NOT_NAMES = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "this",
        "that",
        "these",
        "those",
        "there",
        "their",
        "they",
        "then",
        "when",
        "what",
        "where",
        "which",
        "while",
        "after",
        "before",
        "since",
        "until",
        "during",
        "about",
        "according",
        "also",
        "however",
        "news",
        "president",
        "minister",
        "general",
        "former",
        "leader",
        "national",
        "united",
        "states",
        "government",
        "white",
        "house",
    ]
)
STORY_NAMES = 6


def story_names(body: str, *, limit: int = STORY_NAMES) -> list[str]:
    """The names an article mentions most (capitalised inside a sentence, or an acronym;
    not days, months or capitalised function words), most frequent first."""
    counts: Counter[str] = Counter()
    for match in _NAME.finditer(body):
        word = match.group(0)
        if word.lower() not in _NOT_NAMES:
            counts[word] += 1
    return [word for word, _ in counts.most_common(limit)]


def split_sentences(body: str) -> list[str]:
    """The sentences of an article body, roughly."""
    return [s for s in _SENTENCE_END.split(body) if s.strip()]


def _match(a: Sequence[str], b: Sequence[str]) -> list[str]:
    """The stems of ``a`` matched by one of ``b`` each: equal, else alike (one edit in the
    tail of a long stem), looked for among the stems of ``b`` left with the same 3 letters."""
    exact = set(a) & set(b)
    found = [stem for stem in a if stem in exact]
    left: dict[str, list[str]] = {}
    for other in b:
        if other not in exact and len(other) >= 5:
            left.setdefault(other[:3], []).append(other)
    for stem in a:
        if stem in exact or len(stem) < 5:
            continue
        bucket = left.get(stem[:3], [])
        near = next((other for other in bucket if _alike(stem, other)), None)
        if near is not None:
            found.append(stem)
            bucket.remove(near)
    return found


def weighted_overlap(a: str, b: str, rarity: Rarity) -> tuple[float, float]:
    """(containment, dice) of the content stems of ``a`` and ``b``, weighted by rarity:
    containment over the shorter text's weight, dice over both."""
    a, b = reconcile(a, b)
    stems_a, stems_b = content_stems(a), content_stems(b)
    if not stems_a or not stems_b:
        return 0.0, 0.0
    shorter, longer = sorted((stems_a, stems_b), key=len)
    matched = sum(rarity.weight(s) for s in _match(shorter, longer))
    weight_short = sum(rarity.weight(s) for s in shorter)
    weight_all = weight_short + sum(rarity.weight(s) for s in longer)
    return matched / weight_short, 2 * matched / weight_all


def _description_stems(label: str) -> tuple[str, ...]:
    return content_stems(label)


# A description that is a name's own voice: "The White House statement", "a NATO spokesman".
_VOICE = re.compile(r"\b(?:statement|spokes\w+|press (?:office|release|secretary)|communiqu\w*)\b")


def names_someone(side: Side) -> bool:
    """Whether a side credits a named speaker: a named one with a label that names
    ("Mahmoud Shammam"), not only descriptions ("Senior Libyan officials")."""
    return side.named and not all(is_description(x) for x in side.speakers)


def _speaks_for(name: Side, description: Side) -> bool:
    """Whether a description is the named speaker's own voice ("The White House statement"
    for "White House"): its words are the name's and a word for a statement or spokesman."""
    for label in description.speakers:
        if not _VOICE.search(label.lower()):
            continue
        rest = set(normalise(_VOICE.sub(" ", label.lower())).split()) - _NAME_WORDS
        if any(rest == set(normalise(n).split()) - _NAME_WORDS for n in name.speakers):
            return True
    return False


_NAME_WORDS = frozenset({"the", "a", "an", "of"})


def speakers_agree(a: Side, b: Side) -> bool | None:
    """True for one named speaker (or two alike descriptions of unnamed sources), False
    for two different named speakers, None when it cannot be told."""
    # One label is one speaker row of the store (names and aliases are matched exactly).
    if {normalise(x) for x in a.speakers} & {normalise(y) for y in b.speakers}:
        return True
    named_a, named_b = names_someone(a), names_someone(b)
    if named_a and named_b:
        return any(same_speaker(x, y) for x in a.speakers for y in b.speakers)
    if named_a or named_b:
        name, description = (a, b) if named_a else (b, a)
        return True if _speaks_for(name, description) else None
    for x in a.speakers:
        for y in b.speakers:
            first, second = _description_stems(x), _description_stems(y)
            shared = len(_match(first, second))
            # "provisional government officials in Libya" / "senior Libyan provisional
            # government officials"; not "NTC officials" / "military leaders in the NTC".
            if shared >= 2 and shared >= 0.6 * min(len(first), len(second)):
                return True
    return None


def _frame(side: Side) -> str:
    """The sentence around a quotation without its speaker's names (a description of an
    unnamed source stays): the quotation and what the article says of the occasion ("has
    pulled out of Friday's run-off, saying")."""
    frame = side.sentence
    for label in side.speakers if names_someone(side) else ():
        for word in set(normalise(label).split()):
            frame = re.sub(rf"(?i)\b{re.escape(word)}\b", " ", frame)
    return frame


def sole_channels(sides: Sequence[Side]) -> list[Side]:
    """The sides with a channel kept only where it is the one quotation of its speaker
    through that channel in the article ("said in a statement": the statement)."""
    seen: Counter[tuple[str, str]] = Counter()
    for side in sides:
        if side.channel:
            seen.update({(normalise(x), side.channel) for x in side.speakers})
    return [
        side
        if side.channel is None
        or all(seen[(normalise(x), side.channel)] == 1 for x in side.speakers)
        else replace(side, channel=None)
        for side in sides
    ]


def _numbers(text: str) -> set[str]:
    """The numbers of a text, as digits ("seventy" / "70", "1,200" / "1200")."""
    return {n.rstrip(".,") for n in _NUMBER.findall(fold_numbers(text.lower()))}


def story_score(a: Side, b: Side, rarity: Rarity) -> float:
    """0 to 1: how likely two quotations of one story, credited to speakers that are not
    different, render one statement (0 for two different named speakers)."""
    agree = speakers_agree(a, b)
    if agree is False or (agree is None and names_someone(a) != names_someone(b)):
        return 0.0  # "the United States" is no unnamed source, nor one of many "reports"
    contained, dice = weighted_overlap(a.text, b.text, rarity)
    words = max(contained * 0.85, dice)
    frame_a, frame_b = _frame(a), _frame(b)
    # The reported words of one found in the other's sentence: a rewrite moves them between
    # the quotation and the journalist's frame ("has pulled out ..., saying" / "says he is
    # pulling out ... because").
    across = (
        max(
            weighted_overlap(one, other, rarity)[0]
            for one, other in ((a.text, frame_b), (b.text, frame_a))
            if len(content_stems(one)) >= CROSS_STEMS
        )
        if max(len(content_stems(a.text)), len(content_stems(b.text))) >= CROSS_STEMS
        else 0.0
    )
    words = max(words, CROSS_WEIGHT * across)
    score = words
    if len(content_stems(frame_a)) >= 2 and len(content_stems(frame_b)) >= 2:
        frame_contained, frame_dice = weighted_overlap(frame_a, frame_b, rarity)
        score = 0.55 * words + 0.45 * max(frame_contained * 0.85, frame_dice)
    if a.channel and a.channel == b.channel:
        # The speaker's one statement (interview, ...) in each: likely the same; the more so
        # when the channel is a named outlet told ("told The New Yorker").
        score += TOLD_BONUS if a.channel.startswith("told ") else CHANNEL_BONUS
    numbers_a, numbers_b = _numbers(a.text), _numbers(b.text)
    if numbers_a and numbers_b and not numbers_a & numbers_b:
        score -= 0.15  # "85 people" / "70 supporters": other facts
    if agree is None:
        score *= 0.8
    return round(max(0.0, min(1.0, score)), 4)


def align(scores: Sequence[Sequence[float]], *, floor: float) -> list[tuple[int, int]]:
    """Pairs (i, j) of the best total of ``scores[i][j]`` among those at or above ``floor``:
    each row i in at most one pair, in order (j never decreasing as i increases). A column
    may take several consecutive rows (a later article may split one statement in two)."""
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    # state: 0 column j unused, 1 used by the row before, 2 used by an earlier row only.
    # Each pair gains its score above the floor: many weak pairs do not outweigh a strong one.
    best: dict[tuple[int, int, int], float] = {}
    for i in range(rows, -1, -1):
        for j in range(cols, -1, -1):
            for state in (0, 1, 2):
                if i == rows or j == cols:
                    best[i, j, state] = 0.0
                    continue
                value = max(best[i + 1, j, 0 if state == 0 else 2], best[i, j + 1, 0])
                gain = scores[i][j] - floor
                if gain >= 0 and state != 2:
                    value = max(value, gain + best[i + 1, j, 1])
                best[i, j, state] = value
    pairs = []
    i = j = state = 0
    while i < rows and j < cols:
        gain = scores[i][j] - floor
        if gain >= 0 and state != 2 and best[i, j, state] == gain + best[i + 1, j, 1]:
            pairs.append((i, j))
            i, state = i + 1, 1
        elif best[i, j, state] == best[i + 1, j, 0 if state == 0 else 2]:
            i, state = i + 1, 0 if state == 0 else 2
        else:
            j, state = j + 1, 0
    return pairs


def same_story(body_a: str, body_b: str) -> float:
    """0 to 1: how far two article bodies tell one story (the weighted share of the rarer
    body's names and words found in the other)."""
    rarity = Rarity(split_sentences(body_a) + split_sentences(body_b))
    contained, _ = weighted_overlap(body_a, body_b, rarity)
    return round(contained, 4)
