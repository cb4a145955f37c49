"""Serving: the garbage collector is tuned for many small requests."""

from __future__ import annotations

import gc
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
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 50, 50)
    assert gc.get_threshold()[0] > 700  # CPython's default
    assert gc.get_freeze_count() > 1000  # the modules' objects, never walked again
    # Cycles are still collected.
    cycle: list[object] = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1
