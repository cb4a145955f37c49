"""Export rate: `provenance export` of a database, in attributions per second.

Wall time, and the CPU seconds of the client (this process) and of the server: every
process of the PostgreSQL cluster (both connections of the export and any parallel
workers), read from /proc when the server runs on this machine. On a machine shared with
other work, attributions per CPU second say what the export costs, whatever the load.
"""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from provenance.db import async_engine, session_factory
from provenance.services.export_stream import ExportCount, stream_export


@dataclass(frozen=True)
class ExportRate:
    count: ExportCount
    seconds: float
    order_seconds: float  # until the article order is known (outlets to quotations, order)
    client_cpu: float
    server_cpu: float | None  # None: the server is not a process of this machine
    load: float  # one-minute load average at the end

    @property
    def rate(self) -> float:
        return self.count.attributions / max(self.seconds, 1e-9)

    @property
    def cpu_rate(self) -> float | None:
        if self.server_cpu is None:
            return None
        return self.count.attributions / max(self.client_cpu + self.server_cpu, 1e-9)


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


@dataclass(frozen=True)
class _ClusterCpu:
    """CPU seconds of a cluster's processes: each live child of the postmaster, and the
    children that have exited (counted in the postmaster's cutime and cstime)."""

    children: dict[int, float]
    exited: float

    @classmethod
    def read(cls, postmaster: int) -> _ClusterCpu:
        tick = os.sysconf("SC_CLK_TCK")
        children: dict[int, float] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = _stat(int(entry.name))
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                children[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
        own = _stat(postmaster)
        return cls(children, (int(own[13]) + int(own[14])) / tick)

    def since(self, before: _ClusterCpu) -> float:
        """CPU seconds used between ``before`` and this reading."""
        alive = sum(self.children.values()) - sum(before.children.values())
        return alive + self.exited - before.exited


def _postmaster(backend: int) -> int | None:
    """The postmaster of backend process ``backend``, or None if it is not readable here."""
    try:
        return int(_stat(backend)[1])
    except OSError:
        return None


async def _measure(url: str, out_path: Path) -> ExportRate:
    engine = async_engine(url, pool_size=1)
    try:
        factory = session_factory(engine)
        async with factory() as session:
            pid = int((await session.execute(text("SELECT pg_backend_pid()"))).scalar_one())
        marks: list[float] = []
        with out_path.open("wb", buffering=1 << 20) as out:
            async with factory() as session, session.begin():
                postmaster = _postmaster(pid)
                server_before = None if postmaster is None else _ClusterCpu.read(postmaster)
                client_before = time.process_time()
                started = time.perf_counter()
                count = await stream_export(
                    session,
                    out=out,
                    on_articles=lambda: marks.append(time.perf_counter() - started),
                )
                seconds = time.perf_counter() - started
                client_cpu = time.process_time() - client_before
                await asyncio.sleep(0.1)  # the second connection's process has exited
                server_after = None if postmaster is None else _ClusterCpu.read(postmaster)
        server_cpu = (
            server_after.since(server_before)
            if server_before is not None and server_after is not None
            else None
        )
        return ExportRate(
            count=count,
            seconds=seconds,
            order_seconds=marks[0] if marks else 0.0,
            client_cpu=client_cpu,
            server_cpu=server_cpu,
            load=os.getloadavg()[0],
        )
    finally:
        await engine.dispose()


def measure_export(url: str, out_path: Path) -> ExportRate:
    """Export the database at ``url`` to ``out_path`` and time it."""
    return asyncio.run(_measure(url, out_path))
