"""Reported speech: the content of "said that ...", "confirmed X", "according to X, ..."."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from provenance.extraction.complements import (
    BARE_COMPLEMENT_VERBS,
    after_when,
    bare_complement,
    has_finite,
)
from provenance.extraction.cues import ABOUT_LEAD, Cue, CueForm
from provenance.extraction.lexicon import (
    ABOUT_VERBS,
    BASE_FORMS,
    CALL_FORMS,
    CLAUSE_VERBS,
    CONTINUATION_OPENERS,
    NOUN_CONTENT_VERBS,
    OBJECT_VERBS,
    PREPOSITIONS,
    RELATIVES,
    SPEECH_NOUNS,
)
from provenance.extraction.phrases import MASK, Span
from provenance.extraction.segmentation import Sentence, is_abbreviation

_SPLIT = re.compile(
    r",\s+but\s+|;\s+|,\s+(?=(?:they|he|she|we|I|it)\s)|,?\s+and\s+that\s+"  # "... and that ..."
)
_NOUN_CONTENT_STOP = re.compile(
    r",|;|:|[.!?](?:\s|$)|" + MASK + r"|\s(?:after|before|when|while|because|as|since|but|"
    r"despite|in order|amid|during|following)\s"
)
_TO_RECIPIENT = re.compile(r"\s+to\s+((?:the\s+)?[A-Z][\w\u2019'-]*(?:\s+[A-Z][\w\u2019'-]*)*)\s*$")
_TERMINAL = ".!?\u2026"
# Time and manner words between a verb and what follows: "said on Sunday", "in a statement".
_ADVERBIAL_WORDS = (
    r"(?:on|in|at|during|last|this|a|an|the|late|early|earlier|later|also|"
    r"yesterday|today|tonight|statement|interview|briefing|news|conference|speech|post|letter|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|morning|afternoon|evening|"
    r"night|week|month|year|\d+)"
)
# "said that", "said Thursday that", "said in a statement on Monday that".
_THAT = re.compile(
    r"\s*,?\s*(?:(?:" + _ADVERBIAL_WORDS + r"|(?:in|on|at|during|after|to|via|through|for|outside|"
    r"inside|near|from|with|before|by|ahead\s+of|however|though|too|again|repeatedly|publicly|"
    r"privately|separately|meanwhile|instead|flatly|firmly|bluntly|simply|recently|twice|once|"
    r"[a-z]{3,}ly)"
    r"(?:\s+[\w\u2019'.-]+){0,5}?),?\s+){0,3}?that(?:\s+|,\s+(?=[a-z]))"
    r"(?!(?:time|day|point|moment|stage|week|year|night|morning|meeting)\b)"  # "at that time"
)
# A longer occasion before "that": "said Thursday during a taping of a town hall meeting in
# Buffalo, New York, that ...", "said on CNN, where he is now a contributor, that ...".
_THAT_FAR = re.compile(
    r"\s*,?\s*(?:[A-Z][a-z]+day\s+)?(?:in|on|at|during|after|before|via|through|to|with|from|"
    r"outside|inside)\s+[^;:.!?" + MASK + r"\n]{1,150}?,?\s+that\s+"
    r"(?=(?:the|a|an|he|she|it|they|we|I|there|his|her|their|its|this|these|those|[A-Z][a-z]+)\b)"
    r"(?!(?:[A-Z][a-z]+day)\b)"
)
ADVERBIAL = re.compile(r"\s*(?:" + _ADVERBIAL_WORDS + r"\b\s*){1,6}")
_AUX_BEFORE = frozenset(["had", "has", "have", "would", "will", "could", "might", "may"])
# '"encouraging" and called for more funding': a second verb of the main clause.
_SECOND_VERB = re.compile(
    r"\s+and\s+(?:then\s+|also\s+)?(?:"
    + "|".join(sorted(w for w in OBJECT_VERBS | CLAUSE_VERBS if w.endswith("ed")))
    + r"|called|welcomed|appealed|said|told|wrote)\b"
)
# ", and he railed against ...", ", though voters ...": the narrator's sentence goes on.
_NARRATOR_GOES_ON = re.compile(
    r",\s+(?:and|but)\s+(?:he|she|they|it|has|have|had|was|were|also|then|later|is|are)\s"
    r"|,\s+(?:though|although|while|whereas|even\s+as|a\s+swipe|a\s+reference|a\s+nod|"
    r"an\s+apparent)\s"
    # ", a move that could ...", ", a plan the mayor has since dropped": the narrator's remark
    r"|,\s+(?:a|an)\s+(?:[a-z-]+\s+)?[a-z-]+\s+(?:that|which|the|his|her|their|its)\s"
)
# ", which is spread by ...", ", who has been outspoken ...": the narrator's aside at the end.
_NON_RESTRICTIVE = re.compile(r",\s+(?:which|who)\s+(?:is|was|has|had|have|are|were)\s")
# ", dismissing reports as ...": a participle phrase of the main clause ends the content.
_PARTICIPLE_TAIL = re.compile(r",\s+(?!including\b|according\b)[a-z]+ing\b")


# A live blog's time stamp before a sentence ("9:37 p.m.: ").
_TIME_STAMP = re.compile(
    r"\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?[:\u2013\u2014-]\s*"
)
# "..., a fact the president acknowledged ..., Reuters said": the narrator's remark.
_APPOSED_REMARK = re.compile(
    r",\s+(?:a|an)\s+(?:fact|claim|assertion|view|point|position|charge|accusation|allegation)\s"
)
_PARTICIPLE_OPENING = re.compile(r"[A-Z][a-z]+ing\b")


@dataclass(frozen=True)
class Content:
    """Reported words found for one cue."""

    span: Span
    cue: Cue
    rule: str
    whole_sentences: bool = False
    recipient: Span | None = None  # "to Anadolu Agency" after a noun-phrase content
    cue_end: int | None = None  # where the cue's words end ("pointed out that|")


# A subject of up to four words, then an auxiliary: "his side had been", "it was".
_AUXILIARY_SOON = re.compile(
    r"\s+(?:[A-Za-z\u2019'-]+\s+){1,4}(?:is|was|were|are|has|had|have|will|would|could|can|"
    r"may|might|should|must)\b"
)
_DANGLING = re.compile(r"\s+(?:but|and|or|yet)$")


def _trim(text: str, start: int, end: int, *, keep_final: bool = False) -> Span | None:
    while start < end and text[start] in " ,\n\t":
        start += 1
    dangling = _DANGLING.search(text, start, end)
    if dangling is not None:
        end = dangling.start()  # '"long overdue" but (warned that ...)': the next cue's
    while end > start and (
        text[end - 1] in " ,;:\n\t-\u2013\u2014" or (text[end - 1] in _TERMINAL and not keep_final)
    ):
        end -= 1
    return (start, end) if end > start else None


def _next_cue_start(text: str, cues: Sequence[Cue], cue: Cue, after: int) -> int | None:
    later = [
        c.phrase_start
        for c in cues
        if c is not cue
        and c.phrase_start >= after
        and not _inside_clause(text, c)
        and not _embedded(text, c, after)
    ]
    return min(later) if later else None


_CLAUSE_BREAK = re.compile(
    r"(?:[,;:\u2013\u2014]|\s(?:and|but|or|while|whereas|as|yet)(?:\s+(?:then|also|later))?)\s*$"
)


def _embedded(text: str, cue: Cue, content_start: int) -> bool:
    """ "said he told them the letter ...", "said officials who said ...": a cue inside the
    reported clause, not after it, is nested speech and does not end the content."""
    if cue.form is CueForm.ACCORDING:
        return False
    if cue.inverted and text[: cue.verb[0]].rstrip()[-1:] in (",", MASK, ""):
        return False  # '..., said Silo': the cue after the content
    if cue.verb[0] <= content_start:
        return False
    if _WHAT_BEFORE.search(text, content_start, cue.verb[0]) is not None:
        return True  # "to protest what they said was ...": an aside inside the content
    if cue.word in BASE_FORMS and re.search(
        r"\b(?:and|or|to)\s+$", text[content_start : cue.verb[0]]
    ):
        return True  # "he'd sit Putin down and tell him ...": a verb of the reported clause
    if cue.subject is None or cue.inherit or cue.subject[0] < content_start:
        before = text[content_start : cue.verb[0]]  # "said he told them": a subject of its own
        if not re.search(r"[A-Za-z]", before):
            return False
    else:
        before = text[content_start : cue.phrase_start]
    if MASK in before:
        return False
    return before.strip() == "" or (
        _CLAUSE_BREAK.search(before) is None and len(before.split()) <= 12
    )


def _inside_clause(text: str, cue: Cue) -> bool:
    """ "said Ukraine had asked its allies for ...": a verb after an auxiliary, with no
    clause or quotation of its own, belongs to the content around it."""
    before = text[cue.sentence.start : cue.verb[0]].split()
    rest = text[cue.verb[1] : cue.sentence.end]
    has_own = _THAT.match(rest) is not None or rest.lstrip().startswith((":", MASK))
    return bool(before) and before[-1].lower() in _AUX_BEFORE and not has_own


def _cut_final_fragment(text: str, start: int, end: int) -> int:
    """Stop before a relative clause that only carries a sentence-final quoted fragment."""
    if MASK not in text[start:end]:
        return end
    mask_at = text.index(MASK, start, end)
    if text[mask_at:end].strip(MASK + " .!?,") != "":
        return end
    words = list(re.finditer(r"[A-Za-z]+", text[start:mask_at]))
    for match in reversed(words[-3:]):
        if match.group(0).lower() in RELATIVES:
            return start + match.start()
    return end


def _clause_content(
    text: str, cues: Sequence[Cue], cue: Cue, begin: int, rule: str
) -> list[Content]:
    sentence = cue.sentence
    end = sentence.end
    following = _next_cue_start(text, cues, cue, begin)
    if following is not None:
        end = following
    for stop in (_PARTICIPLE_TAIL, _SECOND_VERB, _NARRATOR_GOES_ON, _NON_RESTRICTIVE):
        tail = stop.search(text, begin, end)
        if tail is not None:
            end = tail.start()
    end = _cut_final_fragment(text, begin, end)
    span = _trim(text, begin, end)
    if span is None:
        return []
    pieces: list[Content] = []
    cursor = span[0]
    for match in _SPLIT.finditer(text, span[0], span[1]):
        and_that = match.group(0).rstrip().endswith("that")
        if MASK in text[match.start() - 1 : match.end() + 1] and not and_that:
            continue
        piece = _trim(text, cursor, match.start())
        if piece is not None:
            pieces.append(Content(piece, cue, rule, cue_end=begin))
        cursor = match.end()
    piece = _trim(text, cursor, span[1])
    if piece is not None:
        pieces.append(Content(piece, cue, rule, cue_end=begin))
    # "said that in carrying out his duties, he had ...": a piece without a verb opens the next.
    merged: list[Content] = []
    for content in pieces:
        if merged and not has_finite(text[merged[-1].span[0] : merged[-1].span[1]]):
            merged[-1] = Content((merged[-1].span[0], content.span[1]), cue, rule, cue_end=begin)
        else:
            merged.append(content)
    pieces = merged
    # 'said that "..."': the quotation is the content, found as such; no reported copy of it.
    return [p for p in pieces if text[p.span[0] : p.span[1]].strip(MASK + " ,.;:") != ""]


def _noun_content(text: str, cue: Cue) -> list[Content]:
    start = cue.after
    while start < cue.sentence.end and text[start] == " ":
        start += 1
    first = re.match(r"[A-Za-z\u2019']+", text[start : cue.sentence.end])
    if first is None or first.group(0).lower() in ("that", "it", "this", "so"):
        return []
    if first.group(0).lower() in PREPOSITIONS:
        return []  # "announced after the meeting ...": an adverbial, not what was said
    if _negated(text, cue):
        return []
    stop = _stop(_NOUN_CONTENT_STOP, text, start, cue.sentence.end)
    end = stop.start() if stop else cue.sentence.end
    recipient = None
    to = _TO_RECIPIENT.search(text, start, end)
    if to:
        recipient = (to.start(1), to.end(1))
        end = to.start()
    span = _trim(text, start, end)
    if span is None:
        return []
    phrase = text[span[0] : span[1]].lower()
    if phrase in SPEECH_NOUNS or phrase.split()[0] in SPEECH_NOUNS or len(phrase.split()) > 25:
        return []
    return [Content(span, cue, "noun-content", recipient=recipient)]


# Where the content of an object verb stops: as for a noun phrase, but "as" and "for" may
# belong to it ("described the suspect as", "criticized X for failing").
_OBJECT_STOP = re.compile(
    r",\s+(?!and\b|including\b)|;|:|[.!?](?:\s|$)|\s(?:after|before|when|while|because|since|but|"
    r"despite|amid|during|following|saying|adding|according)\s"
)
_INFINITIVE_VERBS = frozenset(
    """vow vows vowed vowing threaten threatens threatened threatening pledge pledges pledged
    pledging promise promises promised demand demands demanded""".split()  # noqa: SIM905
)
_OBJECT_PRONOUNS = frozenset(["them", "him", "her", "me", "us", "you"])
_ABOUT = re.compile(ABOUT_LEAD + r"\s+(?:about|of|against)\s+")
# "called the weapons crucial in a Twitter Q&A Thursday": the channel is not the content.
_OBJECT_CHANNEL = re.compile(
    r"\s(?:in|on|during)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w&\u2019'-]+\s+){0,3}?"
    r"(?:statement|interview|Q&A|post|tweet|speech|address|briefing|conference|video|message|"
    r"letter|op-ed|column|broadcast)\b"
)
_AND_PARTICIPLE = re.compile(r"\s+and\s+[a-z]{3,}ing\b")
_POINTED_TO = re.compile(r"\s+(?:again\s+|repeatedly\s+)?to\s+(?=[\w$])")
_ASKED_WHAT = re.compile(r"\s(?:to|whether|if|why|how|what|when|where|who|about|for)\s")
_QUESTION_WORDS = frozenset(["if", "whether", "why", "how", "what", "when", "where", "who"])
# "called the deal a disaster", 'called him "a liar"': an object, then what it was called.
_CALLED_X_Y = re.compile(
    r"(?:the|him|her|it|them|his|their|its|this|that|these|those|half|some|many|all|most|"
    r"[A-Z][\w\u2019'-]*)\b"
    r"[^,.;:" + MASK + r"]{0,60}?\s(?:" + MASK + r"|(?:a|an|the|his|her|their|its)\s)"
    # "calling them rapists", "calling himself conservative": a pronoun, then what it is called
    r"|(?:him|her|it|them|himself|herself|itself|themselves)\s+(?!to\b|for\b|on\b)[a-z]"
)
# "told Jeb Bush to quiet down": the one told, then what to do.
_TOLD_TO = re.compile(r"[^,.;:" + MASK + r"]{1,60}?\sto\s+[a-z]")


# A purpose after the promised act: "vowed to hold a rally in the capital to protest ...".
_PURPOSE = re.compile(r"\s(?:in\s+order\s+)?to\s+(?=[a-z]+\s)(?!be\b|do\b|the\b)")
# Events and things that "threaten to" or "promise to" without saying anything.
_EVENT_HEADS = frozenset(
    """standoff crisis dispute row conflict war fighting violence unrest clashes strike storm
    fire flood floods drought situation shortage move decision plan law bill policy measure
    case scandal outbreak epidemic pandemic virus problem delay rise surge slump downturn
    recession inflation deal change changes trend project weather""".split()  # noqa: SIM905
)


def _event_subject(text: str, cue: Cue) -> bool:
    """ "the standoff threatens to spark new violence": not a speaker."""
    if not cue.word.startswith(("threat", "promis")) or cue.subject is None:
        return False
    words = re.findall(r"[a-z]+", text[cue.subject[0] : cue.subject[1]].lower())
    return bool(words) and words[-1] in _EVENT_HEADS


def _stop(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The first stop, skipping the full stop of an abbreviation ("by Mr. Kibaki's team")."""
    at = start
    while True:
        found = pattern.search(text, at, end)
        if found is None or found.group(0)[:1] != "." or not is_abbreviation(text, found.start()):
            return found
        at = found.end()


