"""The root Mutation: every write of the API, each one transaction through the services.

Each mutation takes one input object and returns a payload with the changed object and
``userErrors`` (field, message, code). Mutations need a token with the write scope.
"""

from __future__ import annotations

import strawberry

from provenance.api.mutations.articles import ArticleMutations
from provenance.api.mutations.attributions import AttributionMutations
from provenance.api.mutations.extraction import ExtractionMutations
from provenance.api.mutations.quotations import QuotationMutations
from provenance.api.mutations.revisions import RevisionMutations
from provenance.api.mutations.speakers import SpeakerMutations
from provenance.api.mutations.verdicts import VerdictMutations


@strawberry.type(description="Record and correct the provenance of quotations.")
class Mutation(
    ArticleMutations,
    QuotationMutations,
    AttributionMutations,
    SpeakerMutations,
    VerdictMutations,
    ExtractionMutations,
    RevisionMutations,
):
    pass
