"""extractAttributions: run the extractor on a posted text, and record the candidates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from provenance import models
from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.mutations.payloads import INPUT, UserError, UserErrorCode, fresh, perform
from provenance.api.types.article import Article
from provenance.api.types.attribution import Attribution
from provenance.api.types.enums import described
from provenance.extraction import Candidate, SpeakerType, extract
from provenance.services.extraction_store import load_knowledge, store_extraction
from provenance.services.statement_links import links_of
from provenance.services.tokens import Grant


@strawberry.input(description="The plain text of an article, and what is known about it.")
class ExtractAttributionsInput:
    text: str = strawberry.field(description="The article's text exactly as published.")
    title: str | None = strawberry.field(default=None, description="The headline, when known.")
    outlet: str | None = strawberry.field(
        default=None, description="The publisher, by name or slug; created when unknown."
    )
    published_on: date | None = strawberry.field(
        default=None, description="The publication date (YYYY-MM-DD), when known."
    )
    published_at: date | None = strawberry.field(
        default=None,
        description="The same as publishedOn.",
        deprecation_reason="use publishedOn (*On names a Date, *At a DateTime)",
    )
    url: str | None = strawberry.field(
        default=None,
        description="Where the article was published, when known; storing the same URL "
        "twice changes nothing.",
    )
    store: bool = strawberry.field(
        default=False,
        description="Record the article and its candidates (status EXTRACTED); needs the "
        "write scope. Without it nothing is written.",
    )


@strawberry.type(description="The speaker as the article names them, and whom that means.")
class ExtractedSpeaker:
    as_printed: str | None = strawberry.field(
        description="How the article names the speaker: a name, a pronoun or a role."
    )
    resolved: str | None = strawberry.field(description="The named speaker, when known.")
    description: str | None = strawberry.field(description="A role or apposition.")
    type: SpeakerType = strawberry.field(description="What the extractor believes it is.")


@strawberry.type(description="An editorial marker inside the extracted words.")
class ExtractedMarker:
    kind: models.MarkerKind = strawberry.field(description="Which editorial change.")
    text: str | None = strawberry.field(description='The marker as printed ("[Daesh]", "...").')
    position: int | None = strawberry.field(description="Where the marker starts inside the words.")
    note: str | None = strawberry.field(description="What the extractor noticed about it.")


described(
    models.LinkDecision,
    description="JOINED: recorded as the same quotation (to confirm); PROPOSED: uncertain, "
    "not applied; CONFIRMED or REJECTED by a person.",
    values={
        "JOINED": "Recorded as an appearance of the earlier quotation, with it as upstream; "
        "a person has yet to confirm it.",
        "PROPOSED": "Uncertain: only proposed; the appearance keeps a quotation of its own.",
        "CONFIRMED": "A person said the two render one statement.",
        "REJECTED": "A person said they do not.",
    },
)


@strawberry.type(
    description="A stored appearance that may render the same statement, with the "
    "linker's score (0 to 1)."
)
class SameStatement:
    score: float = strawberry.field(description="How alike the two renderings are, from 0 to 1.")
    decision: models.LinkDecision = strawberry.field(
        description="What was done with the link, or what a person decided."
    )
    earlier: Attribution = strawberry.field(description="The earlier stored appearance.")


@strawberry.type(description="One candidate attribution proposed by the extractor.")
class ExtractedAttribution:
    text: str = strawberry.field(description="The words as printed; text = body[start:end].")
    start: int = strawberry.field(
        description="Where the words start in the text (characters from 0)."
    )
    end: int = strawberry.field(description="Where the words end in the text (exclusive).")
    kind: models.AttributionKind = strawberry.field(
        description="How the article presents the words."
    )
    speaker: ExtractedSpeaker = strawberry.field(description="Who the article says spoke.")
    cue: str | None = strawberry.field(
        description="The words that introduce the quotation, when there are any."
    )
    intermediary: str | None = strawberry.field(
        description="The outlet or person the words came through, when the text names one."
    )
    markers: list[ExtractedMarker] = strawberry.field(
        description="Editorial markers found inside the words."
    )
    confidence: float = strawberry.field(description="How sure the extractor is, from 0 to 1.")
    attribution: Attribution | None = strawberry.field(
        description="The stored attribution (with store), else null."
    )
    upstream: Attribution | None = strawberry.field(
        description="The earlier appearance proposed as its upstream (with store)."
    )
    same_statement: list[SameStatement] = strawberry.field(
        description="With store: stored appearances in other articles scored as the same "
        "statement, best first (the joined one, then proposals)."
    )


@strawberry.type(description="The candidates, the stored article, or why nothing happened.")
class ExtractAttributionsPayload:
    article: Article | None = strawberry.field(
        description="The recorded article when store was true; null otherwise."
    )
    candidates: list[ExtractedAttribution] = strawberry.field(
        description="The candidate attributions, in the order of the text."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was written, one entry per problem; empty on success."
    )


def _candidate(
    found: Candidate,
    attribution: models.Attribution | None = None,
    upstream: models.Attribution | None = None,
    same: list[SameStatement] | None = None,
) -> ExtractedAttribution:
    return ExtractedAttribution(
        text=found.text,
        start=found.start,
        end=found.end,
        kind=models.AttributionKind(found.kind.value),
        speaker=ExtractedSpeaker(
            as_printed=found.speaker.as_printed,
            resolved=found.speaker.resolved,
            description=found.speaker.description,
            type=found.speaker.type,
        ),
        cue=found.cue,
        intermediary=found.intermediary,
        markers=[
            ExtractedMarker(
                kind=models.MarkerKind(m.kind), text=m.text, position=m.position, note=m.note
            )
            for m in found.markers
        ],
        confidence=found.confidence,
        attribution=Attribution.from_model(attribution) if attribution else None,
        upstream=Attribution.from_model(upstream) if upstream else None,
        same_statement=same or [],
    )


@dataclass
class _Stored:
    article: models.Article
    candidates: list[
        tuple[Candidate, models.Attribution | None, models.Attribution | None, list[SameStatement]]
    ]


async def _store(session: AsyncSession, input: ExtractAttributionsInput) -> _Stored:
    stored = await store_extraction(
        session,
        body=input.text,
        title=input.title,
        outlet=input.outlet,
        published_on=input.published_on or input.published_at,
        url=input.url,
    )
    article = await fresh(session, await session.get_one(models.Article, stored.article_id))
    rows = []
    for item in stored.candidates:
        row = upstream = None
        same = []
        if item.attribution_id is not None:
            row = await fresh(
                session, await session.get_one(models.Attribution, item.attribution_id)
            )
            for link in await links_of(session, attribution_id=item.attribution_id):
                earlier = await session.get_one(models.Attribution, link.earlier_id)
                same.append(
                    SameStatement(
                        score=link.score,
                        decision=models.LinkDecision(link.decision),
                        earlier=Attribution.from_model(earlier),
                    )
                )
        if item.upstream_id is not None:
            upstream = await session.get_one(models.Attribution, item.upstream_id)
        rows.append((item.candidate, row, upstream, same))
    return _Stored(article, rows)


@strawberry.type
class ExtractionMutations:
    @field(
        description="Find the quotations in a plain-text article (speakers, cues, "
        "intermediaries); with store, record them as EXTRACTED candidates for review."
    )
    async def extract_attributions(
        self, info: Info, input: Annotated[ExtractAttributionsInput, INPUT]
    ) -> ExtractAttributionsPayload:
        if not input.text.strip():
            error = UserError(
                field="text", message="the article text is empty", code=UserErrorCode.INVALID_INPUT
            )
            return ExtractAttributionsPayload(article=None, candidates=[], user_errors=[error])
        if not input.store:
            sessions = info.context.sessions
            knowledge = None
            if sessions is not None:
                async with sessions() as session:
                    knowledge = await load_knowledge(session)
            found = extract(input.text, knowledge=knowledge)
            return ExtractAttributionsPayload(
                article=None, candidates=[_candidate(c) for c in found], user_errors=[]
            )

        async def work(session: AsyncSession, _grant: Grant) -> _Stored:
            return await _store(session, input)

        result = await perform(info, work)
        if isinstance(result, list):
            return ExtractAttributionsPayload(article=None, candidates=[], user_errors=result)
        return ExtractAttributionsPayload(
            article=Article.from_model(result.article),
            candidates=[_candidate(c, row, up, same) for c, row, up, same in result.candidates],
            user_errors=[],
        )
