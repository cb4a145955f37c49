"""Export rate: `provenance export` of a database, in attributions per second.

Wall time, and the CPU seconds of the client (this process) and of the server process of
its connection (read from /proc when the server runs on this machine): on a machine shared
with other work, attributions per CPU second say what the export costs, whatever the load.
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


def _process_cpu(pid: int) -> float | None:
    """User + system CPU seconds of process ``pid``, or None if it is not readable here."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _measure(url: str, out_path: Path) -> ExportRate:
    engine = async_engine(url, pool_size=1)
    try:
        factory = session_factory(engine)
        async with factory() as session:
            pid = int((await session.execute(text("SELECT pg_backend_pid()"))).scalar_one())
        marks: list[float] = []
        with out_path.open("w", encoding="utf-8", buffering=1 << 20) as out:
            async with factory() as session, session.begin():
                server_before = _process_cpu(pid)
                client_before = time.process_time()
                started = time.perf_counter()
                count = await stream_export(
                    session,
                    out=out,
                    on_articles=lambda: marks.append(time.perf_counter() - started),
                )
                seconds = time.perf_counter() - started
                client_cpu = time.process_time() - client_before
                server_after = _process_cpu(pid)
        server_cpu = (
            server_after - server_before
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
