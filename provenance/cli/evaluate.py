"""`provenance evaluate`: score the extractor against hand annotations (seed or real format)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import click

from provenance.extraction.evaluate import evaluate as evaluate_seeds
from provenance.extraction.evaluate import format_report, seed_knowledge
from provenance.extraction.realgold import RealGoldError, is_real_set, load_real
from provenance.extraction.realscore import Linker, evaluate_real, format_real_report


def _linker(spec: str | None) -> Linker | None:
    if spec is None:
        return None
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise click.BadParameter("give it as MODULE:FUNCTION", param_hint="--linker")
    try:
        found = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise click.BadParameter(f"cannot load {spec}: {error}", param_hint="--linker") from error
    if not callable(found):
        raise click.BadParameter(f"{spec} is not callable", param_hint="--linker")
    linker: Linker = found
    return linker


@click.command(name="evaluate")
@click.option(
    "--file",
    "--seeds",
    "path",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Annotations in the seed format (default: seeds/seeds.yaml; the held-out dev set "
    "is tests/extraction/dev_articles.yaml), or a real-article set (recognised by its shape).",
)
@click.option(
    "--real",
    "real",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A real-article set: a folder with articles/ and annotations/, an annotations "
    "folder, or annotation files (repeatable).",
)
@click.option(
    "--with-aliases",
    is_flag=True,
    help="Seed format: give the extractor the seed speakers' aliases, as the database would.",
)
@click.option(
    "--linker",
    metavar="MODULE:FUNCTION",
    help="Real format: a function that takes pairs of candidates of different articles of one "
    "story and says which to join; scores cross-article linking.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--verbose", "-v", is_flag=True, help="List every disagreement with the gold.")
def evaluate_command(
    path: Path | None,
    real: tuple[Path, ...],
    with_aliases: bool,
    linker: str | None,
    as_json: bool,
    verbose: bool,
) -> None:
    """Score the extractor against hand-annotated articles (the seeds unless told otherwise)."""
    real_paths = list(real)
    if path is not None and is_real_set(path):
        real_paths.append(path)
        path = None
    if real_paths:
        if path is not None:
            raise click.UsageError("give either a seed-format --file or real-article sets")
        try:
            articles = load_real(real_paths)
        except RealGoldError as error:
            raise click.ClickException(str(error)) from error
        report = evaluate_real(articles, linker=_linker(linker))
        if as_json:
            click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        else:
            click.echo(format_real_report(report, verbose=verbose))
        return
    if linker is not None:
        raise click.UsageError("--linker scores real-article sets (--real)")
    knowledge = seed_knowledge(path) if with_aliases else None
    seeds = evaluate_seeds(path=path, knowledge=knowledge)
    if as_json:
        click.echo(json.dumps(seeds.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(seeds, verbose=verbose))
