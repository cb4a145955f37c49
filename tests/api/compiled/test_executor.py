"""Compiled reads answer byte for byte as the resolvers do, in one statement."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from graphql import OperationDefinitionNode, parse
from pytest_postgresql.executors import NoopExecutor

from provenance.api.compiled.sources import node_types, sources
from provenance.api.compiled.translation import Chain, Children, Column
from provenance.api.document_limits import measure_operation
from provenance.api.metrics import fallbacks
from provenance.api.schema import build_schema, document_limits
from provenance.bench.load import load_corpus
from provenance.bench.plan import CorpusPlan
from provenance.config import Settings
from tests.api.conftest import GraphQLClient, serve
from tests.conftest import SharedDatabases

pytestmark = pytest.mark.reads_only  # every test here only reads: shared databases

SCHEMA = build_schema()._schema
SOURCES = sources(SCHEMA)
NODE_TYPES = node_types(SCHEMA)
TABLES = {name: SOURCES[name].table for name in NODE_TYPES}


def selection(type_name: str, depth: int) -> str:
    """Every translated field of ``type_name``, objects followed ``depth`` levels down."""
    fields = ["__typename"]
    for name, translation in SOURCES[type_name].fields.items():
        if isinstance(translation, Column):
            fields.append(name)
        elif depth <= 0:
            continue
        elif isinstance(translation, Children):
            node = selection(translation.type_name, depth - 1)
            fields.append(
                f"{name}(first: 2) {{ __typename totalCount totalCountIsExact"
                " pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }"
                f" edges {{ __typename cursor node {{ {node} }} }} }}"
            )
        else:
            target = "ChainHop" if isinstance(translation, Chain) else translation.type_name
            fields.append(f"{name} {{ {selection(target, depth - 1)} }}")
    return " ".join(fields)


def node_query(type_name: str, depth: int = 3) -> str:
    fields = selection(type_name, depth)
    return f"query ($id: ID!) {{ node(id: $id) {{ ... on {type_name} {{ {fields} }} }} }}"


def global_id(type_name: str, row_id: int | str) -> str:
    return base64.b64encode(f"{type_name}:{row_id}".encode()).decode()


def raw(client: GraphQLClient, query: str, variables: dict[str, Any] | None = None) -> str:
    """The response body exactly as sent."""
    response = client.http.post("/graphql", json={"query": query, "variables": variables or {}})
    return response.text


def assert_alike(
    api: GraphQLClient, resolvers: GraphQLClient, query: str, variables: dict[str, Any] | None
) -> str:
    api.statements.reset()
    compiled = raw(api, query, variables)
    assert api.statements.reset() == 1, "not answered by one compiled statement"
    assert compiled == raw(resolvers, query, variables)
    return compiled


def scalar(url: str, sql: str) -> Any:
    """The one value ``sql`` selects (it must select a row)."""
    with psycopg.connect(url) as connection:
        row = connection.execute(sql).fetchone()
    assert row is not None, sql
    return row[0]


def row_ids(url: str, table: str, limit: int = 1000) -> list[int]:
    with psycopg.connect(url) as connection:
        rows = connection.execute(f"SELECT id FROM {table} ORDER BY id LIMIT %s", (limit,))
        return [row[0] for row in rows]


@pytest.fixture(scope="session")
def corpus_url(shared_databases: SharedDatabases, migrated_template: NoopExecutor) -> str:
    """A small synthetic corpus: deep chains, citation-only upstreams, orphaned spans."""
    plan = CorpusPlan(quotations=30, seed=5, batch_size=30)
    return shared_databases.url(
        "executor_corpus",
        template=migrated_template,
        build=lambda url: load_corpus(url, plan, vacuum=False),
    )


@pytest.fixture(scope="module")
def pair(request: pytest.FixtureRequest) -> Iterator[tuple[GraphQLClient, GraphQLClient, str]]:
    name = "shared_seeded_url" if request.param == "seeded_url" else request.param
    url = request.getfixturevalue(name)
    with serve(url) as compiled, serve(url, compiled_reads=False) as resolvers:
        yield compiled, resolvers, url


def batch_query(type_name: str, size: int) -> str:
    """``node_query`` for ``size`` ids at once ($id0 ... as n0 ...), its fields a fragment."""
    arguments = ", ".join(f"$id{i}: ID!" for i in range(size))
    nodes = " ".join(f"n{i}: node(id: $id{i}) {{ ...Fields }}" for i in range(size))
    fields = f"fragment Fields on {type_name} {{ {selection(type_name, 3)} }}"
    return f"query ({arguments}) {{ {nodes} }} {fields}"


# Nodes a batch_query asks for at most: one compiled statement for 8 attributions at depth 3
# takes seconds to plan (more than 20 times one for a single node; the API's statement
# timeout stops it), 4 take about as long as 4 single ones.
BATCH = 4


def batch_size(type_name: str) -> int:
    """How many nodes ``batch_query`` asks for at once: BATCH, or fewer if the limits say so."""
    document = parse(node_query(type_name))
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    limits = document_limits(Settings())  # as serve() configures the API
    cost = measure_operation(SCHEMA, document, operation, max_depth=limits.max_depth).measure.cost
    return min(BATCH, limits.max_root_fields, limits.max_cost // cost)


@pytest.mark.parametrize("pair", ["seeded_url", "corpus_url"], indirect=True)
@pytest.mark.parametrize("type_name", sorted(NODE_TYPES))
def test_every_translated_field_answers_as_its_resolver(
    pair: tuple[GraphQLClient, GraphQLClient, str], type_name: str
) -> None:
    api, resolvers, url = pair
    ids = row_ids(url, str(TABLES[type_name]), limit=60)
    assert ids
    query = node_query(type_name)
    for row_id in ids[:2]:  # one node a request, as a client asks
        answer = assert_alike(api, resolvers, query, {"id": global_id(type_name, row_id)})
        assert f'"__typename":"{type_name}"' in answer
    # Then every id, a few a request: one compiled statement each, and the resolvers' data
    # loaders batch what they load (about 60 statements a request instead of about 60 a node).
    size = batch_size(type_name)
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        variables = {f"id{i}": global_id(type_name, row_id) for i, row_id in enumerate(chunk)}
        answer = assert_alike(api, resolvers, batch_query(type_name, len(chunk)), variables)
        nodes = json.loads(answer)["data"]
        assert [nodes[f"n{i}"]["__typename"] for i in range(len(chunk))] == [type_name] * len(chunk)


def test_root_fields_by_slug_id_and_lists_answer_alike(
    api: GraphQLClient, resolvers_api: GraphQLClient, seeded_url: str
) -> None:
    with psycopg.connect(seeded_url) as connection:
        slugs = {
            root: connection.execute(f"SELECT slug FROM {table} ORDER BY id LIMIT 1").fetchone()
            for root, table in [
                ("speaker", "speakers"),
                ("outlet", "outlets"),
                ("article", "articles"),
                ("quotation", "quotations"),
            ]
        }
    for root, row in slugs.items():
        assert row is not None
        type_name = root.capitalize()
        query = f"query ($slug: String!) {{ {root}(slug: $slug) {{ {selection(type_name, 2)} }} }}"
        assert f'"slug":"{row[0]}"' in assert_alike(api, resolvers_api, query, {"slug": row[0]})
    (attribution, *_) = row_ids(seeded_url, "attributions")
    (speaker, *_) = row_ids(seeded_url, "speakers")
    ids = [global_id("Attribution", attribution), global_id("Speaker", speaker)]
    ids.append(global_id("Outlet", 999_999))  # unknown: null in its place
    answer = assert_alike(
        api,
        resolvers_api,
        "query ($ids: [ID!]!, $id: ID!) { __typename nodes(ids: $ids) { id __typename }"
        " attribution(id: $id) { id text } }",
        {"ids": ids, "id": ids[0]},
    )
    assert answer.count('"__typename"') == 3
    assert '"nodes":[{' in answer
    assert answer.count("null]") == 1


def test_fragments_aliases_and_skip_are_honoured(
    api: GraphQLClient, resolvers_api: GraphQLClient, seeded_url: str
) -> None:
    (attribution, *_) = row_ids(seeded_url, "attributions")
    query = """
        query ($id: ID!, $withChain: Boolean!) {
          first: node(id: $id) { ...Words ... on Attribution { said: speaker { name } } }
          again: node(id: $id) {
            ... on Attribution {
              speaker { name } speaker { slug } chain @include(if: $withChain) { role }
            }
          }
        }
        fragment Words on Attribution { id text kind }
    """
    variables = {"id": global_id("Attribution", attribution)}
    with_chain = assert_alike(api, resolvers_api, query, {**variables, "withChain": True})
    without = assert_alike(api, resolvers_api, query, {**variables, "withChain": False})
    assert '"chain"' in with_chain
    assert '"chain"' not in without
    assert '"said"' in with_chain
    assert '"slug"' in with_chain


def test_unknown_and_foreign_ids_answer_alike(
    api: GraphQLClient, resolvers_api: GraphQLClient, seeded_url: str
) -> None:
    unknown = assert_alike(
        api,
        resolvers_api,
        "query ($id: ID!) { node(id: $id) { id } }",
        {"id": global_id("Attribution", 123_456_789)},
    )
    assert unknown == '{"data":{"node":null}}'
    (speaker, *_) = row_ids(seeded_url, "speakers")
    # Errors are the resolvers' to report: these are not compiled, and answer as before.
    for query, variables in [
        ("query ($id: ID!) { attribution(id: $id) { id } }", {"id": global_id("Speaker", speaker)}),
        ("query ($id: ID!) { node(id: $id) { id } }", {"id": "not an id"}),
        ("query { speaker(slug: 'x', id: 'eA==') { id } }".replace("'", '"'), None),
    ]:
        answer = raw(api, query, variables)
        assert '"errors"' in answer
        assert answer == raw(resolvers_api, query, variables)


def test_a_query_of_typenames_reads_nothing(api: GraphQLClient) -> None:
    api.statements.reset()
    assert api.data("{ __typename again: __typename }") == {"__typename": "Query", "again": "Query"}
    assert api.statements.reset() == 0


def test_fields_without_a_translation_go_through_the_resolvers(
    api: GraphQLClient, resolvers_api: GraphQLClient, seeded_url: str
) -> None:
    (attribution, *_) = row_ids(seeded_url, "attributions")
    variables = {"id": global_id("Attribution", attribution)}
    before = fallbacks().get("Attribution.history", 0)
    history = "query ($id: ID!) { node(id: $id) { ... on Attribution { history { __typename } } } }"
    for query in [
        history,
        "query ($id: ID!) { node(id: $id) { ... on Attribution { verdicts { __typename } } } }",
        history,  # its plan is cached: the fallback is counted again
    ]:
        api.statements.reset()
        answer = raw(api, query, variables)
        assert api.statements.reset() > 1
        assert '"errors"' not in answer
        assert answer == raw(resolvers_api, query, variables)
    # A root list beside a node: the list's one page statement on both paths, alike.
    for query in ["query ($id: ID!) { node(id: $id) { id } quotations(first: 1) { totalCount } }"]:
        answer = raw(api, query, variables)
        assert '"errors"' not in answer
        assert answer == raw(resolvers_api, query, variables)
    assert fallbacks()["Attribution.history"] == before + 2
    # A root field without a translation is counted by its name.
    searches = fallbacks().get("Query.quotations", 0)
    search = 'query { quotations(search: "Raqqa", first: 1) { edges { node { text } } } }'
    assert raw(api, search) == raw(resolvers_api, search)
    assert fallbacks()["Query.quotations"] == searches + 1
    metrics = api.http.get("/metrics").text
    assert 'provenance_compiled_fallbacks_total{field="Attribution.history"}' in metrics


@pytest.mark.parametrize("pair", ["corpus_url"], indirect=True)
def test_pages_follow_their_cursors_as_the_resolvers_do(
    pair: tuple[GraphQLClient, GraphQLClient, str],
) -> None:
    api, resolvers, url = pair
    busiest = scalar(
        url, "SELECT quotation_id FROM attributions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    )
    query = """
        query ($id: ID!, $first: Int, $after: String) {
          node(id: $id) { ... on Quotation { attributions(first: $first, after: $after) {
            totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { id } } } } }
        }
    """
    variables: dict[str, Any] = {"id": global_id("Quotation", busiest), "first": 3}
    seen = 0
    while True:
        answer = assert_alike(api, resolvers, query, variables)
        body = json.loads(answer)  # the page itself, not asked for a third time
        assert "errors" not in body, body["errors"]
        page = body["data"]["node"]["attributions"]
        seen += len(page["edges"])
        assert page["pageInfo"]["hasPreviousPage"] is ("after" in variables)
        if not page["pageInfo"]["hasNextPage"]:
            break
        variables["after"] = page["pageInfo"]["endCursor"]
    assert seen == page["totalCount"] > 3
    assert '"edges":[' in answer


@pytest.mark.parametrize(
    ("first", "after"), [(1000, None), (-1, None), (2, "bm90IGEgY3Vyc29y"), (2, "WyJ4Il0=")]
)
def test_page_arguments_the_resolvers_refuse_are_refused_alike(
    api: GraphQLClient, resolvers_api: GraphQLClient, seeded_url: str, first: int, after: str
) -> None:
    (speaker, *_) = row_ids(seeded_url, "speakers")
    query = """query ($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on Speaker {
        quotations(first: $first, after: $after) { totalCount } } } }"""
    variables = {"id": global_id("Speaker", speaker), "first": first, "after": after}
    answer = raw(api, query, variables)
    assert '"errors"' in answer
    assert answer == raw(resolvers_api, query, variables)


@pytest.mark.parametrize("pair", ["seeded_url", "corpus_url"], indirect=True)
def test_objects_a_resolver_returns_are_compiled_below_it(
    pair: tuple[GraphQLClient, GraphQLClient, str],
) -> None:
    api, resolvers, url = pair
    word = scalar(
        url,
        "SELECT w FROM (SELECT text FROM quotations ORDER BY id LIMIT 1) q,"
        r" regexp_split_to_table(q.text, '\W+') w ORDER BY length(w) DESC LIMIT 1",
    )
    chains = (Path(__file__).parents[3] / "graphql/operations/QuotationChains.graphql").read_text()
    everything = (
        "query ($search: String!) { quotations(search: $search, first: 5) {"
        f" edges {{ node {{ {selection('Quotation', 2)} }} }} }} }}"
    )
    for query in (chains, everything):
        api.statements.reset()
        compiled = raw(api, query, {"search": word})
        # The search, then one statement for all the quotations found (their chains too).
        assert api.statements.reset() == 2
        resolvers.statements.reset()
        assert compiled == raw(resolvers, query, {"search": word})
        assert resolvers.statements.reset() > 2
        assert '"edges":[{' in compiled


@pytest.mark.parametrize("first", [0, 1, 100, None])
def test_page_sizes_from_none_to_the_limit_answer_alike(
    api: GraphQLClient, resolvers_api: GraphQLClient, seeded_url: str, first: int | None
) -> None:
    busiest = scalar(
        seeded_url, "SELECT speaker_id FROM quotations GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    )
    query = """query ($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on Speaker {
        quotations(first: $first, after: $after) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { id } } } } } }"""
    variables: dict[str, Any] = {"id": global_id("Speaker", busiest), "first": first}
    answer = assert_alike(api, resolvers_api, query, variables)
    assert ('"edges":[]' in answer) is (first == 0)
    # After the last item: an empty page, with no cursors, that knows a page came before.
    last = scalar(seeded_url, f"SELECT max(id) FROM quotations WHERE speaker_id = {busiest}")
    after = base64.urlsafe_b64encode(f"[{last}]".encode()).decode()
    empty = assert_alike(api, resolvers_api, query, {**variables, "after": after})
    assert '"edges":[]' in empty
    assert '"hasPreviousPage":true' in empty
