"""`provenance extract` and `extract-benchmark`: the rule-based extractor."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, TextIO

import click

from provenance.cli.target import database_target, in_session
from provenance.cli.writing import actor_option, write_once
from provenance.extraction import Candidate, extract
from provenance.services.extraction_store import StoredArticle, load_knowledge, store_extraction


def _line(candidate: Candidate) -> str:
    speaker = candidate.speaker.best or "?"
    if candidate.speaker.as_printed and candidate.speaker.as_printed != speaker:
        speaker = f"{speaker} ({candidate.speaker.as_printed})"
    via = f" via {candidate.intermediary}" if candidate.intermediary else ""
    words = candidate.text if len(candidate.text) <= 70 else candidate.text[:67] + "..."
    return (
        f"{candidate.start:>6}-{candidate.end:<6} {candidate.kind.value:<8} "
        f"{candidate.confidence:.2f}  {speaker}{via}: {words!r}"
    )


def _stored_json(stored: StoredArticle) -> list[dict[str, Any]]:
    return [
        {
            **item.candidate.as_json(),
            "attribution_id": item.attribution_id,
            "quotation": item.quotation_slug,
            "speaker_slug": item.speaker_slug,
            "upstream_id": item.upstream_id,
            "similarity": item.similarity,
            "proposed": [
                {"attribution_id": earlier, "score": score} for earlier, score in item.proposals
            ],
        }
        for item in stored.candidates
    ]


@click.command(name="extract")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--title", help="Headline of the article.")
@click.option("--outlet", help="Publishing outlet, by name or slug (created when unknown).")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date, YYYY-MM-DD.",
)
@click.option("--url", help="Canonical URL of the article.")
@click.option("--slug", help="Slug for the stored article (default: from title and text).")
@click.option("--json", "as_json", is_flag=True, help="Print the candidates as a JSON list.")
@click.option(
    "--store",
    is_flag=True,
    help="Record the article and its candidates (status 'extracted') in the database.",
)
@click.option(
    "--known-speakers",
    is_flag=True,
    help="Resolve speakers through the names and aliases stored in the database (read only).",
)
@actor_option
def extract_command(
    file: TextIO,
    title: str | None,
    outlet: str | None,
    published: datetime | None,
    url: str | None,
    slug: str | None,
    as_json: bool,
    store: bool,
    known_speakers: bool,
    actor: str,
) -> None:
    """Find the quotations in FILE (plain text, '-' for stdin): speakers, cues, intermediaries.

    Without --store nothing is written, and without --known-speakers or --store no
    database is needed.
    """
    body = file.read()
    if not body.strip():
        raise click.ClickException(f"{file.name} holds no text to extract from")
    if not store:
        knowledge = None
        if known_speakers:
            with database_target() as target:
                knowledge = in_session(target.url, load_knowledge)
        found = extract(body, knowledge=knowledge)
        if as_json:
            click.echo(json.dumps([c.as_json() for c in found], ensure_ascii=False, indent=2))
        else:
            for candidate in found:
                click.echo(_line(candidate))
            click.echo(f"{len(found)} candidate attributions")
        return
    with database_target() as target:
        stored = write_once(
            target.url,
            lambda session: store_extraction(
                session,
                body=body,
                slug=slug,
                title=title,
                outlet=outlet,
                published_on=published.date() if published else None,
                url=url,
            ),
            actor=actor,
        )
    if as_json:
        click.echo(json.dumps(_stored_json(stored), ensure_ascii=False, indent=2))
        return
    for item in stored.candidates:
        state = (
            "kept (recorded by a person)"
            if item.attribution_id is None
            else f"attribution {item.attribution_id}, quotation {item.quotation_slug}"
            + (f", upstream {item.upstream_id}" if item.upstream_id else "")
            + (f", same statement (score {item.similarity:.2f})" if item.similarity else "")
            + "".join(
                f", may repeat attribution {earlier} ({score:.2f})"
                for earlier, score in item.proposals
            )
        )
        click.echo(f"{_line(item.candidate)}\n         -> {state}")
    click.echo(
        f"Stored article {stored.article_slug} in {target.describe()} with "
        f"{sum(1 for i in stored.candidates if i.attribution_id)} extracted attributions."
    )


@click.command(name="extract-benchmark")
@click.option("--repeat", default=50, show_default=True, help="Passes over the seed articles.")
def extract_benchmark(repeat: int) -> None:
    """Print the extractor's throughput in articles per second."""
    if repeat < 1:
        raise click.BadParameter("must be at least 1", param_hint="--repeat")
    from provenance.bench.extraction import format_throughput, measure

    click.echo(format_throughput(measure(repeat=repeat)))
