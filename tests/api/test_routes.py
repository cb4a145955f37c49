"""Every route authorised alike, CORS for configured origins, and safe browser pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.testclient import TestClient

from provenance.api.app import create_app
from provenance.config import Settings
from tests.api.writing_client import make_token

ORIGIN = "https://newsroom.example"


@pytest.fixture
def closed(seeded_url: str) -> Iterator[tuple[TestClient, str]]:
    """The app with anonymous reads off, and the secret of a read token."""
    secret = make_token(seeded_url, "reader", ["read"])
    app = create_app(Settings(database_url=seeded_url, pool_size=2, anonymous_read=False))
    with TestClient(app) as http:
        yield http, secret


def concrete_paths(app: object) -> list[str]:
    """One real path per route of the app (every route: a new one joins the walk)."""
    paths = []
    for route in app.routes:  # type: ignore[attr-defined]
        if isinstance(route, WebSocketRoute):
            continue  # authorised at connection_init: tests/api/test_subscriptions.py
        if isinstance(route, Mount):
            paths.append(f"{route.path}/graphiql.min.js")
        else:
            assert isinstance(route, Route)
            paths.append(route.path.replace("{slug}", "truck-driver-fighter-jet"))
    return paths


def test_every_route_needs_a_read_token_when_anonymous_reads_are_off(
    closed: tuple[TestClient, str],
) -> None:
    http, secret = closed
    paths = concrete_paths(http.app)
    assert "/quotations/truck-driver-fighter-jet/relay-graph.svg" in paths
    for path in paths:
        anonymous = http.get(path, headers={"accept": "text/html"}, follow_redirects=False)
        token = http.get(
            path,
            headers={"accept": "text/html", "authorization": f"Bearer {secret}"},
            follow_redirects=False,
        )
        if path == "/healthz":
            assert anonymous.status_code == token.status_code == 200
            continue
        assert anonymous.status_code in (401, 403), (path, anonymous.status_code)
        assert anonymous.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert token.status_code in (200, 307, 404), (path, token.status_code, token.text)
        forged = http.get(path, headers={"authorization": "Bearer prov_forged"})
        assert forged.status_code == 403, path


def test_graphiql_files_follow_the_graphiql_setting(seeded_url: str) -> None:
    settings = Settings(database_url=seeded_url, anonymous_read=False, graphiql=True)
    with TestClient(create_app(settings)) as http:
        page = http.get("/graphql", headers={"accept": "text/html"})
        script = http.get("/graphiql/graphiql.min.js")
        data = http.get("/quotations/anything/relay-graph.svg")
    assert page.status_code == script.status_code == 200
    assert data.status_code == 401


def test_the_svg_of_a_quotation_is_served_to_a_token(closed: tuple[TestClient, str]) -> None:
    http, secret = closed
    slug = http.post(
        "/graphql",
        json={"query": "{ quotations(first: 1) { edges { node { slug } } } }"},
        headers={"authorization": f"Bearer {secret}"},
    ).json()["data"]["quotations"]["edges"][0]["node"]["slug"]
    path = f"/quotations/{slug}/relay-graph.svg"
    assert http.get(path).status_code == 401
    picture = http.get(path, headers={"authorization": f"Bearer {secret}"})
    assert picture.status_code == 200
    assert picture.headers["content-type"].startswith("image/svg+xml")
    assert "default-src 'none'" in picture.headers["content-security-policy"]


def test_graphiql_follows_anonymous_reads_unless_set(seeded_url: str) -> None:
    page = {"accept": "text/html"}
    for settings, shown in [
        (Settings(database_url=seeded_url), True),
        (Settings(database_url=seeded_url, anonymous_read=False), False),
        (Settings(database_url=seeded_url, anonymous_read=False, graphiql=True), True),
        (Settings(database_url=seeded_url, graphiql=False), False),
    ]:
        with TestClient(create_app(settings)) as http:
            response = http.get("/graphql", headers=page)
        assert (response.status_code == 200) is shown, settings
        if shown:
            assert "<title>provenance · GraphiQL</title>" in response.text


def test_html_pages_carry_a_csp_and_nosniff(seeded_url: str) -> None:
    with TestClient(create_app(Settings(database_url=seeded_url))) as http:
        page = http.get("/graphql", headers={"accept": "text/html"})
        answer = http.post("/graphql", json={"query": "{ __typename }"})
    policy = page.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_cors_preflight_and_request_from_a_configured_origin(seeded_url: str) -> None:
    settings = Settings(database_url=seeded_url, cors_origins=(ORIGIN,))
    preflight = {
        "origin": ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, authorization",
    }
    with TestClient(create_app(settings)) as http:
        allowed = http.options("/graphql", headers=preflight)
        other = http.options("/graphql", headers={**preflight, "origin": "https://evil.example"})
        answer = http.post("/graphql", json={"query": "{ __typename }"}, headers={"origin": ORIGIN})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in allowed.headers["access-control-allow-methods"]
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    assert other.status_code == 400
    assert "access-control-allow-origin" not in other.headers
    assert answer.headers["access-control-allow-origin"] == ORIGIN


def test_no_origin_is_allowed_by_default(seeded_url: str) -> None:
    with TestClient(create_app(Settings(database_url=seeded_url))) as http:
        response = http.options(
            "/graphql",
            headers={"origin": ORIGIN, "access-control-request-method": "POST"},
        )
    assert "access-control-allow-origin" not in response.headers
