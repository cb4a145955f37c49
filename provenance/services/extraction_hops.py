"""Each intermediary a candidate states becomes a hop: a citation-only article holding an
appearance of the quotation, linked by ``upstream`` from the speaker towards the article.

Which article stands for a hop (decided here, documented in docs/extraction.md):

- an outlet told or reporting ("told Reuters", "according to the BBC"), or a service of
  one ("told VOA's Persian service"): an article of it;
- a channel on a platform ("on Telegram", "posted on X"): an article of the platform;
- a channel of an organisation or outlet ("MSF said in a statement"): an article of it;
- a channel of a person ("said in a statement"): no outlet, titled "Speaker: statement";
- a person told, reading out, quoting or reporting: no outlet, titled "Told X",
  "Read out by X", "Quoted by X", "Reported by X".

An appearance of the same quotation already stored in an article of that outlet (or, for a
hop without outlet, a citation-only article of the same title) is reused rather than a
second one added; reused hops are never changed, and the chain continues from the last
reused one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.extraction import (
    Candidate,
    Hop,
    HopRole,
    SpeakerType,
    is_outlet_name,
    strip_determiner,
)
from provenance.models import (
    Article,
    Attribution,
    AttributionKind,
    AttributionStatus,
    Outlet,
    Quotation,
    Speaker,
    SpeakerKind,
)
from provenance.services import records
from provenance.services.slugs import slugify

# Platforms a channel can name: its hop is an article of the platform, as an outlet.
_PLATFORM_WORDS = """telegram x twitter facebook instagram youtube tiktok linkedin threads
    bluesky weibo wechat truth-social reddit substack whatsapp vk rumble snapchat mastodon"""
PLATFORMS = frozenset(_PLATFORM_WORDS.split())

_PERSON_TITLES = {
    HopRole.TOLD: "Told {name}",
    HopRole.READER: "Read out by {name}",
    HopRole.QUOTED_BY: "Quoted by {name}",
    HopRole.REPORTED_BY: "Reported by {name}",
    HopRole.CHANNEL: "{speaker}: {name}",
}


@dataclass(frozen=True)
class HopPlace:
    """Where a hop's appearance lives: an outlet's article, or a titled citation."""

    outlet: Outlet | None
    title: str | None


def candidate_hops(candidate: Candidate) -> tuple[Hop, ...]:
    """The candidate's hops; an extractor that fills only ``intermediary`` gives one hop."""
    if candidate.hops:
        return candidate.hops
    middle = candidate.intermediary
    if middle is None or not is_outlet_name(middle):
        return ()
    told = candidate.cue is not None and "told" in candidate.cue.lower()
    role = HopRole.TOLD if told else HopRole.REPORTED_BY
    return (Hop(role, middle, candidate.cue, SpeakerType.OUTLET),)


async def outlet_named(
    session: AsyncSession, name: str, *, create: bool, cache: OutletCache | None = None
) -> Outlet | None:
    """The outlet of that name or slug (case-insensitive), created when asked."""
    bare = strip_determiner(name.strip())
    if cache is not None and bare in cache.found:
        return cache.found[bare]
    outlet = await session.scalar(
        select(Outlet)
        .where((Outlet.name.ilike(bare)) | (Outlet.slug == slugify(bare)))
        .order_by(Outlet.id)
        .limit(1)
    )
    if outlet is None and create and slugify(bare):
        outlet = await records.upsert_outlet(session, slug=slugify(bare), name=bare)
        if cache is not None:
            cache.found.clear()  # the new outlet may be what another name finds now
    if cache is not None and outlet is not None:
        cache.found[bare] = outlet
    return outlet


@dataclass
class OutletCache:
    """Outlets found by name while one article is stored: each name is looked up once
    (creating an outlet forgets them all). Only for the length of one transaction."""

    found: dict[str, Outlet] = field(default_factory=dict)


def _is_platform(name: str) -> bool:
    return slugify(strip_determiner(name)) in PLATFORMS


def _names_an_outlet(hop: Hop, name: str) -> bool:
    """An outlet by type or by its words; a service of one ("VOA's Persian service"); or a
    capitalised name that first reported the words ("according to The Philippine Star")."""
    if hop.type is SpeakerType.OUTLET or is_outlet_name(name):
        return True
    owner, apostrophe, _ = name.replace("\u2019", "'").partition("'s ")
    if apostrophe and is_outlet_name(owner):
        return True
    return (
        hop.role is HopRole.REPORTED_BY and hop.type is SpeakerType.UNKNOWN and name[:1].isupper()
    )


