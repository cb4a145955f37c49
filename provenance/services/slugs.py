"""Slugs: the natural keys of outlets, speakers, articles and quotations."""

from __future__ import annotations

import re
import unicodedata

from provenance.errors import InvalidInputError
from provenance.models.base import SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN)


def check_slug(slug: str) -> None:
    """Refuse a slug the database would refuse, with a message that says why."""
    if not _SLUG.match(slug):
        raise InvalidInputError(
            f"{slug!r} is not a slug",
            field="slug",
            hint="use lowercase letters and digits joined by single hyphens, "
            f"such as {slugify(slug)!r}",
        )


def slugify(text: str, *, max_words: int = 8) -> str:
    """A slug made of the first words of ``text`` ("Talal Silo" -> "talal-silo")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words]) or "x"
