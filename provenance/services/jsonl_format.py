"""The JSON Lines exchange format (docs/import-format.md): parse and write one line.

Each line is one JSON object with a "type": outlet, speaker, quotation or article (with its
attributions). Lines refer to each other by natural keys (slugs; an article also by URL),
never by database ids. Writing is canonical (fixed key order, absent instead of null,
compact separators), so exporting the same data twice gives the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from provenance.errors import InvalidInputError
from provenance.models import (
    AliasKind,
    AttributionKind,
    AttributionStatus,
    MarkerKind,
    SpeakerKind,
)

LINE_TYPES = ("outlet", "speaker", "quotation", "article")

# The format nests four levels (line, attributions, item, markers); anything much deeper
# is not a line of it, and Python's JSON decoder would exhaust the stack on thousands.
MAX_DEPTH = 16
# Lone surrogates (from \ud800-style escapes) and NUL cannot be stored as PostgreSQL text.
_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")


def decode_line(raw: bytes) -> str:
    """``raw`` as text, or InvalidInputError naming the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInputError(
            f"not valid UTF-8: byte {error.start + 1} is 0x{raw[error.start]:02x} ({error.reason})",
            hint="save the file as UTF-8",
        ) from None


def _check_values(data: Any) -> None:
    """Refuse nesting deeper than MAX_DEPTH and strings PostgreSQL cannot store."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            found = _UNSTORABLE.search(value)
            if found:
                what = "NUL" if found.group() == "\x00" else "a lone surrogate"
                raise InvalidInputError(
                    f"a string holds {what} (U+{ord(found.group()):04X}), "
                    "which cannot be stored as text",
                    hint="remove the \\u escape, or write the character it was meant to be",
                )
            continue
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise InvalidInputError(f"JSON nested deeper than {MAX_DEPTH} levels")
            children = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)


# The escapes that decode to NUL or to a surrogate. A line holding neither them nor such
# characters themselves has no string _check_values refuses (JSON puts a character into a
# string only as itself or as an escape), so only its depth needs checking.
_UNSTORABLE_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")


def _check_line(raw: str, data: Any) -> None:
    """What _check_values(data) checks, with the same error, at a fraction of the cost."""
    if _UNSTORABLE.search(raw) or _UNSTORABLE_ESCAPE.search(raw):
        _check_values(data)
        return
    if raw.count("{") + raw.count("[") <= MAX_DEPTH:
        return  # too few brackets to nest deeper
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InvalidInputError(f"JSON nested deeper than {MAX_DEPTH} levels")
        children = value.values() if isinstance(value, dict) else value
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))


@dataclass(frozen=True)
class OutletLine:
    slug: str
    name: str
    website: str | None = None


@dataclass(frozen=True)
class SpeakerLine:
    slug: str
    name: str
    kind: SpeakerKind
    description: str | None = None
    outlet: str | None = None
    aliases: tuple[tuple[str, AliasKind], ...] = ()


@dataclass(frozen=True)
class QuotationLine:
    slug: str
    speaker: str
    text: str
    language: str | None = None


@dataclass(frozen=True)
class MarkerItem:
    kind: MarkerKind
    text: str | None = None
    position: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class VerdictItem:
    verdict: AttributionStatus
    actor: str
    reason: str
    at: datetime


@dataclass(frozen=True)
class UpstreamRef:
    """An earlier appearance of the same quotation: its article (slug or URL) and start."""

    article: str
    start: int | None = None


@dataclass(frozen=True)
class AttributionItem:
    quotation: str
    kind: AttributionKind
    text: str | None = None
    start: int | None = None
    speaker: str | None = None
    speaker_label: str | None = None
    cue: str | None = None
    upstream: UpstreamRef | None = None
    status: AttributionStatus = AttributionStatus.RECORDED
    confidence: float | None = None
    markers: tuple[MarkerItem, ...] = ()
    verdicts: tuple[VerdictItem, ...] = ()
    # Words a revision removed from the article: kept with their text and no start.
    orphaned: bool = False


@dataclass(frozen=True)
class ArticleLine:
    slug: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published_on: date | None = None
    language: str = "en"
    body: str | None = None
    cited_as: str | None = None
    attributions: tuple[AttributionItem, ...] = field(default=())


Line = OutletLine | SpeakerLine | QuotationLine | ArticleLine


class _Reader:
    """Typed access to one JSON object, naming the path of whatever is wrong."""

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, dict):
            raise InvalidInputError(f"{path or 'the line'} must be a JSON object", field=path)
        self.data: dict[str, Any] = data
        self.path = path

    def _where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str, kind: type, *, required: bool = False) -> Any:
        value = self.data.get(key)
        if value is None:
            if required:
                raise InvalidInputError(f"{self._where(key)} is missing", field=self._where(key))
            return None
        # bool is an int in Python, never a valid count or offset here.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InvalidInputError(
                f"{self._where(key)} must be a {kind.__name__}, got {json.dumps(value)[:40]}",
                field=self._where(key),
            )
        return value

    def text(self, key: str, *, required: bool = False) -> str | None:
        value: str | None = self.get(key, str, required=required)
        return value

    def required_text(self, key: str) -> str:
        value: str = self.get(key, str, required=True)
        return value

    def choice(self, key: str, enum: type[Any], *, default: Any = None) -> Any:
        raw = self.text(key, required=default is None)
        if raw is None:
            return default
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            raise InvalidInputError(
                f"{self._where(key)} is {raw!r}; expected one of {allowed}",
                field=self._where(key),
            ) from None

    def items(self, key: str) -> list[_Reader]:
        values = self.get(key, list) or []
        return [_Reader(v, f"{self._where(key)}[{i}]") for i, v in enumerate(values)]

    def check_keys(self, allowed: set[str]) -> None:
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            raise InvalidInputError(
                f"{self.path or 'the line'} has unknown keys: {', '.join(unknown)}",
                field=self._where(unknown[0]),
                hint="see docs/import-format.md for the keys of each line type",
            )


def _date(reader: _Reader, key: str) -> date | None:
    raw = reader.text(key)
    try:
        return date.fromisoformat(raw) if raw is not None else None
    except ValueError:
        raise InvalidInputError(
            f"{reader._where(key)} is {raw!r}, not a date like 2017-11-14", field=key
        ) from None


def _timestamp(reader: _Reader, key: str) -> datetime:
    raw = reader.required_text(key)
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise InvalidInputError(
            f"{reader._where(key)} is {raw!r}, not a timestamp with a time zone "
            "like 2026-11-21T09:30:00+00:00",
            field=reader._where(key),
        )
    return value


def _marker(reader: _Reader) -> MarkerItem:
    reader.check_keys({"kind", "text", "position", "note"})
    return MarkerItem(
        kind=reader.choice("kind", MarkerKind),
        text=reader.text("text"),
        position=reader.get("position", int),
        note=reader.text("note"),
    )


def _verdict(reader: _Reader) -> VerdictItem:
    reader.check_keys({"verdict", "actor", "reason", "at"})
    return VerdictItem(
        verdict=reader.choice("verdict", AttributionStatus),
        actor=reader.required_text("actor"),
        reason=reader.required_text("reason"),
        at=_timestamp(reader, "at"),
    )


def _attribution(reader: _Reader) -> AttributionItem:
    reader.check_keys(
        {
            "quotation",
            "kind",
            "text",
            "start",
            "speaker",
            "speaker_label",
            "cue",
            "upstream",
            "status",
            "confidence",
            "markers",
            "verdicts",
            "orphaned",
        }
    )
    orphaned = reader.data.get("orphaned", False)
    if not isinstance(orphaned, bool):
        raise InvalidInputError(
            f"{reader._where('orphaned')} must be true or false", field=reader._where("orphaned")
        )
    upstream = None
    if reader.data.get("upstream") is not None:
        up = _Reader(reader.data["upstream"], reader._where("upstream"))
        up.check_keys({"article", "start"})
        upstream = UpstreamRef(article=up.required_text("article"), start=up.get("start", int))
    confidence = reader.data.get("confidence")
    if confidence is not None and (
        isinstance(confidence, bool) or not isinstance(confidence, int | float)
    ):
        raise InvalidInputError(
            f"{reader._where('confidence')} must be a number from 0 to 1",
            field=reader._where("confidence"),
        )
    return AttributionItem(
        quotation=reader.required_text("quotation"),
        kind=reader.choice("kind", AttributionKind),
        text=reader.text("text"),
        start=reader.get("start", int),
        speaker=reader.text("speaker"),
        speaker_label=reader.text("speaker_label"),
        cue=reader.text("cue"),
        upstream=upstream,
        status=reader.choice("status", AttributionStatus, default=AttributionStatus.RECORDED),
        confidence=float(confidence) if confidence is not None else None,
        markers=tuple(_marker(m) for m in reader.items("markers")),
        verdicts=tuple(_verdict(v) for v in reader.items("verdicts")),
        orphaned=orphaned,
    )


def parse_line(raw: str) -> Line:
    """One line of the format as a typed record, or InvalidInputError saying what is wrong."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InvalidInputError(f"not valid JSON: {error.msg} at column {error.colno}") from None
    except RecursionError:
        raise InvalidInputError(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    _check_line(raw, data)
    reader = _Reader(data, "")
    kind = reader.text("type", required=True)
    if kind == "outlet":
        reader.check_keys({"type", "slug", "name", "website"})
        return OutletLine(
            slug=reader.required_text("slug"),
            name=reader.required_text("name"),
            website=reader.text("website"),
        )
    if kind == "speaker":
        reader.check_keys({"type", "slug", "name", "kind", "description", "outlet", "aliases"})
        aliases = []
        for alias in reader.items("aliases"):
            alias.check_keys({"alias", "kind"})
            aliases.append((alias.required_text("alias"), alias.choice("kind", AliasKind)))
        return SpeakerLine(
            slug=reader.required_text("slug"),
            name=reader.required_text("name"),
            kind=reader.choice("kind", SpeakerKind),
            description=reader.text("description"),
            outlet=reader.text("outlet"),
            aliases=tuple(aliases),
        )
    if kind == "quotation":
        reader.check_keys({"type", "slug", "speaker", "text", "language"})
        return QuotationLine(
            slug=reader.required_text("slug"),
            speaker=reader.required_text("speaker"),
            text=reader.required_text("text"),
            language=reader.text("language"),
        )
    if kind == "article":
        reader.check_keys(
            {
                "type",
                "slug",
                "url",
                "outlet",
                "title",
                "published_on",
                "language",
                "body",
                "cited_as",
                "attributions",
            }
        )
        return ArticleLine(
            slug=reader.required_text("slug"),
            url=reader.text("url"),
            outlet=reader.text("outlet"),
            title=reader.text("title"),
            published_on=_date(reader, "published_on"),
            language=reader.text("language") or "en",
            body=reader.text("body"),
            cited_as=reader.text("cited_as"),
            attributions=tuple(_attribution(a) for a in reader.items("attributions")),
        )
    raise InvalidInputError(
        f"type is {kind!r}; expected one of {', '.join(LINE_TYPES)}", field="type"
    )


def _compact(pairs: Mapping[str, Any]) -> dict[str, Any]:
    """Drop absent values (None, empty lists) so that every line has one spelling."""
    return {k: v for k, v in pairs.items() if v is not None and v != [] and v != ()}


def timestamp_text(value: datetime) -> str:
    """A timestamp in the format's spelling: ISO 8601 in UTC."""
    return value.astimezone(UTC).isoformat()


def _attribution_dict(item: AttributionItem) -> dict[str, Any]:
    upstream = item.upstream
    return _compact(
        {
            "quotation": item.quotation,
            "kind": item.kind.value,
            "text": item.text,
            "start": item.start,
            "speaker": item.speaker,
            "speaker_label": item.speaker_label,
            "cue": item.cue,
            "upstream": _compact({"article": upstream.article, "start": upstream.start})
            if upstream
            else None,
            "status": None if item.status == AttributionStatus.RECORDED else item.status.value,
            "orphaned": True if item.orphaned else None,
            "confidence": item.confidence,
            "markers": [
                _compact(
                    {"kind": m.kind.value, "text": m.text, "position": m.position, "note": m.note}
                )
                for m in item.markers
            ],
            "verdicts": [
                {
                    "verdict": v.verdict.value,
                    "actor": v.actor,
                    "reason": v.reason,
                    "at": timestamp_text(v.at),
                }
                for v in item.verdicts
            ],
        }
    )


def line_dict(line: Line) -> dict[str, Any]:
    """The JSON object of a record, keys in the documented order."""
    if isinstance(line, OutletLine):
        return _compact(
            {"type": "outlet", "slug": line.slug, "name": line.name, "website": line.website}
        )
    if isinstance(line, SpeakerLine):
        return _compact(
            {
                "type": "speaker",
                "slug": line.slug,
                "name": line.name,
                "kind": line.kind.value,
                "description": line.description,
                "outlet": line.outlet,
                "aliases": [{"alias": a, "kind": k.value} for a, k in line.aliases],
            }
        )
    if isinstance(line, QuotationLine):
        return _compact(
            {
                "type": "quotation",
                "slug": line.slug,
                "speaker": line.speaker,
                "text": line.text,
                "language": line.language,
            }
        )
    return _compact(
        {
            "type": "article",
            "slug": line.slug,
            "url": line.url,
            "outlet": line.outlet,
            "title": line.title,
            "published_on": line.published_on.isoformat() if line.published_on else None,
            "language": line.language,
            "body": line.body,
            "cited_as": line.cited_as,
            "attributions": [_attribution_dict(a) for a in line.attributions],
        }
    )


def format_line(line: Line) -> str:
    """One record as one line of text (no newline), canonical and UTF-8 friendly."""
    return json.dumps(line_dict(line), ensure_ascii=False, separators=(",", ":"))
