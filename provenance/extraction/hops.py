"""Every intermediary the text states, as ordered hops from the speaker to this article.

Each attribution's own sentence is read for its channel ("said in a statement", "wrote on
Telegram", "in a video address", "in prepared testimony"), the one told ("told Reuters",
"told reporters", "in an interview with VOA"), a reader ("read a statement from X") and the
outlet that reported it ("quoted by Xinhua as saying", "according to the BBC", "X
reported"). Then, in reading order: nested speech adds the outer speaker (``quoted_by``)
and the outer hops; an attribution without a channel or recipient of its own takes those
of the same speaker's last statement in the same item (continuation quotes, later
paragraphs); an outlet credited for a whole item ("..., The Associated Press reported.")
or article ("The Reuters news service reported on this story.") closes every chain in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from provenance.extraction.article import Draft
from provenance.extraction.cues import Cue, CueForm, is_named_recipient
from provenance.extraction.headwords import keys
from provenance.extraction.indirect import trailing
from provenance.extraction.lexicon import (
    CHANNEL_ADJECTIVES,
    CHANNEL_NOUNS,
    PLATFORM_VERBS,
    PLATFORMS,
    PRONOUNS,
)
from provenance.extraction.mentions import (
    classify,
    is_outlet_name,
    normalise,
    person_names,
    strip_determiner,
)
from provenance.extraction.model import Hop, HopRole, SpeakerType
from provenance.extraction.phrases import MASK, WORD, Span, noun_phrase_after, verb_like
from provenance.extraction.segmentation import Sentence

_NOUNS = "|".join(sorted((re.escape(n) for n in CHANNEL_NOUNS), key=len, reverse=True))
_ADJ = "|".join(sorted((re.escape(a) for a in CHANNEL_ADJECTIVES), key=len, reverse=True))
_PLATFORMS = "|".join(sorted((re.escape(p) for p in PLATFORMS), key=len, reverse=True))
_OWNER = (
    r"(?:(?:a|an|the|his|her|their|its|our|this|that|"
    r"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*(?:\u2019s|'s))\s+)"
)
_MODIFIER = (
    r"(?:(?:" + _ADJ + "|" + _PLATFORMS + r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|\d+-minute)\s+)"
)
# "in a statement", "during his nightly video address", "in prepared testimony",
# "at a news conference", "in an address to the nation".
_CHANNEL = re.compile(
    r"\b(?i:in|during|at|via|through|with|from)\s+" + _OWNER + r"?" + _MODIFIER + r"{0,4}"
    r"(?P<noun>(?:" + _NOUNS + r"))\b"
    r"(?P<tail>\s+(?:to|before)\s+(?:the\s+)?(?:nation|[A-Z][\w\u2019'-]*(?:\s+[A-Z][\w\u2019'-]*)*))?"
)
_NOUN_END = re.compile(r"\b(?P<noun>" + _NOUNS + r")$")
# Any channel word or platform at all: the scans below run only where one occurs.
_ANY_CHANNEL = re.compile(r"\b(?:" + _NOUNS + "|" + _PLATFORMS + r"|testimony)\b")
# "released a statement", "issued a press release", "posted a video".
_ISSUED = re.compile(
    r"\b(?:released|issued|published|posted|put\s+out|sent|delivered|gave|made|held|hosted|"
    r"convened|recorded|signed|told|addressed)\s+"
    + _OWNER
    + r"?"
    + _MODIFIER
    + r"{0,4}(?P<noun>(?:"
    + _NOUNS
    + r"))\b"
)
_PLATFORM = re.compile(
    r"\b(?i:on|via|to|in\s+a\s+post\s+on)\s+(?:the\s+|its\s+|his\s+|her\s+|their\s+)?"
    r"(?:(?:social\s+media|messaging)\s+"
    r"(?:platform|app|site|network)\s+)?(?P<name>" + _PLATFORMS + r")\b"
)
_INTERVIEW = re.compile(
    r"\b(?:(?i:in|during)\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,2}interview\s+with|"
    r"interviewed\s+by|(?i:speaking|talking)\s+(?:exclusively\s+)?(?:to|with)|"
    r"in\s+(?:comments|remarks)\s+to|(?i:addressing)|addressed|"
    r"(?i:in|during)\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:call|letter|e-?mail)\s+to)"
    r"\s+(?:(?:reporter|journalist|correspondent|columnist|editor)\s+)?"
    r"(?P<name>(?:the\s+)?[A-Z][\w\u2019'&.-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w\u2019'&.-]*)*"
    r"(?:\u2019s|'s)?(?:\s+[A-Z]?[a-z]+\s+(?:service|desk|channel|program|programme))?"
    r"|reporters|journalists|the\s+press|the\s+media|the\s+nation)"
)
_QUOTED_BY = re.compile(
    r"\b(?:was|were|is|are|been|being)?\s*(?:quoted|cited)\s+(?:by|in)\s+"
    r"(?P<name>(?:the\s+)?[A-Z][\w\u2019'&.-]*(?:\s+(?:of\s+)?[A-Z][\w\u2019'&.-]*)*)"
)
_READ_FROM = re.compile(
    r"(?:^|(?<=[,;:.]\s)|(?<=\n))\s*(?P<reader>[^,;:\n]{2,80}?)\s+"
    r"read\s+(?:out\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:statement|message|letter)\s+"
    r"(?:from|by|on\s+behalf\s+of)\s+"
)
# "The Reuters news service reported on this story.", "based on reports from Reuters".
_CREDIT = re.compile(
    r"(?:^|(?<=[.!?\n])\s*)(?:(?P<a>(?:The\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*)\s+"
    r"(?:news\s+service\s+|news\s+agency\s+|wire\s+service\s+)?reported\s+(?:on\s+)?this\s+"
    r"(?:story|report)"
    r"|[^.\n]*?\bbased\s+on\s+(?:news\s+)?reports?\s+(?:from|by)\s+"
    r"(?P<b>(?:the\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*))"
)
_TOLD_TO = re.compile(
    r"\s+((?:the\s+|a\s+|an\s+|local\s+|some\s+)?[a-z][\w\u2019'-]*(?:\s+[a-z][\w\u2019'-]*){0,3}?)"
    r"\s+(?:to\s+[a-z]+|that|about|how|what|why)\b"
)
_INTERVIEW_WORDS = (
    "interview",
    "speaking",
    "talking",
    "addressing",
    "addressed",
    "remarks",
    "comments",
    "call to",
    "letter to",
    "mail to",
)
_INTERVIEW_ANY = re.compile("|".join(_INTERVIEW_WORDS))
_TESTIMONY_FOR = re.compile(
    r"\btestimony\s+(?:for|before|to)\s+(?P<name>(?:the\s+)?[A-Z][\w\u2019'-]*"
    r"(?:\s+(?:[A-Z][\w\u2019'-]*|[a-z]+(?=\s+(?:subcommittee|committee|panel)\b)))*"
    r"(?:\s+(?:subcommittee|committee|panel))?)"
)
_OUTLET_QUOTED = re.compile(
    r"\s*(?P<who>(?:The|the)\s+[\w\s\u2019'-]{2,40}?|[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*)\s+"
    r"(?:quoted|cited)\s+"
)
# Who an outlet quoted, when it names no one: "an unnamed fisherman", "a senior official".
_UNNAMED_SOURCE = re.compile(
    r"(?:an?|one|two|three|several|unnamed|anonymous)\s+(?!(?:statement|report|letter|"
    r"post|tweet|video|document|memo|press|news)\b)[a-z]"
)
_OUTLET_NAMED = re.compile(
    r"\b((?:The\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*)(\s+(?:newspaper|news\s+agency|"
    r"magazine|broadcaster|daily))?"
)
_CORRESPONDENT = re.compile(
    r"\s*(?P<who>(?:[A-Z][\w&.-]*(?:\u2019s|'s)\s+)?(?:[a-z]+\s+){0,3}?[A-Z][\w.-]+"
    r"(?:\s+[A-Z][\w.-]+)+)\s+reports\s+from\s+[^.;:\x00]{2,80}\.\s*"
)
_TIMESTAMP = re.compile(r"\d{1,2}:\d{2}\s*[ap]\.?\s*m\.?\s*(?:[A-Z]{2,4})?\s*:")
_GENERIC_TOLD = frozenset(
    ["him", "her", "them", "us", "me", "it", "you", "the", "a", "that", "this", "so"]
)
_TELL = frozenset(["told", "tells", "tell", "telling"])
_WHEN_TAIL = re.compile(
    r"(?<!'s)(?<!\u2019s)\s+(?:on\s+|last\s+|this\s+|late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|today|yesterday|tonight|morning|afternoon|evening|night)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$"  # not "the BBC's Sunday programme"
)
# A channel that is an audience of reporters ("a press briefing", "a news conference").
_PRESS_EVENTS = frozenset(["briefing", "press briefing", "news conference", "press conference"])
_PRESS = frozenset(["reporters", "journalists", "press", "the press", "media", "the media"])
_REPORTS = frozenset(["reports", "reported", "report", "reporting"])
_CARRIED = (HopRole.CHANNEL, HopRole.TOLD, HopRole.READER)
_CONTINUING = ("quote-continues", "continued-quote", "named-before-quote")


def _clean(name: str) -> str:
    return " ".join(name.split()).strip(" ,.;:")


def _outside(span: Span, blocked: Sequence[Span]) -> bool:
    return not any(a <= span[0] < b for a, b in blocked)


class HopFinder:
    """The hops of every draft of one article."""

    def __init__(
        self,
        text: str,
        masked: str,
        sentences: Sequence[Sentence],
        outlets: Sequence[str],
    ) -> None:
        self.text = text
        self.masked = masked
        self.sentences = sentences
        self.outlets = tuple(outlets)
        self.items = self._items()
        self._channel_cache: dict[Span, list[tuple[int, int, Hop]]] = {}
        self._lowered: dict[Span, str] = {}

    # One sentence ---------------------------------------------------------------------

    def is_outlet(self, phrase: str) -> bool:
        """Whether the phrase names a news outlet (not a person with "Press" in a title)."""
        return self._is_outlet(phrase)

    def outlet_name(self, phrase: str) -> str:
        return self._outlet_name(phrase)

    def _is_outlet(self, phrase: str) -> bool:
        noun = classify(phrase, outlets=self.outlets)
        if noun.type is SpeakerType.OUTLET:
            return True
        return noun.type is not SpeakerType.PERSON and is_outlet_name(
            strip_determiner(phrase), self.outlets
        )

    def _outlet_name(self, phrase: str) -> str:
        noun = classify(phrase, outlets=self.outlets)
        return _clean(noun.name or strip_determiner(phrase))

    def lowered(self, sentence: Sentence) -> str:
        key = (sentence.start, sentence.end)
        found = self._lowered.get(key)
        if found is None:
            found = self.masked[sentence.start : sentence.end].lower()
            self._lowered[key] = found
        return found

    def outlet_named(self, phrase: str, at: int) -> str | None:
        """The outlet a phrase names: by name, or "the paper" for the last outlet named."""
        if self._is_outlet(phrase):
            return self._outlet_name(phrase)
        if normalise(phrase).split()[-1:] not in (
            ["paper"],
            ["newspaper"],
            ["broadcaster"],
            ["magazine"],
            ["agency"],
            ["network"],
        ):
            return None
        last = None
        for match in _OUTLET_NAMED.finditer(self.masked, 0, at):
            candidate = match.group(1)
            if self._is_outlet(candidate) or match.group(2):
                last = self._outlet_name(candidate)
        return last

    def channels(self, start: int, end: int, blocked: Sequence[Span]) -> list[tuple[int, Hop]]:
        key = (start, end)
        if key not in self._channel_cache:
            self._channel_cache[key] = self._channels(start, end)
        return [
            (at, hop) for at, stop, hop in self._channel_cache[key] if _outside((at, stop), blocked)
        ]

    def _channels(self, start: int, end: int) -> list[tuple[int, int, Hop]]:
        found: list[tuple[int, int, Hop]] = []
        masked = self.masked
        if _ANY_CHANNEL.search(masked, start, end) is None:
            return found
        for pattern in (_CHANNEL, _ISSUED):
            for match in pattern.finditer(masked, start, end):
                if pattern is _ISSUED and match.group("noun") in ("remarks", "comments"):
                    continue  # "made the remarks in a Q&A": the words, not their medium
                noun_at = match.start("noun")
                # The channel's name: its modifiers, noun and "to the nation".
                phrase_start = match.start()
                words = masked[phrase_start:noun_at].split()
                keep = [
                    w
                    for w in words[1:]
                    if w.lower()
                    not in ("a", "an", "the", "his", "her", "their", "its", "our", "following")
                    and not w.endswith(("\u2019s", "'s"))
                ]
                name = " ".join([*keep, match.group("noun")])
                tail = match.groupdict().get("tail")
                cue = _clean(masked[match.start() : match.end()])
                told: Hop | None = None
                if tail:
                    addressee = re.sub(r"^\s*(?:to|before)\s+", "", tail)
                    if self._is_outlet(addressee):
                        # "in a statement to Reuters": the statement went to Reuters.
                        told = Hop(HopRole.TOLD, self._outlet_name(addressee), cue)
                    else:
                        name += " " + " ".join(tail.split())
                found.append((match.start(), match.end(), Hop(HopRole.CHANNEL, _clean(name), cue)))
                if told is not None:
                    found.append((match.start(), match.end(), told))
        for match in _PLATFORM.finditer(masked, start, end):
            cue = _clean(masked[match.start() : match.end()])
            hop = Hop(HopRole.CHANNEL, match.group("name"), cue)
            found.append((match.start(), match.end(), hop))
        return found

    def sentence_hops(self, cue: Cue, content: Span) -> list[Hop]:
        """Hops stated in the cue's own sentence, in order from the speaker outwards."""
        text, masked = self.text, self.masked
        sentence = cue.sentence
        blocked = [content]
        scanned = self.channels(sentence.start, sentence.end, blocked)
        channel: list[tuple[int, Hop]] = [(a, h) for a, h in scanned if h.role is HopRole.CHANNEL]
        if cue.word in PLATFORM_VERBS:
            name = PLATFORM_VERBS[cue.word]
            if name and not any(h.name == name for _, h in channel):
                channel.append((cue.verb[0], Hop(HopRole.CHANNEL, name, cue.word)))
        told: list[Hop] = [h for _, h in scanned if h.role is HopRole.TOLD]
        if cue.recipient is None and cue.word in _TELL:
            # "told local media networks to end contracts": the one told, before "to <verb>".
            bare = _TOLD_TO.match(masked, cue.verb[1], sentence.end)
            if bare is not None and bare.group(1).lower() not in _GENERIC_TOLD:
                told.append(Hop(HopRole.TOLD, _clean(bare.group(1)), _clean(bare.group(0))))
        reported: list[Hop] = []
        reader: list[Hop] = []
        if cue.recipient is not None and cue.word in _TELL:
            phrase = _clean(text[cue.recipient[0] : cue.recipient[1]])
            if text[cue.recipient[1] : cue.recipient[1] + 1] == "." and len(phrase) <= 3:
                # "told U.S. news outlets": an abbreviation, not the end of the recipient
                longer = noun_phrase_after(masked, cue.verb[1], sentence.end)
                if longer is not None:
                    phrase = _clean(text[longer[0] : longer[1]])
            phrase = re.split(r"\s+(?:by|via|over|on|during|that)\s+(?![A-Z])", phrase)[0]
            phrase = _WHEN_TAIL.sub("", phrase)
            if phrase.lower() not in _GENERIC_TOLD and MASK not in phrase:
                told.append(Hop(HopRole.TOLD, strip_determiner(phrase), f"{cue.word} {phrase}"))
        lowered = self.lowered(sentence)
        interviews = (
            _INTERVIEW.finditer(masked, sentence.start, sentence.end)
            if _INTERVIEW_ANY.search(lowered) is not None
            else iter(())
        )
        for match in interviews:
            if not _outside((match.start(), match.end()), blocked):
                continue
            name = _clean(match.group("name"))
            if not any(normalise(h.name) == normalise(name) for h in told):
                kind = SpeakerType.OUTLET if self._is_outlet(name) else SpeakerType.UNKNOWN
                told.append(Hop(HopRole.TOLD, strip_determiner(name), _clean(match.group(0)), kind))
            if "interview" in match.group(0) and not any(
                h.name.endswith("interview") for _, h in channel
            ):
                channel.append((match.start(), Hop(HopRole.CHANNEL, "interview", None)))
        testimony = "testimony" in lowered
        for match in (
            _TESTIMONY_FOR.finditer(masked, sentence.start, sentence.end) if testimony else ()
        ):
            # "in prepared testimony for the Senate foreign relations subcommittee"
            if _outside((match.start(), match.end()), blocked):
                told.append(Hop(HopRole.TOLD, _clean(match.group("name")), _clean(match.group(0))))
        quoting = (
            _OUTLET_QUOTED.match(masked, sentence.start, sentence.end)
            if "quoted" in lowered or "cited" in lowered
            else None
        )
        if quoting is not None and _outside((quoting.start(), quoting.end()), blocked):
            # "The paper quoted an unnamed fisherman": the paper reported it.
            reporter = self.outlet_named(quoting.group("who"), quoting.start())
            if reporter is not None:
                if _UNNAMED_SOURCE.match(masked, quoting.end(), sentence.end) and not told:
                    # "Reuters quoted a senior official as saying": its own source told it.
                    told.append(Hop(HopRole.TOLD, reporter, _clean(quoting.group(0))))
                reported.append(Hop(HopRole.REPORTED_BY, reporter, _clean(quoting.group(0))))
        reads = (
            [
                m
                for m in (
                    _READ_FROM.match(masked, sentence.start, sentence.end),
                    *_READ_FROM.finditer(masked, sentence.start + 1, sentence.end),
                )
                if m is not None
            ][:1]
            if " read " in lowered
            else []
        )
        for match in reads:
            if _outside((match.start(), match.end()), blocked):
                reader.append(
                    Hop(HopRole.READER, _clean(match.group("reader")), _clean(match.group(0)))
                )
        quoted_by = (
            _QUOTED_BY.finditer(masked, sentence.start, sentence.end)
            if "quoted" in lowered or "cited" in lowered
            else iter(())
        )
        for match in quoted_by:
            if _outside((match.start(), match.end()), blocked):
                name = self._outlet_name(match.group("name"))
                reported.append(Hop(HopRole.REPORTED_BY, name, _clean(match.group(0))))
        subject = cue.subject
        if subject is not None:
            phrase = text[subject[0] : subject[1]]
            if self._is_outlet(phrase) and (
                cue.source is not None or cue.form is not CueForm.PARTICIPLE
            ):
                name = self._outlet_name(phrase)
                if not any(normalise(h.name) == normalise(name) for h in reported):
                    reported.append(
                        Hop(HopRole.REPORTED_BY, name, _clean(phrase), SpeakerType.OUTLET)
                    )
        channel.sort(key=lambda item: item[0])
        channel = _merge_posts(channel)
        if not told and any(h.name.split()[-2:] and _press_event(h.name) for _, h in channel):
            told.append(Hop(HopRole.TOLD, "reporters", None))
        seen: set[str] = set()
        hops: list[Hop] = []
        for hop in [h for _, h in channel] + told + reader + reported:
            key = f"{hop.role}:{normalise(hop.name)}"
            if key not in seen:
                seen.add(key)
                hops.append(hop)
        return hops

    def subject_channel(self, cue: Cue) -> Hop | None:
        """ "The White House statement said", "a press release said": the subject is a medium."""
        if cue.subject is None:
            return None
        phrase = self.text[cue.subject[0] : cue.subject[1]]
        match = _NOUN_END.search(phrase)
        if match is None:
            return None
        words = phrase[: match.start()].split()
        modifiers = [w for w in words if w.lower() in CHANNEL_ADJECTIVES]
        name = " ".join([*modifiers, match.group("noun")])
        return Hop(HopRole.CHANNEL, name, _clean(phrase))

    def events(self) -> list[tuple[int, set[str], list[Hop]]]:
        """Sentences naming a channel, with the keys of their subject: the speech events
        ("Mr. Mbeki told South Africans in an address ...", "Later, in his nightly video
        address, Zelenskyy reacted ...") that later statements of that speaker belong to."""
        found: list[tuple[int, set[str], list[Hop]]] = []
        for sentence in self.sentences:
            channel = self.channels(sentence.start, sentence.end, [])
            lowered = self.lowered(sentence)
            interviews = (
                _INTERVIEW.finditer(self.masked, sentence.start, sentence.end)
                if _INTERVIEW_ANY.search(lowered) is not None
                else iter(())
            )
            for match in interviews:
                told = Hop(HopRole.TOLD, strip_determiner(_clean(match.group("name"))), None)
                if _carries(told):
                    channel.append((match.start(), told))
            if not channel:
                continue
            subject = self._subject_keys(sentence)
            for at, _ in channel:
                subject |= self._name_before(sentence.start, at)
            if not subject and not self.pronoun_subject(sentence):
                continue
            hops = [h for _, h in sorted(channel, key=lambda item: item[0])]
            hops = [h for h in hops if h.role is HopRole.CHANNEL] + [
                h for h in hops if h.role is not HopRole.CHANNEL
            ]
            if any(_press_event(h.name) for h in hops):
                hops.append(Hop(HopRole.TOLD, "reporters", None))
            found.append((sentence.start, subject, hops))
        return found

    def pronoun_subject(self, sentence: Sentence) -> bool:
        """Whether the sentence opens with a personal pronoun as its subject ("He made ...")."""
        first = WORD.match(self.masked, sentence.start, sentence.end)
        return first is not None and first.group(0) in ("He", "She", "They")

    def _name_before(self, start: int, at: int) -> set[str]:
        """ "a fact Zelenskyy acknowledged in a late night address": the person named just
        before the channel, in the same clause."""
        before = self.masked[start:at]
        cut = max(before.rfind(","), before.rfind(";"), before.rfind(MASK))
        if before[cut + 1 :].lstrip().startswith(("who ", "which ")):
            # "said X, who held a press briefing": the relative's antecedent
            cut = max(before.rfind(",", 0, cut), before.rfind(";", 0, cut), -1)
        names = list(person_names(self.masked, start + cut + 1, at))
        return keys(names[-1].name) if names else set()

    def _subject_keys(self, sentence: Sentence) -> set[str]:
        masked = self.masked
        for match in WORD.finditer(masked, sentence.start, sentence.end):
            if verb_like(match.group(0)):
                before = masked[sentence.start : match.start()].rstrip(" ,")
                cut = max(before.rfind(","), before.rfind(":"), before.rfind(MASK))
                phrase = before[cut + 1 :].strip()
                if not phrase or phrase.lower() in PRONOUNS:
                    return set()
                noun = classify(phrase, outlets=self.outlets)
                return keys(noun.name or phrase)
        return set()

    # Items and credits ----------------------------------------------------------------

    def _items(self) -> list[int]:
        """Offsets where a new item of a live blog starts (a paragraph opening with a time)."""
        starts = [0]
        for match in re.finditer(r"(?:^|\n)[ \t]*(?=" + _TIMESTAMP.pattern + ")", self.text):
            starts.append(match.end())
        return starts

    def item_of(self, offset: int) -> int:
        index = 0
        for number, start in enumerate(self.items):
            if start <= offset:
                index = number
        return index

    def credits(self) -> list[Hop]:
        found: list[Hop] = []
        lowered = self.text.lower()
        if " reports from " in lowered:
            for sentence in self.sentences:
                # "VOA's Delia Robertson reports from Johannesburg.": the correspondent whose
                # report this is (a sentence of its own, no reported clause).
                match = _CORRESPONDENT.fullmatch(self.masked, sentence.start, sentence.end)
                if match is not None:
                    name = _clean(match.group("who"))
                    found.append(Hop(HopRole.REPORTED_BY, name, _clean(match.group(0))))
        if (
            "this story" not in lowered
            and "this report" not in lowered
            and ("based on" not in lowered)
        ):
            return found
        for match in _CREDIT.finditer(self.text):
            name = match.group("a") or match.group("b")
            if name and self._is_outlet(name):
                found.append(
                    Hop(HopRole.REPORTED_BY, self._outlet_name(name), _clean(match.group(0)))
                )
        return found


