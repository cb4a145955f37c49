"""Reporting cues: the verb (or "according to"), its subject, recipient and cited source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from provenance.extraction.according import according
from provenance.extraction.lexicon import (
    ABOUT_VERBS,
    BASE_FORMS,
    GENERIC_RECIPIENTS,
    NOUNISH,
    PREPOSITIONS,
    PRONOUNS,
    REPORTING_PARTICIPLES,
    REPORTING_VERBS,
)
from provenance.extraction.mentions import classify, is_outlet_name, names_a_source
from provenance.extraction.model import SpeakerType
from provenance.extraction.phrases import (
    MASK,
    WORD,
    Span,
    clause_start,
    has_finite_verb,
    is_relative,
    noun_phrase_after,
    noun_phrase_like,
    segments,
    sentence_subject,
    trim,
    without_trailing_auxiliaries,
    words_of,
)
from provenance.extraction.segmentation import Sentence

_NOUN_BEFORE = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "by",
        "these",
        "those",
        "some",
        "many",
        "his",
        "her",
        "their",
        "its",
        "our",
        "new",
        "recent",
        "earlier",
        "latest",
        "media",
        "news",
        "press",
        "there",
        "were",
        "confirmed",
        "denied",
        "and",
        "in",
        "with",
        "amid",
    ]
)
_PASSIVE_BEFORE = frozenset(["was", "were", "been", "being", "is", "are", "be"])
# Between the auxiliary and the participle of a passive: "was not told", "were also asked".
_PASSIVE_ADVERBS = frozenset(
    """not never also first later reportedly already just previously initially repeatedly
    formally officially""".split()  # noqa: SIM905
)
_CITED_HEADS = re.compile(
    r"(?:(?:eyewitness|witness|unnamed|anonymous|local|first-hand)\s+)*"
    r"(?:accounts?|statements?|comments?|remarks|testimony|testimonies|interviews?|"
    r"reports?|sources?|words)\s+(?:of|by|from|with)\s+",
    re.IGNORECASE,
)
# The one told: a name ("the BBC", "Anadolu Agency", "People magazine"), however the
# sentence goes on.
_NAMED_RECIPIENT = re.compile(
    r"\s+((?:the\s+)?[A-Z][\w\u2019'&-]*(?:\s+(?:of\s+|for\s+)?(?:[A-Z][\w\u2019'&-]*|\d+(?=\s+[A-Z])))*"
    r"(?:\s+(?:[A-Z][a-z]+\s+)?(?:magazine|newspaper|radio|television|website|channel|"
    r"podcast|programme|program|show|service|desk)\b)?)"  # recipients: "VOA's Persian service"
)
_HAS_WORD = re.compile(r"[^\W_]")  # a letter or digit
# "IRNA quoted the intelligence ministry as saying": the ministry spoke, IRNA relayed it.
_QUOTED_AS = re.compile(r"\b(?:quoted|cited)\s+((?:the\s+|an?\s+)?[\w\u2019' -]+?)\s+as\s+$")


# ", citing two people", "on Tuesday, citing": the source behind a report.
_CITING = re.compile(
    r"\s*(?:(?:on|last|this|late|early)\s+[A-Za-z]+\s*|yesterday\s*|today\s*)?,?\s*"
    r"(?:citing|quoting)\s+"
)
_NO_INVERSION = frozenset(["told", "tells", "tell"])  # "told KHOU 11 News": the one told


_OUTLET_NOUN_END = re.compile(
    r"\s(?:magazine|newspaper|radio|television|website|channel|programme|program|service|desk)$"
)
_OWNER = re.compile(r"^(?:the\s+)?(?P<owner>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)(?:\u2019s|'s)\s")


class CueForm(StrEnum):
    FINITE = "finite"  # said, told, confirmed
    PARTICIPLE = "participle"  # adding, denying: the subject of the main clause
    ACCORDING = "according"  # according to X


@dataclass
class Cue:
    """One reporting cue in one sentence, with offsets into the article text."""

    verb: Span
    word: str
    form: CueForm
    sentence: Sentence
    subject: Span | None = None
    apposition: Span | None = None
    inverted: bool = False
    inherit: bool = False
    recipient: Span | None = None
    source: Span | None = None  # the real speaker behind an intermediary ("citing X")
    after: int = 0  # where content may start (after verb, recipient or "according to X")
    extra: list[Span] = field(default_factory=list)

    @property
    def phrase_start(self) -> int:
        if (
            self.subject is not None
            and not self.inverted
            and not self.inherit
            and self.subject[0] < self.verb[0]
        ):
            return self.subject[0]
        return self.verb[0]

    @property
    def phrase_end(self) -> int:
        ends = [self.verb[1]]
        if self.subject is not None and self.inverted:
            ends.append(self.subject[1])
        if self.recipient is not None:
            ends.append(self.recipient[1])
        if self.form is CueForm.ACCORDING:
            ends.append(self.source[1] if self.source else self.after)
        return max(ends)


_WHAT_SUBJECT = re.compile(r"\bwhat\s+((?:[\w\u2019'.-]+\s+){0,3}?[\w\u2019'.-]+)\s+$")


def find_subject(text: str, cue: Cue) -> None:
    """Fill in the cue's subject: before the verb, after it (inverted), or inherited."""
    sentence = cue.sentence
    if re.search(r"\S\s+(?:and|but)\s+(?:then\s+|also\s+)?$", text[sentence.start : cue.verb[0]]):
        cue.inherit = True  # "He is comparing X to Y and says ...": the first verb's subject
        return
    what = _WHAT_SUBJECT.search(text, sentence.start, cue.verb[0])
    if what is not None and noun_phrase_like(text, (what.start(1), what.end(1))):
        cue.subject = (what.start(1), what.end(1))  # "what he called", "what they say was"
        return
    start = clause_start(text, sentence.start, cue.verb[0])
    parts = segments(text, start, cue.verb[0])
    if (
        len(parts) >= 3
        and text[slice(*parts[-1])].strip() == ""
        and text[slice(*parts[-2])].strip().lower() in _ASIDE_ADVERBS
    ):
        parts = parts[:-2]  # "Trump, meanwhile, says": the aside is not the subject
    last = trim(text, *parts[-1])
    if last is not None:
        party = _PARTY_STATE.search(text, last[0], last[1])
        if party is not None and party.start() > last[0]:
            last = (last[0], party.start())  # "Chaffetz (R-Utah) said": the name, not the party
        last = without_trailing_auxiliaries(text, last)
    if last is not None:
        if is_relative(text, last):
            # "..., which Musk said was": the subject follows the relative pronoun;
            # "..., who asked not to be named": the clause has no subject of its own.
            relative = WORD.match(text, last[0], last[1])
            rest = trim(text, relative.end(), last[1]) if relative else None
            if rest is not None and noun_phrase_like(text, rest):
                cue.subject = rest
            return
        if noun_phrase_like(text, last):
            cue.subject = last
        elif has_finite_verb(text, last):
            cue.inherit = True
        return
    earlier = [p for p in (trim(text, *p) for p in parts[:-1]) if p is not None]
    aside = earlier and (
        is_relative(text, earlier[-1]) or _opens_with_participle(text, earlier[-1])
    )
    if len(earlier) >= 2 and aside:
        # "One librarian, who asked not to be named, said", "Starmer, basing his ..., said"
        if _named_inversion(text, cue, closed=True):
            return  # "X lacks support among colleagues, whom he angered, said Ann Lee, a ..."
        earlier = earlier[:-1]
        if noun_phrase_like(text, earlier[-1]):
            cue.subject = earlier[-1]
            return
    citing = re.compile(r"(?:citing|quoting)\s+").match(text, earlier[-1][0]) if earlier else None
    if len(earlier) >= 2 and citing is not None:
        # "The New York Times, citing two officials, reported that ...": the officials spoke.
        head = _CITED_HEADS.match(text, citing.end(), earlier[-1][1])
        cited = (head.end() if head else citing.end(), earlier[-1][1])
        if names_a_source(text[cited[0] : cited[1]]):
            cue.source = cited
        earlier = earlier[:-1]
        if noun_phrase_like(text, earlier[-1]):
            cue.subject = earlier[-1]
            return
    if earlier and has_finite_verb(text, earlier[-1]):
        if _named_inversion(text, cue):
            return  # "X thanked Y and encouraged Z, said Press Secretary Sabrina Singh"
        cue.inherit = True
        return
    if len(earlier) >= 2 and noun_phrase_like(text, earlier[-1]):
        name = earlier[-2]
        if noun_phrase_like(text, name) and text[name[0]].isupper():
            cue.subject, cue.apposition = name, earlier[-1]
            return
        if noun_phrase_like(text, name) and classify(text[slice(*earlier[-1])]).name:
            # '"...," the union's regional head, Birgit Hollander, said': role, then name.
            cue.subject, cue.apposition = name, earlier[-1]
            return
    # "..., said Silo" / "...,” said John Smith, the minister": the subject follows.
    inverted = noun_phrase_after(text, cue.verb[1], sentence.end)
    lead = text[sentence.start : cue.verb[0]].rstrip()
    if re.search(r"\b(?:and|but)$", lead):
        inverted = None  # "... but says its warplanes ...": the subject of the clause before
    if (
        inverted is not None
        and cue.word not in _NO_INVERSION
        and text[inverted[0] : inverted[1]].lower() not in PRONOUNS
        and noun_phrase_like(text, inverted)
    ):
        first = text[inverted[0]]
        words = words_of(text, inverted)
        named = any(w[:1].isupper() for w in words)
        determined = bool(words) and words[0].lower() in (
            *("the", "a", "an", "one", "two"),
            *("its", "his", "her", "their", "our"),  # "said its head of economics, X"
        )
        if words and (first.isupper() or named or determined) and len(words) <= 12:
            cue.subject, cue.inverted = inverted, True
            comma = text.find(",", inverted[1], inverted[1] + 2)
            if comma != -1:
                appositive = noun_phrase_after(text, comma + 1, sentence.end)
                first_word = WORD.match(text, appositive[0]) if appositive else None
                if (
                    appositive is not None
                    and noun_phrase_like(text, appositive)
                    and not (first_word and first_word.group(0).endswith(("ly", "ing")))
                ):
                    cue.apposition = appositive
            return
    if earlier and noun_phrase_like(text, earlier[-1]) and len(words_of(text, earlier[-1])) <= 6:
        cue.subject = earlier[-1]
        return
    cue.inherit = True


