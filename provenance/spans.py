"""Placing quoted words in an article body (W3C TextPositionSelector offsets)."""

from __future__ import annotations

from provenance.errors import AmbiguousTextError, InvalidInputError, TextNotFoundError


def occurrences(haystack: str, needle: str) -> list[int]:
    """Every start offset of ``needle`` in ``haystack``, overlapping ones included."""
    found = []
    at = haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def find_span(body: str, text: str, *, start: int | None = None) -> tuple[int, int]:
    """The ``(start, end)`` of ``text`` in ``body``; ``start`` picks one of several places."""
    if not text:
        raise InvalidInputError("the quoted text is empty", field="text")
    if start is not None:
        if body[start : start + len(text)] != text:
            raise TextNotFoundError(
                f"the article does not read {text!r} at offset {start}",
                field="start",
                hint=f"it reads {body[start : start + len(text)]!r} there; offsets count "
                "characters from 0",
            )
        return start, start + len(text)
    places = occurrences(body, text)
    if not places:
        raise TextNotFoundError(
            f"{text!r} does not occur in the article",
            field="text",
            hint="give the words exactly as printed, quotation marks excluded",
        )
    if len(places) > 1:
        raise AmbiguousTextError(
            f"{text!r} occurs {len(places)} times in the article, at offsets "
            + ", ".join(map(str, places)),
            field="text",
            hint="give the start offset of the one you mean",
        )
    return places[0], places[0] + len(text)
