"""Outlet: a publisher of articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader

from provenance import models
from provenance.api.connection import After, Connection, First
from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.paging import Before, Last
from provenance.api.types.history import HistoryEntry, history_field
from provenance.api.types.nodes import LoadedNode, child_connection
from provenance.services.rows import OutletRow

if TYPE_CHECKING:
    from provenance.api.types.article import Article


@strawberry.type(description="A news outlet that publishes articles.")
class Outlet(LoadedNode[models.Outlet]):
    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Stable natural key.")
    name: str = strawberry.field(description="The outlet's name.")
    website: str | None = strawberry.field(description="Home page URL, when known.")

    @classmethod
    def from_model(cls, row: models.Outlet | OutletRow) -> Outlet:
        return cls(id=row.id, slug=row.slug, name=row.name, website=row.website)

    @classmethod
    def node_loader(cls, info: Info) -> DataLoader[int, models.Outlet | None]:
        return info.context.loaders.outlet

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