def _merge_posts(channel: list[tuple[int, Hop]]) -> list[tuple[int, Hop]]:
    """ "In a post on X": one channel, "post on X", not two."""
    merged: list[tuple[int, Hop]] = []
    for at, hop in channel:
        if merged and hop.name in PLATFORMS and merged[-1][1].name in _POSTED:
            first_at, first = merged[-1]
            merged[-1] = (first_at, replace(first, name=f"{first.name} on {hop.name}"))
            continue
        merged.append((at, hop))
    return merged


_POSTED = frozenset(
    [
        "post",
        "video",
        "tweet",
        "message",
        "video address",
        "video message",
        "statement",
        "blog post",
        "address",
    ]
)


def _words(text: str, span: Span) -> str:
    return " ".join(re.findall(r"\w+", text[span[0] : span[1]].lower()))


def _carries(hop: Hop) -> bool:
    """A channel carries over; so does telling an outlet, a named person or the press, not
    a private listener ("told the representative")."""
    if hop.role is not HopRole.TOLD:
        return True
    return hop.name.lower() in _PRESS or is_named_recipient(hop.name)


def _press_event(name: str) -> bool:
    words = name.lower().split()
    return " ".join(words[-2:]) in _PRESS_EVENTS or words[-1:] == ["briefing"]


