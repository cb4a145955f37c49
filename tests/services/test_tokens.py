"""API tokens: hashed at rest, scopes that nest, revocation, last use."""

from __future__ import annotations

import hashlib

import psycopg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.config import Settings
from provenance.errors import InvalidInputError, PermissionDeniedError
from provenance.services import tokens
from tests.services.writing_support import run_write


def create(url: str, name: str, scopes: list[str]) -> tuple[int, str]:
    async def work(session: AsyncSession) -> tuple[int, str]:
        token, secret = await tokens.create_token(session, name=name, scopes=scopes)
        return token.id, secret

    return run_write(url, work)


def authenticate(url: str, secret: str) -> tokens.Grant:
    async def work(session: AsyncSession) -> tokens.Grant:
        return await tokens.authenticate(session, secret=secret)

    return run_write(url, work)


def test_only_the_hash_of_the_secret_is_stored(empty_url: str) -> None:
    token_id, secret = create(empty_url, "newsroom-bot", ["write"])
    with psycopg.connect(empty_url) as conn:
        row = conn.execute(
            "SELECT secret_sha256, scopes FROM api_tokens WHERE id = %s", (token_id,)
        ).fetchone()
        dump = conn.execute("SELECT to_jsonb(t)::text FROM api_tokens t").fetchall()
    assert row == (hashlib.sha256(secret.encode()).hexdigest(), ["write"])
    assert all(secret not in text for (text,) in dump)


def test_scopes_nest_and_last_use_is_recorded(empty_url: str) -> None:
    _, secret = create(empty_url, "editor", ["write"])
    grant = authenticate(empty_url, secret)
    assert grant.actor == "editor"
    assert (grant.allows("read"), grant.allows("write"), grant.allows("admin")) == (
        True,
        True,
        False,
    )
    with pytest.raises(PermissionDeniedError, match="'admin' scope"):
        tokens.require(grant, "admin")
    with psycopg.connect(empty_url) as conn:
        used = conn.execute("SELECT last_used_at IS NOT NULL FROM api_tokens").fetchone()
    assert used == (True,)


def test_a_revoked_or_unknown_token_is_refused(empty_url: str) -> None:
    token_id, secret = create(empty_url, "leaked", ["admin"])

    async def revoke(session: AsyncSession) -> None:
        await tokens.revoke_token(session, token_id=token_id)

    run_write(empty_url, revoke)
    with pytest.raises(PermissionDeniedError, match="unknown or revoked"):
        authenticate(empty_url, secret)
    with pytest.raises(PermissionDeniedError):
        authenticate(empty_url, "prov_not-a-token")

    async def listed(session: AsyncSession) -> list[int]:
        return [t.id for t in await tokens.list_tokens(session)]

    assert run_write(empty_url, listed) == []


@pytest.mark.reads_only
def test_unknown_scopes_are_refused(empty_url: str) -> None:
    with pytest.raises(InvalidInputError, match="scopes must be some of"):
        create(empty_url, "x", ["superuser"])


def test_anonymous_reads_can_be_switched_off() -> None:
    tokens.require(tokens.anonymous(read=True), "read")
    with pytest.raises(PermissionDeniedError, match="anonymous"):
        tokens.require(tokens.anonymous(read=False), "read")
    with pytest.raises(PermissionDeniedError, match="'write' scope"):
        tokens.require(tokens.anonymous(read=True), "write")


def test_the_anonymous_read_setting_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PROVENANCE_ANONYMOUS_READ", "false")
    assert Settings.from_env().anonymous_read is False
    monkeypatch.delenv("PROVENANCE_ANONYMOUS_READ")
    assert Settings.from_env().anonymous_read is True
