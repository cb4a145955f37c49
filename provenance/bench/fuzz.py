"""Fuzzing the API: generated queries, malformed values and bodies, and what came back.

Queries come from hypothesis-graphql over the committed schema (graphql/schema.graphql);
a mutator then swaps some of their strings and integers for malformed ids and cursors,
huge integers, NUL characters, lone surrogates and very long text, and a few requests get
a malformed body instead. Every answer must be a 2xx or a 4xx with a coded error: a 5xx,
or an INTERNAL_SERVER_ERROR inside a 200, is a fault.
"""

from __future__ import annotations

import base64
import json
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from graphql import IntValueNode, StringValueNode, Visitor, parse, print_ast, visit

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "graphql" / "schema.graphql"
SLOW_SECONDS = 1.0


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8", "surrogatepass")).decode()


#: Strings a careless or hostile client sends where ids, cursors and text go.
BAD_STRINGS: tuple[str, ...] = (
    _b64("Quotation:99999999999999999999999"),
    _b64("Node:1"),
    _b64("Query:1"),
    _b64("Quotation:-1"),
    _b64("Quotation:\u0967"),
    _b64("[1e400]"),
    _b64('["x", 1]'),
    _b64("[99999999999999999999999]"),
    _b64('{"a": 1}'),
    "UXVvdGF0aW9uOjE3",  # a real id, beside the malformed ones (the pool-leak recipe)
    "RIB",
    "garbage!!",
    "",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\u202e\u0000",
    "💥" * 50,
    "'; DROP TABLE quotations; --",
    "%" * 64,
    "fighter jet " * 500,
)
BAD_INTS: tuple[str, ...] = ("99999999999999999999999", "-1", "2147483648", "-2147483649", "0")
#: Whole bodies that are not a GraphQL request at all.
BAD_BODIES: tuple[bytes, ...] = (
    b'{"query": "\xff\xfe"}',
    b'"{ __typename }"',
    b"[]",
    b"null",
    b"",
    b'{"query": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b'{"query": "{ __typename }", "variables": "nope"}',
    b'{"query": 42}',
    b'{"query": "query A { __typename } query B { __typename }"}',
)


def _custom_scalars() -> dict[str, Any]:
    from hypothesis import strategies as st

    dates = st.dates().map(lambda d: StringValueNode(value=d.isoformat()))
    moments = st.datetimes().map(lambda d: StringValueNode(value=d.isoformat() + "Z"))
    blobs = st.sampled_from(["{}", "[]", '{"a": 1}']).map(lambda v: StringValueNode(value=v))
    return {"Date": dates, "DateTime": moments, "JSON": blobs}


def generate(count: int, *, seed: int = 0, schema: str | None = None) -> list[str]:
    """``count`` queries and mutations generated from the schema (deterministic per seed)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as fix_seed
    from hypothesis_graphql import from_schema

    if schema is not None:
        sdl = schema
    elif SCHEMA_FILE.exists():
        sdl = SCHEMA_FILE.read_text(encoding="utf-8")
    else:  # an installed package: the same SDL, exported from the code (a test keeps them equal)
        from provenance.api.schema import schema_sdl

        sdl = schema_sdl()
    strategy = from_schema(sdl, custom_scalars=_custom_scalars(), allow_x00=True, codec=None)
    found: list[str] = []

    @fix_seed(seed)
    @settings(
        max_examples=count,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(query: str) -> None:
        found.append(query)

    collect()
    return found


class _Mutator(Visitor):
    def __init__(self, rng: random.Random, rate: float) -> None:
        super().__init__()
        self.rng = rng
        self.rate = rate

    def enter_string_value(self, _node: StringValueNode, *_: Any) -> Any:
        if self.rng.random() < self.rate:
            return StringValueNode(value=self.rng.choice(BAD_STRINGS))
        return None

    def enter_int_value(self, _node: IntValueNode, *_: Any) -> Any:
        if self.rng.random() < self.rate:
            return IntValueNode(value=self.rng.choice(BAD_INTS))
        return None


def mutate(query: str, rng: random.Random, *, rate: float = 0.5) -> str:
    """``query`` with some of its strings and integers made malformed."""
    return print_ast(visit(parse(query), _Mutator(rng, rate)))


def requests(queries: Iterable[str], *, seed: int = 0) -> list[bytes]:
    """Request bodies: each query as generated or mutated, and now and then a bad body."""
    rng = random.Random(seed)
    bodies = []
    for query in queries:
        roll = rng.random()
        if roll < 0.05:
            bodies.append(rng.choice(BAD_BODIES))
            continue
        text = mutate(query, rng) if roll < 0.6 else query
        # ensure_ascii: a lone surrogate travels as its \\ud800 escape, as a client sends it
        bodies.append(json.dumps({"query": text}).encode())
    return bodies


@dataclass
class Outcome:
    """What the API answered to a batch of requests."""

    sent: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    slow: int = 0
    slowest: float = 0.0
    faults: list[str] = field(default_factory=list)
    #: The slowest answers: (seconds, the start of the request body).
    slowest_requests: list[tuple[float, bytes]] = field(default_factory=list)

    @property
    def server_errors(self) -> int:
        """Answers that are the server's fault: 5xx, or INTERNAL_SERVER_ERROR in a 200."""
        return sum(n for status, n in self.statuses.items() if status >= 500) + self.codes.get(
            "INTERNAL_SERVER_ERROR", 0
        )

    def record(self, body: bytes, response: httpx.Response, seconds: float) -> None:
        self.sent += 1
        self.statuses[response.status_code] += 1
        self.slowest = max(self.slowest, seconds)
        if seconds > SLOW_SECONDS:
            self.slow += 1
        self.slowest_requests = sorted(
            [*self.slowest_requests, (seconds, body[:200])], reverse=True
        )[:5]
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        errors = answer.get("errors") if isinstance(answer, dict) else None
        for error in errors or []:
            code = (error.get("extensions") or {}).get("code", "NONE")
            self.codes[code] += 1
        fault = response.status_code >= 500 or any(
            (e.get("extensions") or {}).get("code") in ("INTERNAL_SERVER_ERROR", None)
            for e in errors or []
        )
        if response.status_code >= 400 and not errors:
            fault = True  # a refusal without a GraphQL error body
        if fault and len(self.faults) < 20:
            self.faults.append(f"{response.status_code} {body[:300]!r} -> {response.text[:300]}")


def send(
    client: httpx.Client,
    bodies: Sequence[bytes],
    *,
    token: str | None = None,
    outcome: Outcome | None = None,
) -> Outcome:
    """POST each body to /graphql in turn (with ``token``, mutations run); the outcome
    counts the answers."""
    outcome = outcome or Outcome()
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    for body in bodies:
        started = time.perf_counter()
        response = client.post("/graphql", content=body, headers=headers)
        outcome.record(body, response, time.perf_counter() - started)
    return outcome
