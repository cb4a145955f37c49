"""Serving the API: the app each worker process builds, with garbage collection tuned.

A GraphQL request allocates thousands of short-lived objects. With CPython's default
thresholds (700, 10, 10) that meant a young collection every few hundred allocations and,
every hundred of those, a full one walking every object the process holds (the schema,
SQLAlchemy's and strawberry's modules): 8% of the API's CPU in a profile of quotation
search under load, and most of its p99. Objects alive once the app is built are frozen
(never walked again) and young collections run less often. The older generations keep
CPython's default ratios (10, 10): a full collection then comes every 2 million net
allocations, so the garbage cycles that requests leave (exceptions, tasks) are freed and
the heap stays flat. With rarer full collections (50, 50) a server's RSS grew by 6.5 MB
every 1,500 fuzz requests without end; with these it stays flat after warm-up
(`provenance bench fuzz`, docs/performance.md).
"""

from __future__ import annotations

import gc

from starlette.applications import Starlette

from provenance.api.app import create_app
from provenance.config import Settings

# Allocations (minus deallocations) between young collections; the older generations at
# CPython's default ratios, so full collections keep up with the garbage cycles.
YOUNG_THRESHOLD = 20_000
OLDER_THRESHOLDS = (10, 10)


def tune_garbage_collection() -> None:
    """Freeze what is alive now (call it once the app is built) and collect less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *OLDER_THRESHOLDS)


def app_from_environment() -> Starlette:
    """The API for the settings in the environment, tuned for serving (a uvicorn factory:
    each worker process of `provenance serve --workers N` builds its own)."""
    app = create_app(Settings.from_env())
    tune_garbage_collection()
    return app
