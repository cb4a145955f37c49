"""`provenance chain TEXT`: the relay tree of the quotation that best matches TEXT.

TEXT may also be what the API shows: a quotation's or attribution's global id, or a
quotation's slug. The tree prints the global id of the quotation, its speaker and every
appearance; ``--json`` prints the same as data. `provenance chains-benchmark` times the
queries behind it (provenance/bench/chains.py, loaded when it runs).
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from provenance.cli.chain_exports import export_options, write_exports
from provenance.cli.ids import decode_global_id, global_id
from provenance.cli.target import database_target, in_session

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from provenance import models


@dataclass(frozen=True)
class QuotationTree:
    """A quotation, its speaker, and every appearance with what it was taken from."""

    quotation: models.Quotation
    speaker: models.Speaker
    attributions: list[models.Attribution]
    articles: dict[int, models.Article]
    outlets: dict[int, models.Outlet]


async def _named_quotation(
    session: AsyncSession, text: str
) -> tuple[models.Quotation, models.Speaker] | None:
    """The quotation TEXT names by global id (of it or one appearance) or slug, if it does."""
    from sqlalchemy import select

    from provenance import models

    decoded = decode_global_id(text)
    if decoded is not None and decoded[0] == "Attribution":
        quotation_id = await session.scalar(
            select(models.Attribution.quotation_id).where(models.Attribution.id == decoded[1])
        )
        condition = models.Quotation.id == quotation_id
    elif decoded is not None and decoded[0] == "Quotation":
        condition = models.Quotation.id == decoded[1]
    elif decoded is not None:
        raise click.BadParameter(f"{text} is the id of a {decoded[0]}, not of a quotation")
    else:
        condition = models.Quotation.slug == text
    quotation = await session.scalar(select(models.Quotation).where(condition))
    if quotation is None:
        if decoded is not None:
            raise click.BadParameter(f"no quotation with id {text}")
        return None
    return quotation, await session.get_one(models.Speaker, quotation.speaker_id)


async def find_trees(session: AsyncSession, *, text: str, limit: int) -> list[QuotationTree]:
    """The relay trees of the quotation TEXT names, else of those best matching it."""
    from sqlalchemy import select

    from provenance import models
    from provenance.services.quotation_search import search_quotations

    named = await _named_quotation(session, text)
    if named is not None:
        found_pairs = [named]
    else:
        found = await search_quotations(session, search=text, first=limit)
        ids = [q.id for q in found.page.items]
        quotations = {
            q.id: q
            for q in await session.scalars(
                select(models.Quotation).where(models.Quotation.id.in_(ids))
            )
        }
        speakers = {
            s.id: s
            for s in await session.scalars(
                select(models.Speaker).where(
                    models.Speaker.id.in_({q.speaker_id for q in quotations.values()})
                )
            )
        }
        found_pairs = [(quotations[i], speakers[quotations[i].speaker_id]) for i in ids]
    trees = []
    for quotation, speaker in found_pairs:
        attributions = list(
            await session.scalars(
                select(models.Attribution)
                .where(models.Attribution.quotation_id == quotation.id)
                .order_by(models.Attribution.id)
            )
        )
        article_ids = {a.article_id for a in attributions}
        articles = {
            a.id: a
            for a in await session.scalars(
                select(models.Article).where(models.Article.id.in_(article_ids))
            )
        }
        outlet_ids = {a.outlet_id for a in articles.values() if a.outlet_id is not None}
        outlets = {
            o.id: o
            for o in await session.scalars(
                select(models.Outlet).where(models.Outlet.id.in_(outlet_ids))
            )
        }
        trees.append(QuotationTree(quotation, speaker, attributions, articles, outlets))
    return trees


def render_tree(tree: QuotationTree) -> str:
    """The tree as indented text: speaker, first reports, and what relayed each, with ids."""
    children: defaultdict[int | None, list[models.Attribution]] = defaultdict(list)
    for attribution in tree.attributions:
        children[attribution.upstream_id].append(attribution)
    lines = [
        f"“{tree.quotation.text}”",
        f"QUOTATION {global_id('Quotation', tree.quotation.id)} · {tree.quotation.slug}",
        f"SPEAKER   {tree.speaker.name} ({tree.speaker.kind}) · "
        f"{global_id('Speaker', tree.speaker.id)} · {tree.speaker.slug}",
    ]

    def describe(attribution: models.Attribution, role: str) -> str:
        article = tree.articles[attribution.article_id]
        outlet = tree.outlets.get(article.outlet_id) if article.outlet_id else None
        parts = [
            f"{role:<9} {outlet.name if outlet else 'outlet not stated'}",
            f"article {article.slug}",
            str(article.published_on) if article.published_on else "undated",
        ]
        if attribution.cue:
            parts.append(f"cue “{attribution.cue}”")
        if attribution.text is not None and article.body is not None:
            parts.append(f"[{attribution.start_offset}:{attribution.end_offset}]")
        parts.append(global_id("Attribution", attribution.id))
        return " · ".join(parts)

    def walk(parent: int | None, depth: int) -> None:
        for attribution in children.get(parent, []):
            role = "REPORTER" if parent is None else "RELAY"
            lines.append("  " * depth + "└─ " + describe(attribution, role))
            if attribution.text is not None:
                lines.append("  " * depth + f"     “{attribution.text}”")
            walk(attribution.id, depth + 1)

    walk(None, 0)
    return "\n".join(lines)


def tree_json(tree: QuotationTree) -> dict[str, Any]:
    """The tree as data, with the API's global ids."""

    def article(attribution: models.Attribution) -> dict[str, Any]:
        row = tree.articles[attribution.article_id]
        outlet = tree.outlets.get(row.outlet_id) if row.outlet_id else None
        return {
            "id": global_id("Article", row.id),
            "slug": row.slug,
            "publishedOn": str(row.published_on) if row.published_on else None,
            "outlet": None
            if outlet is None
            else {"id": global_id("Outlet", outlet.id), "slug": outlet.slug, "name": outlet.name},
        }

    return {
        "quotation": {
            "id": global_id("Quotation", tree.quotation.id),
            "slug": tree.quotation.slug,
            "text": tree.quotation.text,
        },
        "speaker": {
            "id": global_id("Speaker", tree.speaker.id),
            "slug": tree.speaker.slug,
            "name": tree.speaker.name,
            "kind": str(tree.speaker.kind),
        },
        "attributions": [
            {
                "id": global_id("Attribution", a.id),
                "upstream": global_id("Attribution", a.upstream_id) if a.upstream_id else None,
                "role": "REPORTER" if a.upstream_id is None else "RELAY",
                "text": a.text,
                "cue": a.cue,
                "start": a.start_offset,
                "end": a.end_offset,
                "article": article(a),
            }
            for a in tree.attributions
        ],
    }