def _speaker_keys(draft: Draft) -> set[str]:
    speaker = draft.speaker
    if speaker is None:
        return set()
    name = speaker.resolved or speaker.as_printed
    return keys(name) if name and name.lower() not in PRONOUNS else set()


def _speaker_key(draft: Draft) -> str | None:
    speaker = draft.speaker
    if speaker is None:
        return None
    name = speaker.resolved or speaker.description or speaker.as_printed
    return normalise(name) if name else None


def _outer_cue(draft: Draft, cues: Sequence[Cue], masked: str) -> Cue | None:
    """ "Peta Thornycroft reports from Harare that Mr. Tsvangirai said ...", "Barise told
    VOA the suspect said ...": an earlier cue of the sentence whose words hold this cue."""
    cue = draft.cue
    if cue is None or cue.subject is None or cue.inverted or cue.form is CueForm.ACCORDING:
        return None
    before = [
        c
        for c in cues
        if c is not cue
        and c.form is not CueForm.ACCORDING
        and c.subject is not None
        and not c.inherit
        and c.subject != cue.subject
        and c.verb[1] <= cue.subject[0]
        and not c.inverted
    ]
    if before:
        return before[-1]
    # "Austin thanked legislators ..., said Deputy Press Secretary Sabrina Singh", "X spoke
    # about Y, the BBC reported": a cue that closes the sentence after the words holds the
    # statements before it.
    after = [
        c
        for c in cues
        if c is not cue
        and (c.inverted or trailing(masked, c))
        and c.form is CueForm.FINITE
        and c.subject is not None
        and c.subject != cue.subject
        and c.verb[0] > draft.span[1]
        and c.verb[0] > cue.verb[1]
    ]
    return after[0] if after else None


