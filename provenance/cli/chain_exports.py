"""The options of `provenance chain` that write a quotation's relay graph to files.

An SVG picture (Graphviz), PROV-JSON or PROV-N; the libraries load only when one is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from provenance.cli.target import in_session

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from provenance.services.relay_bundle import RelayBundle

F = TypeVar("F", bound=Callable[..., Any])


def export_options(command: F) -> F:
    """Add --svg, --prov-json and --prov-n to a command that shows one quotation's chains."""
    for name, what in (
        ("--prov-n", "PROV-N"),
        ("--prov-json", "PROV-JSON"),
        ("--svg", "an SVG picture"),
    ):
        command = click.option(
            name,
            type=click.Path(dir_okay=False, writable=True, path_type=Path),
            help=f"Write the relay graph of the best match as {what} to this file.",
        )(command)
    return command


def write_exports(
    url: str,
    *,
    quotation_id: int,
    svg: Path | None = None,
    prov_json: Path | None = None,
    prov_n: Path | None = None,
) -> list[Path]:
    """Write the requested pictures and PROV files of one quotation's relay graph."""
    if svg is None and prov_json is None and prov_n is None:
        return []
    from provenance.services.chain_svg import relay_graph_svg
    from provenance.services.export_prov import to_prov_json, to_prov_n
    from provenance.services.relay_bundle import load_relay_bundle

    async def load(session: AsyncSession) -> RelayBundle:
        return await load_relay_bundle(session, quotation_id=quotation_id)

    bundle = in_session(url, load)
    written = []
    for path, render in ((svg, relay_graph_svg), (prov_json, to_prov_json), (prov_n, to_prov_n)):
        if path is not None:
            path.write_text(render(bundle), encoding="utf-8")
            written.append(path)
    return written
