"""The shipped operations answer alike on both paths, with only the fallbacks they must have."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.api.metrics import fallbacks
from provenance.bench.cases import Case, discover
from provenance.bench.harness import sample_rows
from tests.api.compiled.test_executor import raw
from tests.api.conftest import GraphQLClient

pytestmark = pytest.mark.reads_only  # every test here only reads: shared databases

ROOT = Path(__file__).resolve().parents[3]
CASES, _ = discover(
    [ROOT / "graphql" / "operations", ROOT / "bench" / "operations"], ROOT / "bench"
)
#: What each operation leaves to the resolvers, on purpose: searches, and the relay graph
#: viewer's resolver-only fields (the first met is the one counted). Any other operation,
#: and any new field in one, is answered by one compiled statement with no fallback.
EXPECTED = {
    "QuotationChains": {"Query.quotations"},
    "QuotationSearch": {"Query.quotations"},
    "SpeakerSearch": {"Query.speakers"},
    "QuotationRelayGraph": {"Quotation.firstAppearance"},
}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_shipped_operation_falls_back_only_where_it_must(
    api: GraphQLClient, resolvers_api: GraphQLClient, shared_seeded_url: str, case: Case
) -> None:
    rows = sample_rows(shared_seeded_url, case, 3)
    assert rows, f"{case.name}: the sampler found nothing in the seeds"
    before = fallbacks()
    for row in rows:
        variables = case.operation.bind(row)
        api.statements.reset()
        compiled = raw(api, case.operation.document, variables)
        assert '"errors"' not in compiled, compiled
        if case.name not in EXPECTED:
            assert api.statements.reset() == 1, f"{case.name}: not one compiled statement"
        assert compiled == raw(resolvers_api, case.operation.document, variables)
    fell_back = {reason for reason, n in fallbacks().items() if n > before.get(reason, 0)}
    assert fell_back == EXPECTED.get(case.name, set()), case.name