def _negated(text: str, cue: Cue) -> bool:
    """ "has not confirmed his death": a denial of knowledge, not a statement of content."""
    before = text[cue.sentence.start : cue.verb[0]].lower().split()[-3:]
    return any(w in ("not", "never", "cannot") or w.endswith(("n't", "n\u2019t")) for w in before)


_NOT_RESUMING = frozenset(
    """but who which while as although though after before when where whereas
    according citing so then""".split()  # noqa: SIM905
)


def _parenthetical(text: str, cue: Cue) -> Span | None:
    """ "In his state, Christie said, offenders are sent to treatment.": the cue stands inside
    the reported sentence, between commas; the content is the whole sentence."""
    sentence = cue.sentence
    before = text[sentence.start : cue.phrase_start].rstrip()
    if not before.endswith(",") or MASK in before:
        return None
    rest_at = cue.phrase_end
    adverbial = ADVERBIAL.match(text, rest_at, sentence.end)
    if adverbial is not None:
        rest_at = adverbial.end()
    rest = text[rest_at : sentence.end]
    if not rest.startswith(","):
        return None
    tail = rest[1:].strip()
    if len(tail.split()) < 2 or not has_finite(tail) or len(before.split()) > 12:
        return None
    first = tail.split()[0].lower()
    if cue.inverted or first.endswith("ing") or first in _NOT_RESUMING:
        # '..., said David Autor, a professor ...', '..., the engineer said, adding that ...':
        # the sentence does not resume after the cue
        return None
    return _trim(text, sentence.start, sentence.end)


