"""PostgreSQL notifications, fanned out to the API's subscribers in memory.

The database announces every new attribution on the ``provenance_attributions`` channel
(migration 0015: a trigger, so the API, the CLI, bulk loads and plain SQL all notify). One
LISTEN connection per API process (psycopg, autocommit) reads them and hands each to the
subscribers whose filter it matches, through a bounded queue per subscriber: a subscriber
that falls MAX_QUEUED behind is dropped (told so, then ended), never slowing the others.
The connection is opened with the first subscriber and reopened, with a growing pause,
whenever PostgreSQL goes away; then the attributions added while it was away (ids above
the newest handed out) are read and handed out, once each.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy.engine import URL

from provenance.errors import ProvenanceError

log = logging.getLogger("provenance.api.notifications")

CHANNEL = "provenance_attributions"
#: The listener's name in pg_stat_activity.
APPLICATION_NAME = "provenance-listen"
#: Events a subscriber may have waiting before it is dropped.
MAX_QUEUED = 256
#: How long the listener waits between liveness checks of its connection, in seconds.
PING_INTERVAL = 30.0
#: The most attributions handed out again after a reconnection.
MAX_REPLAYED = 10_000
#: First and longest pause before reconnecting, in seconds.
RETRY_FIRST, RETRY_MAX = 0.1, 5.0


@dataclass(frozen=True)
class Notice:
    """One new attribution, as the database announced it: ids only."""

    attribution: int
    quotation: int
    speaker: int
    status: str


class SubscriptionLimitError(ProvenanceError):
    """The process serves as many subscriptions as it may."""

    code = "SUBSCRIPTION_LIMIT"


class SubscriberDroppedError(ProvenanceError):
    """A subscriber fell too far behind and was ended."""

    code = "SUBSCRIPTION_OVERFLOW"


_DROPPED = object()


class Subscriber:
    """One subscription's queue of notices that passed its filter."""

    def __init__(self, hub: Notifications, accepts: Callable[[Notice], bool]) -> None:
        self._hub = hub
        self.accepts = accepts
        self._queue: asyncio.Queue[Notice | object] = asyncio.Queue(MAX_QUEUED)

    def offer(self, notice: Notice) -> bool:
        """Queue ``notice``; False (and the subscriber ended) if its queue is full."""
        try:
            self._queue.put_nowait(notice)
        except asyncio.QueueFull:
            while not self._queue.empty():
                self._queue.get_nowait()
            self._queue.put_nowait(_DROPPED)
            return False
        return True

    async def next(self) -> Notice:
        """The next notice; raises SubscriberDroppedError once the subscriber was dropped."""
        item = await self._queue.get()
        if isinstance(item, Notice):
            return item
        raise SubscriberDroppedError(
            f"this subscription fell more than {MAX_QUEUED} events behind and was ended",
            hint="read events as they come, then subscribe again (refetch what you show)",
        )

    def drain(self, limit: int) -> list[Notice]:
        """Up to ``limit`` notices already waiting, without waiting for more."""
        notices: list[Notice] = []
        while len(notices) < limit and not self._queue.empty():
            item = self._queue.get_nowait()
            if not isinstance(item, Notice):
                self._queue.put_nowait(item)  # dropped: next() says so
                break
            notices.append(item)
        return notices

    def close(self) -> None:
        """Stop receiving notices (idempotent)."""
        self._hub.remove(self)

    def __enter__(self) -> Subscriber:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class Notifications:
    """The process's LISTEN connection and its subscribers."""

    def __init__(self, url: URL, *, max_subscribers: int) -> None:
        # libpq's own URL: the listener is a plain psycopg connection, not SQLAlchemy's.
        self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.max_subscribers = max_subscribers
        self._subscribers: set[Subscriber] = set()
        self._listener: asyncio.Task[None] | None = None
        self.listening = asyncio.Event()
        self.dropped = 0  # subscribers dropped for falling behind
        self.connections = 0  # LISTEN connections opened (1 + reconnections)
        self._mark: int | None = None  # the newest attribution id handed out or seen
        self._replayed: set[int] = set()  # handed out by the last catch-up

    @property
    def subscribers(self) -> int:
        """How many subscriptions are open in this process."""
        return len(self._subscribers)

    def subscribe(self, accepts: Callable[[Notice], bool]) -> Subscriber:
        """A new subscriber to the notices ``accepts`` lets through (use it with ``with``)."""
        if len(self._subscribers) >= self.max_subscribers:
            raise SubscriptionLimitError(
                f"this server already serves {self.max_subscribers} subscriptions "
                "(PROVENANCE_MAX_SUBSCRIPTIONS)",
                hint="try again later, or end subscriptions you no longer read",
            )
        subscriber = Subscriber(self, accepts)
        self._subscribers.add(subscriber)
        if self._listener is None or self._listener.done():
            self._listener = asyncio.create_task(self._listen(), name="provenance-listen")
        return subscriber

    def remove(self, subscriber: Subscriber) -> None:
        self._subscribers.discard(subscriber)

    def dispatch(self, payload: str) -> None:
        """Hand the notification ``payload`` to every subscriber it concerns."""
        try:
            fields = json.loads(payload)
            notice = Notice(
                attribution=int(fields["attribution"]),
                quotation=int(fields["quotation"]),
                speaker=int(fields["speaker"]),
                status=str(fields["status"]),
            )
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a malformed notification on %s: %.200r", CHANNEL, payload)
            return
        if notice.attribution in self._replayed:
            self._replayed.discard(notice.attribution)  # handed out by the catch-up already
            return
        self._hand_out(notice)

    def _hand_out(self, notice: Notice) -> None:
        self._mark = max(self._mark or 0, notice.attribution)
        for subscriber in list(self._subscribers):
            if subscriber.accepts(notice) and not subscriber.offer(notice):
                self.remove(subscriber)
                self.dropped += 1
                log.info("dropped a subscriber more than %d events behind", MAX_QUEUED)

    async def _listen(self) -> None:
        pause = RETRY_FIRST
        while self._subscribers:
            try:
                async with await psycopg.AsyncConnection.connect(
                    self._conninfo, autocommit=True, application_name=APPLICATION_NAME
                ) as connection:
                    await connection.execute(f"LISTEN {CHANNEL}")
                    await self._catch_up(connection)
                    self.connections += 1
                    self.listening.set()
                    pause = RETRY_FIRST
                    while self._subscribers:
                        async for notify in connection.notifies(timeout=PING_INTERVAL):
                            self.dispatch(notify.payload)
                        await connection.execute("SELECT 1")  # still there?
            except psycopg.Error as error:
                self.listening.clear()
                log.warning("listening for notifications failed (%s); retrying", error)
                await asyncio.sleep(pause)
                pause = min(pause * 2, RETRY_MAX)
        self.listening.clear()
        self._mark = None  # idle: a later first subscriber starts from the present

    async def _catch_up(self, connection: psycopg.AsyncConnection[Any]) -> None:
        """Once listening: on a first connection, note the newest attribution; on a
        reconnection, hand out those added while away (ids above any handed out)."""
        self._replayed.clear()
        if self._mark is None:
            cursor = await connection.execute("SELECT coalesce(max(id), 0) FROM attributions")
            newest = await cursor.fetchone()
            self._mark = int(newest[0]) if newest else 0
            return
        cursor = await connection.execute(
            "SELECT id, quotation_id, speaker_id, status FROM attributions "
            "WHERE id > %s ORDER BY id LIMIT %s",
            (self._mark, MAX_REPLAYED),
        )
        missed = await cursor.fetchall()
        if len(missed) == MAX_REPLAYED:
            log.warning("replaying only the first %d attributions missed", MAX_REPLAYED)
        for attribution, quotation, speaker, status in missed:
            self._replayed.add(attribution)  # may also be notified, now that we listen
            self._hand_out(Notice(attribution, quotation, speaker, status))

    async def close(self) -> None:
        """Stop listening (the app's shutdown)."""
        self._subscribers.clear()
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listener
        self.listening.clear()
