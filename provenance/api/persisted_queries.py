"""Persisted queries: Apollo's automatic persisted queries (APQ) and an optional allow-list.

A request may send ``"extensions": {"persistedQuery": {"version": 1, "sha256Hash": H}}``
instead of its ``query`` (by GET or POST). A known hash runs its document; an unknown one is
answered ``PERSISTED_QUERY_NOT_FOUND``, and the client sends the query with the hash once,
which stores it (after checking that the hash is the SHA-256 of the text). The store is a
per-process LRU of PROVENANCE_PERSISTED_QUERIES documents.

With PROVENANCE_PERSISTED_QUERIES_ALLOWLIST naming a manifest, only the documents it lists
run: by hash (any id the manifest gives, or the SHA-256 of a listed document) or by their
full text; anything else is refused with ``PERSISTED_QUERY_NOT_ALLOWED``. Manifests read:
Apollo's ``{"format": "apollo-persisted-query-manifest", "operations": [{"id", "body"}]}``,
relay-compiler's ``{"<id>": "<document>"}``, or a JSON list of documents.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cross_web import HTTPException
from strawberry.http import GraphQLRequestData

from provenance.api import metrics
from provenance.config import SettingError, Settings

VERSION = 1
ALLOWLIST_SETTING = "PROVENANCE_PERSISTED_QUERIES_ALLOWLIST"


class CodedHTTPException(HTTPException):
    """An HTTP refusal with its own ``extensions.code``."""

    def __init__(self, status_code: int, reason: str, code: str, hint: str | None = None) -> None:
        super().__init__(status_code, reason)
        self.code = code
        self.hint = hint


def sha256(document: str) -> str:
    """The hash APQ clients send: SHA-256 of the document's UTF-8 text, in hex."""
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


class DocumentStore:
    """The documents clients registered, least recently used evicted past ``capacity``."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._documents: OrderedDict[str, str] = OrderedDict()

    def get(self, digest: str) -> str | None:
        document = self._documents.get(digest)
        if document is not None:
            self._documents.move_to_end(digest)
        return document

    def put(self, digest: str, document: str) -> None:
        self._documents[digest] = document
        self._documents.move_to_end(digest)
        while len(self._documents) > self.capacity:
            self._documents.popitem(last=False)

    def __len__(self) -> int:
        return len(self._documents)


@dataclass(frozen=True)
class AllowList:
    """The operations a manifest allows: by id or SHA-256 to their document."""

    documents: Mapping[str, str]
    hashes: frozenset[str]

    @classmethod
    def read(cls, path: Path) -> AllowList:
        """The manifest at ``path``; a file that is not one stops the server, saying why."""
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeError, json.JSONDecodeError) as error:
            raise SettingError(f"{ALLOWLIST_SETTING}={path}: cannot read it ({error})") from None
        by_id = _manifest_entries(manifest, path)
        documents = dict(by_id)
        documents.update({sha256(body): body for body in by_id.values()})
        return cls(documents=documents, hashes=frozenset(sha256(b) for b in by_id.values()))

    def allows(self, document: str) -> bool:
        return sha256(document) in self.hashes


def _manifest_entries(manifest: Any, path: Path) -> dict[str, str]:
    entries: dict[str, str] = {}
    if isinstance(manifest, dict) and "operations" in manifest:  # Apollo's manifest
        for operation in manifest["operations"]:
            if not isinstance(operation, dict) or not isinstance(operation.get("body"), str):
                raise SettingError(
                    f"{ALLOWLIST_SETTING}={path}: every entry of operations needs a body"
                )
            body = operation["body"]
            entries[str(operation.get("id") or sha256(body))] = body
    elif isinstance(manifest, dict):  # relay-compiler: id -> document
        for key, body in manifest.items():
            if not isinstance(body, str):
                raise SettingError(f"{ALLOWLIST_SETTING}={path}: the value of {key!r} is no text")
            entries[key] = body
    elif isinstance(manifest, list) and all(isinstance(body, str) for body in manifest):
        entries = {sha256(body): body for body in manifest}
    else:
        raise SettingError(
            f"{ALLOWLIST_SETTING}={path}: expected an object of id -> document, Apollo's "
            '{"operations": [{"id", "body"}]} or a list of documents'
        )
    if not entries:
        raise SettingError(f"{ALLOWLIST_SETTING}={path}: the manifest lists no operation")
    return entries


class PersistedQueries:
    """Resolve a request's document from its persisted-query hash, and enforce the list."""

    def __init__(self, settings: Settings) -> None:
        self.store = DocumentStore(settings.persisted_queries)
        path = settings.persisted_queries_allowlist
        self.allowlist = AllowList.read(path) if path is not None else None

    def resolve(self, data: GraphQLRequestData) -> GraphQLRequestData:
        """``data`` with the document its hash names; refuses what may not run."""
        persisted = (data.extensions or {}).get("persistedQuery")
        if persisted is None:
            if data.query is not None:
                self._check_allowed(data.query)
            return data
        if not isinstance(persisted, dict) or persisted.get("version") != VERSION:
            raise CodedHTTPException(
                400,
                f'persistedQuery must be {{"version": {VERSION}, "sha256Hash": "..."}}',
                "PERSISTED_QUERY_VERSION_UNSUPPORTED",
            )
        digest = persisted.get("sha256Hash")
        if not isinstance(digest, str) or not digest:
            raise CodedHTTPException(
                400, "persistedQuery.sha256Hash must be the document's SHA-256", "BAD_REQUEST"
            )
        if data.query is not None:
            if sha256(data.query) != digest:
                raise CodedHTTPException(
                    400,
                    "persistedQuery.sha256Hash is not the SHA-256 of the query sent with it: "
                    "hash the exact UTF-8 text of the query",
                    "PERSISTED_QUERY_HASH_MISMATCH",
                )
            self._check_allowed(data.query)
            if self.allowlist is None:
                if self.store.capacity == 0:
                    raise _not_supported()
                self.store.put(digest, data.query)
            return data
        document = self._lookup(digest)
        return replace(data, query=document)

    def _lookup(self, digest: str) -> str:
        if self.allowlist is not None:
            listed = self.allowlist.documents.get(digest)
            if listed is None:
                raise _not_allowed()
            return listed
        if self.store.capacity == 0:
            raise _not_supported()
        document = self.store.get(digest)
        if document is None:
            # 200 and this very message, as Apollo's servers answer (Apollo Client matches
            # the message): the client then sends the query with its hash.
            raise CodedHTTPException(
                200,
                "PersistedQueryNotFound",
                "PERSISTED_QUERY_NOT_FOUND",
                hint="send the query with its sha256Hash once: it is stored for later requests",
            )
        return document

    def _check_allowed(self, document: str) -> None:
        if self.allowlist is not None and not self.allowlist.allows(document):
            raise _not_allowed()


def _not_allowed() -> CodedHTTPException:
    metrics.count("operations_not_allowed")
    return CodedHTTPException(
        403,
        f"this server runs only the operations listed in {ALLOWLIST_SETTING}: add the "
        "operation to the manifest (and redeploy) or send one it lists",
        "PERSISTED_QUERY_NOT_ALLOWED",
    )


def _not_supported() -> CodedHTTPException:
    return CodedHTTPException(
        200,
        "PersistedQueryNotSupported",
        "PERSISTED_QUERY_NOT_SUPPORTED",
        hint="PROVENANCE_PERSISTED_QUERIES is 0 on this server: send the query itself",
    )