def _object_content(text: str, cue: Cue, start: int | None = None) -> list[Content]:
    """ "accused X of Y", "urged X to Y", "called for Y", "vowed to Y", "thanked X for Y"."""
    end_of = cue.sentence.end
    start = cue.after if start is None else start
    rest = text[start:end_of]
    lead = re.match(r"\s*", rest)
    start += lead.end() if lead else 0
    first = re.match(r"[A-Za-z\u2019']+", text[start:end_of])
    if cue.word.startswith(("ask", "request")):
        via_for = re.match(r"for\s+", text[start:end_of])
        if via_for is not None:
            start += via_for.end()  # "asks for $944 million"
            first = None
    if first is None and start > cue.after:
        pass
    elif cue.word.startswith("call"):
        via = re.match(r"(for|on|upon)\s+", text[start:end_of])
        if via is None and not _CALLED_X_Y.match(text, start, end_of):
            return []
        if via is not None and via.group(1) == "for":
            start += via.end()
    elif first is None:
        return []
    elif first.group(0) == "to":
        if cue.word not in _INFINITIVE_VERBS or _event_subject(text, cue):
            return []
    elif cue.word.startswith("ask") and first.group(0).lower() in _QUESTION_WORDS:
        asker = text[cue.sentence.start : cue.verb[0]].split()
        if not asker or asker[-1].lower() in (
            "when",
            "if",
            "after",
            "once",
            "being",
            "was",
            "were",
        ):
            return []  # "Asked if he would ..., she said": the reporter's question
        # "asked if he was ever bullied", "asked whether ..."
    elif first.group(0).lower() in PREPOSITIONS or first.group(0).lower() in (
        *("that", "so", "it", "this", "about", "not", "around", "questions"),
    ):
        return []  # "asked not to be named", "asked about his future"
    if _negated(text, cue):
        return []
    stop = _stop(_OBJECT_STOP, text, start, end_of)
    if stop is not None and cue.word.startswith("accus") and stop.group(0).startswith(","):
        of = re.compile(r"[^,;.]{1,40}?\sof\s").match(text, stop.end())
        if of is not None:
            stop = _stop(_OBJECT_STOP, text, of.end(), end_of)  # "accuses VOA, BBC editors of"
    end = stop.start() if stop else end_of
    tails = [_SECOND_VERB, _OBJECT_CHANNEL]
    if cue.form is CueForm.PARTICIPLE:
        tails.append(_AND_PARTICIPLE)  # "calling them liars and vowing to ...": a second act
    for tail in tails:
        found_tail = tail.search(text, start, end)
        if found_tail is not None:
            end = found_tail.start()  # "thanked X for Y and encouraged Z", "... in a Q&A"
    if cue.word in _INFINITIVE_VERBS and text[start : start + 3] == "to ":
        purpose = _PURPOSE.search(text, start + 3, end)
        if purpose is not None and len(text[start : purpose.start()].split()) >= 5:
            end = purpose.start()  # "vowed to hold a rally downtown to protest ...": why
    if text[start:end].strip(MASK + " ,.;:") == "":
        return []  # 'tweeted: "..."': the quotation is the content
    if MASK in text[start:end]:
        mask_at = text.index(MASK, start, end)
        lead_in = re.search(
            r"\b(?:as|what|of|for|to|is|was|be|called|described|and)\s*$", text[start:mask_at]
        )
        after_quote = text[mask_at:end].strip(MASK + " .,;:!?")
        if (
            lead_in is not None
            and len(after_quote.split()) <= 2
            and not cue.word.startswith("call")
        ):
            return []  # 'described the speech as "..."': the quotation is the content
    span = _trim(text, start, end)
    if span is None:
        return []
    phrase = text[span[0] : span[1]].lower()
    words = phrase.split()
    # "calling it a sham" names what it called; "cited reports of X" cites them
    named = cue.word.startswith("cit") or (
        cue.word in CALL_FORMS
        and len(words) >= 2
        and words[1] not in PREPOSITIONS
        and words[1] not in ("up", "back", "out", "off")
    )
    if (not named and (phrase in SPEECH_NOUNS or words[0] in SPEECH_NOUNS)) or len(words) > 30:
        return []
    if cue.word.startswith("ask") and not (
        words[0] in _QUESTION_WORDS or start > cue.after or _ASKED_WHAT.search(phrase)
    ):
        return []  # "asked the real estate mogul": whom, not what
    if len(words) == 1 and words[0] in _OBJECT_PRONOUNS:
        return []
    return [Content(span, cue, "object-content")]


