"""How likely two printed texts are renderings of one statement, from their words alone.

Identical, truncated, elided, reworded and translated renderings of a statement share most
of their content words ("the whole architecture of global security" / "the whole
structure of global security"); a truncation or a partial quote is contained in the
fuller text ("clean slate"). Four lexical measures, each 0 to 1, on normalised text
(lowercase, brackets and punctuation dropped):

- ``token_set``: rapidfuzz's token-set ratio of the content-word stems (one text's words
  a subset of the other's), damped like containment and at most 0.1 above it;
- ``containment``: the share of the shorter text's content words (stemmed, stop words left
  out) found in the longer one, damped for texts of one or two content words;
- ``overlap``: Dice coefficient of the two sets of content-word stems;
- ``sequence``: rapidfuzz's normalised Indel similarity of the whole strings.

Two stems match when equal, or when both have five letters or more and differ by one
edit in their tail (Gadhafi / Gaddafi) or by up to three letters added (Zimbabwe /
Zimbabwean). The two texts' spellings are first made alike (``variants.reconcile``:
acronyms, closed-up compounds, short given names). The text score is the best of
token-set (damped like containment), containment and a blend of overlap and sequence.
Speakers then weigh in: the same speaker keeps the score, two different named speakers take
0.55 of it (the same words are proposed, never joined), an unknown speaker costs a fifth (a
fifth more for one or two content words). Names are compared exactly (case and spacing
aside) or by a surname the other name ends with: similar spellings of names are never one
speaker; two descriptions ("officials") are unknown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from provenance.linking.variants import reconcile

# At or above: proposed as the same quotation (joins it, with an upstream link, as an
# extracted attribution awaiting confirmation). Between the two: a proposal only.
JOIN_SCORE = 0.6
PROPOSE_SCORE = 0.45

_STOP_WORDS = """a an the and or but nor so yet of to in on at by for with from into onto upon about
    over under after before during between through against as than that this these those
    there here it its it's is are was were be been being am do does did done doing have has
    had having will would shall should can could may might must not no also very just
    only even too then i me my we us our you your he him his she her they them their who
    whom whose which what when where why how all any some such each both own same other
    if because while until said says say told tell according said that one"""
_STOP = frozenset(_STOP_WORDS.split())

_STEMMER = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class StatementScore:
    """The parts of a score, for people checking a proposal."""

    score: float  # 0 to 1, speakers included
    text: float  # 0 to 1, words alone
    token_set: float
    containment: float
    overlap: float
    sequence: float
    same_speaker: bool | None  # None when a speaker is unknown
    words: int = 0  # content words of the shorter text


# Numbers as rewrites print them: "seventy" / "70", "twenty-five" / "25", "1,200" / "1200",
# "per cent" / "%" / "percent". "one" stays a word ("no one", "one of them").
_UNITS = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORDS = {
    **{word: str(n) for n, word in enumerate(_UNITS, start=2)},
    **{word: str(n) for n, word in enumerate(_TEENS, start=10)},
    **{word: str(n) for n, word in zip(range(20, 100, 10), _TENS, strict=True)},
}
_COMPOUND_NUMBER = re.compile(rf"\b({'|'.join(_TENS)})[-\s]+(one|{'|'.join(_UNITS)})\b")
_NUMBER_WORD = re.compile(rf"\b({'|'.join(_NUMBER_WORDS)})\b")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_PERCENT = re.compile(r"\s*%|\bper\s+cent\b")


def fold_numbers(folded: str) -> str:
    """Lowercased ``folded`` with number words in digits, thousands unseparated and every
    form of per cent as "percent"."""
    if not any(c.isdigit() or c == "%" for c in folded) and not _NUMBER_WORD.search(folded):
        return folded.replace("per cent", "percent")
    folded = _THOUSANDS.sub("", folded)
    folded = _PERCENT.sub(" percent", folded)
    folded = _COMPOUND_NUMBER.sub(
        lambda m: str(int(_NUMBER_WORDS[m.group(1)]) + int(_NUMBER_WORDS.get(m.group(2), "1"))),
        folded,
    )
    return _NUMBER_WORD.sub(lambda m: _NUMBER_WORDS[m.group(1)], folded)


_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){2,}")
# Acronyms spelt like a stop word: "US" is a country, "IS" a group; "us" and "is" are not.
_CAPITALS = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,6}\b")


def _acronym_words(text: str) -> frozenset[str]:
    """The stop words that ``text`` prints as an acronym ("US", "U.S.", "IS")."""
    found = {m.group(0).replace(".", "").lower() for m in _CAPITALS.finditer(text)}
    return frozenset(found & _STOP)


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lowercase words and digits (numbers in digits: ``fold_numbers``), brackets kept as
    words, everything else a space."""
    folded = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    folded = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), folded)  # u.s. -> us
    folded = fold_numbers(re.sub(r"'s\b", "", folded))
    return " ".join(re.findall(r"[^\W_]+", folded))


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


