"""API tokens: create (the secret is shown once), list, revoke, and check a presented secret.

Only the SHA-256 of a secret is stored, so a leaked database does not leak working tokens.
Scopes nest: admin includes write, write includes read.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from provenance.models import ApiToken

SCOPES = ("read", "write", "admin")
SECRET_PREFIX = "prov_"
# Recording every use would turn each read into a write; once a minute is precise enough.
LAST_USED_RESOLUTION = "1 minute"


@dataclass(frozen=True)
class Grant:
    """Who is calling and what they may do: from a token, or anonymous."""

    actor: str
    scopes: frozenset[str]
    token_id: int | None = None

    def allows(self, scope: str) -> bool:
        """Whether this grant includes ``scope`` (admin > write > read)."""
        return any(SCOPES.index(held) >= SCOPES.index(scope) for held in self.scopes)


def anonymous(*, read: bool) -> Grant:
    """The grant of a request without a token: read-only, or nothing when reads are closed."""
    return Grant(actor="anonymous", scopes=frozenset({"read"} if read else set()))


def require(grant: Grant, scope: str) -> None:
    """Refuse the operation unless ``grant`` includes ``scope``."""
    if not grant.allows(scope):
        who = "an anonymous request" if grant.token_id is None else f"token {grant.actor!r}"
        raise PermissionDeniedError(
            f"{who} may not {'change data' if scope != 'read' else 'read'} here: "
            f"the {scope!r} scope is required",
            hint="send 'Authorization: Bearer <token>' with a token created by "
            f"`provenance token create --scope {scope}`",
        )


def hash_secret(secret: str) -> str:
    """The stored form of a secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _scopes(scopes: Iterable[str]) -> list[str]:
    wanted = sorted(set(scopes), key=SCOPES.index) if set(scopes) <= set(SCOPES) else None
    if not wanted:
        raise InvalidInputError(
            f"scopes must be some of {', '.join(SCOPES)}, got {', '.join(scopes) or 'none'}",
            field="scopes",
        )
    return wanted


async def create_token(
    session: AsyncSession, *, name: str, scopes: Iterable[str]
) -> tuple[ApiToken, str]:
    """Create a token; return it with its secret, which is not stored and not shown again."""
    if not name.strip():
        raise InvalidInputError("a token needs a name (who holds it)", field="name")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(name=name, secret_sha256=hash_secret(secret), scopes=_scopes(scopes))
    session.add(token)
    await session.flush()
    await session.refresh(token)
    return token, secret


async def list_tokens(
    session: AsyncSession, *, include_revoked: bool = False
) -> Sequence[ApiToken]:
    """The tokens, oldest first."""
    query = select(ApiToken).order_by(ApiToken.id)
    if not include_revoked:
        query = query.where(ApiToken.revoked_at.is_(None))
    return list(await session.scalars(query))


async def revoke_token(session: AsyncSession, *, token_id: int) -> ApiToken:
    """Revoke a token at once; revoking it again changes nothing."""
    token = await session.get(ApiToken, token_id)
    if token is None:
        raise NotFoundError(f"no token with id {token_id}", field="id")
    if token.revoked_at is None:
        token.revoked_at = await session.scalar(select(func.now()))
        await session.flush()
    return token


async def authenticate(session: AsyncSession, *, secret: str) -> Grant:
    """The grant of a presented secret, or PermissionDeniedError if unknown or revoked."""
    token = await session.scalar(
        select(ApiToken).where(ApiToken.secret_sha256 == hash_secret(secret))
    )
    if token is None or token.revoked_at is not None:
        raise PermissionDeniedError(
            "the bearer token is unknown or revoked",
            field="authorization",
            hint="ask an administrator for a new token (`provenance token create`)",
        )
    await session.execute(
        update(ApiToken)
        .where(
            ApiToken.id == token.id,
            or_(
                ApiToken.last_used_at.is_(None),
                ApiToken.last_used_at < func.now() - text(f"interval '{LAST_USED_RESOLUTION}'"),
            ),
        )
        .values(last_used_at=func.now())
        .execution_options(synchronize_session=False)
    )
    return Grant(actor=token.name, scopes=frozenset(token.scopes), token_id=token.id)
