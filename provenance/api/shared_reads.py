"""Reads that many subscribers need at once, made once.

When one notification concerns many subscribers, each would read the same row: the first
starts the read and the others await it. The last MAX_KEPT results are kept (a replay after
a reconnection asks again); a read that failed is forgotten, so the next caller retries.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

MAX_KEPT = 256


class SharedReads(Generic[K, V]):
    """One read per key, shared by every caller that asks for it while it is kept."""

    def __init__(self, *, kept: int = MAX_KEPT) -> None:
        self._kept = kept
        self._reads: OrderedDict[K, asyncio.Future[V]] = OrderedDict()
        self.reads = 0  # reads actually made

    async def get(self, key: K, read: Callable[[], Awaitable[V]]) -> V:
        """The result of ``read()`` for ``key``, read by the first caller only."""
        future = self._reads.get(key)
        if future is None:
            future = asyncio.ensure_future(read())
            self.reads += 1
            self._reads[key] = future
            future.add_done_callback(lambda done: self._forget_failed(key, done))
            while len(self._reads) > self._kept:
                self._reads.popitem(last=False)
        # Shielded: a caller that leaves (its subscription completed) does not cancel the
        # read the others await.
        return await asyncio.shield(future)

    def _forget_failed(self, key: K, done: asyncio.Future[V]) -> None:
        if (done.cancelled() or done.exception() is not None) and self._reads.get(key) is done:
            del self._reads[key]
