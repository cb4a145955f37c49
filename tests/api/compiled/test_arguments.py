"""Binding a request's arguments: what compiles, and what is left to the resolvers."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.relay import GlobalID

from provenance.api.compiled.arguments import NotCompilable, RootList, RootObject, bind_root
from provenance.api.compiled.sources import node_types
from provenance.api.schema import build_schema

NODE_TYPES = node_types(build_schema()._schema)


def test_node_ids_bind_their_type_and_row_id() -> None:
    assert bind_root("node", {"id": GlobalID("Attribution", "7")}, node_types=NODE_TYPES) == (
        RootObject("Attribution", "id"),
        [7],
    )
    shape, ids = bind_root("nodes", {"ids": [str(GlobalID("Speaker", "1"))]}, node_types=NODE_TYPES)
    assert shape == RootList((RootObject("Speaker", "id"),))
    assert ids == [1]


def test_id_or_slug_binds_whichever_was_given() -> None:
    assert bind_root("outlet", {"id": None, "slug": "bbc"}, node_types=NODE_TYPES) == (
        RootObject("Outlet", "slug"),
        ["bbc"],
    )
    assert bind_root(
        "outlet", {"id": GlobalID("Outlet", "3"), "slug": None}, node_types=NODE_TYPES
    ) == (
        RootObject("Outlet", "id"),
        [3],
    )


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("node", {"id": GlobalID("Fidelity", "1")}),  # not a type with a table
        ("node", {"id": GlobalID("Speaker", "x1")}),
        ("node", {"id": GlobalID("Speaker", "99999999999999999999")}),  # beyond bigint
        ("node", {"id": GlobalID("Speaker", "\u0661")}),  # a digit, not ASCII
        ("attribution", {"id": GlobalID("Speaker", "1")}),
        ("speaker", {"id": GlobalID("Speaker", "1"), "slug": "both"}),
        ("speaker", {"id": None, "slug": None}),
        ("quotations", {"search": "words"}),
    ],
)
def test_what_the_resolvers_would_refuse_is_not_compiled(
    name: str, arguments: dict[str, Any]
) -> None:
    with pytest.raises(NotCompilable):
        bind_root(name, arguments, node_types=NODE_TYPES)
