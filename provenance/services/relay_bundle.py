"""Everything needed to draw or export one quotation's relay graph, loaded in a few queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import NotFoundError
from provenance.models import Article, Quotation, Speaker
from provenance.services.fidelity import Fidelity, fidelities
from provenance.services.relay_graph import DEFAULT_MAX_DEPTH, RelayGraph, relay_graph


@dataclass(frozen=True)
class ArticleLabel:
    """What names an article to a reader: its headline, or how others cite it."""

    title: str | None
    cited_as: str | None
    url: str | None


@dataclass(frozen=True)
class RelayBundle:
    """A quotation, its speaker, its relay graph, the speakers named and each hop's fidelity."""

    quotation: Quotation
    graph: RelayGraph
    speakers: dict[int, Speaker]
    fidelity: dict[int, Fidelity]
    #: Headline and citation of each article in the graph, by article id (no bodies).
    articles: dict[int, ArticleLabel] = field(default_factory=dict)

    @property
    def speaker(self) -> Speaker:
        """Who said the quotation."""
        return self.speakers[self.quotation.speaker_id]


async def load_relay_bundle(
    session: AsyncSession, *, quotation_id: int, max_depth: int = DEFAULT_MAX_DEPTH
) -> RelayBundle:
    """Load a quotation's relay graph with its speakers and fidelity, or NotFoundError."""
    quotation = await session.get(Quotation, quotation_id)
    if quotation is None:
        raise NotFoundError(f"no quotation with id {quotation_id}", field="quotation")
    graph = await relay_graph(session, quotation_id=quotation_id, max_depth=max_depth)
    speaker_ids = {quotation.speaker_id} | {n.speaker_id for n in graph.nodes}
    speakers = {
        s.id: s for s in await session.scalars(select(Speaker).where(Speaker.id.in_(speaker_ids)))
    }
    hops = await fidelities(session, attribution_ids=[n.attribution_id for n in graph.nodes])
    article_ids = {n.article_id for n in graph.nodes}
    articles = {
        row.id: ArticleLabel(title=row.title, cited_as=row.cited_as, url=row.url)
        for row in await session.execute(
            select(Article.id, Article.title, Article.cited_as, Article.url).where(
                Article.id.in_(article_ids)
            )
        )
    }
    return RelayBundle(
        quotation=quotation, graph=graph, speakers=speakers, fidelity=hops, articles=articles
    )
