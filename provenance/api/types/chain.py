"""ChainHop: one step on the way from a speaker to an article."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from sqlalchemy import column, table

from provenance import models
from provenance.api.compiled.declare import read_type, related, sql_field
from provenance.api.types.article import Article
from provenance.api.types.enums import ChainRole
from provenance.api.types.outlet import Outlet
from provenance.api.types.speaker import Speaker
from provenance.services import chains

if TYPE_CHECKING:
    from provenance.api.types.attribution import Attribution


#: The columns of a row of services.chains.CHAIN_HOPS: one hop, already named and dated.
HOP = table("chain_hops", *(column(hop.name) for hop in dataclasses.fields(chains.ChainHop)))


@read_type()
@strawberry.type(
    description="One hop of a chain of attribution. The SPEAKER hop names who said the "
    "words; REPORTER and RELAY hops are appearances in articles."
)
class ChainHop:
    # A row of services.chains.CHAIN_HOPS: its values as they are, the objects it names
    # loaded by id (the compiled path joins them into its one statement).
    role: ChainRole = sql_field(
        column=HOP.c.role,
        named=True,
        description="The hop's place in the chain: SPEAKER, REPORTER or RELAY.",
    )
    cue: str | None = sql_field(
        column=HOP.c.cue,
        description='How this article introduced the words ("the BBC reported, citing").',
    )
    published_on: date | None = sql_field(
        column=HOP.c.published_on,
        description="Publication date of this hop's article, when known.",
    )
    name: str = sql_field(
        column=HOP.c.name,
        description="A display name: the speaker's for SPEAKER, else the outlet's, the "
        "article's title, or its slug.",
    )
    speaker: Speaker = related(
        HOP.c.speaker_id,
        target=models.Speaker,
        description="SPEAKER: who said the words. Otherwise: who this article says spoke.",
    )
    outlet: Outlet | None = related(
        HOP.c.outlet_id,
        target=models.Outlet,
        description="The outlet of this hop's article; for SPEAKER, the outlet if an outlet "
        "spoke for itself.",
    )
    article: Article | None = related(
        HOP.c.article_id,
        target=models.Article,
        description="This hop's article; null for SPEAKER.",
    )
    published_at: date | None = sql_field(
        column=HOP.c.published_on,
        description="Publication date of this hop's article: the same as publishedOn.",
        deprecation_reason="use publishedOn (the same date; *On names a Date, *At a DateTime)",
    )
    attribution: (
        Annotated[Attribution, strawberry.lazy("provenance.api.types.attribution")] | None
    ) = related(
        HOP.c.attribution_id,
        target=models.Attribution,
        description="This hop's appearance of the quotation; null for SPEAKER.",
    )
    speaker_id: strawberry.Private[int]
    outlet_id: strawberry.Private[int | None]
    article_id: strawberry.Private[int | None]
    attribution_id: strawberry.Private[int | None]