def _named_inversion(text: str, cue: Cue, *, closed: bool = False) -> bool:
    """ ", said Deputy Press Secretary Sabrina Singh, who ...": right after a comma, a verb
    followed by a capitalised name (not a pronoun) is inverted, whatever verbs came before."""
    if cue.word not in ("said", "says") or not text[: cue.verb[0]].rstrip().endswith(","):
        return False
    after = noun_phrase_after(text, cue.verb[1], cue.sentence.end)
    if after is None or not noun_phrase_like(text, after):
        return False
    words = words_of(text, after)
    if not 2 <= len(words) <= 10 or not all(w[:1].isupper() for w in words):
        return False
    if closed and not re.match(r"\s*(?:[,.!?]|$)", text[after[1] : cue.sentence.end]):
        return False  # "..., said President Lee was right": the name opens a clause
    cue.subject, cue.inverted = after, True
    return True


# The one told, up to the subject pronoun of what they were told.
_BEFORE_PRONOUN = re.compile(
    r"\s+((?:(?:the|a|an|his|her|their|its)\s+)?(?:[\w\u2019'-]+\s+){0,2}?[\w\u2019'-]+)"
    r"\s+(?=(?:he|she|they|it|we|I|there)\s)"
)


def _recipient(text: str, cue: Cue) -> None:
    if cue.word in ("told", "tells", "tell", "telling") and not cue.inverted:
        named = _NAMED_RECIPIENT.match(text, cue.verb[1], cue.sentence.end)
        if named is not None:
            cue.recipient = (named.start(1), named.end(1))
        else:
            found = noun_phrase_after(text, cue.verb[1], cue.sentence.end)
            if found is not None and len(words_of(text, found)) <= 3:
                cue.recipient = found
            elif (before := _BEFORE_PRONOUN.match(text, cue.verb[1], cue.sentence.end)) and (
                noun_phrase_like(text, before.span(1))
            ):
                cue.recipient = before.span(1)  # "told authorities he was headed to Kismayo"
    cursor = cue.recipient[1] if cue.recipient else cue.verb[1]
    if cue.inverted and cue.subject is not None:
        cursor = max(cursor, (cue.apposition or cue.subject)[1])
    cue.after = cursor
    citing = _CITING.match(text, cursor, cue.sentence.end)
    if citing:
        rest = citing.end()
        head = _CITED_HEADS.match(text, rest, cue.sentence.end)
        if head:
            rest = head.end()
        source = trim(text, rest, _sentence_content_end(text, rest, cue.sentence.end))
        if source is not None and names_a_source(text[source[0] : source[1]]):
            cue.source = source
            cue.after = source[1]


