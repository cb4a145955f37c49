"""What a noun phrase names: a pronoun, a person, an organisation, an outlet or a role."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from provenance.extraction.genders import gender_of
from provenance.extraction.lexicon import (
    DEMONYMS,
    HONORIFICS,
    KNOWN_OUTLETS,
    NON_PERSON_HEADS,
    ORGANISATION_WORDS,
    OUTLET_WORDS,
    PERSON_HEADS_SUFFIXES,
    PLACES,
    PRONOUNS,
    SENTENCE_WORDS,
    TITLE_WORDS,
)
from provenance.extraction.model import SpeakerRef, SpeakerType

_CONNECTORS = {
    "of",
    "al",
    "bin",
    "ibn",
    "de",
    "van",
    "von",
    "der",
    "den",
    "ten",
    "ter",
    "la",
    "le",
    "du",
    "da",
    "di",
    "del",
    "el",
    "and",
}
_PARTICLES = "(?:al|bin|ibn|de|van|von|der|den|ten|ter|la|le|du|da|di|del|el)"
# A role description ending in a person's name ("Press secretary Karine Jean-Pierre").
_ROLE_THEN_NAME = re.compile(
    r"^(?P<role>.*\b[a-z][\w\u2019'-]*)\s+(?P<name>[A-Z][\w\u2019'-]+"
    r"(?:\s+(?:" + _PARTICLES + r"\s+)*[A-Z][\w\u2019'-]+)+)$"
)
_DEMONYM = re.compile(r"^(?:[A-Z][a-z]+(?:man|woman|men|women)|Briton|[A-Z][a-z]+ese)$")
_DETERMINERS = ("the ", "a ", "an ")
_DESCRIBED_OUTLET = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*(?:\u2019s|'s)\s+)?(?:[a-z-]+\s+)*"
    r"(?:news\s+agency|newspaper|broadcaster|magazine|tabloid|daily|"
    r"news\s+website|news\s+channel|television\s+channel|radio\s+station)\s+"
    r"(?P<name>[A-Z][\w.&\u2019'-]*(?:\s+[A-Z][\w.&\u2019'-]*)*)$"
)
# "Russian President Vladimir Putin in late February": when is not who.
_TIME_AFTER = re.compile(
    r"\s+(?:in|on|at|last|this|early|late|earlier)\s+(?:(?:early|late|mid|the)\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|"
    r"morning|afternoon|evening|night|\d{4})\b.*$"
)
_OUTLET_BY_MEDIUM = re.compile(
    r"^(?:the\s+)?(?:(?:[A-Z][a-z]+|state|state-run|state-owned|official|national|local|"
    r"public|government-run|pan-Arab)\s+)+(?:television|TV|radio|media|news\s+agency|"
    r"broadcaster|press)$"
)
_INDEFINITE = re.compile(
    r"^(?:a|an|one|two|three|four|several|some|many|most|other|unnamed|anonymous|sources|"
    r"officials|witnesses|residents|people|experts|analysts|diplomats|critics|scientists|"
    r"researchers|doctors|activists|protesters|investigators|prosecutors|authorities|"
    r"lawmakers|observers|locals|survivors|neighbours|neighbors|relatives|eyewitnesses)\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"^(?P<owner>[A-Z][^\u2019']*?)(?:\u2019s|'s|\u2019|')\s+(?P<rest>.+)$")
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:ish|ian|ese|an|i|ch|ic)$")
_SPLIT_HEAD = frozenset(
    ["of", "on", "for", "in", "at", "from", "who", "which", "that", "with", "to"]
)
_CAPITALISED = re.compile(r"^[A-Z][\w\u2019'.&-]*$")
_REPORT_OF = re.compile(
    r"^(?:(?:the|a|an|new|latest|recent|earlier)\s+)*(?:reports?|reporting|investigation|"
    r"coverage|footage|video)\s+(?:by|from|of|in|on)\s+(?P<outlet>.+?)"
    r"(?:\s+(?:on|last|this|earlier)\s+\w+|\s+\w+ed\s+by\s+.*)?$",
    re.IGNORECASE,
)
_OUTLET_REPORT = re.compile(
    r"^(?:(?:the|a|an|new|latest|recent|earlier)\s+)*(?P<outlet>(?:[A-Z][\w&.-]*\s+)*"
    r"[A-Z][\w&.-]*?)(?:\u2019s|'s)?\s+(?:reports?|reporting|investigation|documentary|story|"
    r"broadcast|interview|footage|video)$"
)
_NAME_RUN = re.compile(
    r"\b[A-Z][\w\u2019'-]+(?:\s+(?:(?:al|bin|ibn|de|van|von|der|la|du|da|el)\s+)?"
    r"(?:[A-Z]\.(?=\s+[A-Z])|[A-Z][\w\u2019'-]*))*"
)


@dataclass(frozen=True)
class NounPhrase:
    """A classified noun phrase: its type, the name it carries, and a role it describes."""

    text: str
    type: SpeakerType
    name: str | None  # a proper name in it ("Binali Yildirim", "BBC"), when there is one
    pronoun: bool = False
    role: str | None = None  # the title or description beside the name, when there is one


def strip_determiner(text: str) -> str:
    """``text`` without a leading "the", "a" or "an"."""
    lowered = text.lower()
    for determiner in _DETERMINERS:
        if lowered.startswith(determiner):
            return text[len(determiner) :]
    return text


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Lowercase, determiner-free, whitespace-collapsed form for comparing names."""
    cleaned = re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip(" ,.;:")
    return strip_determiner(cleaned).lower()


