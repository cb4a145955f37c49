"""Batches generated in another process are the ones the loader would have made itself."""

from __future__ import annotations

import multiprocessing
import random
from collections.abc import Generator
from typing import cast

import pytest

from provenance.bench.cast import make_cast
from provenance.bench.load import Prepared
from provenance.bench.plan import CorpusPlan, IdBase
from provenance.bench.producer import generated

PLAN = CorpusPlan(quotations=50, seed=4, batch_size=16)


def test_batches_from_the_other_process_are_the_ones_made_here() -> None:
    rng = random.Random(PLAN.seed)
    made = list(generated(PLAN, IdBase(), make_cast(PLAN, IdBase(), rng), rng))
    assert [last for last, _batch in made] == [16, 32, 48, 50]
    prepared = Prepared.generate(PLAN)
    assert [batch.attributions for _last, batch in made] == [
        batch.attributions for batch in prepared.batches
    ]
    assert multiprocessing.active_children() == []


def test_a_load_that_stops_early_ends_the_producer() -> None:
    rng = random.Random(PLAN.seed)
    batches = generated(PLAN, IdBase(), make_cast(PLAN, IdBase(), rng), rng)
    next(batches)
    cast("Generator[object]", batches).close()
    assert multiprocessing.active_children() == []


def test_an_error_in_the_producer_reaches_the_load() -> None:
    rng = random.Random(PLAN.seed)
    made = make_cast(PLAN, IdBase(), rng)
    with pytest.raises(AttributeError):
        list(generated(PLAN, IdBase(), made, cast(random.Random, object())))
    assert multiprocessing.active_children() == []
