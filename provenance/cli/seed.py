"""`provenance seed`: load the hand-annotated seed articles."""

from __future__ import annotations

from pathlib import Path

import click

from provenance.cli.target import Target, database_target


def load_demo(target: Target, path: Path | None = None) -> str:
    """Load the seed articles (or ``path``) into ``target``; return what was loaded."""
    from provenance.cli.writing import write_once
    from provenance.seed_file import default_seed_file
    from provenance.services.seeds import load_seeds

    summary = write_once(
        target.url, lambda s: load_seeds(s, path=path or default_seed_file()), actor="seed"
    )
    return (
        f"Seeded {target.describe()}: {summary.articles} articles, {summary.quotations} "
        f"quotations, {summary.attributions} attributions, {summary.speakers} speakers, "
        f"{summary.outlets} outlets."
    )


@click.command()
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Seed file to load (default: the seeds/seeds.yaml the package ships).",
)
def seed(path: Path | None) -> None:
    """Load the seed articles and their annotations; loading twice changes nothing."""
    with database_target() as target:
        click.echo(load_demo(target, path))
