"""Rows by id, in batches: what the GraphQL dataloaders call."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import ARRAY, BigInteger, Select, any_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from provenance.models import (
    Article,
    Attribution,
    AttributionMarker,
    Outlet,
    Quotation,
    Speaker,
    SpeakerAlias,
)

M = TypeVar("M", Speaker, Outlet, Article, Quotation, Attribution)


async def by_ids(session: AsyncSession, *, model: type[M], ids: Sequence[int]) -> list[M | None]:
    """The rows of ``model`` with these ids, in the order asked, None where missing."""
    rows = await session.scalars(_rows_with_ids(model), {"ids": sorted(set(ids))})
    found = {row.id: row for row in rows}
    return [found.get(i) for i in ids]


# One array parameter, not IN (...) with one parameter per id: the statement's text is the
# same for any number of ids, so it is compiled, prepared and planned once.
IDS = bindparam("ids", type_=ARRAY(BigInteger()))


@functools.cache
def _rows_with_ids(model: type[M]) -> Select[M]:
    # Built once per model: SQLAlchemy then finds its compiled form by identity.
    return select(model).where(model.id == any_(IDS))


async def aliases_of(
    session: AsyncSession, *, speaker_ids: Sequence[int]
) -> list[list[SpeakerAlias]]:
    """The aliases of each speaker, oldest first."""
    return await _grouped(session, SpeakerAlias.speaker_id, speaker_ids)


async def markers_of(
    session: AsyncSession, *, attribution_ids: Sequence[int]
) -> list[list[AttributionMarker]]:
    """The editorial markers of each attribution, in recorded order."""
    return await _grouped(session, AttributionMarker.attribution_id, attribution_ids)


@functools.cache
def _rows_grouped_by(column: InstrumentedAttribute[Any]) -> Select[Any]:
    model = column.class_
    return select(model).where(column == any_(IDS)).order_by(model.id)


async def _grouped(
    session: AsyncSession, column: InstrumentedAttribute[Any], keys: Sequence[int]
) -> list[list[Any]]:
    """Rows whose ``column`` is one of ``keys``, grouped by key in the order asked."""
    rows = await session.scalars(_rows_grouped_by(column), {"ids": sorted(set(keys))})
    groups: defaultdict[int, list[Any]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, column.key)].append(row)
    return [groups.get(k, []) for k in keys]
