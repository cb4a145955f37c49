"""The acceptance questions, asked through GraphQL."""

from __future__ import annotations

import dataclasses
from typing import Any

import psycopg
import pytest

from provenance.api.types.chain import HOP
from provenance.services.chains import CHAIN_HOPS, ChainHop
from tests.api.compiled.test_executor import global_id
from tests.api.conftest import GraphQLClient

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database

CHAINS = """
query ($search: String!) {
  quotations(search: $search, first: 5) {
    edges { node {
      text
      speaker { name kind }
      attributions(first: 20) { edges { node {
        text kind cue markers
        article { slug publishedAt outlet { name } }
        upstream { id }
        chain { role name cue speaker { name } outlet { name } article { slug publishedAt } }
      } } }
    } }
  }
}
"""


def _archived(quotation: dict[str, Any]) -> list[dict[str, Any]]:
    nodes = [edge["node"] for edge in quotation["attributions"]["edges"]]
    return [n for n in nodes if n["text"] is not None]


def test_fighter_jet_chain_runs_truck_driver_bbc_article(api: GraphQLClient) -> None:
    data = api.data(CHAINS, {"search": "monitored by a US fighter jet"})
    quotation = data["quotations"]["edges"][0]["node"]
    assert "monitored by a US fighter jet" in quotation["text"]
    (relay,) = _archived(quotation)
    assert [hop["role"] for hop in relay["chain"]] == ["SPEAKER", "REPORTER", "RELAY"]
    speaker, reporter, article = relay["chain"]
    assert speaker["speaker"]["name"].lower().startswith("one of the truck drivers")
    assert reporter["name"] == "BBC"
    assert reporter["outlet"]["name"] == "BBC"
    assert reporter["article"]["publishedAt"] == "2017-11-13"
    assert article["article"] == {"slug": "seed-000", "publishedAt": "2017-11-14"}
    assert relay["upstream"] is not None


def test_insertion_marker_on_bbc_words(api: GraphQLClient) -> None:
    data = api.data(CHAINS, {"search": "took everything they could carry"})
    quotation = data["quotations"]["edges"][0]["node"]
    (relay,) = _archived(quotation)
    assert "IS [Daesh] fighters" in relay["text"]
    assert relay["markers"] == ["INSERTION"]
    assert relay["cue"] == "the BBC reported, citing eyewitness accounts of"


def test_dod_confirmation_appears_in_both_articles(api: GraphQLClient) -> None:
    data = api.data(
        """{ quotation(slug: "pahon-confirms-deal") {
              speaker { name }
              attributions { edges { node { text article { slug } chain { role name } } } }
        } }"""
    )
    quotation = data["quotation"]
    assert quotation["speaker"]["name"] == "Eric Pahon"
    archived = {n["article"]["slug"]: n["text"] for n in _archived(quotation)}
    assert archived == {
        "seed-000": "the secret deal between the US-backed SDF and Daesh",
        "seed-002": "the evacuation",
    }
    for node in _archived(quotation):
        assert [hop["name"] for hop in node["chain"]][:2] == ["Eric Pahon", "Anadolu Agency"]


def test_silo_and_cilo_are_different_speakers(api: GraphQLClient) -> None:
    found = api.data('{ speakers(search: "Silo") { edges { node { slug name } } } }')
    slugs = [edge["node"]["slug"] for edge in found["speakers"]["edges"]]
    assert "talal-silo" in slugs
    assert "cilo" not in slugs
    both = api.data(
        '{ silo: speaker(slug: "talal-silo") { id } cilo: speaker(slug: "cilo") { id } }'
    )
    assert both["silo"]["id"] != both["cilo"]["id"]


def test_role_descriptions_resolve_to_silo(api: GraphQLClient) -> None:
    data = api.data(
        '{ speakers(search: "the former SDF spokesperson") { edges { node { slug } } } }'
    )
    assert data["speakers"]["edges"][0]["node"]["slug"] == "talal-silo"


def test_search_tolerates_misspellings(api: GraphQLClient) -> None:
    data = api.data(CHAINS, {"search": "montored by a US figter jet"})
    texts = [edge["node"]["text"] for edge in data["quotations"]["edges"]]
    assert texts
    assert texts[0] == "monitored by a US fighter jet from the air"


def test_search_matches_words_printed_in_any_article(api: GraphQLClient) -> None:
    # "the evacuation" is how seed-002 words Pahon's confirmation, not the quotation's text.
    data = api.data('{ quotations(search: "evacuation") { edges { node { slug } } } }')
    slugs = {edge["node"]["slug"] for edge in data["quotations"]["edges"]}
    assert "pahon-confirms-deal" in slugs


