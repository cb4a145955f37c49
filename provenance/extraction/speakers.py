"""Speakers of the attributions found, resolved in reading order."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from provenance.extraction.article import Draft
from provenance.extraction.cues import Cue, CueForm
from provenance.extraction.lexicon import ORGANISATION_WORDS, PLACES, PRONOUNS, SENTENCE_WORDS
from provenance.extraction.mentions import NameMention, classify, person_names
from provenance.extraction.model import CandidateKind, SpeakerRef, SpeakerType
from provenance.extraction.phrases import (
    MASK,
    WORD,
    Span,
    clause_start,
    noun_phrase_like,
    trim,
    verb_like,
)
from provenance.extraction.quotations import QuotationRules
from provenance.extraction.resolution import Discourse, agrees
from provenance.extraction.segmentation import Sentence


def _words_of(text: str, span: Span) -> str:
    return " ".join(re.findall(r"\w+", text[span[0] : span[1]].lower()))


_QUOTED_SAYING = re.compile(
    r"\bquoted\s+((?:an?|the|one|two|three|some|several)\s+[^,;:\x00]{1,60}?)\s*,\s*$"
)
_OUTLET_NOUNS = ("newspaper", "news agency", "magazine", "broadcaster", "daily", "wire service")
_VERB_NEXT = re.compile(
    r"\s+(?:also\s+)?[a-z]+(?:ed|s)\b|\s+(?:also\s+)?(?:said|told|made|gave|wrote)\b"
)
_PERSON_SIGNAL = re.compile(r"\b(?:his|her|him|himself|herself|he|she)\b")
_OBJECT_PREPOSITIONS = frozenset(["with", "to", "by", "from", "against", "for"])
_ROLE_HEADS = frozenset(
    """minister president spokesman spokeswoman spokesperson secretary chief director leader
    governor mayor ambassador commander general chairman chairwoman official envoy premier
    chancellor senator prosecutor""".split()  # noqa: SIM905
)
_NAMED_AFTER = re.compile(
    r"\s*(?:(?:Those|These|That|This|Such)\s+(?:were|was|are|is)\s+(?:the\s+)?(?:words|comments|"
    r"remarks|message|verdict|view|warning|reaction|assessment)\s+(?:of|from)\s+"
    r"|So\s+said\s+|(?:Those|These|The)\s+(?:words|comments|remarks)\s+came\s+from\s+)"
    r"(?P<who>[^,.;:\x00]{2,80}?)(?=\s*(?:[,.;]|$|\s+(?:at|on|in|during|after|speaking|who|"
    r"when|as)\b))"
)
_EXPLETIVE_IT = re.compile(
    r"it\s+(?:is|was|would\s+be|will\s+be|has\s+been|had\s+been|remains|seemed|seems)\s+"
    r"(?:not\s+|now\s+|still\s+|very\s+|too\s+)*(?:\x00|clear|unclear|likely|unlikely|"
    r"important|essential|necessary|possible|impossible|time|difficult|hard|easy|early|"
    r"vital|crucial|true|false|right|wrong|wise|unacceptable|regrettable|a\s|an\s)"
)
_NAME_THEN_AGE = re.compile(
    r"(?:^|(?<=[\s(]))([A-Z][\w\u2019'-]+(?:\s+[A-Z][\w\u2019'.-]+)+),\s*(?:\d{1,3},\s*)?"
)
_READ_SAYING = re.compile(
    r"\bread\s+(?:out\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:statement|message|letter)\s+"
    r"(?:from|by|on\s+behalf\s+of)\s+([^,;:\x00]{2,60}?)\s*,\s*$"
)
_DETERMINED = frozenset(["the", "a", "an", "his", "her", "their", "its", "one", "two"])
_SINGLE_NAME = re.compile(r"^[A-Z][a-z\u2019'-]+[a-z]$")
# "a British passport holder who said": an indefinite or described person, then "who".
_WHO_SAID = re.compile(
    r"\b((?:a|an|one|the)\s+(?:[\w\u2019'-]+\s+){0,6}?[\w-]+)[,]?\s+[\u201c\"]?who\s+"
    r"(?:also\s+)?(?=[a-z]+\b)"
)
# "Didymus Mutasa, minister of state security, who threatened": a name, an apposition.
_NAME_WHO = re.compile(
    r"(?<![\w\u2019'-])([A-Z][\w\u2019'-]+(?:\s+[A-Z][\w\u2019'.-]+)+)"
    r"(?:,\s+[^,;:\x00]{2,60}?)?,\s+who\s+(?:also\s+)?(?=[a-z]+\b)"
)
_COORDINATED = re.compile(r"\s(?:and|but)(?:\s+(?:then|also))?\s*$")
# An outlet the narrator names: "The Philippine Star newspaper", "the BBC".
_OUTLET_MENTION = re.compile(
    r"\b((?:The\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)\s+(?:newspaper|news\s+agency|"
    r"magazine|broadcaster|daily|wire\s+service)\b"
)
_ITEM_START = re.compile(r"(?:^|\n)[ \t]*(?=\d{1,2}:\d{2}\s*[ap]\.?\s*m\.?)")


class SpeakerRules(QuotationRules):
    """Resolve every attribution's speaker phrase against the discourse so far."""

    def speakers(self) -> None:
        discourse = Discourse(self.knowledge)
        covered = [d.span for d in self.drafts] + [(q.start, q.end) for q in self.quotes]
        for draft in self.drafts:
            if draft.cue is not None:
                covered += [
                    s
                    for s in (draft.cue.subject, draft.cue.apposition, draft.cue.recipient)
                    if s is not None
                ]
        names: list[tuple[int, int, NameMention]] = []
        objects: set[int] = set()
        # The subject of reported words is named by the narrator too ("Ukrainian President
        # Volodymyr Zelenskyy spoke ..., The Associated Press reported").
        spans = {d.span for d in self.drafts if d.kind is CandidateKind.INDIRECT}
        # A name opening reported words is their subject ("said Priebus was ..."), but the
        # object of a speech act ("accused Priebus of leaking") is not.
        openings = [
            d.span[0]
            for d in self.drafts
            if d.kind is CandidateKind.INDIRECT and d.cue is not None and d.rule != "object-content"
        ]
        lowered = self.masked.lower()
        outlets = (
            [
                (m.start(1), self.sentence_of(m.start(1)), m.group(1))
                for m in _OUTLET_MENTION.finditer(self.masked)
            ]
            if any(word in lowered for word in _OUTLET_NOUNS)
            else []
        )
        items = [0] + [m.end() for m in _ITEM_START.finditer(self.text)]
        surnames: set[str] = set()
        counted = 0
        for sentence in self.sentences:
            for mention in person_names(self.masked, sentence.start, sentence.end):
                inside = [(a, b) for a, b in covered if a <= mention.start < b]
                in_content = bool(inside) and all(span in spans for span in inside)
                at_opening = in_content and any(
                    0 <= mention.start - at <= 40
                    and len(self.masked[at : mention.start].split()) <= 4
                    for at in openings
                )
                if not inside or in_content:
                    names.append((mention.start, sentence.paragraph, mention))
                    if not at_opening and (
                        in_content or self.after_a_verb(sentence, mention.start)
                    ):
                        # Named inside reported words: a weaker antecedent than a subject.
                        objects.add(mention.start)
            surnames.update(m.name.split()[-1] for _, _, m in names[counted:])
            counted = len(names)
            single = self.single_name_subject(sentence, surnames)
            if single is not None and not any(a <= single.start < b for a, b in covered):
                names.append((single.start, sentence.paragraph, single))
        events: list[tuple[int, int, NameMention | Draft | str]] = [
            (at, 0, mention) for at, _, mention in names
        ]
        events += [(at, 0, name) for at, _, name in outlets]
        paragraph_at = {at: paragraph for at, paragraph, _ in outlets}
        paragraph_of = {id(mention): paragraph for _, paragraph, mention in names}
        for draft in self.drafts:
            at = self.speaker_span(draft)
            events.append((at[0] if at else draft.span[0], 1, draft))
        events.sort(key=lambda e: (e[0], e[1]))
        resolved: dict[Span, SpeakerRef] = {}
        quoted: list[Draft] = []
        for position, _, item in events:
            if isinstance(item, str):
                discourse.outlet(position=position, paragraph=paragraph_at[position], name=item)
                continue
            if isinstance(item, NameMention):
                discourse.mention(
                    position=position,
                    paragraph=paragraph_of[id(item)],
                    name=item.name,
                    as_object=position in objects,
                )
                continue
            span = self.speaker_span(item)
            if span is not None:
                if span not in resolved:
                    span = self.noun_part(span)
                if span not in resolved:
                    phrase = self.text[span[0] : span[1]]
                    floor = max(start for start in items if start <= position)
                    known = len(discourse.history)
                    holder = self.holder_for_pronoun(item, phrase)
                    if holder is not None:
                        # "Smith said he told police ...": "he" inside Smith's words is Smith.
                        resolved[span] = replace(holder, as_printed=phrase)
                        discourse.history.append(
                            discourse.entry_for(resolved[span], position, item.paragraph)
                        )
                    else:
                        resolved[span] = discourse.resolve(
                            phrase, position=position, paragraph=item.paragraph, floor=floor
                        )
                    if item.cue is not None and item.cue.sentence.index < 0:
                        # Someone quoted inside quoted words is no antecedent for the
                        # narrator's "he said" after the quotation.
                        del discourse.history[known:]
                    resolved[span] = self.with_apposition(item.cue, resolved[span], discourse)
                    if self.speaks_as_it(item, resolved[span]):
                        # "Amazon said it would cut jobs": a body, not a person.
                        resolved[span] = replace(resolved[span], type=SpeakerType.ORGANISATION)
                        discourse.retype_last(resolved[span])
                item.speaker = resolved[span]
            elif item.rule == "quote-continues" and item.cue is None:
                # The next paragraph of a quotation over several: its first part's speaker.
                last = quoted[-1] if quoted else None
                if last is not None and last.speaker is not None:
                    item.speaker = replace(last.speaker, as_printed=None)
                    item.cue_text, item.intermediary = last.cue_text, last.intermediary
            elif item.rule == "continued-quote" and (after := self.named_after(item)) is not None:
                # '"We are not going anywhere." Those were the words of Mayor John Lee.'
                phrase = self.text[after[0] : after[1]]
                item.speaker = discourse.resolve(
                    phrase, position=after[0], paragraph=item.paragraph
                )
                item.rule, item.cue_text = "named-after-quote", None
            elif item.rule == "continued-quote":
                named = discourse.person_in_paragraph(item.paragraph)
                if named is None and self.after_a_colon(item):
                    # "X issued the following statement:" / "“We have learned ...”"
                    named = discourse.person_in_paragraph(item.paragraph - 1)
                if named is not None:
                    # "“A,” Reeves said. “B.”": the quotation goes on in the same paragraph.
                    last = quoted[-1] if quoted else None
                    goes_on = (
                        last is not None
                        and last.paragraph == item.paragraph
                        and last.speaker is not None
                        and last.speaker.best == named.best
                    )
                    item.rule = "quote-continues" if goes_on else "named-before-quote"
                item.speaker = named or self.continued_speaker(item, quoted)
                if item.rule == "quote-continues" and last is not None:
                    # The second part of a split quotation came with the first one's cue.
                    item.cue_text, item.intermediary = last.cue_text, last.intermediary
                else:
                    item.cue_text, item.intermediary = None, None
            if (
                item.kind is not CandidateKind.INDIRECT
                and item.speaker is not None
                and item.rule != "nested-quote"  # words a quotation repeats: not its speaker
            ):
                quoted.append(item)
        self.pull_quotes()
        self.named_next(names)

    def named_next(self, names: Sequence[tuple[int, int, NameMention]]) -> None:
        """ "Ukraine's foreign minister says ... . Dmytro Kuleba called ...": a role description
        whose next sentence, in the same paragraph, opens with a person not named before."""
        for draft in self.drafts:
            speaker, cue = draft.speaker, draft.cue
            if speaker is None or cue is None or speaker.resolved is not None:
                continue
            if speaker.type is not SpeakerType.PERSON or speaker.as_printed is None:
                continue
            words = speaker.as_printed.split()
            if not words or len(words) > 5 or words[-1].lower() not in _ROLE_HEADS:
                continue
            index = cue.sentence.index + 1
            if index <= 0 or index >= len(self.sentences):
                continue  # words inside a quotation have no next sentence of their own
            following = self.sentences[index]
            if following.paragraph != cue.sentence.paragraph:
                continue
            opening = [
                m
                for at, _, m in names
                if following.start <= at < following.end
                and len(self.masked[following.start : at].split()) <= 3
                # "Dmytro Kuleba called ...", not "John Smith, an economist, warned ..."
                and _VERB_NEXT.match(self.masked, m.end, following.end) is not None
            ]
            if not opening:
                continue
            name = opening[0].name
            if any(m.name == name and at < following.start for at, _, m in names):
                continue
            draft.speaker = replace(speaker, resolved=name, description=speaker.as_printed)

    def pull_quotes(self) -> None:
        """A quotation without a cue printed again, word for word, with one (a pull quote
        above the story, a teaser) has the speaker of that other printing."""
        if all(d.cue is not None for d in self.drafts):
            return
        cued = {
            _words_of(self.text, d.span): d
            for d in self.drafts
            if d.speaker is not None and d.speaker.best is not None
        }
        for draft in self.drafts:
            if draft.cue is not None:
                continue
            words = _words_of(self.text, draft.span)
            twin = cued.get(words)
            if twin is None and len(words.split()) >= 6:
                # "... the full statement": the pull quote is a part of it.
                twin = next((d for w, d in cued.items() if f" {words} " in f" {w} "), None)
            if twin is not None and twin is not draft and twin.speaker is not None:
                draft.speaker = replace(twin.speaker, as_printed=None)

    def named_after(self, draft: Draft) -> Span | None:
        """The speaker a quotation without a cue gets from the next sentence ("Those were
        the words of X", "So said X", "The words came from X")."""
        own = self.sentence_at(max(draft.span[1] - 1, draft.span[0]))
        if own is None or own.index + 1 >= len(self.sentences):
            return None
        following = self.sentences[own.index + 1]
        if following.paragraph - own.paragraph > 1:
            return None
        match = _NAMED_AFTER.match(self.masked, following.start, following.end)
        if match is None:
            return None
        return trim(self.masked, match.start("who"), match.end("who"))

    def after_a_colon(self, draft: Draft) -> bool:
        """Whether the quotation opens the paragraph after one that ends with a colon."""
        before = self.text[: draft.span[0]].rstrip(" \"\u201c\u201d'\u2018")
        if not before.endswith("\n"):
            return False
        return before.rstrip().endswith(":")

    def single_name_subject(
        self, sentence: Sentence, surnames: set[str] | frozenset[str] = frozenset()
    ) -> NameMention | None:
        """ "Later, in his nightly video address, Zelenskyy reacted ...": one capitalised
        word as the subject of a narrator's sentence is a person's (sur)name."""
        masked = self.masked
        for count, match in enumerate(WORD.finditer(masked, sentence.start, sentence.end)):
            if count > 16:
                return None  # a subject that far from the start is not a bare surname
            if verb_like(match.group(0)):
                before = masked[sentence.start : match.start()].rstrip(" ,")
                cut = max(before.rfind(","), before.rfind(":"), before.rfind(MASK))
                phrase = before[cut + 1 :].strip()
                words = phrase.split()
                if len(words) != 1 or not _SINGLE_NAME.match(phrase):
                    return None
                if phrase in SENTENCE_WORDS or phrase in PLACES or phrase in ORGANISATION_WORDS:
                    return None
                if classify(phrase, outlets=self.knowledge.outlets).type is not SpeakerType.PERSON:
                    return None
                if (
                    phrase not in surnames
                    and _PERSON_SIGNAL.search(masked, sentence.start, sentence.end) is None
                ):
                    return None  # "Gazprom cut supplies": nothing says it is a person
                start = (
                    sentence.start
                    + cut
                    + 1
                    + (len(before[cut + 1 :]) - len(before[cut + 1 :].lstrip()))
                )
                return NameMention(start, start + len(phrase), phrase)
        return None

    def after_a_verb(self, sentence: Sentence, at: int) -> bool:
        """ "refused to criticise goalkeeper Andre Lindqvist": a name after its clause's verb."""
        start = clause_start(self.masked, sentence.start, at)
        before = WORD.findall(self.masked, start, at)
        # "Speaking with VOA reporter Peter Clottey, he said": a name in a prepositional
        # phrase is not the subject either.
        return any(verb_like(w) or w in _OBJECT_PREPOSITIONS for w in before)

    def speaker_span(self, draft: Draft) -> Span | None:
        cue = draft.cue
        if cue is None:
            return None
        if cue.source is None:
            # "a British passport holder who said he was ...": the one the relative names.
            window = self.masked[cue.sentence.start : cue.verb[0]]
            # Inside quoted words (nested speech) the antecedent may stand before the mark:
            # 'a representative of a Dutch farm "who said he wanted ...'.
            source = self.text if cue.sentence.index < 0 else self.masked
            begin = max(0, cue.verb[0] - 160) if cue.sentence.index < 0 else cue.sentence.start
            found = (
                list(_WHO_SAID.finditer(source, begin, cue.verb[0] + 1))
                if " who " in source[begin : cue.verb[0]]
                or "\u201cwho " in source[begin : cue.verb[0]]
                else []
            )
            who = found[-1] if found else None
            if who is not None and who.end() >= cue.verb[0]:
                return (who.start(1), who.end(1))
            named_who = (
                _NAME_WHO.search(
                    self.masked, max(cue.sentence.start, cue.verb[0] - 120), cue.verb[0] + 1
                )
                if " who " in window[-120:]
                else None
            )
            if named_who is not None and named_who.end() >= cue.verb[0]:
                return (named_who.start(1), named_who.end(1))
            quoted = (
                _QUOTED_SAYING.search(self.masked, cue.sentence.start, cue.verb[0])
                if "quoted" in window
                else None
            )
            read = (
                _READ_SAYING.search(self.masked, cue.sentence.start, cue.verb[0])
                if " read " in window
                else None
            )
            if cue.form is CueForm.PARTICIPLE and read is not None:
                # "A spokesman read a statement from al-Sadr, saying ...": al-Sadr's words.
                return (read.start(1), read.end(1))
            if cue.form is CueForm.PARTICIPLE and quoted is not None:
                # "The paper quoted an unnamed fisherman, saying, ...": the fisherman spoke.
                return (quoted.start(1), quoted.end(1))
            if cue.inherit:
                inner = self.inner_subject(cue)
                if inner is not None:
                    return inner
            named = self.name_before_description(cue)
            if named is not None:
                return named
        return cue.source or cue.subject

    def holder_for_pronoun(self, draft: Draft, phrase: str) -> SpeakerRef | None:
        """The speaker of the reported words this pronoun's cue stands in, when they agree."""
        cue = draft.cue
        word = phrase.strip().lower()
        if cue is None or word not in ("he", "she", "it", "they"):
            return None
        for other in self.drafts:
            if other is draft or other.kind is not CandidateKind.INDIRECT:
                continue
            if not other.span[0] <= cue.verb[0] < other.span[1] or other.speaker is None:
                continue
            speaker = other.speaker
            if speaker.best is None or (other.cue is not None and other.cue is cue):
                continue
            if agrees(word, speaker):
                return speaker
        return None

    def noun_part(self, span: Span) -> Span:
        """A speaker phrase cut to its noun phrase: "Scaramucci used profane language to"
        is Scaramucci (the words before the first verb)."""
        words = list(WORD.finditer(self.text, span[0], span[1]))
        for index, match in enumerate(words):
            if index == 0 or index == len(words) - 1 or not verb_like(match.group(0)):
                continue
            before = [w.group(0).lower() for w in words[:index]]
            if all(w in _DETERMINED or w in ("the", "this", "that", "its") for w in before):
                return span  # "the detained man": a participle used as an adjective
            cut = trim(self.text, span[0], match.start())
            return cut if cut is not None else span
        return span

    def speaks_as_it(self, draft: Draft, ref: SpeakerRef) -> bool:
        """A one-word name whose reported clause calls it "it" ("Hamas said it had ...")."""
        if draft.kind is not CandidateKind.INDIRECT or ref.type is not SpeakerType.PERSON:
            return False
        name = ref.resolved or ""
        if not name or " " in name or ref.as_printed is None or ref.as_printed.lower() in PRONOUNS:
            return False
        opening = self.masked[draft.span[0] : draft.span[0] + 40]
        if _EXPLETIVE_IT.match(opening):
            return False  # "said it is "very clear" the man ...": no one is "it"
        words = opening.split()
        return bool(words) and words[0] in ("it", "its")

    def name_before_description(self, cue: Cue) -> Span | None:
        """ "John Doe, 45, a father of three, said": the name before the description."""
        subject = cue.subject
        if subject is None or cue.inverted or cue.apposition is not None:
            return None
        words = self.masked[subject[0] : subject[1]].split()
        if not words or words[0].lower() not in ("a", "an"):
            return None
        found = list(_NAME_THEN_AGE.finditer(self.masked, cue.sentence.start, subject[0]))
        before = found[-1] if found else None
        if before is None or before.end() != subject[0]:
            return None
        return (before.start(1), before.end(1))

    def inner_subject(self, cue: Cue) -> Span | None:
        """ "Barise told VOA Somali Service the suspect said ...": a noun phrase between the
        previous cue and this verb is this verb's own subject (speech inside speech)."""
        earlier = [c for c in self.cues.get(cue.sentence.index, []) if c.verb[1] <= cue.verb[0]]
        if not earlier or earlier[-1] is cue:
            return None
        previous = earlier[-1]
        if cue.form is CueForm.PARTICIPLE and self.masked[: cue.verb[0]].rstrip().endswith(","):
            return None  # "dismissed the attack, calling it ...": the object, not a subject
        start = max(previous.after, previous.phrase_end)
        span = trim(self.masked, start, cue.verb[0])
        if span is None or _COORDINATED.search(self.masked, span[0], cue.verb[0]):
            # "NATO has not confirmed his death but says": one subject for both verbs.
            return None
        words = self.masked[span[0] : span[1]].split()
        if words and words[0] == "that":
            span = trim(self.masked, span[0] + 4, span[1])
            words = words[1:]
        if span is None or not 1 <= len(words) <= 5 or not noun_phrase_like(self.masked, span):
            return None
        if words[0].lower() not in _DETERMINED and not words[0][:1].isupper():
            return None
        return span

    def sentence_of(self, offset: int) -> int:
        sentence = self.sentence_at(offset)
        return sentence.paragraph if sentence is not None else 0

    def with_apposition(self, cue: Cue | None, ref: SpeakerRef, discourse: Discourse) -> SpeakerRef:
        if cue is None or cue.apposition is None or cue.source is not None:
            return ref
        role = self.text[cue.apposition[0] : cue.apposition[1]]
        noun = classify(role, outlets=self.knowledge.outlets)
        if noun.type is SpeakerType.PERSON and noun.name is not None and ref.resolved is None:
            # "A senior Hamas official, Basem Naim, told ...": the apposition names them.
            named = SpeakerRef(ref.as_printed, noun.name, ref.as_printed, SpeakerType.PERSON)
            discourse.amend_last(named, name=noun.name)
            return named
        if ref.resolved is not None:
            discourse.note_apposition(ref.resolved, role)
        if (
            noun.type is SpeakerType.ORGANISATION
            and noun.name is None
            and ref.type is SpeakerType.PERSON
            and ref.resolved is not None
            and " " not in ref.resolved
        ):
            # "Streamly, the video platform,": a single name described as a body is one.
            ref = replace(ref, type=SpeakerType.ORGANISATION)
        return replace(ref, description=ref.description or role)

    def continued_speaker(self, draft: Draft, quoted: Sequence[Draft]) -> SpeakerRef | None:
        recent = [d for d in quoted if draft.paragraph - d.paragraph <= 2]
        if recent:
            source = recent[-1]
        else:
            counts = Counter(d.speaker.best for d in quoted if d.speaker is not None)
            if not counts:
                return None
            best = counts.most_common(1)[0][0]
            source = next(d for d in quoted if d.speaker is not None and d.speaker.best == best)
        speaker = source.speaker
        return None if speaker is None else replace(speaker, as_printed=None)
