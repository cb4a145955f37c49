"""Clauses reported without "that": "said the plan failed", "said on Monday it would"."""

from __future__ import annotations

import re

from provenance.extraction.cues import Cue
from provenance.extraction.lexicon import CLAUSE_VERBS, PREPOSITIONS, REPORTING_VERBS
from provenance.extraction.phrases import COMMON_PAST, MASK
from provenance.extraction.segmentation import is_abbreviation

# Verbs whose clause complement may come without "that" ("he said the plan failed").
_NO_BARE = frozenset(
    """report ask asks asked asking answer answers answered respond responds
    responded comment comments commented agree agrees agreed charge charges charged inform
    informs informed remind reminds reminded reminding advise advises advised wonder wonders
    wondered concur concurs concurred recount recounts recounted repeat repeats repeated
    observe observes observed mention mentions mentioned remark remarks remarked shout shouted
    whisper whispered exclaim exclaimed cry cried quip quipped joke jokes joked joking
    deny denies denied denying tweets
    posts post posting counter counters countered retort retorts retorted dismiss dismisses
    dismissed dismissing describe describes described describing answer reply replies
    replied""".split()  # noqa: SIM905
)
BARE_COMPLEMENT_VERBS = frozenset(w for w in CLAUSE_VERBS if w not in _NO_BARE) | frozenset(
    ["confirmed", "admitted", "acknowledged", "announced"]
)
_CLAUSE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "it",
        "they",
        "he",
        "she",
        "we",
        "i",
        "this",
        "there",
        "his",
        "her",
        "their",
        "its",
        "some",
        "all",
        "no",
        "our",
    ]
)
_SUBJECT_PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i", "you"])
_NOT_SUBJECTS = frozenset(["that", "so", "yes", "no", "nothing", "goodbye", "sorry", "hello"])
_NOT_VERBS = (
    r"(?:as|and|or|of|in|on|at|to|for|with|from|by|the|a|an|all|both|who|which|that|too|"
    r"themselves|ourselves|yourself|myself|alone|here|there|say|said|says)"
)
_FINITE = re.compile(
    r"\b(?:is|was|were|are|has|had|have|will|would|can|could|did|does|do|may|might|should|must|"
    r"shall|cannot|\w+ed|\w+n[\u2019']t|won[\u2019']t)\b"
    # "she plans", "it understands", "they want": a present verb after a subject pronoun.
    r"|\b(?:he|she|it|they|we|I|you|that|there|who)[\u2019'](?:s|ll|d|re|ve|m)\b"  # "she'll"
    r"|\b[a-z]+ly\s+[a-z]{3,}(?<!ss)s\b"  # "unfairly targets"
    r"|\b(?:he|she|it|who)\s+(?:also\s+|still\s+|now\s+|never\s+)?[a-z]{2,}(?<!ss)s\b"
    r"|\b(?:they|we|I|you)\s+(?:also\s+|still\s+|now\s+|never\s+)?(?!" + _NOT_VERBS + r"\b)"
    r"[a-z]{2,}\b"
)
# When, between a verb and a clause without "that": "said on Monday the plan ...".
_WHEN = re.compile(
    r"\s*,?\s*(?:(?:on|last|this|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|yesterday|today|tonight|night|week|month|year)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b,?"
)


# The channel between a verb and a clause without "that": "said in a statement it did not".
_CHANNEL = re.compile(
    r"\s*,?\s*(?:in|on|at|during|via|through|over)\s+(?:(?:a|an|the|his|her|its|their)\s+)?"
    r"(?:[\w\u2019'-]+\s+){0,3}?(?:statement|interview|speech|post|letter|tweet|address|briefing|"
    r"conference|email|e-mail|video|message|testimony|broadcast|call|Twitter|Facebook|Telegram|"
    r"X|Instagram|television|radio|TV)\b(?:\s+(?:released|issued|posted|published))?,?"
)


def after_when(text: str, cue: Cue) -> int:
    at = cue.after
    for _ in range(3):
        found = _WHEN.match(text, at, cue.sentence.end) or _CHANNEL.match(
            text, at, cue.sentence.end
        )
        if found is None or found.end() == at:
            break
        at = found.end()
    return at


def _clause_parts(rest: str) -> list[str]:
    """``rest`` cut at punctuation and quotations, never at an abbreviation's full stop."""
    parts, start = [], 0
    for stop in re.finditer(r"[,;:.!?" + MASK + "]", rest):
        if stop.group(0) == "." and is_abbreviation(rest, stop.start()):
            continue
        at = stop.start()
        digits = rest[at - 1 : at].isdigit() and rest[at + 1 : at + 2].isdigit()
        if stop.group(0) in ".," and digits:
            continue  # "$4.5 billion", "75,000": a number, not a stop
        parts.append(rest[start : stop.start()])
        start = stop.end()
    parts.append(rest[start:])
    return parts


# "say" takes a clause, seldom an object: after it a noun phrase with more words is a subject
# ("said all staffers sign agreements", "says party platform ignores movement").
_SAY = frozenset(["say", "says", "said", "saying"])
_REPORT = frozenset(["report", "reports", "reported", "reporting"])
_PREPOSED = frozenset(
    "if despite when because although though while after before unless once since".split()  # noqa: SIM905
)
_NOT_CLAUSE_HEADS = frozenset(
    """goodbye hello nothing something anything everything yes no thanks grace amen prayer
    prayers sorry much little more less enough so""".split()  # noqa: SIM905
)