_WHAT_BEFORE = re.compile(r"\bwhat\s+(?:[\w\u2019'.-]+\s+){1,4}$")
_WHAT_STOP = re.compile(
    r";|:|[.!?](?:\s|$)|,\s+(?=(?:and|but|which|who|while|as|after|before|when|because|he|she|it|"
    r"they|we|I|the|saying|adding|according)\b)|\s(?:after|before|when|while|because|since|but|"
    r"despite|amid|during|following|saying|adding|according|and\s+(?:he|she|they|it))\s"
)
_WHAT_LINK = re.compile(r"\s*(?:(?:was|were|is|are|would\s+be|will\s+be)\s+|as\s+)?")


# "a law which critics say is unfair", "the man who police said had fled": the relative
# pronoun is the subject of the reported verb that follows the cue.
_RELATIVE_BEFORE = re.compile(r"\b(?:which|who|that)\s+(?:[\w\u2019'.-]+\s+){1,5}$")
_RELATIVE_VERB = re.compile(
    r"\s+(?:(?:also|still|never|not|now)\s+)?(?:was|were|is|are|would|will|could|had|has|have|"
    r"may|might|should|can|did|does|[a-z]{3,}ed)\b"
)


def _what_content(text: str, cue: Cue) -> list[Content] | None:
    """ "what he called a sham", "what they say was the fraudulent re-election of ...": the
    words after the cue are the speaker's (or a quotation: found as such); "which critics
    said was unfair": the reported verb and what follows it."""
    if cue.subject is None:
        return None
    if _WHAT_BEFORE.search(text, cue.sentence.start, cue.verb[0]) is None:
        if (
            cue.word not in CLAUSE_VERBS
            or _RELATIVE_BEFORE.search(text, cue.sentence.start, cue.verb[0]) is None
            or _RELATIVE_VERB.match(text, cue.verb[1], cue.sentence.end) is None
        ):
            return None
        link = None
    else:
        link = _WHAT_LINK.match(text, cue.verb[1], cue.sentence.end)
    start = link.end() if link else cue.verb[1]
    if text[start : start + 1] == MASK or text[start:].lstrip()[:1] == MASK:
        return []
    stop = _stop(_WHAT_STOP, text, start, cue.sentence.end)
    end = stop.start() if stop else cue.sentence.end
    if MASK in text[start:end]:
        end = text.index(MASK, start, end)
    span = _trim(text, start, end)
    if span is None or _words(text, span) > 25:
        return []
    if _words(text, span) <= 2 and text[span[1] :].lstrip(" ,")[:1] == MASK:
        return []  # 'what she described as their "unwavering support"': the quotation
    return [Content(span, cue, "what-called")]


