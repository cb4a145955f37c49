"""Attribution: one appearance of a quotation in one article."""

from __future__ import annotations

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader

from provenance import models
from provenance.api.connection import After, Connection, First
from provenance.api.context import Info
from provenance.api.fields import field
from provenance.api.paging import Before, Last
from provenance.api.types.article import Article
from provenance.api.types.chain import ChainHop
from provenance.api.types.editorial import Verdict, verdicts_field
from provenance.api.types.enums import AttributionKind, AttributionStatus, MarkerKind
from provenance.api.types.history import HistoryEntry, history_field
from provenance.api.types.nodes import LoadedNode, child_connection
from provenance.api.types.quotation import Quotation
from provenance.api.types.relay import AnchorStatus, Fidelity, fidelity_of
from provenance.api.types.speaker import Speaker


@strawberry.type(description="An editorial change the article made to the quoted words.")
class Marker:
    kind: MarkerKind = strawberry.field(description="Which editorial change.")
    text: str | None = strawberry.field(
        description='The marker as printed ("[Daesh]", "…"); null when it concerns the '
        "whole quotation (a translation, a truncation)."
    )
    position: int | None = strawberry.field(
        description="Where text starts in the attribution's text, in characters."
    )
    note: str | None = strawberry.field(description="A human note on the change.")


@strawberry.type(
    description="Where the words stand in the article body (W3C TextPositionSelector and "
    "TextQuoteSelector): body[start:end] is the attribution's text."
)
class TextSpan:
    start: int = strawberry.field(description="First character, counted from 0.")
    end: int = strawberry.field(description="One past the last character.")
    prefix: str = strawberry.field(description="Up to 32 characters before the span.")
    suffix: str = strawberry.field(description="Up to 32 characters after the span.")


@strawberry.type(
    description="One appearance of a quotation in one article: the words as printed, where "
    "they stand, how they are presented, who the article says spoke, and the appearance "
    "they were taken from."
)
class Attribution(LoadedNode[models.Attribution]):
    id: relay.NodeID[int]
    text: str | None = strawberry.field(
        description="The words exactly as printed, without quotation marks; null when the "
        "article is citation-only and its wording unknown."
    )
    kind: AttributionKind = strawberry.field(description="How the article presents the words.")
    status: AttributionStatus = strawberry.field(
        description="How far this attribution has been checked."
    )
    confidence: float | None = strawberry.field(
        description="For extracted candidates: the extractor's confidence, 0 to 1."
    )
    cue: str | None = strawberry.field(
        description='The words introducing the quotation ("said", "told Anadolu Agency").'
    )
    speaker_label: str | None = strawberry.field(
        description='The speaker as this article names them ("Silo", "he").'
    )
    span: TextSpan | None = strawberry.field(
        description="Where the words stand in the article body; null for citation-only."
    )
    anchor_status: AnchorStatus = strawberry.field(
        description="ANCHORED, or ORPHANED when a revision of the article removed the words "
        "and no place was found with confidence (then span is null)."
    )
    article_id: strawberry.Private[int]
    quotation_id: strawberry.Private[int]
    speaker_id: strawberry.Private[int]
    upstream_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: models.Attribution) -> Attribution:
        span = None
        if row.start_offset is not None and row.end_offset is not None:
            span = TextSpan(
                start=row.start_offset,
                end=row.end_offset,
                prefix=row.prefix or "",
                suffix=row.suffix or "",
            )
        return cls(
            id=row.id,
            text=row.text,
            kind=models.AttributionKind(row.kind),
            status=models.AttributionStatus(row.status),
            confidence=row.confidence,
            cue=row.cue,
            speaker_label=row.speaker_label,
            span=span,
            anchor_status=models.AnchorStatus(row.anchor_status),
            article_id=row.article_id,
            quotation_id=row.quotation_id,
            speaker_id=row.speaker_id,
            upstream_id=row.upstream_id,
        )

    @classmethod
    def node_loader(cls, info: Info) -> DataLoader[int, models.Attribution | None]:
        return info.context.loaders.attribution

    @field(description="The distinct kinds of editorial change, in order of first use.")
    async def markers(self, info: Info) -> list[MarkerKind]:
        rows = await info.context.loaders.markers.load(self.id)
        return list(dict.fromkeys(models.MarkerKind(r.kind) for r in rows))

    @field(description="Each editorial change with where it stands in the text.")
    async def marker_spans(self, info: Info) -> list[Marker]:
        rows = await info.context.loaders.markers.load(self.id)
        return [
            Marker(kind=models.MarkerKind(r.kind), text=r.text, position=r.position, note=r.note)
            for r in rows
        ]

    @field(description="The article in which the words appear.")
    async def article(self, info: Info) -> Article:
        row = await info.context.loaders.article.load(self.article_id)
        assert row is not None  # a foreign key guarantees it
        return Article.from_model(row)

    @field(description="The statement that appears here.")
    async def quotation(self, info: Info) -> Quotation:
        row = await info.context.loaders.quotation.load(self.quotation_id)
        assert row is not None
        return Quotation.from_model(row)

    @field(description="The speaker this article attributes the words to.")
    async def speaker(self, info: Info) -> Speaker:
        row = await info.context.loaders.speaker.load(self.speaker_id)
        assert row is not None
        return Speaker.from_model(row)

    @field(description="The appearance this one was taken from; null for the first known report.")
    async def upstream(self, info: Info) -> Attribution | None:
        if self.upstream_id is None:
            return None
        row = await info.context.loaders.attribution.load(self.upstream_id)
        return None if row is None else Attribution.from_model(row)

    @field(
        description="How faithful the words are to those they were taken from: verdict, "
        "similarity and word-level changes; null when the words are not archived."
    )
    async def fidelity(self, info: Info) -> Fidelity | None:
        return await fidelity_of(info, self.id)

    @field(description="The appearances that took the words from this one, oldest first.")
    async def downstream(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Attribution]:
        return await child_connection(
            info,
            model=models.Attribution,
            parent=models.Attribution.upstream_id,
            parent_id=self.id,
            convert=Attribution.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @field(
        description="The chain of attribution, from the original speaker through the first "
        "report to this article: SPEAKER, REPORTER, then each RELAY."
    )
    async def chain(self, info: Info) -> list[ChainHop]:
        hops = await info.context.loaders.chain.load(self.id)
        return [ChainHop.from_hop(hop) for hop in hops]

    @field(description="Every recorded change of this object, oldest first (the audit trail).")
    async def history(self, info: Info) -> list[HistoryEntry]:
        return await history_field(info, table="attributions", row_id=self.id)

    @field(description="Who verified or disputed this attribution, when and why, oldest first.")
    async def verdicts(self, info: Info) -> list[Verdict]:
        return await verdicts_field(info, attribution_id=self.id)
