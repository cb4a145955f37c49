"""Article: an archived text, or a report known only because another article cites it."""

from __future__ import annotations

from datetime import date
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
from provenance.api.types.outlet import Outlet
from provenance.api.types.revision import ArticleRevision
from provenance.services.rows import ArticleRow

if TYPE_CHECKING:
    from provenance.api.types.attribution import Attribution


@strawberry.type(
    description="A published piece: its text is archived, or it is citation-only (known "
    "because another article cites it, with no text here)."
)
class Article(LoadedNode[models.Article]):
    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Stable natural key.")
    title: str | None = strawberry.field(description="Headline, when known.")
    url: str | None = strawberry.field(description="Canonical URL, when known.")
    published_on: date | None = strawberry.field(description="Publication date, when known.")
    language: str = strawberry.field(description="BCP 47 language tag of the text.")
    cited_as: str | None = strawberry.field(
        description='How a citing article refers to it ("reports by the BBC on Monday").'
    )
    outlet_id: strawberry.Private[int | None]
    # The body when it was fetched with the article; chains fetch articles without their
    # (large) bodies, and `body` loads one only if it is asked for.
    known_body: strawberry.Private[str | None]
    has_body: strawberry.Private[bool]
    body_fetched: strawberry.Private[bool] = True

    @field(
        description="Publication date, when known: the same as publishedOn.",
        deprecation_reason="use publishedOn (the same date; *On names a Date, *At a DateTime)",
    )
    def published_at(self) -> date | None:
        return self.published_on

    @classmethod
    def from_model(cls, row: models.Article) -> Article:
        return cls._build(row, known_body=row.body, has_body=row.body is not None)

    @classmethod
    def from_row(cls, row: ArticleRow) -> Article:
        return cls._build(row, known_body=None, has_body=not row.citation_only, fetched=False)

    @classmethod
    def _build(
        cls,
        row: models.Article | ArticleRow,
        *,
        known_body: str | None,
        has_body: bool,
        fetched: bool = True,
    ) -> Article:
        return cls(
            id=row.id,
            slug=row.slug,
            title=row.title,
            url=row.url,
            published_on=row.published_on,
            language=row.language,
            cited_as=row.cited_as,
            outlet_id=row.outlet_id,
            known_body=known_body,
            has_body=has_body,
            body_fetched=fetched,
        )

    @classmethod
    def node_loader(cls, info: Info) -> DataLoader[int, models.Article | None]:
        return info.context.loaders.article

    @field(
        description="The archived text; attribution spans are character offsets into it. "
        "Null for a citation-only article."
    )
    async def body(self, info: Info) -> str | None:
        if self.body_fetched or not self.has_body:
            return self.known_body
        row = await info.context.loaders.article.load(self.id)
        return None if row is None else row.body

    @field(description="True when only a citation of the article is known.")
    def citation_only(self) -> bool:
        return not self.has_body

    @field(description="The publishing outlet; null when unknown.")
    async def outlet(self, info: Info) -> Outlet | None:
        if self.outlet_id is None:
            return None
        row = await info.context.loaders.outlet.load(self.outlet_id)
        return None if row is None else Outlet.from_model(row)

    @field(description="The quotations appearing in this article.")
    async def attributions(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated[Attribution, strawberry.lazy("provenance.api.types.attribution")]]:
        from provenance.api.types.attribution import Attribution

        return await child_connection(
            info,
            model=models.Attribution,
            parent=models.Attribution.article_id,
            parent_id=self.id,
            convert=Attribution.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @field(
        description="Earlier archived texts, oldest first, kept each time the text was "
        "revised (body is the current one)."
    )
    async def revisions(self, info: Info) -> list[ArticleRevision]:
        rows = await info.context.loaders.revisions.load(self.id)
        return [ArticleRevision.from_model(row) for row in rows]

    @field(description="Every recorded change of this object, oldest first (the audit trail).")
    async def history(self, info: Info) -> list[HistoryEntry]:
        return await history_field(info, table="articles", row_id=self.id)
