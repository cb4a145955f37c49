"""Whether two ways of naming someone or something agree: head words, surnames, acronyms.

Used to score the extractor against annotations written as free text ("He (Kargbo)",
"reporters (press briefing)", "VOA Somali Service"): a case-insensitive comparison of head
words, never a similarity score.
"""

from __future__ import annotations

import functools
import re

from provenance.extraction.lexicon import PRONOUNS

_PARENS = re.compile(r"\(([^()]*)\)")
_TOKEN = re.compile(r"[A-Za-z0-9][\w&\u2019'.-]*")
_DETERMINERS = frozenset(["the", "a", "an", "its", "his", "her", "their", "our", "some"])
_HONORIFICS = frozenset(["mr", "mrs", "ms", "dr", "prof", "sir", "dame"])
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
# A common-noun phrase's head is the last word before one of these ("officials in Libya").
_POST_HEAD = frozenset(
    [
        "of",
        "in",
        "at",
        "for",
        "from",
        "on",
        "with",
        "to",
        "by",
        "who",
        "which",
        "that",
        "who's",
        "whose",
        "about",
        "over",
        "during",
    ]
)
_CONNECTORS = frozenset(["of", "for", "and", "the", "on", "&"])
# Words too common to identify anything by themselves.
_WEAK = frozenset(
    """the a an of and for in on at to by new u.s us un said says as printed implied
    unnamed unspecified""".split()  # noqa: SIM905
)


def _tokens(text: str) -> list[str]:
    return [t.strip(".'\u2019").replace("\u2019", "'") for t in _TOKEN.findall(text)]


def _possessive_free(word: str) -> str:
    return re.sub(r"'s?$", "", word)


def outside_parentheses(text: str) -> str:
    """The text with parenthetical notes removed."""
    return " ".join(_PARENS.sub(" ", text).split())


def parenthetical(text: str) -> str | None:
    """The first piece of the first parenthetical note ("he (Kargbo; ...)" -> "Kargbo")."""
    found = _PARENS.search(text)
    if found is None:
        return None
    piece = re.split(r"[;,]", found.group(1))[0].strip()
    return piece or None


def is_pronoun(text: str) -> bool:
    return outside_parentheses(text).strip().lower() in PRONOUNS


def head_word(text: str) -> str | None:
    """The head of a phrase: a name's surname, a common noun phrase's head noun."""
    words = [w for w in _tokens(outside_parentheses(text)) if w]
    while words and words[0].lower() in _DETERMINERS | _HONORIFICS:
        words = words[1:]
    while words and words[-1].lower() in _SUFFIXES:
        words = words[:-1]
    if not words:
        return None
    for index, word in enumerate(words[1:], start=1):
        if word.lower() in _POST_HEAD and words[index - 1][:1].islower():
            return _possessive_free(words[index - 1].lower())
    if words[0][:1].isupper():
        # "Movement for Democratic Change": a name's head is before its first preposition
        # only for bodies; a person's name ends in the surname.
        for index, word in enumerate(words[1:], start=1):
            if word.lower() in ("of", "for") and len(words) > index + 1:
                return _possessive_free(words[index - 1].lower())
    return _possessive_free(words[-1].lower())


def _acronyms(text: str) -> set[str]:
    words = _tokens(outside_parentheses(text))
    capitals = [w for w in words if w[:1].isupper() and w.lower() not in ("the",)]
    if len(capitals) < 2:
        return set()
    with_small = [w for w in words if w[:1].isupper() or w.lower() in ("of", "for", "and")]
    result = {"".join(w[0] for w in capitals).lower()}
    if with_small and with_small[0].lower() != "the":
        result.add("".join(w[0] for w in with_small).lower())
    return result


def keys(text: str, *, proper_words: bool = False) -> set[str]:
    """Ways of naming that may match: the whole phrase, its head, acronyms, proper words."""
    return set(_keys(text, proper_words))


@functools.lru_cache(maxsize=8192)
def _keys(text: str, proper_words: bool) -> frozenset[str]:
    bare = outside_parentheses(text)
    tokens = [_possessive_free(t.lower()) for t in _tokens(bare)]
    tokens = [t for t in tokens if t not in _DETERMINERS]
    found: set[str] = set()
    if tokens:
        found.add(" ".join(tokens))
    head = head_word(bare)
    if head:
        found.add(head)
    found |= _acronyms(bare)
    if len(tokens) == 1 and tokens[0].isalpha():
        found.add(tokens[0])
    if proper_words:
        found.update(
            _possessive_free(t.lower())
            for t in _tokens(bare)
            if t[:1].isupper() and t.lower() not in _WEAK and len(t) > 1
        )
    return frozenset(k for k in found if k and k not in _WEAK and k not in PRONOUNS)


def compatible(gold: set[str], predicted: set[str]) -> bool:
    """Whether two key sets share a key (case-insensitive head-word match)."""
    return bool(gold & predicted)
