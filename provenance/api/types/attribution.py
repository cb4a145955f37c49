"""Attribution: one appearance of a quotation in one article."""

from __future__ import annotations

from typing import Any

import strawberry
from sqlalchemy import ColumnElement, func, literal_column, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import aliased
from strawberry import relay
from strawberry.dataloader import DataLoader

from provenance import models
from provenance.api.compiled.declare import (
    RowColumns,
    build,
    chain,
    children,
    inline,
    read_type,
    related,
    resolver_only,
    rows,
    sql_field,
)
from provenance.api.compiled.translation import enum_names
from provenance.api.connection import Connection
from provenance.api.context import Info
from provenance.api.types.article import Article
from provenance.api.types.chain import ChainHop
from provenance.api.types.editorial import Verdict, verdicts_field
from provenance.api.types.enums import AnchorStatus, AttributionKind, AttributionStatus, MarkerKind
from provenance.api.types.fidelity import Fidelity, fidelity_of
from provenance.api.types.history import HISTORY, HistoryEntry, history_field
from provenance.api.types.nodes import LoadedNode
from provenance.api.types.quotation import Quotation
from provenance.api.types.speaker import Speaker


@read_type(models.AttributionMarker)
@strawberry.type(description="An editorial change the article made to the quoted words.")
class Marker:
    kind: MarkerKind = sql_field(
        column=models.AttributionMarker.kind, description="Which editorial change."
    )
    text: str | None = sql_field(
        column=models.AttributionMarker.text,
        description='The marker as printed ("[Daesh]", "…"); null when it concerns the '
        "whole quotation (a translation, a truncation).",
    )
    position: int | None = sql_field(
        column=models.AttributionMarker.position,
        description="Where text starts in the attribution's text, in characters.",
    )
    note: str | None = sql_field(
        column=models.AttributionMarker.note, description="A human note on the change."
    )


@read_type()
@strawberry.type(
    description="Where the words stand in the article body (W3C TextPositionSelector and "
    "TextQuoteSelector): body[start:end] is the attribution's text."
)
class TextSpan:
    start: int = sql_field(
        column=models.Attribution.start_offset, description="First character, counted from 0."
    )
    end: int = sql_field(
        column=models.Attribution.end_offset, description="One past the last character."
    )
    prefix: str = sql_field(
        column=models.Attribution.prefix,
        null_as="",
        description="Up to 32 characters before the span.",
    )
    suffix: str = sql_field(
        column=models.Attribution.suffix,
        null_as="",
        description="Up to 32 characters after the span.",
    )


def _marker_kinds(row: RowColumns) -> ColumnElement[Any]:
    """Each kind of editorial change once, in order of first use, as a JSON array."""
    m = aliased(models.AttributionMarker, name="m")
    kinds = (
        select(
            enum_names(m.kind, models.MarkerKind).label("name"), func.min(m.id).label("first_id")
        )
        .where(m.attribution_id == row[models.Attribution.id])
        .group_by(m.kind)
        .subquery("k")
    )
    ordered = func.json_agg(aggregate_order_by(kinds.c.name, kinds.c.first_id))
    return select(func.coalesce(ordered, literal_column("'[]'::json"))).scalar_subquery()


async def _fidelity(self: Attribution, info: Info) -> Fidelity | None:
    return await fidelity_of(info, self.id)


async def _chain(self: Attribution, info: Info) -> list[ChainHop]:
    return [build(ChainHop, hop) for hop in await info.context.loaders.chain.load(self.id)]


async def _history(self: Attribution, info: Info) -> list[HistoryEntry]:
    return await history_field(info, table="attributions", row_id=self.id)


async def _verdicts(self: Attribution, info: Info) -> list[Verdict]:
    return await verdicts_field(info, attribution_id=self.id)


@read_type(models.Attribution)
@strawberry.type(
    description="One appearance of a quotation in one article: the words as printed, where "
    "they stand, how they are presented, who the article says spoke, and the appearance "
    "they were taken from."
)
class Attribution(LoadedNode[models.Attribution]):
    id: relay.NodeID[int]
    text: str | None = sql_field(
        column=models.Attribution.text,
        description="The words exactly as printed, without quotation marks; null when the "
        "article is citation-only and its wording unknown.",
    )
    kind: AttributionKind = sql_field(
        column=models.Attribution.kind, description="How the article presents the words."
    )
    status: AttributionStatus = sql_field(
        column=models.Attribution.status, description="How far this attribution has been checked."
    )
    confidence: float | None = sql_field(
        column=models.Attribution.confidence,
        description="For extracted candidates: the extractor's confidence, 0 to 1.",
    )
    cue: str | None = sql_field(
        column=models.Attribution.cue,
        description='The words introducing the quotation ("said", "told Anadolu Agency").',
    )
    speaker_label: str | None = sql_field(
        column=models.Attribution.speaker_label,
        description='The speaker as this article names them ("Silo", "he").',
    )
    span: TextSpan | None = inline(
        TextSpan,
        when=models.Attribution.start_offset,
        description="Where the words stand in the article body; null for citation-only.",
    )
    anchor_status: AnchorStatus = sql_field(
        column=models.Attribution.anchor_status,
        description="ANCHORED, or ORPHANED when a revision of the article removed the words "
        "and no place was found with confidence (then span is null).",
    )
    markers: list[MarkerKind] = sql_field(
        expr=_marker_kinds,
        description="The distinct kinds of editorial change, in order of first use.",
    )
    marker_spans: list[Marker] = rows(
        models.AttributionMarker.attribution_id,
        loader="markers",
        description="Each editorial change with where it stands in the text.",
    )
    article: Article = related(
        models.Attribution.article_id, description="The article in which the words appear."
    )
    quotation: Quotation = related(
        models.Attribution.quotation_id, description="The statement that appears here."
    )
    speaker: Speaker = related(
        models.Attribution.speaker_id,
        description="The speaker this article attributes the words to.",
    )
    upstream: Attribution | None = related(
        models.Attribution.upstream_id,
        description="The appearance this one was taken from; null for the first known report.",
    )
    fidelity: Fidelity | None = resolver_only(
        reason="text comparison with the upstream computed in Python (types/fidelity.py)",
        resolver=_fidelity,
        description="How faithful the words are to those they were taken from: verdict, "
        "similarity and word-level changes; null when the words are not archived.",
    )
    downstream: Connection[Attribution] = children(
        models.Attribution.upstream_id,
        description="The appearances that took the words from this one, oldest first.",
    )
    chain: list[ChainHop] = chain(
        resolver=_chain,
        description="The chain of attribution, from the original speaker through the first "
        "report to this article: SPEAKER, REPORTER, then each RELAY.",
    )
    history: list[HistoryEntry] = resolver_only(
        reason=HISTORY,
        resolver=_history,
        description="Every recorded change of this object, oldest first (the audit trail).",
    )
    verdicts: list[Verdict] = resolver_only(
        reason="editorial verdicts, rarely read (types/editorial.py)",
        resolver=_verdicts,
        description="Who verified or disputed this attribution, when and why, oldest first.",
    )
    article_id: strawberry.Private[int]
    quotation_id: strawberry.Private[int]
    speaker_id: strawberry.Private[int]
    upstream_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: models.Attribution) -> Attribution:
        return build(cls, row)

    @classmethod
    def node_loader(cls, info: Info) -> DataLoader[int, models.Attribution | None]:
        return info.context.loaders.attribution