# "As the BBC reported, ...", "..., as Reuters first reported on Monday.": an aside with "as".
_AS_BEFORE = re.compile(r"(?:^|[,(\u2013\u2014]\s*|\b(?:but|and|yet)\s+)[Aa]s\s+$")
# After the verb of the aside only who reported it, when or where: "as first reported by
# the Tribune on Monday", "as he wrote in his memoir"; "as aid agencies warned of famine"
# has a complement of its own (a clause of time, not an aside).
_AS_REST = re.compile(
    r"(?:\s+(?:by\s+[^,;:.!?" + MASK + r"]{1,50}?|(?:in|on|at)\s+(?:a|an|the|his|her|its|their)"
    r"\s+[^,;:.!?" + MASK + r"]{1,40}?|(?:on|last|this|next)\s+\w+|a\s+few\s+\w+\s+(?:ago|later|"
    r"earlier)|earlier|later|first|previously|recently|yesterday|today|at\s+the\s+time|"
    r"[A-Z][a-z]+day))*\s*(?=,|[.!?]?\s*$|[.!?](?=\s)|\)$)"
)


def _as_content(text: str, cue: Cue) -> Content | None:
    """The words an "as X reported" aside vouches for: the rest of the sentence after the
    aside, or, when the aside closes the sentence, the words before it."""
    if cue.form is not CueForm.FINITE or cue.word not in CLAUSE_VERBS or cue.inverted:
        return None
    sentence = cue.sentence
    lead = _AS_BEFORE.search(text[sentence.start : cue.phrase_start])  # "^": the sentence's
    if lead is None or (cue.subject is not None and _words(text, cue.subject) > 8):
        return None
    rest = _AS_REST.match(text, cue.verb[1], sentence.end)
    if rest is None:
        return None
    after = rest.end()
    if text[after : after + 1] == ",":
        span = _trim(text, after + 1, sentence.end, keep_final=True)
        if span is not None and text[span[1] - 1] in _TERMINAL:
            span = _trim(text, span[0], span[1])
    else:
        span = _trim(text, sentence.start, sentence.start + lead.start())
    if span is None or _words(text, span) < 3 or MASK in text[span[0] : span[1]]:
        return None
    return Content(span, cue, "as-reported")


