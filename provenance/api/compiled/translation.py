"""What a compilable GraphQL field is in SQL: the translations the compiler builds from.

A translation is written over ``{row}``, the alias of the type's row in the statement.
Its JSON value must equal, byte for byte, what the resolvers and strawberry's scalars
produce (tests/api/compiled compares both paths field by field): ids are Relay global
ids, enums are member names, dates ISO 8601. The translations are not written here but
declared beside each field (compiled/declare.py) and read off the schema (sources.py).
SQL is rendered from SQLAlchemy Core over the models' columns, so that a renamed column
fails mypy or a test rather than a query.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import JSON, ColumnElement, Text, and_, case, cast, func, literal, literal_column
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import InstrumentedAttribute

#: The alias of the row a translation is written over, replaced by the compiler.
ROW = "{row}"


@dataclass(frozen=True)
class Column:
    """A leaf value: an SQL expression over ``{row}``."""

    sql: str


@dataclass(frozen=True)
class Related:
    """A to-one object: the row of ``type_name`` whose id is ``key`` (null if none)."""

    type_name: str
    key: str


@dataclass(frozen=True)
class Inline:
    """An object made of columns of the same row, null unless ``present`` holds."""

    type_name: str
    present: str


@dataclass(frozen=True)
class Rows:
    """A list of ``type_name`` rows whose ``key`` column is this row's id, oldest first."""

    type_name: str
    key: str


@dataclass(frozen=True)
class Children:
    """A connection over the ``type_name`` rows whose ``key`` column is this row's id.

    Paged like api/types/nodes.child_connection: by id, ``first`` (default 20) after the
    cursor ``after``, totalCount over all of them.
    """

    type_name: str
    key: str


@dataclass(frozen=True)
class Chain:
    """An attribution's chain of hops (the translation of ``Attribution.chain``)."""


Translation = Column | Related | Inline | Rows | Children | Chain


@dataclass(frozen=True)
class Source:
    """Where a type's rows come from (``None`` for types only ever inlined or built)."""

    table: str | None
    fields: dict[str, Translation]


def render(expression: ColumnElement[object]) -> str:
    """The PostgreSQL text of a Core expression, its literals inline.

    Every statement it goes into is run with named parameters (``%(ids)s``), so a ``%``
    of the expression (a LIKE pattern, the modulo operator) is written ``%%``.
    """
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    compiled = expression.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
    return str(compiled).replace("%", "%%")


def row_column(name: str) -> ColumnElement[object]:
    """The column ``name`` of the row at ``{row}``."""
    return literal_column(f"{ROW}.{name}")


def global_id(type_name: str) -> Column:
    """The Relay global id of a ``type_name`` row: base64 of "Type:id", as strawberry's."""
    # PostgreSQL breaks base64 lines at 76 characters; a type name and a bigint stay under.
    return Column(f"encode(convert_to('{type_name}:' || {ROW}.id, 'UTF8'), 'base64')")


def enum_names(
    value: ColumnElement[Any] | InstrumentedAttribute[Any], members: type[Enum]
) -> ColumnElement[Any]:
    """A stored enum value as GraphQL names it (the member's name)."""
    return case({m.value: literal(m.name) for m in members}, value=value)


def iso_datetime(value: ColumnElement[Any]) -> ColumnElement[Any]:
    """A timestamptz as strawberry's DateTime writes it: Python's isoformat.

    PostgreSQL's JSON drops the trailing zeros of the microseconds ("05.12+00:00") where
    Python writes six digits ("05.120000+00:00"), and both write none in a whole second.
    Both give the session's time zone: the statement runs on the resolvers' connection.
    """
    seconds = func.to_char(value, literal('YYYY-MM-DD"T"HH24:MI:SS'), type_=Text)
    fraction = case(
        (func.date_trunc(literal("second"), value) != value, func.to_char(value, literal(".US"))),
        else_=literal(""),
    )
    return seconds + fraction + func.to_char(value, literal("TZH:TZM"), type_=Text)


#: Python writes a float in exponent form from here on (repr), PostgreSQL from 1e15.
_PLAIN_FLOATS = 1e15


def float_json(value: ColumnElement[Any]) -> ColumnElement[Any]:
    """A double precision value as JSON the way Python writes a float: 1.0, not 1."""
    whole = and_(value == func.trunc(value), func.abs(value) < literal(_PLAIN_FLOATS))
    written = cast(cast(value, Text) + literal(".0"), JSON)
    return case((whole, written), else_=func.to_json(value))
