"""GraphQL over HTTP: content negotiation, status codes, and request bodies checked.

- A client accepting ``application/graphql-response+json`` gets it, with the spec's status
  codes: a document that was not executed (syntax, validation, limits) is a 400 without
  ``data``. Otherwise ``application/json`` with 200, the spec's legacy watershed.
- Bodies: POST needs ``Content-Type: application/json`` (else 415) and a non-empty body of
  strict UTF-8 holding one JSON object (or a batch, which is off), nested at most
  MAX_JSON_DEPTH deep, without lone surrogates; else 400.
- Every refusal is a GraphQL error body (``errors[].extensions.code``) and one INFO line.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

log = logging.getLogger("provenance.api")

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
MAX_JSON_DEPTH = 32

_CODES = {
    400: "BAD_REQUEST",
    401: "FORBIDDEN",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


def error_body(message: str, code: str, hint: str | None = None) -> bytes:
    """A GraphQL-over-HTTP error body with one coded error."""
    extensions = {"code": code, **({"hint": hint} if hint else {})}
    return json.dumps({"errors": [{"message": message, "extensions": extensions}]}).encode()


def negotiate(accept: str | None) -> str | None:
    """The media type to answer with, or None if the client accepts neither."""
    if not accept:
        return JSON
    accepted: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media, *parameters = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            accepted.append((-quality, position, media.lower()))
    for _, _, media in sorted(accepted):
        if media == GRAPHQL_RESPONSE:
            return GRAPHQL_RESPONSE
        if media in (JSON, "application/*", "*/*", "text/html"):
            return JSON  # text/html: a browser, shown GraphiQL or else JSON
    return None


def _check_json(value: object) -> None:
    """Refuse JSON nested deeper than MAX_JSON_DEPTH or holding a lone surrogate."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raise HTTPException(
                        400,
                        "the request holds a string with a lone surrogate (\\ud800-"
                        "\\udfff escape): send text as valid Unicode",
                    ) from None
        elif isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise HTTPException(
                    400, f"the request's JSON is nested more than {MAX_JSON_DEPTH} deep"
                )
            values = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in values)
            if isinstance(item, dict):
                stack.extend((key, depth + 1) for key in item)


class GraphQLOverHTTP:
    """Overrides of strawberry's ASGI view (mixed in before it)."""

    def decode_json(self, data: str | bytes) -> object:
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError as error:
                raise HTTPException(
                    400, f"the request body is not valid UTF-8 (byte {error.start})"
                ) from None
        try:
            value = json.loads(data)
        except RecursionError:
            raise HTTPException(
                400, f"the request's JSON is nested more than {MAX_JSON_DEPTH} deep"
            ) from None
        except json.JSONDecodeError as error:
            raise HTTPException(400, f"the request body is not JSON: {error}") from None
        _check_json(value)
        return value

    async def parse_http_body(self, request: Any) -> Any:
        if request.method == "POST":
            content_type = (request.content_type or "").split(";")[0].strip().lower()
            if content_type != JSON:
                raise HTTPException(
                    415, f"send the request as {JSON}, not {content_type or 'no content type'}"
                )
            body = await request.get_body()
            if not body.strip():
                raise HTTPException(400, 'the request body is empty: send {"query": "..."} as JSON')
            if body.lstrip()[:1] not in (b"{", b"["):
                raise HTTPException(400, "the request body must be a JSON object")
        return await super().parse_http_body(request)  # type: ignore[misc]

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response: GraphQLHTTPResponse = await super().process_result(  # type: ignore[misc]
            request, result
        )
        request.state.had_errors = bool(result.errors)
        if isinstance(result, PreExecutionError):
            request.state.not_executed = True
            if request.state.media_type == GRAPHQL_RESPONSE:
                response.pop("data", None)
        return response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)  # type: ignore[misc]
            return
        request = Request(scope, receive)
        media_type = negotiate(request.headers.get("accept"))
        request.state.media_type = media_type or JSON
        request.state.not_executed = False
        request.state.had_errors = True  # until a result says otherwise
        if media_type is None:
            response = refusal(406, f"accept {JSON} or {GRAPHQL_RESPONSE}", JSON)
        else:
            try:
                response = await self.run(request)  # type: ignore[attr-defined]
            except HTTPException as error:
                status, allow = error.status_code, "GET, POST"
                if isinstance(error.__cause__, InvalidOperationTypeError):
                    status, allow = 405, "POST"  # a mutation over GET
                response = refusal(
                    status,
                    error.reason,
                    media_type,
                    code=getattr(error, "code", None),
                    hint=getattr(error, "hint", None),
                )
                # Never cached: the same request succeeds once the client sent its query.
                response.headers["Cache-Control"] = "private, no-cache, must-revalidate"
                if status == 405:
                    response.headers["Allow"] = allow
            else:
                _adapt(response, request)
                self.finish(response, request)
        await response(scope, receive, send)

    def finish(self, response: Response, request: Request) -> None:
        """Last touches to an answer that was computed (headers): none here."""


def refusal(
    status: int,
    message: str,
    media_type: str,
    *,
    code: str | None = None,
    hint: str | None = None,
) -> Response:
    """A refused request: its status, a coded GraphQL error, and one INFO line."""
    code = code or _CODES.get(status, "BAD_REQUEST")
    log.info("refused a request (%d %s): %s", status, code, message)
    return Response(error_body(message, code, hint), status_code=status, media_type=media_type)


def _adapt(response: Response, request: Request) -> None:
    if response.media_type != JSON and response.headers.get("content-type") != JSON:
        return  # GraphiQL's page
    if request.state.media_type == GRAPHQL_RESPONSE:
        response.headers["content-type"] = GRAPHQL_RESPONSE
        if request.state.not_executed and response.status_code == 200:
            response.status_code = 400