def contents(text: str, cues: Sequence[Cue]) -> list[Content]:
    """Reported content for each cue of one sentence (``text`` has quotes masked)."""
    found: list[Content] = []
    for cue in cues:
        sentence = cue.sentence
        if cue.form is CueForm.ACCORDING:
            found.extend(_according_content(text, cues, cue))
            continue
        if cue.word in NOUN_CONTENT_VERBS and _negated(text, cue):
            continue  # "has not confirmed his death": nothing is stated
        what = _what_content(text, cue)
        if what is not None:
            found.extend(what)
            continue
        as_content = _as_content(text, cue)
        if as_content is not None:
            found.append(as_content)
            continue
        after = cue.after
        out = re.compile(r"\s+out\b").match(text, after, sentence.end)  # "pointing out that"
        that = _THAT.match(text, out.end() if out else after, sentence.end) or (
            _THAT_FAR.match(text, after, sentence.end) if cue.word in CLAUSE_VERBS else None
        )
        if that:
            found.extend(_clause_content(text, cues, cue, that.end(), "that-clause"))
        elif (
            (cue.word in OBJECT_VERBS and cue.word not in NOUN_CONTENT_VERBS)
            or cue.word in CALL_FORMS
        ) and not (cue.word in BARE_COMPLEMENT_VERBS and bare_complement(text, cue)):
            found.extend(_object_content(text, cue))
        elif (
            cue.word in NOUN_CONTENT_VERBS
            and not (
                cue.word in BARE_COMPLEMENT_VERBS
                and _AUXILIARY_SOON.match(text, cue.after, sentence.end)
                and bare_complement(text, cue)
            )
            and _noun_content(text, cue)
        ):  # "admitted his side had been ...": a clause
            found.extend(_noun_content(text, cue))
        elif cue.word in ("pointed", "pointing") and (
            to := _POINTED_TO.match(text, cue.after, sentence.end)
        ):  # "pointed to the vote as proof": what the speaker pointed to
            found.extend(_object_content(text, cue, start=to.end()))
        elif cue.word in ABOUT_VERBS and (about := _ABOUT.match(text, cue.after, sentence.end)):
            found.extend(_object_content(text, cue, start=about.end()))
        elif cue.word in ("told", "tells", "tell", "telling") and _TOLD_TO.match(
            text, cue.verb[1] + 1, sentence.end
        ):
            found.extend(_object_content(text, cue, start=cue.verb[1]))
        elif cue.form is CueForm.FINITE and (middle := _parenthetical(text, cue)) is not None:
            found.append(Content(middle, cue, "parenthetical-cue"))
        elif cue.form is CueForm.FINITE and trailing(text, cue):
            stamp = _TIME_STAMP.match(text, sentence.start, cue.phrase_start)
            begin = stamp.end() if stamp else sentence.start
            aside = _APPOSED_REMARK.search(text, begin, cue.phrase_start)
            span = _trim(text, begin, aside.start() if aside else cue.phrase_start)
            if (
                span is not None
                and _words(text, span) >= 3
                and MASK not in text[span[0] : span[1]]
                and (
                    has_finite(text[span[0] : span[1]])
                    # "A variety of factors impact the cost of college, said X": long
                    # enough to be a clause whose present verb the word lists lack
                    or _long_clause(text, span)
                )
                and not _PARTICIPLE_OPENING.match(text, span[0])
                and not _speech_act_inside(text, cues, cue, span)
            ):  # "Speaking with reporters, he said": no content
                found.append(Content(span, cue, "trailing-cue"))
        elif (
            cue.word in BARE_COMPLEMENT_VERBS
            and not cue.inverted
            and (cue.source is None or cue.form is CueForm.PARTICIPLE)  # "quoted X as saying"
            and not (cue.word in _DISCLOSING and _negated(text, cue))  # "did not reveal ..."
            and bare_complement(text, cue)
        ):
            begin = after_when(text, cue)
            pronoun = re.match(r"\s*(them|him|her|me|us)\s+", text[begin : sentence.end])
            if pronoun is not None and cue.word.startswith("t"):
                begin += pronoun.end()  # "told them the letter came ...": the one told
            found.extend(_clause_content(text, cues, cue, begin, "bare-complement"))
    return found


