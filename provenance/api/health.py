"""GET /healthz: whether the API can reach its database, answered quickly either way."""

from __future__ import annotations

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse

from provenance.api.metrics import pool_status
from provenance.services.database_errors import database_problem

SERVICE_UNAVAILABLE = 503


async def health_endpoint(request: Request) -> JSONResponse:
    """200 {"status": "ok"} when a statement runs; 503 with the reason when it cannot."""
    engine = request.app.state.engine
    pool = pool_status(engine)  # before this check takes a connection itself
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:
        problem = database_problem(error)
        if problem is None:
            raise
        return JSONResponse(
            {"status": "unavailable", "reason": problem.message, "pool": pool},
            status_code=SERVICE_UNAVAILABLE,
            headers={"Retry-After": "1"},
        )
    return JSONResponse({"status": "ok", "pool": pool})
