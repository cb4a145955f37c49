"""A PostgreSQL cluster for benchmarks, kept apart from the test and default clusters.

Tuned for a big throwaway corpus on a small machine: no fsync (durable=False), larger
shared buffers and maintenance memory, and checkpoints spread far apart during loads.
"""

from __future__ import annotations

from pathlib import Path

from provenance.localdb import LocalCluster

DEFAULT_DIRECTORY = Path("/var/tmp/provenance-bench")
DATABASE = "provenance_bench"

SETTINGS = """
# provenance bench settings
shared_buffers = '4GB'
effective_cache_size = '16GB'
work_mem = '32MB'
maintenance_work_mem = '1GB'
max_wal_size = '16GB'
checkpoint_timeout = '30min'
max_connections = 200
jit = off
"""


def bench_cluster(directory: Path = DEFAULT_DIRECTORY) -> LocalCluster:
    """The benchmark cluster in ``directory``, created and configured on first use."""
    cluster = LocalCluster(directory, durable=False)
    if not cluster.initialised:
        cluster.initialise()
        with (cluster.datadir / "postgresql.conf").open("a") as conf:
            conf.write(SETTINGS)
    return cluster
