"""Stop working for a client that has gone: its request is cancelled when it disconnects.

uvicorn does not cancel a request whose client hangs up: the application learns of it
only when it next calls ``receive()``, which a GraphQL request never does once it has read
its body. So the request runs as its own task while this module reads the connection's
messages for it, handing each to the application in turn (one at a time: a large body is
not read ahead). When ``http.disconnect`` arrives before the answer has been sent, the
request's task is cancelled, once, as asyncio does: a running statement is then cancelled
on the server by the driver (psycopg sends a cancel request), and every ``finally`` runs.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from provenance.api import metrics


class _Relay:
    """The connection's messages, read by one task and taken by the application in order."""

    def __init__(self, receive: Receive) -> None:
        self._receive = receive
        self._messages: asyncio.Queue[Message | BaseException] = asyncio.Queue()
        self._taken = asyncio.Event()
        self.disconnected = False

    async def read(self, on_disconnect: Callable[[], None]) -> None:
        """Read until the client disconnects (or the request ends and this is cancelled)."""
        while True:
            try:
                message = await self._receive()
            except Exception as error:  # handed to the application, which sees it raised
                self._messages.put_nowait(error)
                return
            self._messages.put_nowait(message)
            if message["type"] == "http.disconnect":
                self.disconnected = True
                on_disconnect()
                return
            if message.get("more_body", False):
                await self._taken.wait()  # the next chunk only once this one is taken
                self._taken.clear()

    async def receive(self) -> Message:
        """The application's ``receive``: the next message, in order."""
        if self.disconnected and self._messages.empty():
            return {"type": "http.disconnect"}
        item = await self._messages.get()
        self._taken.set()
        if isinstance(item, BaseException):
            raise item
        return item


async def cancel_on_disconnect(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """Run the HTTP request ``app`` serves, cancelling it if its client disconnects first."""
    relay = _Relay(receive)
    answered = False

    async def send_and_note(message: Message) -> None:
        nonlocal answered
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            answered = True  # set first: the server reports a disconnect once the body is out
        await send(message)

    request = asyncio.ensure_future(app(scope, relay.receive, send_and_note))
    cancelled_for_client = False

    def on_disconnect() -> None:
        nonlocal cancelled_for_client
        if not answered and not request.done():
            cancelled_for_client = True
            metrics.count("client_disconnects")
            request.cancel()

    reader = asyncio.ensure_future(relay.read(on_disconnect))
    try:
        await request
    except asyncio.CancelledError:
        if not cancelled_for_client:
            raise  # the server is cancelling this request itself (shutdown)
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader
