"""Serving the API: the app each worker process builds, with garbage collection tuned.

A GraphQL request allocates thousands of short-lived objects. With CPython's default
thresholds (700, 10, 10) that meant a young collection every few hundred allocations and,
every hundred of those, a full one walking every object the process holds (the schema,
SQLAlchemy's and strawberry's modules): 8% of the API's CPU in a profile of quotation
search under load, and most of its p99. Objects alive once the app is built are frozen
(never walked again) and young collections run less often; cycles are still collected.
"""

from __future__ import annotations

import gc

from starlette.applications import Starlette

from provenance.api.app import create_app
from provenance.config import Settings

# Allocations (minus deallocations) between young collections; older generations as often
# relative to those as before would be five times rarer.
YOUNG_THRESHOLD = 20_000
OLDER_THRESHOLDS = (50, 50)


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