# Verbs of making known: negated, they state nothing ("did not reveal his meeting with ...").
_DISCLOSING = frozenset(
    """reveal reveals revealed disclose discloses disclosed mention mentions mentioned declare
    declares declared declaring""".split()  # noqa: SIM905
)


def _long_clause(text: str, span: Span) -> bool:
    """Seven words or more opening with a capitalised word that is no preposition."""
    first = re.compile(r"[A-Z][A-Za-z]*").match(text, span[0])
    return (
        first is not None and first.group(0).lower() not in PREPOSITIONS and _words(text, span) >= 7
    )


def _speech_act_inside(text: str, cues: Sequence[Cue], cue: Cue, span: Span) -> bool:
    """ "Austin thanked X and encouraged Y, said Singh": the words before the trailing cue
    are speech acts with a subject of their own, reported by it (layers, not one content)."""
    return any(
        other is not cue
        and not other.inherit
        and other.subject is not None
        and span[0] == other.subject[0]
        and _words(text, other.subject) <= 6
        and other.verb[1] <= span[1]
        and not _adds_a_thing(text, other)
        for other in cues
    )


def _adds_a_thing(text: str, cue: Cue) -> bool:
    """ "Social media has added another link to the chain": "add" with an object is no speech."""
    return cue.word in ("add", "adds", "added", "adding") and (
        re.match(r"\s+(?:a|an|another|the|more|new|\d)\b", text[cue.verb[1] : cue.sentence.end])
        is not None
    )


def _words(text: str, span: Span) -> int:
    return len(text[span[0] : span[1]].split())