def assign_hops(
    finder: HopFinder, drafts: Sequence[Draft], cues: dict[int, list[Cue]] | None = None
) -> dict[int, tuple[Hop, ...]]:
    """The hops of each draft (by ``id``), in order from the speaker to this article."""
    own: dict[int, list[Hop]] = {}
    by_cue = {id(d.cue): d for d in drafts if d.cue is not None}
    by_sentence: dict[int, list[Draft]] = {}
    for d in drafts:
        if d.cue is not None:
            by_sentence.setdefault(d.cue.sentence.index, []).append(d)
    for draft in drafts:
        hops: list[Hop] = []
        if draft.cue is not None and draft.cue.word not in (":", "\u2013"):
            hops = finder.sentence_hops(draft.cue, draft.span)
            subject = finder.subject_channel(draft.cue)
            if subject is not None and not any(h.role is HopRole.CHANNEL for h in hops):
                hops.insert(0, subject)
        own_name = draft.speaker.resolved if draft.speaker is not None else None
        if (
            draft.intermediary
            and draft.cue is not None
            and not any(
                re.search(
                    r"\b" + re.escape(normalise(draft.intermediary)) + r"\b", normalise(h.name)
                )
                for h in hops
            )
            and (own_name is None or normalise(own_name) != normalise(draft.intermediary))
        ):
            sentence = (
                finder.text[draft.cue.sentence.start : draft.cue.sentence.end]
                if draft.cue is not None
                else ""
            )
            told_it = re.search(
                r"\b(?:told|tells|telling|to|with)\s+(?:the\s+)?" + re.escape(draft.intermediary),
                sentence,
            )
            role = HopRole.TOLD if told_it else HopRole.REPORTED_BY
            hops.append(Hop(role, draft.intermediary, draft.cue_text))
        if cues is not None and draft.cue is not None:
            # "According to the BBC, the minister said ...": the BBC reported the minister.
            for other in cues.get(draft.cue.sentence.index, []):
                if other is draft.cue or other.form is not CueForm.ACCORDING:
                    continue
                if other.subject is None:
                    continue
                phrase = finder.text[other.subject[0] : other.subject[1]]
                if finder.is_outlet(phrase):
                    outlet = finder.outlet_name(phrase)
                    if not any(normalise(h.name) == normalise(outlet) for h in hops):
                        hops.append(Hop(HopRole.REPORTED_BY, outlet, f"according to {phrase}"))
        speaker = draft.speaker
        if speaker is not None and speaker.type is SpeakerType.OUTLET:
            name = speaker.resolved or speaker.best
            if name and not any(normalise(h.name) == normalise(name) for h in hops):
                hops.append(Hop(HopRole.REPORTED_BY, name, draft.cue_text, SpeakerType.OUTLET))
        own[id(draft)] = hops
    # A pull quote (no cue) printed again with its cue takes that attribution's hops.
    cued = {_words(finder.text, d.span): d for d in drafts if own[id(d)]}
    for draft in drafts:
        words = _words(finder.text, draft.span)
        twin = cued.get(words) if draft.cue is None else None
        if twin is None and draft.cue is None and len(words.split()) >= 6:
            twin = next((d for w, d in cued.items() if f" {words} " in f" {w} "), None)
        if twin is not None and not own[id(draft)]:
            own[id(draft)] = list(own[id(twin)])
    events: list[tuple[int, set[str], list[Hop]]] | None = None
    ordered = sorted(drafts, key=lambda d: (d.span[0], -d.span[1]))
    result: dict[int, list[Hop]] = {}
    last_by_speaker: dict[tuple[int, str], tuple[int, list[Hop]]] = {}
    previous: Draft | None = None
    for draft in ordered:
        hops = list(own[id(draft)])
        item = finder.item_of(draft.span[0])
        key = _speaker_key(draft)
        has_event = any(h.role in _CARRIED for h in hops)
        # A statement another outlet reports ("Interfax quoted Peskov as saying") is not the
        # speaker's earlier briefing.
        relayed = any(h.role in (HopRole.REPORTED_BY, HopRole.QUOTED_BY) for h in hops)
        if not has_event and not relayed:
            donor: list[Hop] | None = None
            same_event = False
            if draft.rule in _CONTINUING and previous is not None and _speaker_key(previous) == key:
                donor = result.get(id(previous))
                same_event = draft.rule == "quote-continues"
            if not donor and key is not None:
                at, donor = last_by_speaker.get((item, key), (-1, None))
                wanted = _speaker_keys(draft)
                if events is None:
                    events = finder.events()  # only when a statement lacks its own
                for position, subject_keys, event in events:
                    if (
                        at < position < draft.span[0]
                        and finder.item_of(position) == item
                        and wanted & subject_keys
                    ):
                        at, donor = position, event
                if not donor and draft.cue is not None:
                    # "Kuleba says ... . He made the remarks in a Twitter Q&A.": the next
                    # sentence of the paragraph names the occasion.
                    index = draft.cue.sentence.index + 1
                    following = (
                        finder.sentences[index] if 0 < index < len(finder.sentences) else None
                    )
                    if (
                        following is not None
                        and following.paragraph == draft.cue.sentence.paragraph
                    ):
                        for position, subject_keys, event in events:
                            if following.start <= position < following.end and (
                                wanted & subject_keys or finder.pronoun_subject(following)
                            ):
                                donor = event
                                break
            if donor:
                carried = [h for h in donor if h.role in _CARRIED and (same_event or _carries(h))]
                hops = carried + [h for h in hops if h not in carried]
        # Nested speech: words inside another attribution's words, by someone else.
        outer = _enclosing(draft, ordered, by_sentence)
        if outer is not None and outer.speaker is not None and key != _speaker_key(outer):
            name = outer.speaker.resolved or outer.speaker.best
            if name:
                outer_hops = list(result.get(id(outer), own[id(outer)]))
                if _relative_speaker(finder.text, draft) and not any(
                    h.role in _CARRIED for h in hops
                ):
                    # "Police said they held a man who said he ...": he said it to them.
                    hops = [*hops, Hop(HopRole.TOLD, name, None)]
                # "Our correspondent reports that police said ...": a report, not a quote
                role = (
                    HopRole.REPORTED_BY
                    if outer.cue is not None and outer.cue.word.lower() in _REPORTS
                    else HopRole.QUOTED_BY
                )
                outer_hops = [h for h in outer_hops if normalise(h.name) != normalise(name)]
                hops = [*hops, Hop(role, name, outer.cue_text), *outer_hops]
        outer_cue = (
            _outer_cue(draft, cues.get(draft.cue.sentence.index, []), finder.masked)
            if outer is None and cues is not None and draft.cue is not None
            else None
        )
        if outer_cue is not None and outer_cue.subject is not None:
            holder = by_cue.get(id(outer_cue))
            phrase = finder.text[outer_cue.subject[0] : outer_cue.subject[1]]
            noun = classify(phrase, outlets=finder.outlets)
            name = (
                holder.speaker.resolved or holder.speaker.best
                if holder is not None and holder.speaker is not None
                else (None if noun.pronoun else noun.name or strip_determiner(phrase))
            )
            if name and normalise(name) != key and len(name.split()) <= 6:
                outer_hops = finder.sentence_hops(outer_cue, draft.span)
                names = {normalise(h.name) for h in outer_hops}
                inner = [h for h in hops if normalise(h.name) not in names]
                role = (
                    HopRole.REPORTED_BY if outer_cue.word.lower() in _REPORTS else HopRole.QUOTED_BY
                )
                outer_hops = [h for h in outer_hops if normalise(h.name) != normalise(name)]
                hops = [*inner, Hop(role, name, None), *outer_hops]
                outer = holder
        result[id(draft)] = hops
        if key is not None and any(h.role in _CARRIED for h in hops) and outer is None:
            last_by_speaker[(item, key)] = (draft.span[0], hops)
        if draft.kind.value != "indirect" or draft.rule != "partial":
            previous = draft
    lonely = [d for d in ordered if d.cue is None and not result[id(d)]]
    spelled = (
        {id(d): _words(finder.text, d.span) for d in ordered if result[id(d)]} if lonely else {}
    )
    for draft in lonely:
        if draft.cue is None and not result[id(draft)]:
            words = _words(finder.text, draft.span)
            twin = next(
                (
                    d
                    for d in ordered
                    if d is not draft
                    and result[id(d)]
                    and id(d) in spelled
                    and (
                        spelled[id(d)] == words
                        or (len(words.split()) >= 6 and f" {words} " in f" {spelled[id(d)]} ")
                    )
                ),
                None,
            )
            if twin is not None:
                result[id(draft)] = list(result[id(twin)])
    _item_reporters(finder, ordered, result)
    credits = finder.credits()
    final: dict[int, tuple[Hop, ...]] = {}
    for draft in ordered:
        hops = result[id(draft)]
        for credit in credits:
            if not any(normalise(h.name) == normalise(credit.name) for h in hops):
                hops = [*hops, credit]
        final[id(draft)] = tuple(hops)
    return final


