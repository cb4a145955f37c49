"""GraphQL relay graphs, first appearance, hop fidelity, similar quotes, outlet relays, SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from starlette.testclient import TestClient

from tests.api.conftest import GraphQLClient

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database

GRAPHS = """
query Graphs($first: Int!) {
  quotations(first: $first) {
    edges { node {
      slug
      firstAppearance { article { slug } }
      relayGraph {
        maxDepth
        nodes { depth lagDays firstAppearance attribution { text article { slug } } }
        edges { lagDays upstream { id } attribution { id }
                fidelity { verdict similarity changes { kind upstreamText text } } }
      }
    } }
  }
}
"""


def _by_slug(api: GraphQLClient, first: int) -> dict[str, dict[str, object]]:
    data = api.data(GRAPHS, {"first": first})
    return {e["node"]["slug"]: e["node"] for e in data["quotations"]["edges"]}


def test_relay_graph_and_first_appearance_of_the_truck_driver_quote(api: GraphQLClient) -> None:
    graph = _by_slug(api, 26)["truck-driver-took-everything"]
    assert graph["firstAppearance"] == {"article": {"slug": "bbc-2017-11-13"}}
    relay = graph["relayGraph"]
    assert isinstance(relay, dict)
    assert relay["maxDepth"] == 1
    depths = {n["attribution"]["article"]["slug"]: n["depth"] for n in relay["nodes"]}
    assert depths == {"bbc-2017-11-13": 0, "seed-000": 1}
    (edge,) = relay["edges"]
    assert edge["lagDays"] == 1
    assert edge["fidelity"]["verdict"] == "INSERTED"
    assert edge["fidelity"]["changes"] == [
        {"kind": "INSERT", "upstreamText": None, "text": "[Daesh]"}
    ]


def test_relay_graphs_cost_a_few_statements_whatever_the_page_size(api: GraphQLClient) -> None:
    counts = {}
    for first in (5, 26):
        api.statements.reset()
        _by_slug(api, first)
        counts[first] = api.statements.reset()
    # One statement per loader: the list's page, relay graphs, attributions, articles,
    # fidelity (the attribution and article loaders may dispatch in two ticks, the page its
    # own count). 26 graphs with 53 nodes would cost dozens with N+1.
    assert counts[26] <= 8, counts
    assert abs(counts[26] - counts[5]) <= 1, counts


def test_attribution_fidelity_shows_the_pahon_rewording(api: GraphQLClient) -> None:
    data = api.data(
        """
        { quotation(slug: "pahon-confirms-deal") { attributions(first: 10) { edges { node {
            article { slug }
            fidelity { verdict comparedWithUpstream upstreamText changes { kind text } }
        } } } } }
        """
    )
    found = {
        e["node"]["article"]["slug"]: e["node"]["fidelity"]
        for e in data["quotation"]["attributions"]["edges"]
    }
    assert found["anadolu-agency-pahon-statement"] is None  # citation-only: no words
    assert found["seed-000"]["verdict"] == "IDENTICAL"
    assert found["seed-002"]["verdict"] == "REWORDED"
    assert found["seed-002"]["comparedWithUpstream"] is False
    assert found["seed-002"]["changes"] == [{"kind": "REPLACE", "text": "evacuation"}]


def test_similar_quotes_flag_the_speaker_by_identity(api: GraphQLClient) -> None:
    data = api.data(
        """
        query($text: String!) { similarQuotes(text: $text, speaker: "Silo", first: 5) {
            similarity sameQuotation speakerMatch
            quotation { slug speaker { slug } } attribution { article { slug } }
        } }
        """,
        {"text": "No moves can be made without the approval of the US"},
    )
    best = data["similarQuotes"][0]
    assert best["quotation"]["slug"] == "silo-no-moves-without-us"
    assert best["speakerMatch"] is True
    assert all(
        s["speakerMatch"] == (s["quotation"]["speaker"]["slug"] == "talal-silo")
        for s in data["similarQuotes"]
    )


def test_similar_quotes_refuse_a_request_without_words(api: GraphQLClient) -> None:
    body = api("{ similarQuotes { similarity } }")
    assert "either" in body["errors"][0]["message"]


def test_outlet_relays_for_a_period(api: GraphQLClient) -> None:
    data = api.data(
        """
        { outletRelays(from: "2017-11-14", to: "2017-11-30") {
            source { name } relay { name } quotations relays medianLagDays
        } }
        """
    )
    assert data["outletRelays"][0] == {
        "source": {"name": "BBC"},
        "relay": None,
        "quotations": 9,
        "relays": 9,
        "medianLagDays": 1.0,
    }


def test_svg_endpoint_draws_the_relay_graph(api: GraphQLClient) -> None:
    http: TestClient = api.http
    response = http.get("/quotations/truck-driver-took-everything/relay-graph.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    texts = [t.text for t in ET.fromstring(response.text).iter("{http://www.w3.org/2000/svg}text")]
    assert "words inserted in [brackets] · 1 day later" in texts
    assert http.get("/quotations/no-such-quote/relay-graph.svg").status_code == 404
