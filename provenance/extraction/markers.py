"""Editorial markers inside quoted words: [insertions], [sic] and ellipses."""

from __future__ import annotations

import re

from provenance.extraction.model import Marker

_BRACKETS = re.compile(r"\[[^\[\]\n]{1,80}\]")
_ELLIPSIS = re.compile(r"\u2026|\.\s?\.\s?\.|\(\s*\u2026\s*\)|\(\s*\.\.\.\s*\)")


def find_markers(text: str) -> list[Marker]:
    """Markers found in ``text``, positions relative to it."""
    found: list[Marker] = []
    taken: list[tuple[int, int]] = []
    for match in _BRACKETS.finditer(text):
        inner = match.group(0)[1:-1].strip()
        if inner.lower() == "sic":
            kind = "sic"
        elif inner in ("...", "\u2026"):
            kind = "elision"
        else:
            kind = "insertion"
        found.append(Marker(kind, match.group(0), match.start()))
        taken.append(match.span())
    for match in _ELLIPSIS.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        found.append(Marker("elision", match.group(0), match.start()))
    return sorted(found, key=lambda m: m.position or 0)


def truncation() -> Marker:
    """The quote breaks off: the sentence carrying it is cut short."""
    return Marker("truncation", None, None, "The sentence breaks off after the quoted words.")