# Stems that rewrites of one report use for one another, each group under its first stem:
# "has died" / "was killed", "took custody of" / "was captured", "troops" / "forces",
# "ready" / "prepared".
_SAME_SENSE_GROUPS = (
    ("die", "kill", "death"),
    ("wound", "injur", "hurt"),
    ("captur", "custodi", "detain", "arrest", "seiz"),
    ("forc", "troop", "soldier"),
    ("withdraw", "withdrew"),
    ("rant", "tirad", "outburst"),
    # Words of plain English that a rewrite or a translation puts for one another.
    ("whole", "entir"),
    ("difficult", "hard"),
    ("readi", "prepar"),
    ("answer", "respond", "repli"),
    ("help", "assist"),
    ("buy", "purchas"),
    ("quick", "rapid", "fast"),
    ("big", "larg"),
    ("begin", "start"),
    ("tri", "attempt"),
    ("need", "requir"),
)
_SAME_SENSE = {stem: group[0] for group in _SAME_SENSE_GROUPS for stem in group}


# Irregular verbs a stemmer leaves apart: a rewrite changes the tense ("fled" / "has fled" /
# "flees", "won" / "wins"). Each past form under its base form; the commonest verbs ("came",
# "went", "knew", "found", "kept") are left out, they tell nothing of a statement.
_IRREGULAR_VERBS = """arise arose arisen | begin began begun | blow blew blown |
    break broke broken | build built | buy bought | catch caught | choose chose chosen |
    drive drove driven | fall fell fallen | fight fought | flee fled | fly flew flown |
    forbid forbade forbidden | forget forgot forgotten | freeze froze frozen | grow grew grown |
    hide hid hidden | lead led | lend lent | lose lost | pay paid | rise rose risen |
    seek sought | sell sold | shake shook shaken | shoot shot | sink sank sunk |
    speak spoke spoken | spend spent | steal stole stolen | strike struck stricken |
    swear swore sworn | teach taught | tear tore torn | throw threw thrown | win won |
    withdraw withdrew withdrawn | write wrote written"""
_BASE_FORM = {
    form: forms.split()[0] for forms in _IRREGULAR_VERBS.split("|") for form in forms.split()[1:]
}


@lru_cache(maxsize=16384)
def content_stems(text: str) -> tuple[str, ...]:
    """The stems of the content words of ``text``, in order, without repeats (irregular
    past forms under their base, "fled" / "flee"; stems of one sense, "died" / "killed", as
    one)."""
    seen: dict[str, None] = {}
    acronyms = _acronym_words(text) if any(c.isupper() for c in text) else frozenset()
    for word in normalise(text).split():
        if (word in _STOP and word not in acronyms) or (len(word) < 2 and not word.isdigit()):
            continue
        stem = _stem(_BASE_FORM.get(word, word))
        seen.setdefault(_SAME_SENSE.get(stem, stem), None)
    return tuple(seen)


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or a[:3] != b[:3]:
        return False
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and len(long_) - len(short) <= 3:
        return True  # a name and its adjective: Zimbabwe / Zimbabwean
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


def _matched(shorter: tuple[str, ...], longer: tuple[str, ...]) -> int:
    pool = set(longer)
    found = 0
    for stem in shorter:
        if stem in pool:
            found += 1
            pool.discard(stem)
            continue
        near = next((other for other in pool if _alike(stem, other)), None)
        if near is not None:
            found += 1
            pool.discard(near)
    return found


def _damp(words: int) -> float:
    """How far a match of a text of ``words`` content words can be trusted (1, 2, 3+)."""
    return {0: 0.0, 1: 0.55, 2: 0.8}.get(words, 1.0)


def _name(label: str | None) -> str | None:
    if label is None:
        return None
    words = normalise(label).split()
    return " ".join(words) or None