@functools.cache
def _outlet_keys(outlets: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalise(o) for o in (*KNOWN_OUTLETS, *outlets))


def is_outlet_name(name: str, outlets: Iterable[str] = ()) -> bool:
    """Whether ``name`` names a news outlet (a known one, or by its words: Agency, News ...)."""
    if normalise(name) in _outlet_keys(tuple(outlets)):
        return True
    return any(word in OUTLET_WORDS for word in name.split())


# Small words inside an organisation's name ("Institute for Fiscal Studies", "Markets & Co").
_NAME_INNER = frozenset(["for", "on", "&"])


def _all_capitalised(words: list[str]) -> bool:
    return (
        bool(words)
        and all(_CAPITALISED.match(w) or w in _CONNECTORS or w in _NAME_INNER for w in words)
        and words[0] not in _NAME_INNER
        and words[-1] not in _NAME_INNER
    )


def _is_title_word(word: str) -> bool:
    """ "President", "Secretary-General", "Vice-President": a title word or hyphened ones."""
    return word in TITLE_WORDS or (
        "-" in word and all(part in TITLE_WORDS for part in word.split("-"))
    )


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Leading title and nationality words, and the name after them."""
    cut = 0
    while cut < len(words) - 1 and (
        _is_title_word(words[cut])
        or (_NATIONALITY.match(words[cut]) and _is_title_word(words[cut + 1]))
    ):
        cut += 1
    if 0 < cut < len(words) - 3 and words[cut] in ("of", "for"):
        # "Minister of Information Jamal Jarrah": the office runs to the last two words.
        cut = len(words) - 2
    inner = [i for i, w in enumerate(words[:-2]) if _is_title_word(w) and i >= cut]
    if inner:
        # "Police Commissioner Danielle Outlaw": the title ends inside the run.
        cut = inner[-1] + 1
    return words[:cut], words[cut:]


def is_title(words: list[str]) -> bool:
    """Whether the words are a title alone ("President", "Secretary-General")."""
    parts = [p for w in words for p in w.split("-")]
    return bool(parts) and all(p in TITLE_WORDS or p in ("of", "the") for p in parts)


def _head_noun(text: str) -> str:
    """The last word before the first preposition that follows a common noun."""
    words = text.split()
    for index, word in enumerate(words[1:], start=1):
        # "Analysts at Deutsche Bank": a capital opening the sentence is still a common noun.
        if word in _SPLIT_HEAD and (words[index - 1][:1].islower() or index == 1):
            return words[index - 1].lower().strip(",.")
    while len(words) > 1 and words[-1].lower().strip(",.") in ("here", "there"):
        words = words[:-1]  # "the electoral mission here": the head is "mission"
    return words[-1].lower().strip(",.") if words else ""


def _is_person_head(head: str) -> bool:
    if head in NON_PERSON_HEADS:
        return False
    return True if head.endswith(PERSON_HEADS_SUFFIXES) else head not in NON_PERSON_HEADS


def classify(text: str, *, outlets: Iterable[str] = ()) -> NounPhrase:
    """Classify a speaker noun phrase as printed."""
    return _classify(text, tuple(outlets))


@functools.lru_cache(maxsize=8192)
def _classify(text: str, outlets: tuple[str, ...]) -> NounPhrase:
    phrase = _TIME_AFTER.sub("", text.strip(" ,.;:")) or text.strip(" ,.;:")
    if phrase.lower() in PRONOUNS:
        return NounPhrase(phrase, SpeakerType.UNKNOWN, None, pronoun=True)
    for pattern in (_REPORT_OF, _OUTLET_REPORT):
        match = pattern.match(phrase)
        if match and _all_capitalised(strip_determiner(match.group("outlet")).split()):
            outlet = strip_determiner(match.group("outlet"))
            return NounPhrase(phrase, SpeakerType.OUTLET, outlet)
    bare = strip_determiner(phrase)
    by_medium = _OUTLET_BY_MEDIUM.match(phrase)
    if by_medium is not None:
        # "Libyan television", "state media", "Iranian state TV": an outlet by its medium.
        return NounPhrase(phrase, SpeakerType.OUTLET, bare)
    described = _DESCRIBED_OUTLET.match(phrase)
    if described is not None:
        # "the state news agency IRNA", "the newspaper Le Monde": an outlet by its description.
        return NounPhrase(phrase, SpeakerType.OUTLET, described.group("name"))
    owner = _POSSESSIVE.match(bare)
    if owner is not None and _all_capitalised(owner.group("owner").split()):
        # "Sky News\u2019 Kay Burley", "Wigan's Roberto Martinez": the name after the owner.
        owned = classify(owner.group("rest"), outlets=outlets)
        if owned.type is SpeakerType.PERSON and owned.name is not None:
            affiliation = owner.group(0)[: owner.start("rest")].strip()
            owned_role = " ".join(x for x in (affiliation, owned.role) if x)
            return NounPhrase(phrase, SpeakerType.PERSON, owned.name, role=owned_role)
    words = bare.split()
    if _INDEFINITE.match(phrase) and (len(words) == 1 or not _all_capitalised(words)):
        person = _is_person_head(_head_noun(phrase))
        kind = SpeakerType.UNNAMED if person else SpeakerType.ORGANISATION
        return NounPhrase(phrase, kind, None, role=phrase)
    if words and words[0] in _CONNECTORS and _all_capitalised(words[1:]):
        return NounPhrase(phrase, SpeakerType.PERSON, bare)  # "ten Hag", "van Dijk"
    if len(words) == 1 and phrase != bare and (_DEMONYM.match(bare) or bare in DEMONYMS):
        return NounPhrase(phrase, SpeakerType.PERSON, None, role=phrase)  # "the Dutchman"
    role_name = _ROLE_THEN_NAME.match(bare)
    if role_name and role_name.group("role").split()[-1] in _CONNECTORS:
        role_name = None  # "Minister of Information Jamal Jarrah": a title, then the name
    if role_name and not any(w in ORGANISATION_WORDS for w in role_name.group("name").split()):
        name = role_name.group("name")
        return NounPhrase(phrase, SpeakerType.PERSON, name, role=phrase[: -len(name)].strip())
    if phrase != bare and is_title(words):
        return NounPhrase(phrase, SpeakerType.PERSON, None, role=phrase)  # "the President"
    if _all_capitalised(words):
        title, name = split_title(words)
        titled = (
            title
            and len(name) >= 2
            and not any(w in ORGANISATION_WORDS or w in OUTLET_WORDS for w in name)
            and normalise(bare) not in _outlet_keys(tuple(outlets))
        )
        if titled:
            # "Deputy Pentagon Press Secretary Sabrina Singh": a person with a long title.
            role = " ".join(w for w in title if w not in HONORIFICS) or None
            return NounPhrase(phrase, SpeakerType.PERSON, " ".join(name), role=role)
        if is_outlet_name(bare, outlets):
            return NounPhrase(phrase, SpeakerType.OUTLET, bare)
        title, name = split_title(words)
        organisation = (
            phrase != bare
            or any(w in ORGANISATION_WORDS for w in name)
            or (len(words) == 1 and words[0] in PLACES)
            or (len(name) == 1 and name[0].isupper() and len(name[0]) > 1)
        )
        if organisation:
            return NounPhrase(phrase, SpeakerType.ORGANISATION, bare)
        title_role = " ".join(w for w in title if w not in HONORIFICS) or None
        return NounPhrase(phrase, SpeakerType.PERSON, " ".join(name), role=title_role)
    kind = SpeakerType.UNNAMED if _INDEFINITE.match(phrase) else SpeakerType.PERSON
    last = words[-1] if words else ""
    if not _is_person_head(_head_noun(phrase)) or (
        last[:1].isupper() and last.endswith("s") and not last.endswith(("ss", "'s"))
    ):
        # "the opposition Conservatives", "Houthi rebels"... a capitalised plural is a group
        kind = SpeakerType.ORGANISATION
    return NounPhrase(phrase, kind, None, role=phrase)


_PERSON_NOUNS = frozenset(
    """official officials source sources witness witnesses resident residents people police
    expert experts analyst analysts diplomat diplomats leader leaders member members staff
    aide aides colleague colleagues friend friends relative relatives family families
    eyewitness eyewitnesses survivor survivors victim victims student students doctor doctors
    nurse nurses someone person persons individual individuals insider insiders""".split()  # noqa: SIM905
)
_PERSON_SUFFIXES = (
    "er",
    "ers",
    "or",
    "ors",
    "ist",
    "ists",
    "ian",
    "ians",
    "ant",
    "ants",
    "ent",
    "ents",
    "man",
    "men",
    "woman",
    "women",
    "person",
    "people",
)


def names_a_source(phrase: str) -> bool:
    """Whether a cited phrase names someone who speaks (not "figures" or "reservations")."""
    noun = classify(phrase)
    if noun.type is SpeakerType.OUTLET or (noun.name is not None and not noun.pronoun):
        return True
    # "one of the truck drivers ...": the drivers are the head.
    partitive = re.sub(
        r"^(?:one|two|three|some|many|several|most|a few|none|each)\s+of\s+", "", phrase
    )
    chunk = re.split(r"\s(?:of|on|for|in|at|from|who|which|that|with|to|by)\s", partitive)[0]
    return any(
        word in _PERSON_NOUNS or (word.endswith(_PERSON_SUFFIXES) and len(word) > 4)
        for word in chunk.lower().split()[-3:]
    )


@dataclass(frozen=True)
class NameMention:
    """A person's name found in the narrator's text."""

    start: int
    end: int
    name: str


_INITIAL = re.compile(r"^[A-Z]\.$")
_NAME_SUFFIXES = frozenset(["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"])


def person_names(text: str, start: int, end: int) -> Iterator[NameMention]:
    """Person names of two words or more (titles dropped) between ``start`` and ``end``."""
    for match in _NAME_RUN.finditer(text, start, end):
        words = match.group(0).split()
        while words and words[0] in SENTENCE_WORDS:
            words = words[1:]
        title, name = split_title(words)
        while len(name) > 2 and name[-1] in _NAME_SUFFIXES:
            name = name[:-1]  # "Lloyd J. Austin III"
        if len(name) < 2 or any(
            w in ORGANISATION_WORDS or (w.isupper() and not _INITIAL.match(w)) for w in name
        ):
            continue
        if name[0].lower().endswith(("ing", "ed", "ly")):
            continue
        before = text[max(0, match.start() - 6) : match.start()].lower()
        if not title and before.endswith(
            (" the ", " of ", " in ", " to ", " at ", " for ", " from ", " by ", " a ", " an ")
        ):
            continue  # "the Kyiv Independent", "of Sierra Leone"; "of Defense Jim Mattis" is a name
        offset = match.start() + match.group(0).rfind(name[0])
        yield NameMention(offset, offset + len(" ".join(name)), " ".join(name))


def person_gender(speaker: SpeakerRef) -> str | None:
    """The gender the speaker's name, title or description shows ("m", "f"), if any."""
    if speaker.type not in (SpeakerType.PERSON, SpeakerType.UNNAMED):
        return None
    return gender_of(speaker.resolved, speaker.as_printed, speaker.description)
