"""The API as the benchmark serves it: the real app, plus a count of SQL statements.

``uvicorn --factory provenance.bench.asgi:create`` serves ``DATABASE_URL`` (reads on
``DATABASE_READ_URL`` when set). Every statement the app's engines send is counted;
``GET /__bench/statements`` returns the running total, so the harness reads statements
per request by sending requests one at a time.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import event
from starlette.types import ASGIApp, Receive, Scope, Send

from provenance.api.app import create_app
from provenance.config import Settings
from provenance.serving import tune_garbage_collection

STATEMENTS_PATH = "/__bench/statements"


class StatementCounter:
    """Counts what the engine executes."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_args: Any, **_kwargs: Any) -> None:
        self.count += 1


def with_statement_count(app: ASGIApp, counter: StatementCounter) -> ASGIApp:
    """``app``, answering the statement count at STATEMENTS_PATH."""

    async def counted(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == STATEMENTS_PATH:
            body = str(counter.count).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"text/plain")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return counted


def create() -> ASGIApp:
    """The instrumented app for ``DATABASE_URL`` (GraphiQL off, as in production)."""
    settings = dataclasses.replace(
        Settings.from_env(),
        graphiql=False,
        # One client sends every request: measured is the API, not its rate limit.
        rate_limit_points=0,
        rate_limit_anonymous_points=0,
    )
    app = create_app(settings)
    counter = StatementCounter()
    for engine in [app.state.engine, *app.state.replicas]:  # DATABASE_READ_URL's too
        event.listen(engine.sync_engine, "before_cursor_execute", counter)
    tune_garbage_collection()  # as `provenance serve` does
    return with_statement_count(app, counter)