async def _place(
    session: AsyncSession, hop: Hop, speaker: Speaker, cache: OutletCache | None
) -> HopPlace:
    name = strip_determiner(hop.name.strip()) or hop.name
    known = await outlet_named(session, name, create=False, cache=cache)
    if known is not None:
        return HopPlace(known, None)
    if hop.role is HopRole.CHANNEL:
        if _is_platform(name):
            return HopPlace(await outlet_named(session, name, create=True, cache=cache), None)
        if speaker.kind in (SpeakerKind.ORGANISATION, SpeakerKind.OUTLET):
            if speaker.outlet_id is not None:
                return HopPlace(await session.get_one(Outlet, speaker.outlet_id), None)
            return HopPlace(
                await outlet_named(session, speaker.name, create=True, cache=cache), None
            )
    elif _names_an_outlet(hop, name):
        return HopPlace(await outlet_named(session, name, create=True, cache=cache), None)
    title = _PERSON_TITLES[hop.role].format(name=name, speaker=speaker.name)
    return HopPlace(None, title)


async def _reusable(
    session: AsyncSession, place: HopPlace, quotation: Quotation, article: Article
) -> int | None:
    query = (
        select(Attribution.id)
        .join(Article, Article.id == Attribution.article_id)
        .where(Attribution.quotation_id == quotation.id, Article.id != article.id)
    )
    if place.outlet is not None:
        query = query.where(Article.outlet_id == place.outlet.id)
    else:
        query = query.where(
            Article.outlet_id.is_(None), Article.body.is_(None), Article.title == place.title
        )
    # An archived article of the outlet first (the interview itself), then the earliest.
    query = query.order_by(
        Article.body.is_(None), Article.published_on.nulls_last(), Attribution.id
    ).limit(1)
    return await session.scalar(query)


@dataclass
class CitedArticles:
    """The citation-only articles made for the hops of an article this very call created,
    by slug, with the quotations each holds. Their slugs hold the new article's whole slug
    (``{outlet}-cited-in-{slug}``, when not cut to length), so no other article has them:
    they are known without asking the database."""

    made: dict[str, tuple[Article, set[int]]] = field(default_factory=dict)


async def _cited_article(
    session: AsyncSession,
    place: HopPlace,
    hop: Hop,
    quotation: Quotation,
    article: Article,
    known: CitedArticles | None = None,
) -> Article:
    base = (
        place.outlet.slug if place.outlet is not None else slugify(place.title or "", max_words=6)
    )
    whole = f"{base}-cited-in-{article.slug}"
    stem = whole[:110].rstrip("-")
    if len(whole) > 110:
        known = None  # cut short: another article's citations may share the stem
    free = False
    for number in range(1, 100):
        slug = stem if number == 1 else f"{stem}-{number}"
        if known is not None:
            made = known.made.get(slug)
            if made is None:
                free = True
                break
            if quotation.id not in made[1]:
                return made[0]
            continue
        cited = await session.scalar(select(Article).where(Article.slug == slug))
        if cited is None:
            free = True
            break
        taken = await session.scalar(
            select(Attribution.id).where(
                Attribution.article_id == cited.id, Attribution.quotation_id == quotation.id
            )
        )
        if taken is None:
            return cited
    owner = place.outlet.name if place.outlet is not None else place.title
    cited = await records.upsert_article(
        session,
        slug=slug,
        outlet_id=place.outlet.id if place.outlet is not None else None,
        title=place.title,
        cited_as=hop.cue or f"{owner}, cited in {article.slug}",
        known_new=free,
    )
    if known is not None:
        known.made[slug] = (cited, set())
    return cited


async def record_hops(
    session: AsyncSession,
    *,
    candidate: Candidate,
    quotation: Quotation,
    speaker: Speaker,
    article: Article,
    outlets: OutletCache | None = None,
    cited: CitedArticles | None = None,
) -> int | None:
    """Record the candidate's hops in order; the id of the last (this article's upstream).

    When a hop is already stored for this quotation, the chain continues from it: the hops
    before it are already upstream of it, or not known to be. ``cited``: ``article`` was
    created by this caller, and these are the citations made for its hops so far.
    """
    hops = candidate_hops(candidate)
    places = [await _place(session, hop, speaker, outlets) for hop in hops]
    upstream: int | None = None
    first = 0
    for index in reversed(range(len(hops))):
        reused = await _reusable(session, places[index], quotation, article)
        if reused is not None:
            upstream, first = reused, index + 1
            break
    for hop, place in list(zip(hops, places, strict=True))[first:]:
        held = await _cited_article(session, place, hop, quotation, article, cited)
        if cited is not None and held.slug in cited.made:
            cited.made[held.slug][1].add(quotation.id)
        attribution = await records.record_attribution(
            session,
            article=held,
            quotation=quotation,
            kind=AttributionKind(candidate.kind.value),
            speaker_id=speaker.id,
            cue=hop.cue,
            upstream_id=upstream,
            status=AttributionStatus.EXTRACTED,
            confidence=round(candidate.confidence, 3),
            known_new=True,  # _cited_article gives an article without this quotation
        )
        upstream = attribution.id
    return upstream
