"""PROV export of a relay graph: PROV-JSON that the prov package reads back, and PROV-N."""

from __future__ import annotations

import pytest
from prov.model import PROV_ATTR_GENERATED_ENTITY, PROV_ATTR_USED_ENTITY, ProvDocument
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.services.export_prov import to_prov_json, to_prov_n
from provenance.services.relay_bundle import RelayBundle, load_relay_bundle
from tests.services.chains_support import in_session, quotation_id

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database


def bundle(url: str, slug: str) -> RelayBundle:
    async def work(session: AsyncSession) -> RelayBundle:
        return await load_relay_bundle(session, quotation_id=await quotation_id(session, slug))

    return in_session(url, work)


def test_prov_json_of_the_truck_driver_chain_loads_back(seeded_url: str) -> None:
    relay = bundle(seeded_url, "truck-driver-took-everything")
    document = ProvDocument.deserialize(content=to_prov_json(relay), format="json")
    labels = {str(r.identifier): r for r in document.get_records() if r.identifier}
    assert "pv:speaker-truck-driver" in labels
    assert "pv:article-bbc-2017-11-13" in labels
    assert "pv:article-seed-000" in labels
    quoted = {
        (
            str(r.get_attribute(PROV_ATTR_GENERATED_ENTITY).pop()),
            str(r.get_attribute(PROV_ATTR_USED_ENTITY).pop()),
        )
        for r in document.get_records()
        if r.get_type().localpart == "Derivation"
        and any(str(v) == "prov:Quotation" for v in r.get_attribute("prov:type"))
    }
    bbc, seed = sorted(relay.graph.nodes, key=lambda n: n.depth or 0)
    assert quoted == {
        (f"pv:attribution-{bbc.attribution_id}", "pv:quotation-truck-driver-took-everything"),
        (f"pv:attribution-{seed.attribution_id}", f"pv:attribution-{bbc.attribution_id}"),
    }
    hop = next(
        r
        for r in document.get_records()
        if r.get_type().localpart == "Derivation"
        and str(r.get_attribute(PROV_ATTR_USED_ENTITY).pop())
        == f"pv:attribution-{bbc.attribution_id}"
    )
    assert {str(v) for v in hop.get_attribute("pv:verdict")} == {"inserted"}
    agents = [r for r in document.get_records() if r.get_type().localpart == "Agent"]
    assert {str(next(iter(a.get_attribute("prov:label")))) for a in agents} >= {"BBC"}


def test_prov_n_names_the_relations(seeded_url: str) -> None:
    provn = to_prov_n(bundle(seeded_url, "pahon-confirms-deal"))
    assert provn.startswith("document")
    assert "wasDerivedFrom(pv:article-seed-002, pv:article-anadolu-agency-pahon-statement" in provn
    assert provn.count("wasQuotedFrom") == 0  # PROV-N writes quotations as typed derivations
    assert provn.count("prov:Quotation") == 3
    assert "agent(pv:speaker-eric-pahon" in provn
