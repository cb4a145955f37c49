"""`provenance schema`: the GraphQL schema as SDL."""

from __future__ import annotations

import click


@click.command()
def schema() -> None:
    """Print the GraphQL schema (SDL), as committed in graphql/schema.graphql."""
    from provenance.api.schema import schema_sdl

    click.echo(schema_sdl(), nl=False)
