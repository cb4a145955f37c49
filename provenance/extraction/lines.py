"""Line breaks: which newlines end a paragraph, and which only wrap a long line."""

from __future__ import annotations

import re

_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?![ \t]*\n)")
_WRAPPING_ENDS = ",;(\u2013\u2014-"
_CONNECTORS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "to",
        "in",
        "for",
        "with",
        "by",
        "on",
        "at",
        "from",
        "as",
        "that",
        "who",
        "which",
        "his",
        "her",
        "their",
        "its",
        "was",
        "were",
        "is",
        "are",
        "has",
        "had",
        "have",
        "be",
    ]
)
_OPENING = '"\u201c\u201e\u00ab\u2018'
# Hard-wrapped text fills its lines; a headline or byline rarely reaches this length.
WRAPPED_LINE = 60


def soft_newlines(text: str) -> frozenset[int]:
    """Offsets of newlines that wrap a line inside a paragraph (hard-wrapped plain text)."""
    soft = set()
    for match in _SINGLE_NEWLINE.finditer(text):
        at = match.start()
        line_start = text.rfind("\n", 0, at) + 1
        line = text[line_start:at].rstrip()  # any white space: a line of one no-break space
        following = text[at + 1 : at + 81].split("\n", 1)[0].lstrip()
        if not line or not following or following[0] in _OPENING:
            continue
        last_word = line.rsplit(None, 1)[-1].lower()
        if (
            following[0].islower()
            or line[-1] in _WRAPPING_ENDS
            or last_word in _CONNECTORS
            or (len(line) >= WRAPPED_LINE and line[-1].isalnum() and following[0].isalnum())
        ):
            soft.add(at)
    return frozenset(soft)


def hard_newline_before(text: str, at: int, soft: frozenset[int]) -> int:
    """Offset of the last paragraph-ending newline before ``at``, or -1."""
    index = text.rfind("\n", 0, at)
    while index != -1 and index in soft:
        index = text.rfind("\n", 0, index)
    return index
