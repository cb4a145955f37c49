"""`provenance link-eval`: cross-article linking measured on annotated story clusters."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from provenance.cli.target import database_target
from provenance.db import async_engine, session_factory
from provenance.linking.clusters import ClusterScore, load_clusters, measure_cluster


async def _measure(url: str, directory: Path, *, extractor: bool, verbose: bool) -> ClusterScore:
    total = ClusterScore()
    engine = async_engine(url, pool_size=1)
    try:
        for name, articles in load_clusters(directory).items():
            async with session_factory(engine)() as session:
                await session.begin()
                score = await measure_cluster(session, articles, extractor=extractor)
                await session.rollback()  # a measurement leaves nothing behind
            total.add(score)
            click.echo(
                f"{name}: {score.joined}/{score.pairs} joined, {score.proposed} proposed, "
                f"{score.unmatched} not extracted, wrong: {score.wrong_joins} joined, "
                f"{score.wrong_proposals} proposed"
            )
            if verbose:
                for line in score.missed:
                    click.echo(f"    missed {line}")
                for line in score.wrong:
                    click.echo(f"    wrong {line}")
    finally:
        await engine.dispose()
    return total


@click.command(name="link-eval")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--extractor",
    is_flag=True,
    help="Store the extractor's candidates (end to end) instead of the annotated quotations.",
)
@click.option("-v", "--verbose", is_flag=True, help="List the pairs not joined.")
def link_eval_command(directory: Path, extractor: bool, verbose: bool) -> None:
    """Store each story cluster of DIRECTORY (articles/ + annotations/) in a rolled-back
    transaction and count the shared statements joined as one quotation."""
    if not (directory / "annotations").is_dir():
        raise click.ClickException(f"{directory} has no annotations/ folder")
    with database_target() as target:
        total = asyncio.run(_measure(target.url, directory, extractor=extractor, verbose=verbose))
    share = total.joined / total.pairs if total.pairs else 0.0
    click.echo(
        f"all: {total.joined}/{total.pairs} joined ({share:.0%}), {total.proposed} more "
        f"proposed, {total.unmatched} not extracted; wrong joins {total.wrong_joins}, "
        f"wrong proposals {total.wrong_proposals}"
    )
