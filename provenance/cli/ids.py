"""The ids the API shows, on the command line: GraphQL global ids, slugs and row numbers.

A global id is base64 of ``Type:number`` (strawberry's relay ids, e.g. ``QXR0cmlidXRpb246MQ==``
for attribution 1); the CLI accepts it, the slug where the object has one, and the bare row
number, and prints global ids next to what it lists.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

# GraphQL type -> table, for the types with a global id.
NODE_TABLES = {
    "Speaker": "speakers",
    "Outlet": "outlets",
    "Article": "articles",
    "Quotation": "quotations",
    "Attribution": "attributions",
}
SLUGGED = ("Speaker", "Outlet", "Article", "Quotation")


def global_id(type_name: str, row_id: int) -> str:
    """The GraphQL global id of row ``row_id`` of ``type_name``."""
    return base64.b64encode(f"{type_name}:{row_id}".encode()).decode()


def decode_global_id(text: str) -> tuple[str, int] | None:
    """``(type, number)`` when ``text`` is a global id, else None."""
    if not re.fullmatch(r"[A-Za-z0-9+/]+={0,2}", text) or len(text) % 4:
        return None
    try:
        decoded = base64.b64decode(text, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    found = re.fullmatch(r"([A-Z][A-Za-z]+):(\d+)", decoded)
    return (found.group(1), int(found.group(2))) if found else None


def _model(type_name: str) -> Any:
    from provenance import models

    return getattr(models, type_name)


async def row_id(session: AsyncSession, type_name: str, text: str) -> int:
    """The row number ``text`` names: a global id of ``type_name``, a slug, or a number."""
    from sqlalchemy import select

    decoded = decode_global_id(text)
    if decoded is not None:
        kind, number = decoded
        if kind != type_name:
            raise click.BadParameter(f"{text} is a global id of type {kind}, not {type_name}")
        return number
    if text.isdigit():
        return int(text)
    if type_name not in SLUGGED:
        raise click.BadParameter(
            f"{text!r} is not a {type_name} id: give its global id (as the API shows it) "
            "or its number"
        )
    model = _model(type_name)
    found = await session.scalar(select(model.id).where(model.slug == text))
    if found is None:
        raise click.BadParameter(f"no {type_name.lower()} with slug or id {text!r}")
    return int(found)


async def slug(session: AsyncSession, type_name: str, text: str) -> str:
    """The slug of the object ``text`` names (global id, slug or number)."""
    from sqlalchemy import select

    if decode_global_id(text) is None and not text.isdigit():
        return text  # a slug already; the service says if nothing has it
    model = _model(type_name)
    number = await row_id(session, type_name, text)
    found = await session.scalar(select(model.slug).where(model.id == number))
    if found is None:
        raise click.BadParameter(f"no {type_name.lower()} with id {text!r}")
    return str(found)


async def table_row(session: AsyncSession, table: str | None, text: str) -> tuple[str, int]:
    """``(table, row number)`` for `provenance history`: a global id names its table itself."""
    decoded = decode_global_id(text)
    if decoded is not None and decoded[0] in NODE_TABLES:
        named = NODE_TABLES[decoded[0]]
        if table is not None and table != named:
            raise click.BadParameter(f"{text} is a row of {named}, not of {table}")
        return named, decoded[1]
    if table is None:
        raise click.BadParameter(f"{text!r} is not a global id: give TABLE and the row's number")
    if text.isdigit():
        return table, int(text)
    type_name = next((t for t, name in NODE_TABLES.items() if name == table), None)
    if type_name is None or type_name not in SLUGGED:
        raise click.BadParameter(f"rows of {table} have no slug: give the row's number")
    return table, await row_id(session, type_name, text)