def _sentence_content_end(text: str, start: int, end: int) -> int:
    stop = re.compile(r"[.;:!?" + MASK + r"](?:\s|$)|[" + MASK + r"]").search(text, start, end)
    return stop.start() if stop else end


def _opens_with_participle(text: str, span: Span) -> bool:
    first = WORD.match(text, span[0], span[1])
    if first is None or first.group(0) in ("citing", "quoting"):
        return False  # "X, citing officials, said": the officials are the source, not an aside
    return first.group(0).islower() and first.group(0).endswith("ing")


_CLAUSE_NEXT = re.compile(
    r"\s+(?:(?i:that|its|his|her|their|the|he|she|it|they|we|i|there)|[A-Z][a-z]+)\s"
)


# A party and state, an age or a constituency after a name: "(R-Utah)", "(D-N.Y.)", "(42)".
_PARTY_STATE = re.compile(r"\s*\([^()]{1,30}\)\s*$")
# One-word asides between a subject and its verb: "Trump, meanwhile, says".
_ASIDE_ADVERBS = frozenset(
    """meanwhile however too though also instead still now again moreover separately
    nevertheless nonetheless likewise similarly""".split()  # noqa: SIM905
)


# A counted or surveyed subject right before "say": "Six in 10", "Nearly nine out of 10",
# "those surveyed", "voters polled".
_COUNTED_SUBJECT = re.compile(
    r"(?:\b(?:in|of|out\s+of)\s+\d[\d,]*|\b\d[\d,.]*\s*(?:%|percent|per\s+cent)|"
    r"\b(?:surveyed|polled|questioned|interviewed|asked))\s+(?:(?:also|still|now)\s+)?$"
)
# Adverbs between a subject and its verb, looked through to the subject.
_SKIPPED_ADVERBS = frozenset(
    """also still now never often always even then again further later previously
    repeatedly already""".split()  # noqa: SIM905
)
# Verb forms that are never nouns: no determiner or preposition can make them one.
_NEVER_NOUNS = frozenset(
    """says tells believes insists argues adds explains warns thinks writes asks suggests
    admits contends maintains stresses acknowledges concedes""".split()  # noqa: SIM905
)


