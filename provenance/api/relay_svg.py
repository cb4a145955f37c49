"""GET /quotations/{slug}/relay-graph.svg: the relay graph of a quotation as a picture."""

from __future__ import annotations

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from provenance.db import session_factory
from provenance.models import Quotation
from provenance.services.chain_svg import GraphvizMissingError, relay_graph_svg
from provenance.services.relay_bundle import load_relay_bundle

SVG_MEDIA_TYPE = "image/svg+xml"


async def relay_graph_svg_endpoint(request: Request) -> Response:
    """The SVG picture of the relay graph of the quotation named by slug in the path."""
    slug = request.path_params["slug"]
    async with session_factory(request.app.state.engine)() as session:
        quotation_id = await session.scalar(select(Quotation.id).where(Quotation.slug == slug))
        if quotation_id is None:
            return PlainTextResponse(f"no quotation with slug {slug!r}", status_code=404)
        bundle = await load_relay_bundle(session, quotation_id=quotation_id)
    try:
        # dot runs for as long as the graph needs: in a worker thread, not the event loop.
        svg = await run_in_threadpool(relay_graph_svg, bundle)
    except GraphvizMissingError as error:
        return PlainTextResponse(str(error), status_code=503)
    return Response(svg, media_type=SVG_MEDIA_TYPE, headers={"Cache-Control": "no-cache"})
