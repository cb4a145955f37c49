"""The `provenance` command: serve the API, migrate, seed, and explore chains."""

from __future__ import annotations

import logging

import click

from provenance import __version__
from provenance.bench.cli import bench
from provenance.cli.chain import chain
from provenance.cli.chains import chains_benchmark, sql
from provenance.cli.db import db
from provenance.cli.editing import attribution, history, speaker
from provenance.cli.evaluate import evaluate_command
from provenance.cli.extraction import extract_benchmark, extract_command
from provenance.cli.schema import schema
from provenance.cli.seed import seed
from provenance.cli.serve import serve
from provenance.cli.tokens import token
from provenance.cli.transfer import export, import_, import_benchmark


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="provenance")
def main() -> None:
    """Who said it, who reported it, who relayed it: quotations and their chains.

    Without DATABASE_URL every command uses an embedded PostgreSQL kept in ./.provenance
    (set PROVENANCE_DATA_DIR to move it).
    """
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


main.add_command(serve)
main.add_command(db)
main.add_command(seed)
main.add_command(chain)
main.add_command(sql)
main.add_command(chains_benchmark)
main.add_command(schema)
main.add_command(import_)
main.add_command(export)
main.add_command(import_benchmark)
main.add_command(token)
main.add_command(speaker)
main.add_command(attribution)
main.add_command(history)
main.add_command(extract_command)
main.add_command(evaluate_command)
main.add_command(extract_benchmark)
main.add_command(bench)
