"""Dataloaders: every lookup a request makes is batched into one statement per kind.

A loader lives for one request. Paged loaders are keyed by their arguments, so that all
``attributions(first: 5)`` of a list of quotations share one statement.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from strawberry.dataloader import DataLoader

from provenance import models
from provenance.api.request_connection import RequestConnection
from provenance.services import chains, fidelity, listing, lookups, relay_graph, revisions
from provenance.services.pages import Page

K = TypeVar("K")
V = TypeVar("V")
P = ParamSpec("P")


class Loaders:
    """The dataloaders of one request."""

    def __init__(self, connection: RequestConnection, *, max_chain_depth: int):
        # One pooled connection per request, taken in turn by the loaders: a session per
        # batch cost a checkout, a ping, BEGIN and ROLLBACK each, and under load more
        # connections than the pool holds (each new one a SCRAM handshake).
        self.connection = connection
        self._max_chain_depth = max_chain_depth
        self._paged: dict[tuple[Any, ...], DataLoader[int, Any]] = {}
        self.speaker = self._by_ids(models.Speaker)
        self.outlet = self._by_ids(models.Outlet)
        self.article = self._by_ids(models.Article)
        self.quotation = self._by_ids(models.Quotation)
        self.attribution = self._by_ids(models.Attribution)
        self.aliases: DataLoader[int, list[models.SpeakerAlias]] = self._loader(
            lambda s, ids: lookups.aliases_of(s, speaker_ids=ids)
        )
        self.markers: DataLoader[int, list[models.AttributionMarker]] = self._loader(
            lambda s, ids: lookups.markers_of(s, attribution_ids=ids)
        )
        self.chain: DataLoader[int, list[chains.ChainHop]] = self._loader(
            lambda s, ids: chains.chains_of(s, attribution_ids=ids, max_depth=max_chain_depth)
        )
        self.relay_graph: DataLoader[int, relay_graph.RelayGraph] = self._loader(
            lambda s, ids: _relay_graphs(s, ids, max_depth=max_chain_depth)
        )
        self.fidelity: DataLoader[int, fidelity.Fidelity | None] = self._loader(_fidelities)
        self.revisions: DataLoader[int, list[models.ArticleRevision]] = self._loader(
            lambda s, ids: revisions.revisions_of(s, article_ids=ids)
        )

    def _loader(
        self, fetch: Callable[[AsyncSession, Sequence[K]], Awaitable[Sequence[V]]]
    ) -> DataLoader[K, V]:
        async def load(keys: list[K]) -> Sequence[V]:
            return await self.run(fetch, keys)

        return DataLoader(load_fn=load)

    def _by_ids(self, model: type[listing.M]) -> DataLoader[int, listing.M | None]:
        return self._loader(lambda s, ids: lookups.by_ids(s, model=model, ids=ids))

    def children(
        self,
        *,
        model: type[listing.M],
        parent: listing.ParentColumn,
        first: int,
        after: str | None,
        before: str | None = None,
        backward: bool = False,
    ) -> DataLoader[int, Page[listing.M]]:
        """Pages of ``model`` rows per parent id, for these page arguments."""
        key = ("page", model, parent.key, first, after, before, backward)
        if key not in self._paged:
            self._paged[key] = self._loader(
                lambda s, ids: listing.pages_of_children(
                    s,
                    model=model,
                    parent=parent,
                    parent_ids=ids,
                    first=first,
                    after=after,
                    before=before,
                    backward=backward,
                )
            )
        return self._paged[key]

    def child_count(self, *, parent: listing.ParentColumn) -> DataLoader[int, int]:
        """How many rows point at each parent id through ``parent``."""
        key = ("count", parent.class_, parent.key)
        if key not in self._paged:
            self._paged[key] = self._loader(
                lambda s, ids: listing.count_children(s, parent=parent, parent_ids=ids)
            )
        return self._paged[key]

    async def run(
        self,
        query: Callable[Concatenate[AsyncSession, P], Awaitable[V]],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> V:
        """``await query(session, *args, **kwargs)`` on this request's connection.

        A batch, or a root list: ``await loaders.run(listing.count_rows, model=m, where=w)``
        names the service it calls, and mypy checks the arguments against it.
        """

        async def call(session: AsyncSession) -> V:
            return await query(session, *args, **kwargs)

        return await self.connection.run(call)

    async def one_value(self, sql: str, parameters: dict[str, Any]) -> Any:
        """The single value a raw SQL statement returns (compiled reads)."""
        # On the Core connection, not through the ORM session: a compiled read is the
        # request's only statement, and the ORM session around it cost a third of the request.

        async def fetch(connection: AsyncConnection) -> Any:
            return (await connection.exec_driver_sql(sql, parameters)).scalar_one()

        return await self.connection.run_core(fetch)

    def compiled_objects(self, sql: str, parameters: dict[str, Any]) -> DataLoader[int, Any]:
        """The JSON value by id from a statement selecting ``id, value`` for ``%(ids)s``.

        Batched per statement: the compiled objects at one place in a query, or the values
        of one SQL expression field (compiled/declare.py) for the rows a request resolves.
        """
        key = ("compiled", sql, tuple(sorted(parameters.items())))
        if key not in self._paged:

            async def load(ids: list[int]) -> list[Any]:
                async def fetch(connection: AsyncConnection) -> list[Any]:
                    rows = await connection.exec_driver_sql(sql, {**parameters, "ids": ids})
                    found = dict(cast("list[tuple[int, Any]]", rows.all()))
                    return [found.get(i) for i in ids]

                return await self.connection.run_core(fetch)

            self._paged[key] = DataLoader(load_fn=load)
        return self._paged[key]


async def _relay_graphs(
    session: AsyncSession, ids: Sequence[int], *, max_depth: int
) -> list[relay_graph.RelayGraph]:
    graphs = await relay_graph.relay_graphs(session, quotation_ids=ids, max_depth=max_depth)
    return [graphs[i] for i in ids]


async def _fidelities(session: AsyncSession, ids: Sequence[int]) -> list[fidelity.Fidelity | None]:
    found = await fidelity.fidelities(session, attribution_ids=ids)
    return [found.get(i) for i in ids]
