"""Outlet: a publisher of articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader

from provenance import models
from provenance.api.compiled.declare import build, children, read_type, resolver_only, sql_field
from provenance.api.connection import Connection
from provenance.api.context import Info
from provenance.api.types.history import HISTORY, HistoryEntry, history_field
from provenance.api.types.nodes import LoadedNode

if TYPE_CHECKING:
    from provenance.api.types.article import Article


async def _history(self: Outlet, info: Info) -> list[HistoryEntry]:
    return await history_field(info, table="outlets", row_id=self.id)


@read_type(models.Outlet)
@strawberry.type(description="A news outlet that publishes articles.")
class Outlet(LoadedNode[models.Outlet]):
    id: relay.NodeID[int]
    slug: str = sql_field(column=models.Outlet.slug, description="Stable natural key.")
    name: str = sql_field(column=models.Outlet.name, description="The outlet's name.")
    website: str | None = sql_field(
        column=models.Outlet.website, description="Home page URL, when known."
    )
    articles: Connection[Annotated[Article, strawberry.lazy("provenance.api.types.article")]] = (
        children(
            models.Article.outlet_id, description="The outlet's articles, oldest record first."
        )
    )
    history: list[HistoryEntry] = resolver_only(
        reason=HISTORY,
        resolver=_history,
        description="Every recorded change of this object, oldest first (the audit trail).",
    )

    @classmethod
    def from_model(cls, row: models.Outlet) -> Outlet:
        return build(cls, row)

    @classmethod
    def node_loader(cls, info: Info) -> DataLoader[int, models.Outlet | None]:
        return info.context.loaders.outlet
