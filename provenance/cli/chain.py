"""`provenance chain TEXT`: the relay tree of the quotation that best matches TEXT."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import click
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance import models
from provenance.cli.chains import export_options, write_exports
from provenance.cli.database import database_target, in_session
from provenance.services.quotation_search import search_quotations
from provenance.services.rows import QuotationRow, SpeakerRow


@dataclass(frozen=True)
class QuotationTree:
    """A quotation, its speaker, and every appearance with what it was taken from."""

    quotation: QuotationRow
    speaker: SpeakerRow
    attributions: list[models.Attribution]
    articles: dict[int, models.Article]
    outlets: dict[int, models.Outlet]


async def find_trees(session: AsyncSession, *, text: str, limit: int) -> list[QuotationTree]:
    """The relay trees of the quotations best matching ``text``."""
    found = await search_quotations(session, search=text, first=limit)
    trees = []
    for quotation in found.page.items:
        speaker = found.speakers[quotation.speaker_id]
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
    """The tree as indented text: speaker, first reports, and what relayed each."""
    children: defaultdict[int | None, list[models.Attribution]] = defaultdict(list)
    for attribution in tree.attributions:
        children[attribution.upstream_id].append(attribution)
    lines = [
        f"“{tree.quotation.text}”",
        f"SPEAKER   {tree.speaker.name} ({tree.speaker.kind})",
    ]

    def describe(attribution: models.Attribution, role: str) -> str:
        article = tree.articles[attribution.article_id]
        outlet = tree.outlets.get(article.outlet_id) if article.outlet_id else None
        parts = [
            f"{role:<9} {outlet.name if outlet else 'unknown outlet'}",
            f"article {article.slug}",
            str(article.published_on) if article.published_on else "undated",
        ]
        if attribution.cue:
            parts.append(f"cue “{attribution.cue}”")
        if attribution.text is not None and article.body is not None:
            parts.append(f"[{attribution.start_offset}:{attribution.end_offset}]")
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


@click.command()
@click.argument("text")
@click.option("--limit", default=1, show_default=True, help="How many matching quotations.")
@export_options
def chain(
    text: str, limit: int, svg: Path | None, prov_json: Path | None, prov_n: Path | None
) -> None:
    """Print the chains of attribution of the quotation matching TEXT, as a tree."""
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
    click.echo("\n\n".join(render_tree(tree) for tree in trees))
    for path in written:
        click.echo(f"wrote {path}", err=True)