def _subject_and_verb(clause: str) -> bool:
    """Three words or more that open like a subject: a name, a pronoun, a determiner or a
    plural noun, not a time ("the same thing", "a prayer" are objects; "goodbye" too)."""
    words = re.findall(r"[\w$%\u2019'-]+", clause)
    if len(words) < 3 or any(w.lower() in _NOT_CLAUSE_HEADS for w in words[:2]):
        return False
    if re.match(r"(?:the|a|an)\s+same\b", clause.strip(), re.IGNORECASE):
        return False
    return words[0].lower() not in PREPOSITIONS and words[0].lower() not in _NOT_SUBJECTS


def bare_complement(text: str, cue: Cue) -> bool:
    rest = text[after_when(text, cue) : cue.sentence.end]
    first = re.match(r"\s+([A-Za-z\u2019']+|\$?\d[\d,.]*)", rest)
    if first is None:
        return False
    parts = _clause_parts(rest)
    clause = parts[0]
    word = first.group(1)
    if re.match(r"\s+(?:at\s+least|more\s+than|up\s+to|about|nearly|almost|over)\s+\d", rest):
        return has_finite(clause)  # "say at least 200 people have been killed"
    starts_clause = word.lower() in _CLAUSE_STARTERS or (
        word.lower() not in PREPOSITIONS
        and word.lower() not in _NOT_SUBJECTS
        and word not in REPORTING_VERBS  # "a BBC report revealed that": a verb, no subject
    )
    if not starts_clause:
        # "says despite all that, he was ...", "said if he were elected, taxes would ...":
        # a say-verb, then a preposed adverbial and the clause after its comma.
        return (
            cue.word in _SAY
            and word.lower() in _PREPOSED
            and len(parts) >= 2
            and _subject_and_verb(parts[1])
        )
    if cue.word in _SAY and _subject_and_verb(clause):
        return True
    if cue.word in _REPORT:
        # "reported a drop in profit and cut its forecast": the second verb is the reporter's
        clause = re.split(r"\s(?:and|but|or)\s", clause)[0]
    if has_finite(clause[len(first.group(0)) :]) or _PRESENT_BASE.search(clause):
        return True
    if re.fullmatch(
        r"(?:he|she|it|they|we|i|you|that|there)[\u2019'](?:s|ll|d|re|ve|m)", word.lower()
    ):
        return True  # "says he's proud ...": a contracted verb
    if word.lower() in _SUBJECT_PRONOUNS and has_finite(clause.lstrip()):
        return True  # "said she plans to ...": a present verb after a subject pronoun
    # 'said studies of this kind "often promise more"': the verb is in the quoted words.
    subject = clause.split()
    quoted_predicate = (
        rest[len(clause) : len(clause) + 1] == MASK
        and 2 <= len(subject) <= 8
        and "that" not in subject
    )
    # 'said the "extraordinary measures" she had used were unsustainable': a quotation
    # inside the subject, the verb after it.
    if rest[len(clause) : len(clause) + 1] == MASK and len(parts) >= 2 and 1 <= len(subject) <= 4:
        after_quote = rest[len(clause) :].lstrip(MASK)
        following = _clause_parts(after_quote)[0]
        if following.strip() and not following.startswith(("\n",)) and has_finite(following):
            return True
    # "said the victim, a 22-year-old man, remained ...": an apposition inside the subject.
    apposed = (
        len(parts) >= 3
        and re.match(r"\s*(?:a|an|the|\d|(?!and\b|but\b|or\b)[a-z]+\b)", parts[1]) is not None
        and rest[len(clause)] == ","
        and has_finite(parts[2])
    )
    return quoted_predicate or apposed


# Common verbs in the present tense ("people misunderstand him", "the plan lacks support"):
# an -s form anywhere, a base form after a plural noun or an adverb ("voters want",
# "almost always end up").
_PRESENT_BASES = frozenset(
    """want need feel know think believe like love hate support oppose prefer expect hope
    plan intend mean seem appear remain lack deserve understand misunderstand agree disagree
    fear worry care matter depend tend continue face lead win lose pay cost owe help hurt
    make take give get keep hold put bring show mark represent include require allow
    threaten reflect suggest indicate signal undermine ensure risk violate favor favour
    outnumber exceed account end go come look sound stand run work fail remember recognize
    """.split()  # noqa: SIM905
)
_PRESENT_S = frozenset(
    w + ("es" if w.endswith(("s", "sh", "ch", "x", "o")) else "s") for w in _PRESENT_BASES
) - frozenset(["needs", "plans", "hopes", "fears", "cares", "marks", "works", "looks"])
_PRESENT_BASE = re.compile(
    r"\b(?:[a-z]{2,}[^s\W]s|people|men|women|children|[a-z]+ly|always|never|also|still|often|"
    r"generally|usually|now)\s+(" + "|".join(sorted(_PRESENT_BASES)) + r")\b"
)


def has_finite(words: str) -> bool:
    """Whether the words hold a finite verb ("went", "was", "reopened", "will", "lacks")."""
    if _FINITE.search(words):
        return True
    lowered = re.findall(r"[a-z]+", words)
    if any(w in COMMON_PAST or w in _PRESENT_S for w in lowered):
        return True
    return _PRESENT_BASE.search(words) is not None