def _relative_speaker(text: str, draft: Draft) -> bool:
    """ "a British passport holder who said he ...": the speaker is named in the outer
    speaker's words and introduced by "who"; what he said, he said to the outer speaker."""
    cue = draft.cue
    if cue is None or cue.form is CueForm.ACCORDING or cue.inverted or cue.word in _TELL:
        return False  # "who told reporters": the one told is named
    before = text[cue.sentence.start : cue.verb[0]].split()
    while before and before[-1].lower() in ("also", "had", "has", "have", "then", "later"):
        before.pop()
    return bool(before) and before[-1].lower() == "who"


def _enclosing(
    draft: Draft, drafts: Sequence[Draft], same_sentence: dict[int, list[Draft]]
) -> Draft | None:
    """The attribution whose words hold this one: by span, or by a cue that cut the
    outer content short ("Police said they held a man who said he ...")."""
    cue = draft.cue
    if cue is not None and cue.word not in (":", "\u2013"):
        cut = [
            other
            for other in same_sentence.get(cue.sentence.index, ())
            if other.cue is not None
            and other.cue is not cue
            and other.kind.value == "indirect"
            and other.cue.sentence.index == cue.sentence.index
            and other.cue.verb[1] <= other.span[0] <= cue.verb[0]
            and other.span[1] <= cue.verb[0]
            and other.span[0] < draft.span[0]
            # "Austin thanked X and encouraged Y": a second verb of the same subject, not
            # speech inside the first one's words.
            and not (cue.inherit and cue.subject is not None and cue.subject == other.cue.subject)
        ]
        if cut:
            return max(cut, key=lambda d: d.span[0])
    best: Draft | None = None
    for other in drafts:
        if other is draft or (other.cue is draft.cue and draft.cue is not None):
            continue
        if (
            other.span[0] <= draft.span[0]
            and draft.span[1] <= other.span[1]
            and (other.span != draft.span)
        ) and (best is None or other.span[1] - other.span[0] < best.span[1] - best.span[0]):
            best = other
    return best


