"""A quotation's relay graph as W3C PROV (PROV-JSON and PROV-N, via the ``prov`` package).

Speakers and outlets are prov:Agent; the quotation, articles and attributions are
prov:Entity. Each attribution wasQuotedFrom the one it was taken from (or the quotation
itself for a first report) and wasAttributedTo the speaker its article names; each
article wasAttributedTo its outlet and wasDerivedFrom the articles it relayed.
"""

from __future__ import annotations

from typing import Any

from prov.model import PROV, Namespace, ProvDocument

from provenance.models import SpeakerKind
from provenance.services.relay_bundle import RelayBundle

PV = Namespace("pv", "urn:provenance:")

_AGENT_TYPES = {
    SpeakerKind.PERSON: PROV["Person"],
    SpeakerKind.ORGANISATION: PROV["Organization"],
    SpeakerKind.OUTLET: PROV["Organization"],
    SpeakerKind.UNNAMED: PV["UnnamedSource"],
}


def _clean(attributes: dict[Any, Any]) -> dict[Any, Any]:
    return {k: v for k, v in attributes.items() if v is not None}


def relay_graph_document(bundle: RelayBundle) -> ProvDocument:
    """Build the PROV document of one quotation's relay graph."""
    doc = ProvDocument()
    doc.add_namespace(PV)
    quotation = bundle.quotation
    for speaker in bundle.speakers.values():
        doc.agent(
            PV[f"speaker-{speaker.slug}"],
            _clean(
                {"prov:type": _AGENT_TYPES[SpeakerKind(speaker.kind)], "prov:label": speaker.name}
            ),
        )
    quotation_id = PV[f"quotation-{quotation.slug}"]
    doc.entity(quotation_id, {"prov:type": PV["Quotation"], "prov:value": quotation.text})
    doc.wasAttributedTo(quotation_id, PV[f"speaker-{bundle.speaker.slug}"])
    nodes = {n.attribution_id: n for n in bundle.graph.nodes}
    articles_done: set[int] = set()
    derivations: set[tuple[int, int]] = set()
    for node in bundle.graph.nodes:
        article_id = PV[f"article-{node.article_slug}"]
        if node.article_id not in articles_done:
            articles_done.add(node.article_id)
            doc.entity(
                article_id,
                _clean(
                    {
                        "prov:type": PV["Article"],
                        "prov:label": node.article_slug,
                        "pv:publishedOn": node.published_on.isoformat()
                        if node.published_on
                        else None,
                        "pv:citationOnly": node.citation_only,
                    }
                ),
            )
            if node.outlet_slug is not None and node.outlet_name:
                outlet_id = PV[f"outlet-{node.outlet_slug}"]
                doc.agent(
                    outlet_id, {"prov:type": PROV["Organization"], "prov:label": node.outlet_name}
                )
                doc.wasAttributedTo(article_id, outlet_id)
        fidelity = bundle.fidelity.get(node.attribution_id)
        attribution_id = PV[f"attribution-{node.attribution_id}"]
        doc.entity(
            attribution_id,
            _clean(
                {
                    "prov:type": PV["Attribution"],
                    "prov:value": node.text,
                    "pv:article": article_id,
                    "pv:kind": node.kind,
                    "pv:speakerLabel": node.speaker_label,
                    "pv:depth": node.depth,
                    "pv:anchorStatus": node.anchor_status,
                }
            ),
        )
        doc.wasAttributedTo(attribution_id, PV[f"speaker-{bundle.speakers[node.speaker_id].slug}"])
        hop = _clean(
            {
                "pv:verdict": fidelity.comparison.verdict.value if fidelity else None,
                "pv:similarity": round(fidelity.comparison.similarity, 3) if fidelity else None,
                "pv:lagDays": node.lag_days,
            }
        )
        upstream = nodes.get(node.upstream_id) if node.upstream_id is not None else None
        if upstream is None:
            doc.wasQuotedFrom(attribution_id, quotation_id, other_attributes=hop or None)
            continue
        doc.wasQuotedFrom(
            attribution_id,
            PV[f"attribution-{upstream.attribution_id}"],
            other_attributes=hop or None,
        )
        if (
            upstream.article_id != node.article_id
            and (node.article_id, upstream.article_id) not in derivations
        ):
            derivations.add((node.article_id, upstream.article_id))
            doc.wasDerivedFrom(article_id, PV[f"article-{upstream.article_slug}"])
    return doc


def to_prov_json(bundle: RelayBundle) -> str:
    """The relay graph as PROV-JSON."""
    return str(relay_graph_document(bundle).serialize(format="json", indent=2))


def to_prov_n(bundle: RelayBundle) -> str:
    """The relay graph as PROV-N."""
    return relay_graph_document(bundle).get_provn()
