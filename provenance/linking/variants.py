"""Two renderings of one statement spelling the same thing differently: made alike first.

Rewrites of a statement name things in other forms: an acronym for the name it stands for
("NTC forces" / "National Transitional Council forces", "U.S." / "US" / "United States"), a
hyphenated compound closed up ("run-off" / "runoff"), a short given name before the same
surname ("Steve Bannon" / "Stephen Bannon"). ``reconcile`` rewrites the second text into the
first one's forms (and the first into the second's, for acronyms it holds), so that word
scores see one word."""

from __future__ import annotations

import re

# A run of capitalised words, small linking words allowed inside ("Movement for Democratic
# Change"), and an acronym of two to six capitals.
_RUN = re.compile(r"\b[A-Z][\w'\u2019-]*(?:\s+(?:(?:of|for|and|the|de|du)\s+)?[A-Z][\w'\u2019-]*)+")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_HYPHENATED = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")
_GIVEN = re.compile(r"\b([A-Z][a-z]+)\s+([A-Z][a-z]{2,})\b")


def _initials(run: str) -> str:
    return "".join(word[0] for word in run.split() if word[:1].isupper())


def _acronyms(text: str, other: str) -> str:
    """``text`` with each run of capitalised words whose initials are an acronym of
    ``other`` (and not one of its own: then it spells both) replaced by that acronym."""
    wanted = set(_ACRONYM.findall(other)) - set(_ACRONYM.findall(text))
    if not wanted:
        return text

    def shorten(match: re.Match[str]) -> str:
        run = match.group(0)
        return _initials(run) if _initials(run) in wanted else run

    return _RUN.sub(shorten, text)


def _compounds(text: str, other: str) -> str:
    """``text`` with "run-off" closed up to "runoff" where ``other`` has the closed form."""
    closed = set(re.findall(r"[^\W\d_]+", other.lower()))

    def close(match: re.Match[str]) -> str:
        word = match.group(1) + match.group(2)
        return word if word.lower() in closed else match.group(0)

    return _HYPHENATED.sub(close, text)


def _given_names(text: str, other: str) -> str:
    """``text`` with a given name put in ``other``'s form where both put a given name of the
    same first three letters before one surname ("Steve Bannon" / "Stephen Bannon")."""
    theirs: dict[str, str] = {}
    for given, surname in _GIVEN.findall(other):
        theirs.setdefault(surname, given)

    def align(match: re.Match[str]) -> str:
        given, surname = match.group(1), match.group(2)
        other_given = theirs.get(surname)
        if other_given and other_given != given and other_given[:3] == given[:3]:
            return f"{other_given} {surname}"
        return match.group(0)

    return _GIVEN.sub(align, text)


_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")


def _close_dotted(text: str) -> str:
    """``text`` with dotted acronyms closed up ("U.S." / "US")."""
    return _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)


def reconcile(a: str, b: str) -> tuple[str, str]:
    """``a`` and ``b`` with their differently spelt names and compounds made alike."""
    a, b = _close_dotted(a), _close_dotted(b)
    a, b = _acronyms(a, b), _acronyms(b, a)
    b = _compounds(b, a)
    a = _compounds(a, b)
    b = _given_names(b, a)
    return a, b