@click.command()
@click.argument("text")
@click.option("--limit", default=1, show_default=True, help="How many matching quotations.")
@click.option("--json", "as_json", is_flag=True, help="Print the trees as JSON.")
@export_options
def chain(
    text: str,
    limit: int,
    as_json: bool,
    svg: Path | None,
    prov_json: Path | None,
    prov_n: Path | None,
) -> None:
    """Print the chains of attribution of the quotation matching TEXT, as a tree.

    TEXT is words of the quotation, or its global id or slug, or an attribution's global id.
    """
    written: list[Path] = []
    with database_target() as target:
        trees = in_session(target.url, lambda s: find_trees(s, text=text, limit=limit))
        if trees:
            written = write_exports(
                target.url,
                quotation_id=trees[0].quotation.id,
                svg=svg,
                prov_json=prov_json,
                prov_n=prov_n,
            )
    if not trees:
        raise click.ClickException(f"no quotation matches {text!r}")
    if as_json:
        click.echo(json.dumps([tree_json(t) for t in trees], ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(render_tree(tree) for tree in trees))
    for path in written:
        click.echo(f"wrote {path}", err=True)


@click.command("chains-benchmark")
@click.option("--repeat", type=click.IntRange(min=1), default=5, show_default=True)
def chains_benchmark(repeat: int) -> None:
    """Time relay graphs, fidelity, similar quotes, outlet relays and a revision; print ms.

    Runs against the configured database (load a corpus first, e.g. with `provenance bench
    generate`); the revision is rolled back.
    """
    from provenance.bench.chains import run_chains_benchmark

    with database_target() as target:
        timings = asyncio.run(run_chains_benchmark(target.url, repeat=repeat))
    width = max(len(name) for name in timings)
    for name, (median, items) in timings.items():
        click.echo(f"{name:<{width}}  {median:9.2f} ms  ({items} items)")
