"""ArticleRevision: an earlier archived text of an article."""

from __future__ import annotations

from datetime import datetime

import strawberry

from provenance import models


@strawberry.type(description="An earlier archived text of an article, replaced by a revision.")
class ArticleRevision:
    revision: int = strawberry.field(description="1 for the first archived text, then 2, ...")
    body: str = strawberry.field(description="The text as it was archived.")
    replaced_at: datetime = strawberry.field(description="When a newer text replaced it.")

    @classmethod
    def from_model(cls, row: models.ArticleRevision) -> ArticleRevision:
        return cls(revision=row.revision, body=row.body, replaced_at=row.replaced_at)
