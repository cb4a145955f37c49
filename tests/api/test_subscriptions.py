"""Live updates: graphql-transport-ws subscriptions on a real server, fed by NOTIFY."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from base64 import b64decode
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy.engine import make_url
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from provenance.api.app import create_app
from provenance.api.notifications import (
    APPLICATION_NAME,
    MAX_QUEUED,
    Notifications,
    SubscriberDroppedError,
)
from provenance.config import Settings
from provenance.db import sqlalchemy_url
from tests.api.live_server import live_server
from tests.api.writing_client import make_token

PROTOCOL = "graphql-transport-ws"
ADDED = """
subscription($q: ID!) {
  attributionAdded(quotation: $q) { id text quotation { slug } article { slug } }
}
"""
QUOTED = "subscription($s: ID!) { speakerQuoted(speaker: $s) { id speaker { slug } } }"
CANDIDATES = "subscription { candidatesAdded { id status confidence } }"


class Served:
    """A real server on 127.0.0.1 and what the test needs to watch it."""

    def __init__(self, db_url: str, base: str, app: Any) -> None:
        self.db_url = db_url
        self.ws = base.replace("http://", "ws://") + "/graphql"
        self.http = base + "/graphql"
        self.app = app

    @property
    def notifications(self) -> Notifications:
        hub: Notifications = self.app.state.notifications
        return hub

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 20
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"never happened: {what}")
            time.sleep(0.01)

    def wait_subscribed(self, count: int) -> None:
        hub = self.notifications
        self.wait_for(
            lambda: hub.subscribers == count and hub.listening.is_set(),
            f"{count} subscriber(s) listening",
        )


@contextmanager
def serving(url: str, **settings: Any) -> Iterator[Served]:
    config = Settings(database_url=url, pool_size=2, **settings)
    app = create_app(config)
    with live_server(app) as base:
        yield Served(url, base, app)


@pytest.fixture
def served(seeded_url: str) -> Iterator[Served]:
    with serving(seeded_url) as server:
        yield server


async def open_socket(served: Served, payload: dict[str, Any] | None = None) -> ClientConnection:
    socket = await connect(served.ws, subprotocols=[PROTOCOL])  # type: ignore[list-item]
    await socket.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
    return socket


async def acknowledged(served: Served, payload: dict[str, Any] | None = None) -> ClientConnection:
    socket = await open_socket(served, payload)
    assert json.loads(await socket.recv())["type"] == "connection_ack"
    return socket


async def subscribe(
    socket: ClientConnection, query: str, variables: dict[str, Any] | None = None, id: str = "1"
) -> None:
    message = {"id": id, "type": "subscribe", "payload": {"query": query, "variables": variables}}
    await socket.send(json.dumps(message))


async def receive(socket: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), 20))
    return message


def sample(url: str) -> dict[str, Any]:
    """A seeded quotation, its speaker, and an archived article to quote it in."""
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT q.id, q.slug, s.id, s.slug FROM quotations q "
            "JOIN speakers s ON s.id = q.speaker_id ORDER BY q.id LIMIT 1"
        ).fetchone()
    assert row is not None
    return {"quotation_id": row[0], "quotation": row[1], "speaker_id": row[2], "speaker": row[3]}


def insert_by_sql(
    url: str,
    *,
    quotation_id: int,
    speaker_id: int,
    status: str,
    n: int = 1,
    slug: str = "cited-by-sql",
) -> list[int]:
    """Appearances written as an analyst or a bulk load would: plain SQL, one transaction."""
    with psycopg.connect(url) as conn:
        article = conn.execute(
            "INSERT INTO articles (slug, cited_as) VALUES (%s, 'a report by SQL') RETURNING id",
            (slug,),
        ).fetchone()
        assert article is not None
        ids = []
        for _ in range(n):
            inserted = conn.execute(
                "INSERT INTO attributions (article_id, quotation_id, speaker_id, kind, status, "
                "confidence, anchor_status) VALUES (%s, %s, %s, 'indirect', %s, %s, 'orphaned') "
                "RETURNING id",
                (
                    article[0],
                    quotation_id,
                    speaker_id,
                    status,
                    0.5 if status == "extracted" else None,
                ),
            ).fetchone()
            assert inserted is not None
            ids.append(inserted[0])
    return ids


def record_by_mutation(served: Served, quotation: str) -> str:
    """Record an article and an appearance of ``quotation`` through GraphQL mutations."""
    secret = make_token(served.db_url, "live-writer", ["write"])
    headers = {"Authorization": f"Bearer {secret}"}
    article = """mutation($i: RecordArticleInput!) { recordArticle(input: $i) {
        userErrors { message } } }"""
    attribution = """mutation($i: RecordAttributionInput!) { recordAttribution(input: $i) {
        attribution { id } userErrors { message } } }"""
    with httpx.Client(headers=headers) as http:
        done = http.post(
            served.http,
            json={
                "query": article,
                "variables": {"i": {"slug": "live-sample", "citedAs": "a wire"}},
            },
        ).json()
        assert done["data"]["recordArticle"]["userErrors"] == [], done
        done = http.post(
            served.http,
            json={
                "query": attribution,
                "variables": {
                    "i": {
                        "articleSlug": "live-sample",
                        "quotationSlug": quotation,
                        "kind": "INDIRECT",
                    }
                },
            },
        ).json()
    assert done["data"]["recordAttribution"]["userErrors"] == [], done
    recorded: str = done["data"]["recordAttribution"]["attribution"]["id"]
    return recorded


def test_an_appearance_recorded_by_the_mutation_reaches_the_subscriber(served: Served) -> None:
    target = sample(served.db_url)

    async def go() -> tuple[dict[str, Any], str]:
        socket = await acknowledged(served)
        await subscribe(socket, ADDED, {"q": target["quotation"]})
        await asyncio.to_thread(served.wait_subscribed, 1)
        recorded = await asyncio.to_thread(record_by_mutation, served, target["quotation"])
        event = await receive(socket)
        await socket.close()
        return event, recorded

    event, recorded = asyncio.run(go())
    assert event["type"] == "next"
    assert event["id"] == "1"
    added = event["payload"]["data"]["attributionAdded"]
    assert added["id"] == recorded
    assert added["quotation"]["slug"] == target["quotation"]
    assert added["article"]["slug"] == "live-sample"
    # Each event is read on a connection of its own, given back before it is sent.
    assert served.app.state.engine.pool.checkedout() == 0


def test_plain_sql_inserts_notify_speaker_and_review_subscribers(served: Served) -> None:
    target = sample(served.db_url)

    async def go() -> tuple[list[dict[str, Any]], set[str], list[int]]:
        socket = await acknowledged(served)
        # By global id this time (slugs and ids both name the speaker).
        speaker_id = httpx.post(
            served.http,
            json={
                "query": "query($s: String) { speaker(slug: $s) { id } }",
                "variables": {"s": target["speaker"]},
            },
        ).json()["data"]["speaker"]["id"]
        await subscribe(socket, QUOTED, {"s": speaker_id}, id="speaker")
        await subscribe(socket, CANDIDATES, id="review")
        await asyncio.to_thread(served.wait_subscribed, 2)
        ids = await asyncio.to_thread(
            insert_by_sql,
            served.db_url,
            quotation_id=target["quotation_id"],
            speaker_id=target["speaker_id"],
            status="extracted",
            n=2,
        )
        quoted: list[dict[str, Any]] = []
        candidates: set[str] = set()
        while len(quoted) < 2 or len(candidates) < 2:
            event = await receive(socket)
            assert event["type"] == "next", event
            if event["id"] == "speaker":
                quoted.append(event["payload"]["data"]["speakerQuoted"])
            else:
                batch = event["payload"]["data"]["candidatesAdded"]
                assert all(c["status"] == "EXTRACTED" and c["confidence"] == 0.5 for c in batch)
                candidates.update(c["id"] for c in batch)
        await socket.close()
        return quoted, candidates, ids

    quoted, candidates, ids = asyncio.run(go())
    assert all(q["speaker"]["slug"] == target["speaker"] for q in quoted)
    assert {q["id"] for q in quoted} == candidates
    assert len(ids) == 2


def test_a_recorded_appearance_is_no_candidate(served: Served) -> None:
    target = sample(served.db_url)

    async def go() -> dict[str, Any]:
        socket = await acknowledged(served)
        await subscribe(socket, CANDIDATES, id="review")
        await subscribe(socket, ADDED, {"q": target["quotation"]}, id="watch")
        await asyncio.to_thread(served.wait_subscribed, 2)
        await asyncio.to_thread(
            insert_by_sql,
            served.db_url,
            quotation_id=target["quotation_id"],
            speaker_id=target["speaker_id"],
            status="recorded",
        )
        event = await receive(socket)  # the watch sees it; the review queue must not
        await socket.close()
        return event

    assert asyncio.run(go())["id"] == "watch"


def test_refused_without_a_token_when_anonymous_reads_are_off(seeded_url: str) -> None:
    reader = make_token(seeded_url, "live-reader", ["read"])
    # The listener through PROVENANCE_LISTEN_URL (here the same database).
    with serving(seeded_url, anonymous_read=False, listen_url=seeded_url) as served:

        async def go() -> tuple[int | None, int | None, str]:
            anonymous = await open_socket(served)
            with pytest.raises(ConnectionClosed):
                await receive(anonymous)
            wrong = await open_socket(served, {"Authorization": "Bearer not-a-token"})
            with pytest.raises(ConnectionClosed):
                await receive(wrong)
            allowed = await acknowledged(served, {"Authorization": f"Bearer {reader}"})
            await subscribe(allowed, CANDIDATES)
            await asyncio.to_thread(served.wait_subscribed, 1)
            await allowed.close()
            return anonymous.close_code, wrong.close_code, "subscribed"

        anonymous_code, wrong_code, subscribed = asyncio.run(go())
    assert anonymous_code == 4403
    assert wrong_code == 4403
    assert subscribed == "subscribed"


def test_complete_releases_the_subscription(served: Served) -> None:
    async def go() -> None:
        socket = await acknowledged(served)
        await subscribe(socket, CANDIDATES, id="a")
        await subscribe(socket, CANDIDATES, id="b")
        await asyncio.to_thread(served.wait_subscribed, 2)
        await socket.send(json.dumps({"id": "a", "type": "complete"}))
        await asyncio.to_thread(
            served.wait_for, lambda: served.notifications.subscribers == 1, "one left"
        )
        await socket.close()
        await asyncio.to_thread(
            served.wait_for, lambda: served.notifications.subscribers == 0, "none left"
        )

    asyncio.run(go())
    assert served.app.state.engine.pool.checkedout() == 0


def test_limits_and_refusals_carry_codes(seeded_url: str) -> None:
    with serving(seeded_url, max_subscriptions=2, max_subscriptions_per_connection=1) as served:

        async def go() -> dict[str, list[dict[str, Any]]]:
            first, second, third = [await acknowledged(served) for _ in range(3)]
            await subscribe(first, CANDIDATES, id="first")
            await asyncio.to_thread(served.wait_subscribed, 1)
            await subscribe(first, CANDIDATES, id="over-socket-cap")
            answers = {"over-socket-cap": [await receive(first), await receive(first)]}
            await subscribe(second, ADDED, {"q": "no-such-quotation"}, id="missing")
            answers["missing"] = [await receive(second), await receive(second)]
            await subscribe(second, "{ quotations(first: 1) { totalCount } }", id="query")
            answers["query"] = [await receive(second)]
            await subscribe(second, CANDIDATES, id="second")
            await asyncio.to_thread(served.wait_subscribed, 2)
            await subscribe(third, CANDIDATES, id="over-process-cap")
            answers["over-process-cap"] = [await receive(third), await receive(third)]
            for socket in (first, second, third):
                await socket.close()
            return answers

        answers = asyncio.run(go())
    over_socket, done = answers["over-socket-cap"]
    assert over_socket["payload"]["errors"][0]["extensions"]["code"] == "SUBSCRIPTION_LIMIT"
    assert (
        "PROVENANCE_MAX_SUBSCRIPTIONS_PER_CONNECTION"
        in over_socket["payload"]["errors"][0]["message"]
    )
    assert done["type"] == "complete"
    missing, done = answers["missing"]
    assert missing["payload"]["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert missing["payload"]["errors"][0]["extensions"]["field"] == "quotation"
    assert done["type"] == "complete"
    query = answers["query"][0]
    assert query["type"] == "error"
    assert query["payload"][0]["extensions"]["code"] == "INVALID_INPUT"
    over_process, done = answers["over-process-cap"]
    assert over_process["payload"]["errors"][0]["extensions"]["code"] == "SUBSCRIPTION_LIMIT"
    assert done["type"] == "complete"


def test_a_slow_subscriber_is_dropped_without_holding_back_others(seeded_url: str) -> None:
    async def go() -> tuple[int, bool, int]:
        hub = Notifications(
            make_url(sqlalchemy_url(seeded_url)),
            max_subscribers=10,
        )
        slow = hub.subscribe(lambda _: True)
        fast = hub.subscribe(lambda _: True)
        received = 0
        for n in range(MAX_QUEUED + 10):
            hub.dispatch(
                json.dumps({"attribution": n, "quotation": 1, "speaker": 1, "status": "x"})
            )
            await fast.next()
            received += 1
        with pytest.raises(SubscriberDroppedError):
            await slow.next()
        still_there = slow in hub._subscribers
        await hub.close()
        return received, still_there, hub.dropped

    received, still_there, dropped = asyncio.run(go())
    assert received == MAX_QUEUED + 10
    assert not still_there
    assert dropped == 1


def test_the_listener_reconnects_and_hands_out_what_it_missed_once(served: Served) -> None:
    target = sample(served.db_url)
    rows = {"quotation_id": target["quotation_id"], "speaker_id": target["speaker_id"]}

    async def go() -> tuple[list[str], list[int]]:
        socket = await acknowledged(served)
        await subscribe(
            socket,
            "subscription($q: ID!) { attributionAdded(quotation: $q) { id } }",
            {"q": target["quotation"]},
        )
        await asyncio.to_thread(served.wait_subscribed, 1)
        with psycopg.connect(served.db_url, autocommit=True) as conn:
            ended = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s AND datname = current_database()",
                (APPLICATION_NAME,),
            ).fetchall()
        assert ended == [(True,)]
        # Written while the listener is away (or just back): handed out on reconnection
        # or notified, but once.
        first = await asyncio.to_thread(insert_by_sql, served.db_url, status="recorded", **rows)
        await asyncio.to_thread(
            served.wait_for, lambda: served.notifications.connections == 2, "reconnected"
        )
        second = await asyncio.to_thread(
            insert_by_sql, served.db_url, status="recorded", slug="after-reconnect", **rows
        )
        events = [await receive(socket), await receive(socket)]
        await socket.close()
        return [e["payload"]["data"]["attributionAdded"]["id"] for e in events], first + second

    received, inserted = asyncio.run(go())
    assert [int(b64decode(i).decode().split(":")[1]) for i in received] == inserted


def test_a_subscription_over_http_is_refused_with_a_code(served: Served) -> None:
    answer = httpx.post(served.http, json={"query": CANDIDATES}).json()
    assert answer["data"] is None
    assert answer["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "websocket" in answer["errors"][0]["message"]


def test_the_catch_up_hands_out_missed_appearances_once(seeded_url: str) -> None:
    target = sample(seeded_url)

    async def go() -> tuple[list[int], list[int], list[int]]:
        hub = Notifications(make_url(sqlalchemy_url(seeded_url)), max_subscribers=10)
        with psycopg.connect(seeded_url) as conn:
            newest = conn.execute("SELECT max(id) FROM attributions").fetchone()
        assert newest is not None
        hub._mark = newest[0]  # as if the listener had handed out everything until now
        watcher = hub.subscribe(lambda n: n.quotation == target["quotation_id"])
        # The test plays the listener's part (its catch-up, then notifications arriving
        # late): the listener the subscription started would race it to the catch-up.
        listener = hub._listener
        assert listener is not None
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener
        missed = insert_by_sql(
            seeded_url,
            quotation_id=target["quotation_id"],
            speaker_id=target["speaker_id"],
            status="recorded",
            n=2,
        )
        async with await psycopg.AsyncConnection.connect(seeded_url, autocommit=True) as conn:
            await hub._catch_up(conn)
        handed = [(await watcher.next()).attribution, (await watcher.next()).attribution]
        for attribution in missed:  # the notifications of the same rows, arriving late
            hub.dispatch(
                json.dumps(
                    {
                        "attribution": attribution,
                        "quotation": target["quotation_id"],
                        "speaker": target["speaker_id"],
                        "status": "recorded",
                    }
                )
            )
        again = [notice.attribution for notice in watcher.drain(10)]
        await hub.close()
        return missed, handed, again

    missed, handed, again = asyncio.run(go())
    assert handed == missed
    assert again == []


def test_the_listen_url_takes_the_database_password() -> None:
    settings = Settings.from_env(
        {
            "DATABASE_URL": "postgresql://app@pgbouncer:6432/provenance",
            "PROVENANCE_LISTEN_URL": "postgresql://app@db:5432/provenance",
            "PROVENANCE_DATABASE_PASSWORD": "s3cret",
        }
    )
    assert settings.listen_url is not None
    assert make_url(settings.listen_url).password == "s3cret"
    assert make_url(settings.listen_url).host == "db"