# A circumstance after a trailing cue: "..., she said at the time.", "he said after meeting ...".
_CIRCUMSTANCE = re.compile(
    r"(?:in|at|during|after|before|on|while|when|from|via|through|outside|inside|following|"
    r"with|as|to)\s+\S"
)


def trailing(text: str, cue: Cue) -> bool:
    """Whether the cue closes its sentence after a comma ("..., the BBC said.")."""
    before = text[cue.sentence.start : cue.phrase_start].rstrip()
    if not before.endswith(","):
        return False
    rest = text[cue.phrase_end : cue.sentence.end]
    whole = rest.strip()
    if (
        _CIRCUMSTANCE.match(whole)
        and MASK not in whole
        and "," not in whole  # "..., a fact X acknowledged in an address, Reuters said"
        and _THAT.match(rest) is None
    ):
        return True  # "..., Wilkin said during his speech to delegates.": when or where
    adverbial = ADVERBIAL.match(rest)
    rest = rest[adverbial.end() :].strip() if adverbial else rest.strip()
    return rest == "" or rest[0] in _TERMINAL or rest.startswith((",", ";"))


def _according_content(text: str, cues: Sequence[Cue], cue: Cue) -> list[Content]:
    sentence = cue.sentence
    before = _trim(text, sentence.start, cue.verb[0])
    if before is None:
        # "According to X, CONTENT." The rest of the sentence, full stop included.
        end = _next_cue_start(text, cues, cue, cue.after) or sentence.end
        span = _trim(text, cue.after, end, keep_final=end == sentence.end)
        return [Content(span, cue, "according-to", whole_sentences=True)] if span else []
    if text[before[0] : before[1]].strip(MASK + " ,.") == "":
        return []  # '"...," according to X': the quotation itself is the content
    span = before
    after = _trim(text, cue.after, sentence.end)
    if (
        after is not None
        and _words(text, after) > _words(text, before)
        and has_finite(text[after[0] : after[1]])  # a clause, not "X, a local nurse"
    ):
        span = after
    return [Content(span, cue, "according-to")]


# After "This", "That", "These", "Those", a verb makes them the pronoun that carries on the
# reported words ("That was the third"), a noun their determiner ("That number follows").
_DEMONSTRATIVE_VERB = re.compile(
    r"is|was|are|were|has|had|have|would|will|could|can|may|might|should|must|means|meant|"
    r"remains|includes|[a-z]+ed"
)


def continuation(
    text: str, content: Content, sentences: Sequence[Sentence], has_cue: set[int]
) -> Span:
    """Extend reported content over following sentences that carry it on ("It was ...")."""
    span = content.span
    sentence = content.cue.sentence
    if text[span[1] : sentence.end].strip(' .!?"\u201d\u2019') != "":
        return span
    end = span[1]
    for following in sentences[sentence.index + 1 :]:
        if following.paragraph != sentence.paragraph or following.index in has_cue:
            break
        first = re.match(r"([A-Za-z]+)\s+([a-z]+)", text[following.start : following.end])
        if first is None or first.group(1).lower() not in CONTINUATION_OPENERS:
            break
        if first.group(1).lower() not in ("it", "there") and not _DEMONSTRATIVE_VERB.fullmatch(
            first.group(2)
        ):
            break  # "That number follows ...": a determiner, the narrator's own sentence
        if MASK in text[following.start : following.end]:
            break
        end = following.end
    return (span[0], end) if end != span[1] else span


def previous_sentence(
    text: str, content: Content, sentences: Sequence[Sentence], has_cue: set[int]
) -> Span | None:
    """The sentence a trailing "according to" also covers when this one refers back to it."""
    sentence = content.cue.sentence
    if content.span[0] != _first_word_start(text, sentence) or sentence.index == 0:
        return None
    first = re.match(r"[A-Za-z]+", text[sentence.start : sentence.end])
    if first is None:
        return None
    if first.group(0).lower() not in ("this", "that", "these", "those") and not points_back(
        text, content
    ):
        return None
    previous = sentences[sentence.index - 1]
    if previous.paragraph != sentence.paragraph or previous.index in has_cue:
        return None
    if MASK in text[previous.start : previous.end]:
        return None
    return _trim(text, previous.start, previous.end)


def points_back(text: str, content: Content) -> bool:
    """ "We got that according to Dr. X.": the words only point back to the sentence before."""
    words = re.findall(r"[A-Za-z\u2019']+", text[content.span[0] : content.span[1]].lower())
    return content.rule == "according-to" and 1 < len(words) <= 3 and words[-1] in ("that", "this")


def _first_word_start(text: str, sentence: Sentence) -> int:
    at = sentence.start
    while at < sentence.end and not text[at].isalnum():
        at += 1
    return at
