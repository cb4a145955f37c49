"""A person's word on a proposed link between two appearances of one statement.

- confirm a **proposed** link: the appearance's quotation is the earlier one's; every
  appearance of it moves to the earlier quotation (it is one statement), the emptied
  quotation is deleted, and the appearance takes the earlier one as upstream when it
  had none;
- reject a **joined** link: the appearance, with the hops recorded for it alone (its
  upstream chain up to the first one another appearance also comes from), moves to a
  new quotation of its own words, cut from the rest;
- confirming a joined link or rejecting a proposed one only records the decision.

Deciding again the same way changes nothing; a decided link cannot be decided otherwise.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError, NotFoundError
from provenance.models import Attribution, LinkDecision, Quotation, StatementLink
from provenance.services import records
from provenance.services.slugs import slugify


async def _own_chain(session: AsyncSession, attribution: Attribution) -> list[Attribution]:
    """The attribution and its upstream hops that nothing else comes from."""
    chain = [attribution]
    while chain[-1].upstream_id is not None:
        upstream = await session.get_one(Attribution, chain[-1].upstream_id)
        others = await session.scalar(
            select(func.count())
            .select_from(Attribution)
            .where(Attribution.upstream_id == upstream.id, Attribution.id != chain[-1].id)
        )
        if upstream.text is not None or others:
            break  # archived words, or shared with another appearance: not ours alone
        chain.append(upstream)
    return chain


async def _merge_into(session: AsyncSession, link: StatementLink) -> None:
    attribution = await session.get_one(Attribution, link.attribution_id)
    earlier = await session.get_one(Attribution, link.earlier_id)
    old = attribution.quotation_id
    if old != earlier.quotation_id:
        await session.execute(
            update(Attribution)
            .where(Attribution.quotation_id == old)
            .values(quotation_id=earlier.quotation_id)
        )
        await session.execute(delete(Quotation).where(Quotation.id == old))
        await session.flush()
        await session.refresh(attribution)
    if attribution.upstream_id is None:
        attribution.upstream_id = earlier.id
        await session.flush()


async def _split_off(session: AsyncSession, link: StatementLink) -> None:
    attribution = await session.get_one(Attribution, link.attribution_id)
    chain = await _own_chain(session, attribution)
    words = attribution.text or ""
    said_by = await session.get_one(Quotation, attribution.quotation_id)
    quotation = await records.upsert_quotation(
        session,
        slug=f"{slugify(words, max_words=6)}-a{attribution.id}",
        speaker_id=attribution.speaker_id or said_by.speaker_id,
        text=words,
    )
    top = chain[-1]
    top.upstream_id = None  # cut from what stays with the earlier statement
    await session.flush()
    await session.execute(
        update(Attribution)
        .where(Attribution.id.in_([row.id for row in chain]))
        .values(quotation_id=quotation.id)
    )
    await session.flush()


async def decide_statement_link(
    session: AsyncSession, *, link_id: int, confirm: bool
) -> StatementLink:
    """Confirm or reject link ``link_id``; the caller owns the transaction."""
    link = await session.get(StatementLink, link_id)
    if link is None:
        raise NotFoundError(f"no statement link with id {link_id}", field="link")
    wanted = LinkDecision.CONFIRMED if confirm else LinkDecision.REJECTED
    if link.decision == wanted.value:
        return link
    if link.decision not in (LinkDecision.JOINED.value, LinkDecision.PROPOSED.value):
        raise InvalidInputError(
            f"statement link {link_id} is already {link.decision}",
            field="link",
            hint="a decided link stays decided; record a new proposal instead",
        )
    if confirm and link.decision == LinkDecision.PROPOSED.value:
        await _merge_into(session, link)
    elif not confirm and link.decision == LinkDecision.JOINED.value:
        await _split_off(session, link)
    link.decision = wanted.value
    await session.flush()
    return link
