"""SharedReads: one read per key for many concurrent callers; failures are retried."""

from __future__ import annotations

import asyncio

import pytest

from provenance.api.shared_reads import SharedReads


def test_concurrent_callers_share_one_read_and_a_failure_is_retried() -> None:
    async def go() -> tuple[list[int], int, int]:
        shared: SharedReads[int, int] = SharedReads(kept=2)
        gate = asyncio.Event()
        calls = 0

        async def read() -> int:
            nonlocal calls
            calls += 1
            await gate.wait()
            return 7

        waiting = [asyncio.ensure_future(shared.get(1, read)) for _ in range(50)]
        await asyncio.sleep(0)
        gate.set()
        results = await asyncio.gather(*waiting)

        async def fail() -> int:
            raise RuntimeError("the database went away")

        with pytest.raises(RuntimeError):
            await shared.get(2, fail)
        retried = await shared.get(2, read)  # forgotten after failing: read again
        return results, calls, retried

    results, calls, retried = asyncio.run(go())
    assert results == [7] * 50
    assert calls == 2  # once for key 1 (fifty callers), once for key 2 after its failure
    assert retried == 7
