"""Outlet: a publisher of articles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from provenance import models
from provenance.api.connection import After, Connection, First
from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.paging import Before, Last
from provenance.api.types.history import HistoryEntry, history_field
from provenance.api.types.nodes import child_connection, load_nodes
from provenance.services.rows import OutletRow

if TYPE_CHECKING:
    from provenance.api.types.article import Article


@strawberry.type(description="A news outlet that publishes articles.")
class Outlet(relay.Node):
    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Stable natural key.")
    name: str = strawberry.field(description="The outlet's name.")
    website: str | None = strawberry.field(description="Home page URL, when known.")

    @classmethod
    def from_model(cls, row: models.Outlet | OutletRow) -> Outlet:
        return cls(id=row.id, slug=row.slug, name=row.name, website=row.website)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Outlet | None]:
        return await load_nodes(
            loader=info.context.loaders.outlet,
            node_ids=node_ids,
            type_name="Outlet",
            convert=cls.from_model,
            required=required,
        )

    @field(description="The outlet's articles, oldest record first.")
    async def articles(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated[Article, strawberry.lazy("provenance.api.types.article")]]:
        from provenance.api.types.article import Article

        return await child_connection(
            info,
            model=models.Article,
            parent=models.Article.outlet_id,
            parent_id=self.id,
            convert=Article.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @field(description="Every recorded change of this object, oldest first (the audit trail).")
    async def history(self, info: Info) -> list[HistoryEntry]:
        return await history_field(info, table="outlets", row_id=self.id)