def test_downstream_is_a_connection(api: GraphQLClient) -> None:
    data = api.data(
        """{ quotation(slug: "bbc-coalition-monitored") { attributions { edges { node {
              article { slug }
              downstream(first: 1) { totalCount pageInfo { hasNextPage }
                                     edges { node { article { slug } } } }
        } } } } }"""
    )
    nodes = [edge["node"] for edge in data["quotation"]["attributions"]["edges"]]
    (report,) = [n for n in nodes if n["article"]["slug"] == "bbc-2017-11-13"]
    assert report["downstream"]["totalCount"] == 2
    assert report["downstream"]["pageInfo"]["hasNextPage"] is True
    assert report["downstream"]["edges"][0]["node"]["article"]["slug"] in {"seed-000", "seed-002"}


ONE_CHAIN = """
query ($id: ID!) {
  node(id: $id) { ... on Attribution {
    chain {
      role name speaker { name outlet { name } } outlet { name }
      article { slug body citationOnly outlet { name } }
      attribution { id }
    }
  } }
}
"""


def _fighter_jet_relay_id(api: GraphQLClient) -> str:
    data = api.data(
        """query { quotations(search: "monitored by a US fighter jet", first: 1) { edges {
             node { attributions { edges { node { id text } } } } } } }"""
    )
    (edge,) = data["quotations"]["edges"]
    (archived,) = [e["node"] for e in edge["node"]["attributions"]["edges"] if e["node"]["text"]]
    return str(archived["id"])


CHAIN_WITH_ARTICLES = (
    "query ($id: ID!) { node(id: $id) { ... on Attribution { chain { role name"
    " speaker { name } outlet { name } article { slug publishedAt citationOnly } } } } }"
)


def test_a_compiled_chain_costs_one_statement(api: GraphQLClient) -> None:
    attribution_id = _fighter_jet_relay_id(api)

    api.statements.reset()
    chain = api.data(CHAIN_WITH_ARTICLES, {"id": attribution_id})["node"]["chain"]
    assert api.statements.reset() == 1
    assert [hop["role"] for hop in chain] == ["SPEAKER", "REPORTER", "RELAY"]


CHAINS_WITH_ARTICLES = CHAIN_WITH_ARTICLES.replace("$id: ID!", "$ids: [ID!]!").replace(
    "node(id: $id)", "nodes(ids: $ids)"
)


def test_resolved_chains_cost_a_statement_per_kind_of_row_however_many(
    resolvers_api: GraphQLClient, seeded_url: str
) -> None:
    api = resolvers_api
    attribution_id = _fighter_jet_relay_id(api)

    api.statements.reset()
    chain = api.data(CHAIN_WITH_ARTICLES, {"id": attribution_id})["node"]["chain"]
    # The attribution, its chain's hops (services.chains.CHAIN_HOPS, as compiled reads
    # run it), their speakers, outlets and articles, and the articles' citationOnly.
    assert api.statements.reset() == 6
    assert [hop["article"] and hop["article"]["citationOnly"] for hop in chain] == [
        None,
        True,  # the BBC report is known only because seed-000 cites it
        False,
    ]
    with psycopg.connect(seeded_url) as connection:
        ids = [
            global_id("Attribution", i)
            for (i,) in connection.execute("SELECT id FROM attributions ORDER BY id")
        ]
    assert len(ids) > 20
    chains = api.data(CHAINS_WITH_ARTICLES, {"ids": ids})["nodes"]
    assert api.statements.reset() == 6
    assert sum(len(node["chain"]) for node in chains) > 2 * len(ids)

    speaker, reporter, relayed = api.data(ONE_CHAIN, {"id": attribution_id})["node"]["chain"]
    assert speaker["article"] is None
    assert speaker["attribution"] is None
    assert reporter["article"]["body"] is None
    assert relayed["article"]["slug"] == "seed-000"
    assert "monitored by a US fighter jet" in relayed["article"]["body"]
    assert relayed["attribution"]["id"] == attribution_id
    assert relayed["article"]["outlet"] == relayed["outlet"]


def test_chain_hops_selects_the_columns_of_a_hop(seeded_url: str) -> None:
    sql = CHAIN_HOPS.replace("{attribution}", "0").replace("{max_depth}", "1")
    with psycopg.connect(seeded_url) as connection:
        cursor = connection.execute(f"SELECT * FROM ({sql}) h LIMIT 0")
        names = [column.name for column in cursor.description or ()]
    # ord orders the hops; the rest is services.chains.ChainHop, in order (chains_of
    # builds hops by position), and api.types.chain.HOP, which the type declares over.
    assert names == ["ord", *(field.name for field in dataclasses.fields(ChainHop))]
    assert list(HOP.c.keys()) == names[1:]
