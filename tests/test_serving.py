"""Serving: the garbage collector is tuned for many small requests."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from provenance.serving import YOUNG_THRESHOLD, tune_garbage_collection


@pytest.fixture
def restored_gc() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_gc")
def test_what_is_alive_is_frozen_and_young_collections_are_rarer() -> None:
    tune_garbage_collection()
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert gc.get_threshold()[0] > 700  # CPython's default
    assert gc.get_freeze_count() > 1000  # the modules' objects, never walked again
    # Cycles are still collected.
    cycle: list[object] = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1


class _Node:
    """An object in a reference cycle, as a request's exception or task leaves them."""

    def __init__(self) -> None:
        self.me = self


@pytest.mark.usefixtures("restored_gc")
def test_garbage_cycles_that_reach_the_oldest_generation_are_freed() -> None:
    tune_garbage_collection()
    gc.collect()
    # A cycle that lives long enough to reach the oldest generation, then becomes garbage.
    oldest = _Node()
    gone = weakref.ref(oldest)
    gc.collect(1)  # promoted to the oldest generation, as a long request's objects are
    del oldest
    # Requests go on leaving garbage cycles of their own behind.
    for _ in range(3_000_000):
        _Node()
        if gone() is None:
            break
    assert gone() is None, "no full collection in 3 million garbage cycles"