def _is_verb_use(text: str, sentence: Sentence, match: re.Match[str]) -> bool:
    word = match.group(0).lower()
    before = WORD.findall(text, sentence.start, match.start())
    if not match.group(0).islower() and before:
        return False  # "Omar Said said": a capitalised word inside a sentence is a name
    previous = before[-1].lower() if before else ""
    if previous in _PASSIVE_BEFORE:
        return False
    if (
        previous in _PASSIVE_ADVERBS
        and len(before) >= 2
        and before[-2].lower() in _PASSIVE_BEFORE
        and not word.endswith("ing")
    ):
        return False  # "the president was not told about it": a passive
    if previous in _ASIDE_ADVERBS and text[: match.start()].rstrip().endswith(","):
        return True  # "Trump, meanwhile, says ..."
    if previous in _SKIPPED_ADVERBS and len(before) >= 2:
        previous = before[-2].lower()  # "voters still say", "the veteran also believes"
    if previous == "to" and word in ("say", "tell") and _CLAUSE_NEXT.match(text, match.end()):
        return True  # "calling friends to say they had run into him"
    if word == "say" and _COUNTED_SUBJECT.search(text, sentence.start, match.start()):
        return True  # "Six in 10 say", "those surveyed say", "most voters polled say"
    noun_like = (word.endswith("s") and word not in _NEVER_NOUNS) or word in (
        *("report", "claim", "comment", "answer", "say"),
    )
    # "confirmed reports", "dismissing reports": the object of a verb is a noun.
    after_verb = previous.endswith(("ed", "ing")) and len(previous) > 4
    if noun_like and (previous in _NOUN_BEFORE or previous in PREPOSITIONS or after_verb):
        # "... but says its warplanes ...": after "and"/"but" a clause can follow the verb.
        return previous in ("and", "but") and _CLAUSE_NEXT.match(text, match.end()) is not None
    return not (word == "said" and previous == "the")


# --- Reporting verbs: base forms ("officials say", "critics argue", "will tell") -----------
_BASE_SUBJECTS = frozenset(
    """they we i you who not never also still now often all both others many some
    will would can could may might should must do did does""".split()  # noqa: SIM905
)


