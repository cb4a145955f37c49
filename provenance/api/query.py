"""The root Query: lists with search, and single items by global id or slug."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import strawberry
from sqlalchemy import ColumnElement, Subquery
from strawberry import relay
from strawberry.dataloader import DataLoader

from provenance import models
from provenance.api.argument_limits import MaxIds, check_search
from provenance.api.connection import After, Connection, First, page_size
from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.filters import (
    ArticleFilter,
    AttributionFilter,
    QuotationFilter,
    SpeakerFilter,
    quotation_conditions,
)
from provenance.api.lists import list_connection
from provenance.api.node_ids import ConcreteNodeIds
from provenance.api.ordering import ArticleOrder, AttributionOrder, QuotationOrder, SpeakerOrder
from provenance.api.paging import Before, Last
from provenance.api.root_lists import bind_list
from provenance.api.types.article import Article
from provenance.api.types.attribution import Attribution
from provenance.api.types.nodes import database_id
from provenance.api.types.outlet import Outlet
from provenance.api.types.outlet_relays import OutletRelay, outlet_relays_field
from provenance.api.types.quotation import Quotation
from provenance.api.types.similar import SimilarQuote, similar_quotes_field
from provenance.api.types.speaker import Speaker
from provenance.errors import InvalidInputError
from provenance.services import listing, quotation_search

NodeT = TypeVar("NodeT")


async def _list(
    info: Info,
    *,
    model: type[listing.M],
    convert: Callable[[listing.M], NodeT],
    first: int | None,
    after: str | None,
    search: str | None = None,
    matches: Callable[[str], Subquery] | None = None,
    where: list[ColumnElement[bool]] | None = None,
) -> Connection[NodeT]:
    size = page_size(first, maximum=info.context.settings.max_page_size)
    check_search(info, search)
    loaders = info.context.loaders
    conditions = where or []
    if search is not None and matches is not None:
        if not search.strip():
            raise InvalidInputError("search is blank", field="search", hint="omit it to list all")
        found = matches(search.strip())
        page, total = await loaders.run(
            listing.search_page,
            model=model,
            matches=found,
            first=size,
            after=after,
            where=conditions,
        )

        async def count() -> int:
            if total is not None:
                return total
            return await loaders.run(
                listing.count_matches, model=model, matches=found, where=conditions
            )
    else:
        page = await loaders.run(
            listing.page_by_id, model=model, first=size, after=after, where=conditions
        )

        async def count() -> int:
            return await loaders.run(listing.count_rows, model=model, where=conditions)

    return Connection.from_page(page, node=convert, count=count, after=after)


async def _search_quotations(
    info: Info, *, search: str, speaker_id: int | None, first: int | None, after: str | None
) -> Connection[Quotation]:
    """Quotations matching ``search``: one statement gives the page, speakers and count."""
    size = page_size(first, maximum=info.context.settings.max_page_size)
    check_search(info, search)
    if not search.strip():
        raise InvalidInputError("search is blank", field="search", hint="omit it to list all")
    found = await info.context.loaders.run(
        quotation_search.search_quotations,
        search=search.strip(),
        first=size,
        after=after,
        speaker_id=speaker_id,
    )

    def node(row: Any) -> Quotation:
        return Quotation.from_model(row, speaker=found.speakers[row.speaker_id])

    async def count() -> int:
        return found.total

    return Connection.from_page(found.page, node=node, count=count, after=after, exact=found.exact)


QuotationFilterArg = Annotated[
    QuotationFilter | None, strawberry.argument(description="Which quotations to list.")
]
ArticleFilterArg = Annotated[
    ArticleFilter | None, strawberry.argument(description="Which articles to list.")
]
AttributionFilterArg = Annotated[
    AttributionFilter | None, strawberry.argument(description="Which attributions to list.")
]
SpeakerFilterArg = Annotated[
    SpeakerFilter | None, strawberry.argument(description="Which speakers to list.")
]
QuotationOrderArg = Annotated[
    QuotationOrder | None, strawberry.argument(description="The order (default ID_ASC).")
]
ArticleOrderArg = Annotated[
    ArticleOrder | None, strawberry.argument(description="The order (default ID_ASC).")
]
AttributionOrderArg = Annotated[
    AttributionOrder | None, strawberry.argument(description="The order (default ID_ASC).")
]
SpeakerOrderArg = Annotated[
    SpeakerOrder | None, strawberry.argument(description="The order (default ID_ASC).")
]


async def _root_list(
    info: Info,
    name: str,
    arguments: dict[str, Any],
    *,
    loader: DataLoader[int, Any],
    convert: Callable[[Any], NodeT],
) -> Connection[NodeT]:
    """A root list through the same statement the compiled path embeds (api/lists.py)."""
    shape, values = bind_list(name, arguments, max_page_size=info.context.settings.max_page_size)
    return await list_connection(info, shape=shape, values=values, loader=loader, convert=convert)


async def _search_speaker(
    info: Info, speaker: relay.GlobalID | None, given: QuotationFilter | None
) -> int | None:
    """The speaker a quotation search keeps to: the speaker argument or filter.speaker."""
    others = given is not None and any(
        getattr(given, name) is not None
        for name in ("outlet", "article", "kind", "status", "published_from", "published_to")
    )
    if others:
        raise InvalidInputError(
            "search combines only with filter.speaker",
            field="filter",
            hint="search, then narrow the list, or list with filter and no search",
        )
    if given is not None and given.speaker is not None:
        conditions = quotation_conditions(QuotationFilter(speaker=given.speaker))
        value = conditions.values[0]
        if isinstance(value, int):
            return value
        row = await info.context.loaders.run(listing.by_slug, model=models.Speaker, slug=str(value))
        return -1 if row is None else row.id
    return None if speaker is None else database_id(speaker, "Speaker", "speaker")


async def _one(
    info: Info,
    *,
    convert: Callable[[listing.Slugged], NodeT],
    loader: DataLoader[int, listing.Slugged | None],
    model: type[listing.Slugged],
    global_id: relay.GlobalID | None,
    slug: str | None,
) -> NodeT | None:
    """One item by global id or by slug (exactly one of them)."""
    if global_id is not None and slug is None:
        row = await loader.load(database_id(global_id, model.__name__, "id"))
    elif slug is not None and global_id is None:
        row = await info.context.loaders.run(listing.by_slug, model=model, slug=slug)
    else:
        raise InvalidInputError("give either id or slug", field="id")
    return None if row is None else convert(row)


#: The lookups' two ways to name an object: give one of them.
ById = Annotated[
    relay.GlobalID | None, strawberry.argument(description="Its global id (or give slug).")
]
BySlug = Annotated[str | None, strawberry.argument(description="Its slug (or give id).")]


@strawberry.type(description="Read the provenance of quotations.")
class Query:
    node: relay.Node | None = relay.node(
        description="Any object by its global id.", extensions=[ConcreteNodeIds()]
    )
    nodes: list[relay.Node | None] = relay.node(
        description="Objects by their global ids (at most as many as a page).",
        extensions=[ConcreteNodeIds(), MaxIds()],
    )

    @field(
        description="Quotations, oldest record first unless orderBy says otherwise, "
        "optionally filtered. With search: those matching words or near-misses of their "
        "text as printed anywhere (best match first; a search of words in more than 1,000 "
        "quotations lists them newest first, see totalCountIsExact); search combines only "
        "with filter.speaker, pages forward only and takes no orderBy."
    )
    async def quotations(
        self,
        info: Info,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Words to look for (a phrase, -word to exclude); misspellings find "
                "near-misses when no word matches. At most PROVENANCE_MAX_SEARCH_LENGTH characters."
            ),
        ] = None,
        speaker: Annotated[
            relay.GlobalID | None,
            strawberry.argument(
                description="Only quotations of this speaker (global id); as filter.speaker."
            ),
        ] = None,
        filter: QuotationFilterArg = None,
        order_by: QuotationOrderArg = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Quotation]:
        if search is not None:
            speaker_id = await _search_speaker(info, speaker, filter)
            if order_by is not None or last is not None or before is not None:
                raise InvalidInputError(
                    "search lists best matches first, forward only",
                    field="orderBy" if order_by is not None else "last",
                    hint="omit orderBy, last and before with search",
                )
            return await _search_quotations(
                info, search=search, speaker_id=speaker_id, first=first, after=after
            )
        if speaker is not None:
            filter = filter or QuotationFilter()
            if filter.speaker is not None:
                raise InvalidInputError("give speaker or filter.speaker", field="speaker")
            filter.speaker = str(
                relay.GlobalID("Speaker", str(database_id(speaker, "Speaker", "speaker")))
            )
        return await _root_list(
            info,
            "quotations",
            {
                "filter": filter,
                "orderBy": order_by,
                "first": first,
                "after": after,
                "last": last,
                "before": before,
            },
            loader=info.context.loaders.quotation,
            convert=Quotation.from_model,
        )

    @field(
        description="Attributions, oldest record first unless orderBy says otherwise, "
        "optionally filtered. The review queue: filter {status: EXTRACTED}, orderBy "
        "CONFIDENCE_ASC."
    )
    async def attributions(
        self,
        info: Info,
        filter: AttributionFilterArg = None,
        order_by: AttributionOrderArg = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Attribution]:
        return await _root_list(
            info,
            "attributions",
            {
                "filter": filter,
                "orderBy": order_by,
                "first": first,
                "after": after,
                "last": last,
                "before": before,
            },
            loader=info.context.loaders.attribution,
            convert=Attribution.from_model,
        )

    @field(
        description="Speakers, oldest record first unless orderBy says otherwise, optionally "
        "of one kind. With search: those matching a name or alias (never a mere lookalike), "
        "best first, forward only, without orderBy."
    )
    async def speakers(
        self,
        info: Info,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="A name, alias or role as printed; similar spellings are not matches."
            ),
        ] = None,
        filter: SpeakerFilterArg = None,
        order_by: SpeakerOrderArg = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Speaker]:
        if search is not None:
            if order_by is not None or last is not None or before is not None:
                raise InvalidInputError(
                    "search lists best matches first, forward only",
                    field="orderBy" if order_by is not None else "last",
                    hint="omit orderBy, last and before with search",
                )
            where: list[ColumnElement[bool]] = []
            if filter is not None and filter.kind is not None:
                where.append(models.Speaker.kind == filter.kind.value)
            return await _list(
                info,
                model=models.Speaker,
                convert=Speaker.from_model,
                first=first,
                after=after,
                search=search,
                matches=listing.speaker_matches,
                where=where,
            )
        return await _root_list(
            info,
            "speakers",
            {
                "filter": filter,
                "orderBy": order_by,
                "first": first,
                "after": after,
                "last": last,
                "before": before,
            },
            loader=info.context.loaders.speaker,
            convert=Speaker.from_model,
        )

    @field(description="Outlets, oldest record first.")
    async def outlets(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Outlet]:
        return await _root_list(
            info,
            "outlets",
            {"first": first, "after": after, "last": last, "before": before},
            loader=info.context.loaders.outlet,
            convert=Outlet.from_model,
        )

    @field(
        description="Articles, oldest record first unless orderBy says otherwise, "
        "optionally filtered."
    )
    async def articles(
        self,
        info: Info,
        outlet: Annotated[
            relay.GlobalID | None,
            strawberry.argument(
                description="Only articles of this outlet (global id); as filter.outlet."
            ),
        ] = None,
        filter: ArticleFilterArg = None,
        order_by: ArticleOrderArg = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Article]:
        if outlet is not None:
            filter = filter or ArticleFilter()
            if filter.outlet is not None:
                raise InvalidInputError("give outlet or filter.outlet", field="outlet")
            filter.outlet = str(
                relay.GlobalID("Outlet", str(database_id(outlet, "Outlet", "outlet")))
            )
        return await _root_list(
            info,
            "articles",
            {
                "filter": filter,
                "orderBy": order_by,
                "first": first,
                "after": after,
                "last": last,
                "before": before,
            },
            loader=info.context.loaders.article,
            convert=Article.from_model,
        )

    @field(description="A speaker by global id or slug.")
    async def speaker(self, info: Info, id: ById = None, slug: BySlug = None) -> Speaker | None:
        return await _one(
            info,
            convert=Speaker.from_model,
            loader=info.context.loaders.speaker,
            model=models.Speaker,
            global_id=id,
            slug=slug,
        )

    @field(description="An outlet by global id or slug.")
    async def outlet(self, info: Info, id: ById = None, slug: BySlug = None) -> Outlet | None:
        return await _one(
            info,
            convert=Outlet.from_model,
            loader=info.context.loaders.outlet,
            model=models.Outlet,
            global_id=id,
            slug=slug,
        )

    @field(description="An article by global id or slug.")
    async def article(self, info: Info, id: ById = None, slug: BySlug = None) -> Article | None:
        return await _one(
            info,
            convert=Article.from_model,
            loader=info.context.loaders.article,
            model=models.Article,
            global_id=id,
            slug=slug,
        )

    @field(description="A quotation by global id or slug.")
    async def quotation(self, info: Info, id: ById = None, slug: BySlug = None) -> Quotation | None:
        return await _one(
            info,
            convert=Quotation.from_model,
            loader=info.context.loaders.quotation,
            model=models.Quotation,
            global_id=id,
            slug=slug,
        )

    @field(
        description="The same quote elsewhere: appearances and quotations whose words resemble "
        "`text` or an attribution's words, best first, as candidate links for a person to "
        "confirm. `speaker` (a name or role as printed) flags candidates by the same "
        "recorded speaker."
    )
    async def similar_quotes(
        self,
        info: Info,
        text: Annotated[
            str | None,
            strawberry.argument(description="Words to find elsewhere (or give attribution)."),
        ] = None,
        attribution: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="An appearance whose words to find elsewhere."),
        ] = None,
        speaker: Annotated[
            str | None,
            strawberry.argument(description="The speaker as printed, to flag candidates by them."),
        ] = None,
        first: Annotated[int, strawberry.argument(description="How many candidates at most.")] = 20,
        min_similarity: Annotated[
            float, strawberry.argument(description="The least similarity (0 to 1) to list.")
        ] = 0.3,
    ) -> list[SimilarQuote]:
        check_search(info, text, field="text")
        check_search(info, speaker, field="speaker")
        return await similar_quotes_field(
            info,
            text=text,
            attribution_id=None
            if attribution is None
            else database_id(attribution, "Attribution", "attribution"),
            speaker=speaker,
            first=first,
            min_similarity=min_similarity,
        )

    @field(
        description="Which outlets relay quotations first published by which others, for "
        "relays dated in [from, to] (open bounds keep undated ones), most relayed first."
    )
    async def outlet_relays(
        self,
        info: Info,
        from_: Annotated[
            date | None,
            strawberry.argument(name="from", description="Relays published on or after this day."),
        ] = None,
        to: Annotated[
            date | None, strawberry.argument(description="Relays published on or before this day.")
        ] = None,
    ) -> list[OutletRelay]:
        return await outlet_relays_field(info, from_date=from_, to_date=to)

    @field(description="An attribution by global id.")
    async def attribution(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="Its global id.")],
    ) -> Attribution | None:
        row = await info.context.loaders.attribution.load(database_id(id, "Attribution", "id"))
        return None if row is None else Attribution.from_model(row)
