"""Which outlet published a page: the mapping table outlet_sources, then the declared name.

A page's declared site name (og:site_name, JSON-LD publisher) is looked up first, then
its host and each parent domain (news.bbc.co.uk, then bbc.co.uk). A declared site name
the table does not know names the outlet as it is written. A host alone never invents an
outlet, nor does anything in a URL's path: such pages are stored with no outlet.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError
from provenance.models import Outlet, OutletSource
from provenance.services import records
from provenance.services.slugs import check_slug, slugify

KINDS = ("host", "site_name")


@dataclass(frozen=True)
class OutletRule:
    """One row of outlet_sources."""

    kind: str
    pattern: str
    outlet_slug: str
    outlet_name: str
    website: str | None


def normalise_site_name(name: str) -> str:
    """A site name as the table keeps it: lowercase, single spaces."""
    return " ".join(name.split()).lower()


def normalise_host(value: str) -> str:
    """A host as the table keeps it: lowercase, no scheme, port, path or leading www."""
    text = value.strip().lower()
    host = urlsplit(text if "//" in text else "//" + text).hostname or ""
    return host.rstrip(".").removeprefix("www.")


def normalise_pattern(kind: str, pattern: str) -> str:
    """``pattern`` normalised for ``kind``; InvalidInputError when either is unusable."""
    if kind not in KINDS:
        raise InvalidInputError(f"unknown kind {kind!r}", field="kind", hint="host or site_name")
    value = normalise_host(pattern) if kind == "host" else normalise_site_name(pattern)
    if not value:
        raise InvalidInputError(f"{pattern!r} is not a usable {kind}", field="pattern")
    return value


class OutletTable:
    """outlet_sources in memory, for matching many pages."""

    def __init__(self, rules: list[OutletRule]) -> None:
        self._by_key = {(rule.kind, rule.pattern): rule for rule in rules}

    def match(self, *, site_name: str | None, host: str | None) -> OutletRule | None:
        """The rule for the declared site name, else for the host or a parent domain."""
        if site_name:
            rule = self._by_key.get(("site_name", normalise_site_name(site_name)))
            if rule is not None:
                return rule
        if host:
            labels = normalise_host(host).split(".")
            for start in range(len(labels) - 1):
                rule = self._by_key.get(("host", ".".join(labels[start:])))
                if rule is not None:
                    return rule
        return None


async def load_table(session: AsyncSession) -> OutletTable:
    """The current mapping table."""
    rows = await session.scalars(select(OutletSource).order_by(OutletSource.id))
    return OutletTable([_rule(row) for row in rows])


def _rule(row: OutletSource) -> OutletRule:
    return OutletRule(row.kind, row.pattern, row.outlet_slug, row.outlet_name, row.website)


async def _stored_outlet(
    session: AsyncSession, *, slug: str, name: str, website: str | None
) -> Outlet:
    outlet = await session.scalar(select(Outlet).where(Outlet.slug == slug))
    if outlet is None:
        outlet = await session.scalar(
            select(Outlet).where(func.lower(Outlet.name) == name.lower()).limit(1)
        )
    if outlet is None:
        outlet = await records.upsert_outlet(session, slug=slug, name=name, website=website)
    return outlet


async def outlet_for(
    session: AsyncSession, *, table: OutletTable, site_name: str | None, host: str | None
) -> Outlet | None:
    """The outlet of a page (created when first met), or None when nothing names it."""
    rule = table.match(site_name=site_name, host=host)
    if rule is not None:
        return await _stored_outlet(
            session, slug=rule.outlet_slug, name=rule.outlet_name, website=rule.website
        )
    if site_name:
        return await _stored_outlet(
            session, slug=slugify(site_name, max_words=6), name=site_name, website=None
        )
    return None


async def add_source(
    session: AsyncSession,
    *,
    kind: str,
    pattern: str,
    outlet_name: str,
    outlet_slug: str | None = None,
    website: str | None = None,
) -> OutletRule:
    """Map a host or site name to an outlet (replacing what it mapped to before)."""
    value = normalise_pattern(kind, pattern)
    name = " ".join(outlet_name.split())
    if not name:
        raise InvalidInputError("the outlet needs a name", field="outlet_name")
    slug = outlet_slug or slugify(name, max_words=6)
    check_slug(slug)
    row = await session.scalar(
        select(OutletSource).where(OutletSource.kind == kind, OutletSource.pattern == value)
    )
    if row is None:
        row = OutletSource(kind=kind, pattern=value, outlet_slug=slug, outlet_name=name)
        session.add(row)
    row.outlet_slug, row.outlet_name, row.website = slug, name, website
    await session.flush()
    return _rule(row)


async def remove_source(session: AsyncSession, *, kind: str, pattern: str) -> bool:
    """Forget a mapping; False when there was none."""
    value = normalise_pattern(kind, pattern)
    result = await session.execute(
        delete(OutletSource)
        .where(OutletSource.kind == kind, OutletSource.pattern == value)
        .returning(OutletSource.id)
    )
    return result.first() is not None


async def list_sources(session: AsyncSession) -> list[OutletRule]:
    """Every mapping, by outlet then kind and pattern."""
    rows = await session.scalars(
        select(OutletSource).order_by(
            OutletSource.outlet_name, OutletSource.kind, OutletSource.pattern
        )
    )
    return [_rule(row) for row in rows]
