"""Deterministic synthetic words and names: unique per number, pronounceable, plain ASCII.

Generated text never holds a tab, a backslash or a quotation mark, so COPY rows need no
escaping except the paragraph breaks of article bodies.
"""

from __future__ import annotations

SYLLABLES = (
    "ka", "lo", "mi", "ra", "te", "vo", "su", "ne", "di", "pa", "zo", "ri",
    "ma", "ko", "le", "tu", "ba", "ge", "ni", "so", "ha", "ye", "fa", "cu",
)  # fmt: skip

# Frequent English words, so full-text search sees stop words and stemming at work.
COMMON_WORDS = (
    "we", "will", "not", "the", "of", "and", "to", "in", "our", "this", "is", "are",
    "people", "government", "country", "forces", "city", "talks", "attack", "support",
    "never", "continue", "security", "peace", "war", "agreement", "border", "region",
    "must", "all", "they", "have", "been", "there", "no", "plan", "their", "army",
    "civilians", "fighters", "operation", "withdraw", "ceasefire", "election", "vote",
    "economy", "prices", "workers", "strike", "minister", "president", "report",
)  # fmt: skip

OUTLET_NOUNS = ("times", "post", "herald", "tribune", "observer", "radio", "agency", "daily")
ORGANISATION_NOUNS = ("ministry", "council", "front", "union", "party", "command", "office")
ROLES = ("spokesman", "spokeswoman", "commander", "minister", "adviser", "director", "envoy")
UNNAMED = (
    "one of the truck drivers",
    "sources from the city",
    "a senior official",
    "a witness",
    "diplomatic sources",
    "a local resident",
)


def word(number: int) -> str:
    """A made-up word unique to ``number`` (at least two syllables)."""
    parts = []
    n = number + len(SYLLABLES)  # every number gets two syllables or more
    while n:
        n, digit = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts)


def title(text: str) -> str:
    """Capitalise the first letter only."""
    return text[:1].upper() + text[1:]
