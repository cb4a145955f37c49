"""Pages of outlets, speakers, articles, quotations and attributions; speaker search.

Every list is keyset-paginated: plain lists by id, searches by (score descending, id).
Speaker search matches names and aliases by word similarity (pg_trgm). Quotation search
has its own module (quotation_search.py): it must stay fast for the commonest words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Float,
    Subquery,
    and_,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from provenance.models import Article, Attribution, Outlet, Quotation, Speaker, SpeakerAlias
from provenance.services.pages import Page, decode_cursor, encode_cursor

__all__ = ["Page", "encode_cursor"]

M = TypeVar("M", Speaker, Outlet, Article, Quotation, Attribution)
Slugged = TypeVar("Slugged", Speaker, Outlet, Article, Quotation)
#: A foreign key column children point at their parent through (Attribution.article_id).
ParentColumn = InstrumentedAttribute[int] | InstrumentedAttribute[int | None]


async def page_by_id(
    session: AsyncSession,
    *,
    model: type[M],
    first: int,
    after: str | None = None,
    where: Sequence[ColumnElement[bool]] = (),
) -> Page[M]:
    """A page of ``model`` rows in id order."""
    stmt = select(model).where(*where).order_by(model.id).limit(first + 1)
    if after is not None:
        (after_id,) = decode_cursor(after, length=1)
        stmt = stmt.where(model.id > after_id)
    rows = (await session.scalars(stmt)).all()
    return Page.from_rows([(row, (row.id,)) for row in rows], first=first)


async def count_rows(
    session: AsyncSession, *, model: type[M], where: Sequence[ColumnElement[bool]] = ()
) -> int:
    """How many ``model`` rows match ``where``."""
    return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _similar(search: str, column: Any) -> ColumnElement[bool]:
    return literal(search).op("<%")(column)


def speaker_matches(search: str) -> Subquery:
    """(id, score) of the speakers whose name or an alias matches, exact aliases first.

    Only names and aliases recorded for a speaker count: "Silo" finds Talal Silo through
    his alias, and never Cilo, whose name merely looks alike.
    """
    by_alias = select(
        SpeakerAlias.speaker_id.label("id"),
        func.word_similarity(search, SpeakerAlias.alias).label("score"),
    ).where(
        or_(
            func.lower(SpeakerAlias.alias) == search.lower(),
            _similar(search, SpeakerAlias.alias),
        )
    )
    by_name = select(
        Speaker.id.label("id"), func.word_similarity(search, Speaker.name).label("score")
    ).where(_similar(search, Speaker.name))
    return _best_scores(union_all(by_alias, by_name).subquery())


def _best_scores(candidates: Subquery) -> Subquery:
    return (
        select(candidates.c.id, func.max(candidates.c.score).cast(Float).label("score"))
        .group_by(candidates.c.id)
        .subquery()
    )


async def search_page(
    session: AsyncSession,
    *,
    model: type[M],
    matches: Subquery,
    first: int,
    after: str | None = None,
    where: Sequence[ColumnElement[bool]] = (),
) -> tuple[Page[M], int | None]:
    """A page of ``model`` rows ranked by the scores in ``matches`` (best first), and how
    many rows match in all (None if the page is empty: then count_matches tells).

    The count comes with the page (a window over every match, before the cursor cuts
    them): ranking has to read every match anyway, and a second statement would search
    again.
    """
    ranked = (
        select(
            model.id.label("id"),
            matches.c.score.label("score"),
            func.count().over().label("total"),
        )
        .join(matches, matches.c.id == model.id)
        .where(*where)
        .subquery()
    )
    stmt = (
        select(model, ranked.c.score, ranked.c.total)
        .join(ranked, ranked.c.id == model.id)
        .order_by(ranked.c.score.desc(), model.id)
        .limit(first + 1)
    )
    if after is not None:
        after_score, after_id = decode_cursor(after, length=2)
        stmt = stmt.where(
            or_(
                ranked.c.score < after_score,
                and_(ranked.c.score == after_score, model.id > after_id),
            )
        )
    rows = (await session.execute(stmt)).all()
    page = Page.from_rows([(item, (score, item.id)) for item, score, _ in rows], first=first)
    return page, (int(rows[0].total) if rows else None)


async def count_matches(
    session: AsyncSession,
    *,
    model: type[M],
    matches: Subquery,
    where: Sequence[ColumnElement[bool]] = (),
) -> int:
    """How many ``model`` rows a search matches."""
    stmt = select(func.count()).select_from(model).join(matches, matches.c.id == model.id)
    return int(await session.scalar(stmt.where(*where)) or 0)


async def pages_of_children(
    session: AsyncSession,
    *,
    model: type[M],
    parent: ParentColumn,
    parent_ids: Sequence[int],
    first: int,
    after: str | None = None,
    before: str | None = None,
    backward: bool = False,
) -> list[Page[M]]:
    """For each parent id, a page of the ``model`` rows whose ``parent`` column points at it.

    One statement for all parents (a window function numbers the rows of each parent),
    so a list of quotations with their attributions costs two queries, not one per item.
    Backward: the ``first`` rows nearest before ``before`` (still in id order), and
    ``has_next_page`` tells whether more come before them.
    """
    order = model.id.desc() if backward else model.id
    number = func.row_number().over(partition_by=parent, order_by=order).label("number")
    inner = select(model.id.label("id"), number).where(parent.in_(set(parent_ids)))
    if after is not None:
        (after_id,) = decode_cursor(after, length=1)
        inner = inner.where(model.id > after_id)
    if before is not None:
        (before_id,) = decode_cursor(before, length=1)
        inner = inner.where(model.id < before_id)
    numbered = inner.subquery()
    stmt = (
        select(model)
        .join(numbered, numbered.c.id == model.id)
        .where(numbered.c.number <= first + 1)
        .order_by(model.id.desc() if backward else model.id)
    )
    grouped: dict[int, list[tuple[M, tuple[int]]]] = {}
    for row in (await session.scalars(stmt)).all():
        grouped.setdefault(getattr(row, parent.key), []).append((row, (row.id,)))
    pages = [Page.from_rows(grouped.get(pid, []), first=first) for pid in parent_ids]
    if not backward:
        return pages
    return [Page(p.items[::-1], p.keys[::-1], p.has_next_page) for p in pages]


async def count_children(
    session: AsyncSession, *, parent: ParentColumn, parent_ids: Sequence[int]
) -> list[int]:
    """For each parent id, how many rows point at it through ``parent``."""
    rows = await session.execute(
        select(parent, func.count()).where(parent.in_(set(parent_ids))).group_by(parent)
    )
    counts = {key: int(n) for key, n in rows}
    return [counts.get(pid, 0) for pid in parent_ids]


async def by_slug(session: AsyncSession, *, model: type[Slugged], slug: str) -> Slugged | None:
    """The row of ``model`` with this slug, or None."""
    return await session.scalar(select(model).where(model.slug == slug))