def _is_base_verb_use(text: str, sentence: Sentence, match: re.Match[str]) -> bool:
    """A base form is a verb after a plural subject, a pronoun or an auxiliary, never after
    a determiner or a preposition ("the report", "to post")."""
    if not match.group(0).islower():
        return False
    before = WORD.findall(text, sentence.start, match.start())
    if not before:
        return False
    previous = before[-1]
    lowered = previous.lower()
    if lowered.endswith(("'s", "\u2019s", "s'", "s\u2019")):
        return False  # "Mr. Mbeki's recall": a possessive before a noun
    if lowered in _NOUN_BEFORE or lowered in PREPOSITIONS or lowered in _PASSIVE_BEFORE:
        return lowered in ("also", "still", "then", "and") and len(before) >= 2
    aside = re.search(
        r"(?:^|[,(\u2013\u2014-]\s*)as\s+(?:[\w\u2019'-]+\s+){1,3}$",
        text[sentence.start : match.start()],
    )
    if aside is not None:
        return False  # "-- as both sides admit": an aside about the content, not a cue
    after = text[match.end() : match.end() + 4]
    if re.match(r"\s+(?:of|to|for|on|in)\b", text[match.end() : match.end() + 5]) and after:
        return match.group(0) in ("say", "tell", "warn", "urge", "vow", "pledge", "threaten")
    return lowered in _BASE_SUBJECTS or lowered.endswith(("ly", "s")) or previous[:1].isupper()


_THAT_NEXT = re.compile(r"\s+that\s")
_CALL_FOR = re.compile(r"\s+(?:for|on|upon)\s")
# Between "spoke" and "about": a manner, a day, an occasion ("spoke defiantly Friday in two
# speeches about ...").
ABOUT_LEAD = (
    r"(?:\s+(?:out|again|[a-z]+ly|(?:on\s+)?[A-Z][a-z]+day|today|yesterday|"
    r"(?:in|at|during)\s+(?:a|an|the|his|her|their|its|two|three|four|several|\d+)\s+"
    r"(?:[a-z-]+\s+){0,2}?(?:speech|speeches|address|addresses|interview|interviews|remarks|"
    r"appearance|appearances))){0,3}"
)
_SPOKE_ABOUT = re.compile(ABOUT_LEAD + r"\s+(?:about|of)\s")
# "It has also been confirmed by the police that ...", "It was noted that ...".
_IT_PASSIVE = re.compile(
    r"\bIt\s+(?:has\s+|had\s+|is\s+|was\s+)(?:(?:also|recently|now|since|widely|\w+ly)\s+)*"
    r"(?:been\s+)?(?:(?:also|recently|now|widely|\w+ly)\s+)*$"
)
_BY_THAT = re.compile(
    r"(?:\s+by\s+((?:the\s+)?[\w\u2019'.-]+(?:\s+[\w\u2019'.-]+){0,4}?))?(?=\s+that\s)"
)


def _passive_that(text: str, sentence: Sentence, match: re.Match[str]) -> Cue | None:
    """A passive report with "it" and "that": the one who reported, after "by", speaks."""
    if not match.group(0).endswith("ed") or match.group(0).lower() not in REPORTING_VERBS:
        return None
    if text[max(match.start() - 6, 0) : match.start()].rstrip().split()[-1:] not in (
        ["been"],
        ["was"],
        ["is"],
    ) and not re.search(
        r"(?:been|was|is)\s+\w+ly\s+$", text[max(match.start() - 30, 0) : match.start()]
    ):
        return None
    if _IT_PASSIVE.search(text, sentence.start, match.start()) is None:
        return None
    by = _BY_THAT.match(text, match.end(), sentence.end)
    if by is None:
        return None
    cue = Cue((match.start(), match.end()), match.group(0).lower(), CueForm.FINITE, sentence)
    if by.group(1) is not None:
        cue.subject = (by.start(1), by.end(1))
        cue.inverted = True
    cue.after = by.end()
    return cue


def _calls_after_subject(text: str, sentence: Sentence, match: re.Match[str]) -> bool:
    """ "Democrats call for ...", "they call on ...": not "a direct call for violence"."""
    before = WORD.findall(text, sentence.start, match.start())
    if not before:
        return False
    previous = before[-1]
    lowered = previous.lower()
    if lowered in _NOUN_BEFORE or lowered in PREPOSITIONS or lowered.endswith(("'s", "\u2019s")):
        return False
    return lowered in _BASE_SUBJECTS or lowered.endswith("s") or previous[:1].isupper()