# Small words a name may hold in lower case ("Movement for Democratic Change", "bin Laden").
_NAME_PARTICLES = frozenset(
    {"of", "for", "and", "the", "de", "du", "da", "del", "der", "van", "von", "bin", "al", "el"}
)


def is_description(label: str | None) -> bool:
    """Whether a speaker label describes rather than names: it holds a lower-case word
    that is no particle of a name ("Provisional government officials in Libya", "The White
    House statement"; not "Movement for Democratic Change")."""
    if not label:
        return False
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", label)
    return any(
        w[0].islower() and w.lower() not in _NAME_PARTICLES and w.lower() not in _STOP
        for w in words
    )


def names_itself(text: str, speaker: str | None) -> bool:
    """Whether a quotation names its own speaker in full ("Morgan Tsvangirai has pulled
    out", credited to Morgan Tsvangirai): reported speech says "he" or "I", so the span has
    likely run on past the quotation into the article's narration."""
    name = (speaker or "").strip()
    if len(name.split()) < 2 or is_description(name):
        return False
    return re.search(rf"(?i)(?<!\w){re.escape(name)}(?!\w)", text) is not None


def same_speaker(a: str | None, b: str | None) -> bool | None:
    """True for one name, or a surname the other ends with; None when either is unknown
    or both are descriptions ("officials"), unless both read the same."""
    first, second = _name(a), _name(b)
    if first is None or second is None:
        return None
    if first == second:
        return True
    if is_description(a) and is_description(b):
        return None  # two descriptions ("officials"): neither one speaker nor two
    short, long_ = sorted((first, second), key=len)
    return " " not in short and long_.endswith(" " + short)


# What the speakers leave of the text score: the same, different, unknown; unknown but the
# two quotations aligned in one story (``story_links``: the alignment stands in for part of
# what the speakers would tell).
SPEAKER_WEIGHTS = {True: 1.0, False: 0.55, None: 0.8}
ALIGNED_UNKNOWN_WEIGHT = 0.9


def speaker_weight(speakers: bool | None, words: int, *, aligned: bool = False) -> float:
    """The factor of a text score for speakers the same (True), different (False) or
    unknown (None), the shorter text having ``words`` content words."""
    weight = ALIGNED_UNKNOWN_WEIGHT if aligned and speakers is None else SPEAKER_WEIGHTS[speakers]
    if words < 3 and speakers is not True:
        weight *= 0.8  # "clean slate" from an unknown speaker: too little to join on
    return weight


def score_statements(
    a: str, b: str, *, speaker_a: str | None = None, speaker_b: str | None = None
) -> StatementScore:
    """All the parts of the score of ``a`` and ``b`` as one statement."""
    a, b = reconcile(a, b)
    norm_a, norm_b = normalise(a), normalise(b)
    stems_a, stems_b = content_stems(a), content_stems(b)
    shorter, longer = sorted((stems_a, stems_b), key=len)
    if not norm_a or not norm_b or not shorter:
        return StatementScore(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, same_speaker(speaker_a, speaker_b))
    matched = _matched(shorter, longer)
    damp = _damp(len(shorter))
    containment = matched / len(shorter) * damp
    if matched < 0.75 * len(shorter) and len(longer) >= 3 * len(shorter):
        containment *= 0.85  # a few shared words of a much longer text: weak evidence
    overlap = 2 * matched / (len(stems_a) + len(stems_b))
    sequence = fuzz.ratio(norm_a, norm_b) / 100
    token_set = fuzz.token_set_ratio(" ".join(stems_a), " ".join(stems_b)) / 100 * damp
    # Token-set compares the shared words with the shorter text only: never far above
    # containment, or a few shared words of a long text would pass for a truncation.
    token_set = min(token_set, containment + 0.1)
    text_score = max(token_set, containment, (overlap + sequence) / 2)
    speakers = same_speaker(speaker_a, speaker_b)
    weight = speaker_weight(speakers, len(shorter))
    return StatementScore(
        round(text_score * weight, 4),
        round(text_score, 4),
        round(token_set, 4),
        round(containment, 4),
        round(overlap, 4),
        round(sequence, 4),
        speakers,
        len(shorter),
    )


def same_statement_score(
    a: str, b: str, *, speaker_a: str | None = None, speaker_b: str | None = None
) -> float:
    """0 to 1: how likely ``a`` and ``b`` (with their speakers, when known) say one thing."""
    return score_statements(a, b, speaker_a=speaker_a, speaker_b=speaker_b).score
