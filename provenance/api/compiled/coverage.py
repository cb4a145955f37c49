"""The fields of compiled types that are answered by their resolvers on purpose.

Every field of a type in translations.SOURCES is either translated there or listed here
with the reason it stays a resolver; tests/api/compiled/test_coverage.py fails, naming
the field, when one is neither (or when an entry here is stale). An operation that asks
for a field listed here runs through the resolvers (counted in /metrics as
provenance_compiled_fallbacks_total{field="Type.field"}).
"""

from __future__ import annotations

from collections.abc import Mapping

_HISTORY = "audit trail, decoded from history rows in Python (types/history.py)"

# type name -> field name -> why the field is not compiled
RESOLVER_ONLY: Mapping[str, Mapping[str, str]] = {
    "Outlet": {"history": _HISTORY},
    "Speaker": {
        "history": _HISTORY,
        "merges": "editorial merge log, rarely read (types/editorial.py)",
    },
    "Article": {
        "history": _HISTORY,
        "revisions": "body revisions with diffs, loaded by a dataloader (types/article.py)",
    },
    "Quotation": {
        "history": _HISTORY,
        "relayGraph": "graph of appearances built in Python (types/relay_graph.py)",
        "firstAppearance": "ranked over the relay graph in Python (types/relay_graph.py)",
    },
    "Attribution": {
        "history": _HISTORY,
        "fidelity": "text comparison with the upstream computed in Python (types/fidelity.py)",
        "verdicts": "editorial verdicts, rarely read (types/editorial.py)",
    },
}
