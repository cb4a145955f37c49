"""Generate a corpus's batches in another process, so that Python and the server each get a core.

In a thread, generating (pure Python, about 50,000 attributions/s) holds the GIL that the
thread feeding COPY also needs; in a forked process the two run side by side and only the
finished batches (strings) cross over, pickled.
"""

from __future__ import annotations

import multiprocessing
import random
from collections.abc import Iterator
from multiprocessing.queues import Queue

from provenance.bench.cast import Cast
from provenance.bench.plan import CorpusPlan, IdBase
from provenance.bench.relays import Batch, Counters, make_batch

Item = tuple[int, Batch] | BaseException | None


def _produce(
    plan: CorpusPlan, base: IdBase, cast: Cast, rng: random.Random, batches: Queue[Item]
) -> None:
    try:
        counters = Counters.after(base)
        for first in range(0, plan.quotations, plan.batch_size):
            last = min(plan.quotations, first + plan.batch_size)
            batches.put((last, make_batch(plan, base, cast, counters, rng, first, last)))
        batches.put(None)
    except BaseException as error:  # handed over to the consumer, which re-raises it
        batches.put(error)


def generated(
    plan: CorpusPlan, base: IdBase, cast: Cast, rng: random.Random
) -> Iterator[tuple[int, Batch]]:
    """(quotations so far, batch) as another process makes them, from ``rng`` as it stands."""
    # Fork: the child starts from this rng's state, so the rows are those made here.
    context = multiprocessing.get_context("fork")
    batches: Queue[Item] = context.Queue(maxsize=2)
    producer = context.Process(
        target=_produce, args=(plan, base, cast, rng, batches), name="corpus-generator"
    )
    producer.start()
    try:
        while (item := batches.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        if producer.is_alive():  # the load stopped early: no one will read the rest
            producer.terminate()
        producer.join()
        batches.close()
