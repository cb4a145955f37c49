"""The domain's vocabularies, registered as GraphQL enums (values are the member names).

strawberry.enum registers a Python enum in place, so the types import the same classes
the models and services use.
"""

from __future__ import annotations

import strawberry

from provenance.models import AliasKind, AttributionKind, AttributionStatus, MarkerKind, SpeakerKind
from provenance.services.chains import ChainRole

strawberry.enum(SpeakerKind, description="What kind of source a speaker is.")
strawberry.enum(AliasKind, description="How an alias names a speaker.")
strawberry.enum(
    AttributionKind,
    description="How the article presents the words: DIRECT (in quotation marks), PARTIAL "
    "(a quoted fragment inside reported speech) or INDIRECT (reported speech).",
)
strawberry.enum(AttributionStatus, description="How far an attribution has been checked.")
strawberry.enum(MarkerKind, description="An editorial change the article made to the words.")
strawberry.enum(
    ChainRole,
    description="SPEAKER said the words, REPORTER published them first, each RELAY took "
    "them from the hop before.",
)

__all__ = [
    "AliasKind",
    "AttributionKind",
    "AttributionStatus",
    "ChainRole",
    "MarkerKind",
    "SpeakerKind",
]
