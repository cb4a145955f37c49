"""The `provenance` command: serve the API, migrate, seed, and explore chains.

Each command's module is imported only when it runs (``LazyGroup``), so that every
command starts fast; this module imports click and nothing heavy.
"""

from __future__ import annotations

import logging
from typing import Any

import click

from provenance import __version__
from provenance.cli.lazy import LazyGroup

COMMANDS: dict[str, tuple[str, str]] = {
    "attribution": ("provenance.cli.editing:attribution", "Verify or dispute an attribution."),
    "bench": ("provenance.bench.cli:bench", "Performance at scale: synthetic corpus, benchmarks."),
    "chain": ("provenance.cli.chain:chain", "Print the chains of attribution of a quotation."),
    "chains-benchmark": ("provenance.cli.chain:chains_benchmark", "Time the chain queries."),
    "db": ("provenance.cli.db_commands:db", "Migrate the database schema; print its URL."),
    "doctor": ("provenance.cli.doctor:doctor", "Check a database and say what is missing."),
    "evaluate": ("provenance.cli.evaluate:evaluate_command", "Score the extractor."),
    "export": ("provenance.cli.transfer:export", "Write the whole database as JSON Lines."),
    "extract": ("provenance.cli.extraction:extract_command", "Find the quotations in a text."),
    "extract-benchmark": ("provenance.cli.extraction:extract_benchmark", "Extractor speed."),
    "history": ("provenance.cli.editing:history", "Print the recorded changes of one row."),
    "ingest": ("provenance.cli.ingest:ingest_command", "Store web pages, WARCs and feeds."),
    "ingest-benchmark": ("provenance.cli.ingest:ingest_benchmark", "Ingest speed from a WARC."),
    "import": ("provenance.cli.transfer:import_", "Load a JSON Lines file."),
    "import-benchmark": ("provenance.cli.transfer:import_benchmark", "Time `provenance import`."),
    "link-eval": (
        "provenance.cli.linking:link_eval_command",
        "Cross-article linking on annotated story clusters.",
    ),
    "same-statement": (
        "provenance.cli.statement_links:same_statement",
        "List, confirm or reject same-statement links.",
    ),
    "outlet-source": ("provenance.cli.ingest:outlet_source", "Edit the outlet table of ingest."),
    "schema": ("provenance.cli.schema:schema", "Print the GraphQL schema (SDL)."),
    "seed": ("provenance.cli.seed:seed", "Load the seed articles and their annotations."),
    "serve": ("provenance.cli.serve:serve", "Serve the GraphQL API."),
    "speaker": ("provenance.cli.editing:speaker", "Merge speakers, list or undo merges."),
    "sql": ("provenance.cli.sql:sql", "Open psql on the configured database."),
    "token": ("provenance.cli.tokens:token", "Create, list and revoke API tokens."),
}


class ProvenanceGroup(LazyGroup):
    """The lazy group that turns an operator's failure into a short message (failures.py)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            if ctx.meta.get("provenance.debug"):
                raise
            from provenance.cli.failures import explain

            raise click.ClickException(
                f"{explain(error)}\n(`provenance --debug ...` shows the traceback)"
            ) from error


@click.group(
    cls=ProvenanceGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="provenance")
@click.option("--debug", is_flag=True, help="Show the full traceback of a failure.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Who said it, who reported it, who relayed it: quotations and their chains.

    Without DATABASE_URL every command uses an embedded PostgreSQL kept in the per-user
    data folder, ~/.local/share/provenance (set PROVENANCE_DATA_DIR to move it;
    `provenance db url` prints its URL).
    """
    ctx.meta["provenance.debug"] = debug
    logging.basicConfig(
        level=logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