def _first_word(text: str, sentence: Sentence) -> int:
    first = WORD.search(text, sentence.start, sentence.end)
    return first.start() if first else -1


_ANY_CUE = (
    REPORTING_VERBS
    | REPORTING_PARTICIPLES
    | BASE_FORMS
    | NOUNISH
    | ABOUT_VERBS
    | {"according", "call", "calls"}
)


def find_cues(text: str, sentence: Sentence) -> list[Cue]:
    """Every reporting cue in ``sentence`` (``text`` has quoted words masked)."""
    cues: list[Cue] = []
    for match in WORD.finditer(text, sentence.start, sentence.end):
        word = match.group(0).lower()
        if word not in _ANY_CUE:
            continue
        span = (match.start(), match.end())
        if word == "according":
            to = re.compile(r"\s+to\s+").match(text, match.end(), sentence.end)
            if to:
                cue = Cue(span, word, CueForm.ACCORDING, sentence)
                according(text, cue, to.end())
                if cue.subject is not None and _HAS_WORD.search(text, *cue.subject):
                    cues.append(cue)  # not "according to ...": a source has words
        elif word in REPORTING_PARTICIPLES and (
            match.group(0).islower() or match.start() == _first_word(text, sentence)
        ):
            cue = Cue(span, word, CueForm.PARTICIPLE, sentence, after=match.end())
            quoted = _QUOTED_AS.search(text, sentence.start, match.start())
            if quoted is not None and noun_phrase_like(text, (quoted.start(1), quoted.end(1))):
                cue.source = (quoted.start(1), quoted.end(1))
            _recipient(text, cue)
            cues.append(cue)
        elif (passive := _passive_that(text, sentence, match)) is not None:
            cues.append(passive)
        elif (
            (word in REPORTING_VERBS and _is_verb_use(text, sentence, match))
            or (
                word in ABOUT_VERBS
                and match.group(0).islower()
                and _SPOKE_ABOUT.match(text, match.end()) is not None
            )
            or (
                word in ("call", "calls")
                and match.group(0).islower()
                and _CALL_FOR.match(text, match.end()) is not None
                and (
                    _calls_after_subject(text, sentence, match)
                    if word == "call"
                    else _is_verb_use(text, sentence, match)
                )
            )
            or (
                word in NOUNISH
                and _THAT_NEXT.match(text, match.end()) is not None
                and _is_base_verb_use(text, sentence, match)
            )
            or (
                word in BASE_FORMS
                and word not in REPORTING_VERBS
                and _is_base_verb_use(text, sentence, match)
            )
        ):
            cue = Cue(span, word, CueForm.FINITE, sentence)
            find_subject(text, cue)
            _recipient(text, cue)
            cues.append(cue)
    _inherit_subjects(text, cues)
    return cues


def _inherit_subjects(text: str, cues: list[Cue]) -> None:
    for index, cue in enumerate(cues):
        if cue.form is CueForm.ACCORDING or (cue.subject is not None and not cue.inherit):
            continue
        donors = [c for c in cues[:index] if c.subject is not None and not c.inherit]
        donors = donors[-1:] or [c for c in cues[index + 1 :] if c.subject is not None][:1]
        if donors:
            cue.subject = donors[0].subject
            cue.apposition = donors[0].apposition
            cue.source = cue.source or donors[0].source
            cue.inherit = True
        else:
            # "The Secretary-General today presented ... and told them that": the clause's
            # subject is the sentence's.
            cue.subject = sentence_subject(text, cue.sentence, at=cue.verb[0]) or sentence_subject(
                text, cue.sentence
            )
            cue.inherit = cue.subject is not None


def is_named_recipient(phrase: str) -> bool:
    """Whether the recipient of "told" is a named channel (an outlet or a person)."""
    bare = phrase.strip()
    named = bare[4:] if bare.lower().startswith("the ") else bare
    if bare.lower() in GENERIC_RECIPIENTS or not named[:1].isupper():
        return False
    if is_outlet_name(named) or _OUTLET_NOUN_END.search(named):
        return True
    owner = _OWNER.match(named)
    if owner is not None and is_outlet_name(owner.group("owner")):
        return True  # "the BBC's Today programme", "VOA's Persian service"
    # A named person, not an audience ("told the Fifth Committee", "told Parliament").
    return classify(named).type is SpeakerType.PERSON
