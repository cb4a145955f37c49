"""The root Subscription: live updates of new appearances, fed by api.notifications.

Each event is read through the normal read path: the notification names ids only, the row
is loaded when the event is delivered, and the event's selection is resolved with its own
loaders (api.live_socket.event_context). Served over the websocket at /graphql.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, Sequence
from typing import Annotated, Any, TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from provenance import models
from provenance.api.context import Info
from provenance.api.live_socket import Live, live_of, require_read, subscriber
from provenance.api.notifications import Notice
from provenance.api.request_connection import RequestConnection
from provenance.api.types.attribution import Attribution
from provenance.api.types.nodes import row_id
from provenance.errors import InvalidInputError, NotFoundError
from provenance.services import listing, lookups

V = TypeVar("V")
F = TypeVar("F", bound=Callable[..., Any])

#: The most candidates one candidatesAdded event lists (more arrive as further events).
MAX_BATCH = 100


async def _read(live: Live, action: Callable[[AsyncSession], Awaitable[V]]) -> V:
    """Run one read on a connection of its own, given back at once."""
    connection = RequestConnection(live.engine)
    try:
        return await connection.run(action)
    finally:
        await connection.close()


async def _row_id(live: Live, value: str, *, model: type[listing.Slugged], argument: str) -> int:
    """The id of the ``model`` row that ``value`` (a global id or a slug) names."""
    try:
        global_id: relay.GlobalID | None = relay.GlobalID.from_id(value)
    except ValueError:
        global_id = None
    number = row_id(global_id.node_id) if global_id is not None else None
    row: listing.Slugged | None
    if global_id is not None and global_id.type_name == model.__name__:
        found = (
            await _read(live, lambda s: lookups.by_ids(s, model=model, ids=[number]))
            if number is not None
            else [None]
        )
        row = found[0]
    else:
        row = await _read(live, lambda s: listing.by_slug(s, model=model, slug=value))
    if row is None:
        raise NotFoundError(
            f"no {model.__name__.lower()} has the id or slug {value!r}",
            field=argument,
            hint=f"pass the id or slug of a {model.__name__}",
        )
    return row.id


async def _attributions(live: Live, notices: Sequence[Notice]) -> list[Attribution]:
    """The appearances ``notices`` announce that still exist, in order; each row is read
    once for all the subscribers it concerns."""

    async def read(ids: list[int]) -> list[models.Attribution | None]:
        return await _read(live, lambda s: lookups.by_ids(s, model=models.Attribution, ids=ids))

    if len(notices) == 1:
        attribution = notices[0].attribution
        rows = [await live.rows.get(attribution, lambda: _first(read([attribution])))]
    else:  # a batch of candidates: one statement
        rows = await read([notice.attribution for notice in notices])
    return [Attribution.from_model(row) for row in rows if row is not None]


async def _first(rows: Awaitable[list[V]]) -> V:
    return (await rows)[0]


def subscription(*, description: str) -> Callable[[F], F]:
    """Declare a subscription resolver (typed, as api.fields.field)."""
    decorate: Callable[[F], F] = strawberry.subscription(description=description)
    return decorate


def _live(info: Info) -> Live:
    require_read(info.context)
    live = live_of(info.context)
    if live is None:
        raise InvalidInputError(
            "subscriptions are served over the websocket at /graphql",
            hint="connect with the graphql-transport-ws protocol",
        )
    return live


async def _each(
    info: Info, live: Live, accepts: Callable[[Notice], bool]
) -> AsyncGenerator[Attribution, None]:
    with subscriber(info.context, accepts) as notices:
        while True:
            for attribution in await _attributions(live, [await notices.next()]):
                yield attribution


WatchedQuotation = Annotated[
    strawberry.ID,
    strawberry.argument(description="The quotation watched: its global id or slug."),
]
WatchedSpeaker = Annotated[
    strawberry.ID,
    strawberry.argument(description="The speaker watched: their global id or slug."),
]


@strawberry.type(
    description="Live updates over the websocket at /graphql (graphql-transport-ws): each "
    "event is sent when the database commits a new appearance, however it was written."
)
class Subscription:
    @subscription(description="Each new appearance of one quotation, as it is recorded.")
    async def attribution_added(
        self, info: Info, quotation: WatchedQuotation
    ) -> AsyncGenerator[Attribution, None]:
        live = _live(info)
        quotation_id = await _row_id(live, quotation, model=models.Quotation, argument="quotation")
        async for attribution in _each(info, live, lambda n: n.quotation == quotation_id):
            yield attribution

    @subscription(
        description="Each new appearance attributed to one speaker (any of their quotations)."
    )
    async def speaker_quoted(
        self, info: Info, speaker: WatchedSpeaker
    ) -> AsyncGenerator[Attribution, None]:
        live = _live(info)
        speaker_id = await _row_id(live, speaker, model=models.Speaker, argument="speaker")
        async for attribution in _each(info, live, lambda n: n.speaker == speaker_id):
            yield attribution

    @subscription(
        description="New extracted candidates waiting for review (status EXTRACTED): each "
        f"event lists those that arrived together, at most {MAX_BATCH}."
    )
    async def candidates_added(self, info: Info) -> AsyncGenerator[list[Attribution], None]:
        live = _live(info)
        extracted = models.AttributionStatus.EXTRACTED.value
        with subscriber(info.context, lambda n: n.status == extracted) as waiting:
            while True:
                notices = [await waiting.next(), *waiting.drain(MAX_BATCH - 1)]
                candidates = await _attributions(live, notices)
                if candidates:
                    yield candidates
