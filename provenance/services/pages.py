"""Keyset pagination: opaque cursors and pages of rows, shared by every listing."""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from provenance.errors import InvalidInputError

T = TypeVar("T")
SortKey = tuple[float | int | str, ...]


def encode_cursor(key: SortKey) -> str:
    """An opaque cursor for the row with this sort key."""
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode()


def cursor_sql(key_json: str) -> str:
    """encode_cursor in PostgreSQL, where the SQL text expression ``key_json`` is the key
    as json.dumps writes it (``'[' || id || ']'``, ``json_build_array(...)::text``).

    URL-safe base64 without the line breaks PostgreSQL writes every 76 characters.
    """
    return f"translate(encode(convert_to({key_json}, 'UTF8'), 'base64'), E'+/\\n', '-_')"


#: Sort keys end with a row id, a PostgreSQL bigint.
_MAX_BIGINT = 2**63 - 1


def _key_part(value: object) -> bool:
    """Whether ``value`` can be part of a sort key we wrote: a bigint, a finite number
    or text PostgreSQL can hold."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -_MAX_BIGINT <= value <= _MAX_BIGINT
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False  # a lone surrogate
        return "\x00" not in value
    return False


def decode_cursor(cursor: str, *, length: int) -> SortKey:
    """The sort key inside a cursor; InvalidInputError if it is not one of ours."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    if not isinstance(key, list) or len(key) != length or not all(map(_key_part, key)):
        raise InvalidInputError(
            f"{cursor!r} is not a cursor of this list",
            field="after",
            hint="pass the endCursor (or an edge's cursor) of a previous page of the same list",
        )
    return tuple(key)


def check_page_size(first: int, *, maximum: int) -> None:
    """Refuse a page size outside 0..maximum, saying what is allowed."""
    if not 0 <= first <= maximum:
        raise InvalidInputError(
            f"first must be between 0 and {maximum}, got {first}",
            field="first",
            hint="page through longer lists with after",
        )


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: items with their sort keys, and whether more follow."""

    items: Sequence[T]
    keys: Sequence[SortKey]
    has_next_page: bool

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[T, SortKey]], *, first: int) -> Page[T]:
        """Build a page from up to first + 1 rows (the extra one tells that more follow)."""
        kept = rows[:first]
        return cls([r[0] for r in kept], [r[1] for r in kept], len(rows) > first)