def _item_reporters(
    finder: HopFinder, drafts: Sequence[Draft], result: dict[int, list[Hop]]
) -> None:
    """An outlet that reported an item's first statement reports the rest of the item too."""
    if len(finder.items) < 2:
        return
    reporters: dict[int, Hop] = {}
    first_paragraph: dict[int, int] = {}
    for draft in drafts:
        item = finder.item_of(draft.span[0])
        first = first_paragraph.setdefault(item, draft.paragraph)
        if item in reporters or draft.paragraph != first:
            continue
        outlet = [h for h in result[id(draft)] if h.role is HopRole.REPORTED_BY]
        if outlet and draft.cue is not None and draft.cue.subject is not None:
            reporters[item] = outlet[-1]
    for draft in drafts:
        item = finder.item_of(draft.span[0])
        reporter = reporters.get(item)
        hops = result[id(draft)]
        if reporter is not None and not any(
            normalise(h.name) == normalise(reporter.name) for h in hops
        ):
            result[id(draft)] = [*hops, replace(reporter)]


def intermediary_of(hops: Sequence[Hop]) -> str | None:
    """The last named outlet or person told or reporting (not "reporters"), if any."""
    for hop in reversed(hops):
        if hop.role in (HopRole.TOLD, HopRole.REPORTED_BY) and is_named_recipient(hop.name):
            return hop.name
    return None
