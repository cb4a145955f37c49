"""Article: an archived text, or a report known only because another article cites it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader

from provenance import models
from provenance.api.compiled.declare import (
    build,
    children,
    read_type,
    related,
    resolver_only,
    sql_field,
)
from provenance.api.connection import Connection
from provenance.api.context import Info
from provenance.api.types.history import HISTORY, HistoryEntry, history_field
from provenance.api.types.nodes import LoadedNode
from provenance.api.types.outlet import Outlet
from provenance.api.types.revision import ArticleRevision

if TYPE_CHECKING:
    from provenance.api.types.attribution import Attribution


async def _revisions(self: Article, info: Info) -> list[ArticleRevision]:
    rows = await info.context.loaders.revisions.load(self.id)
    return [ArticleRevision.from_model(row) for row in rows]


async def _history(self: Article, info: Info) -> list[HistoryEntry]:
    return await history_field(info, table="articles", row_id=self.id)


@read_type(models.Article)
@strawberry.type(
    description="A published piece: its text is archived, or it is citation-only (known "
    "because another article cites it, with no text here)."
)
class Article(LoadedNode[models.Article]):
    id: relay.NodeID[int]
    slug: str = sql_field(column=models.Article.slug, description="Stable natural key.")
    title: str | None = sql_field(column=models.Article.title, description="Headline, when known.")
    url: str | None = sql_field(column=models.Article.url, description="Canonical URL, when known.")
    published_on: date | None = sql_field(
        column=models.Article.published_on, description="Publication date, when known."
    )
    language: str = sql_field(
        column=models.Article.language, description="BCP 47 language tag of the text."
    )
    cited_as: str | None = sql_field(
        column=models.Article.cited_as,
        description='How a citing article refers to it ("reports by the BBC on Monday").',
    )
    published_at: date | None = sql_field(
        column=models.Article.published_on,
        description="Publication date, when known: the same as publishedOn.",
        deprecation_reason="use publishedOn (the same date; *On names a Date, *At a DateTime)",
    )
    body: str | None = sql_field(
        column=models.Article.body,
        description="The archived text; attribution spans are character offsets into it. "
        "Null for a citation-only article.",
    )
    citation_only: bool = sql_field(
        expr=lambda row: row[models.Article.body].is_(None),
        description="True when only a citation of the article is known.",
    )
    outlet: Outlet | None = related(
        models.Article.outlet_id, description="The publishing outlet; null when unknown."
    )
    attributions: Connection[
        Annotated[Attribution, strawberry.lazy("provenance.api.types.attribution")]
    ] = children(
        models.Attribution.article_id, description="The quotations appearing in this article."
    )
    revisions: list[ArticleRevision] = resolver_only(
        reason="body revisions with diffs, loaded by a dataloader (types/article.py)",
        resolver=_revisions,
        description="Earlier archived texts, oldest first, kept each time the text was "
        "revised (body is the current one).",
    )
    history: list[HistoryEntry] = resolver_only(
        reason=HISTORY,
        resolver=_history,
        description="Every recorded change of this object, oldest first (the audit trail).",
    )
    outlet_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: models.Article) -> Article:
        return build(cls, row)

    @classmethod
    def node_loader(cls, info: Info) -> DataLoader[int, models.Article | None]:
        return info.context.loaders.article
