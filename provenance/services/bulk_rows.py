"""The rows a chunk's parsed lines hold, by kind, made in Python (bulk_resolve gives them ids).

What can be checked without the database is checked here, with the write path's own
functions (slugs, spans, marker places): a line that fails any of them gives no rows and is
marked for the line-by-line path, which then loads it or reports exactly why not. So the
bulk path never has to reproduce an error message; it only has to recognise the lines
that are plainly fine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from provenance.errors import ProvenanceError
from provenance.models import SpeakerKind
from provenance.models.attribution import SELECTOR_CONTEXT
from provenance.services.jsonl_format import (
    ArticleLine,
    Line,
    OutletLine,
    QuotationLine,
    SpeakerLine,
)
from provenance.services.records import MarkerInput, _place_markers
from provenance.services.slugs import check_slug
from provenance.spans import find_span

Row = tuple[Any, ...]

# Each kind of row and its fields, in order (line = the line's number in the file).
STAGING: dict[str, tuple[str, ...]] = {
    "outlets": ("line", "slug", "name", "website"),
    "speakers": ("line", "slug", "name", "kind", "description", "outlet"),
    "aliases": ("line", "ord", "alias", "kind"),
    "quotations": ("line", "slug", "speaker", "text", "language"),
    "articles": (
        "line", "slug", "url", "outlet", "title", "published_on", "language", "body", "cited_as",
    ),
    "attributions": (
        "line", "ord", "quotation", "kind", "text", "start_offset", "end_offset", "prefix",
        "suffix", "speaker", "speaker_label", "cue", "up_article", "up_start", "up_same",
        "status", "confidence",
    ),
    "markers": ("line", "ord", "mord", "kind", "text", "position", "note"),
    "verdicts": ("line", "ord", "vord", "verdict", "actor", "reason", "at"),
}  # fmt: skip


class NeedsWritePath(Exception):
    """The line is not plainly fine: the line-by-line path must load or refuse it."""


@dataclass
class Staged:
    """A chunk's rows by kind (``STAGING``), and how many attributions they hold."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in STAGING})
    attributions: int = 0

    def clear(self) -> None:
        for rows in self.rows.values():
            rows.clear()
        self.attributions = 0


def _check(slug: str) -> None:
    try:
        check_slug(slug)
    except ProvenanceError:
        raise NeedsWritePath from None


def _article_rows(number: int, line: ArticleLine, staged: Staged) -> None:
    _check(line.slug)
    if line.body is None and not line.cited_as:
        raise NeedsWritePath
    body = line.body
    attributions: list[Row] = []
    markers: list[Row] = []
    verdicts: list[Row] = []
    for index, item in enumerate(line.attributions):
        if item.orphaned:
            raise NeedsWritePath  # rare: words a revision removed (the write path knows them)
        start: int | None = None
        end: int | None = None
        prefix = suffix = None
        if body is None:
            if item.start is not None:
                raise NeedsWritePath
        else:
            if item.text is None:
                raise NeedsWritePath
            try:
                start, end = find_span(body, item.text, start=item.start)
                placed = _place_markers(
                    item.text,
                    [MarkerInput(m.kind, m.text, m.position, m.note) for m in item.markers],
                )
            except ProvenanceError:
                raise NeedsWritePath from None
            prefix = body[max(start - SELECTOR_CONTEXT, 0) : start]
            suffix = body[end : end + SELECTOR_CONTEXT]
        if body is None:
            try:
                placed = _place_markers(
                    item.text,
                    [MarkerInput(m.kind, m.text, m.position, m.note) for m in item.markers],
                )
            except ProvenanceError:
                raise NeedsWritePath from None
        upstream = item.upstream
        same = upstream is not None and upstream.article in (line.slug, line.url)
        attributions.append(
            (
                number, index, item.quotation, item.kind.value, item.text, start, end, prefix,
                suffix, item.speaker, item.speaker_label, item.cue,
                upstream.article if upstream else None, upstream.start if upstream else None,
                same, item.status.value, item.confidence,
            )
        )  # fmt: skip
        for m_index, marker in enumerate(placed):
            markers.append(
                (
                    number,
                    index,
                    m_index,
                    marker.kind.value,
                    marker.text,
                    marker.position,
                    marker.note,
                )
            )
        for v_index, verdict in enumerate(item.verdicts):
            verdicts.append(
                (number, index, v_index, verdict.verdict.value, verdict.actor, verdict.reason,
                 verdict.at)
            )  # fmt: skip
    staged.rows["articles"].append(
        (
            number, line.slug, line.url, line.outlet, line.title, line.published_on,
            line.language, body, line.cited_as,
        )
    )  # fmt: skip
    staged.rows["attributions"].extend(attributions)
    staged.rows["markers"].extend(markers)
    staged.rows["verdicts"].extend(verdicts)
    staged.attributions += len(attributions)


def stage(number: int, line: Line, staged: Staged) -> None:
    """Add the rows of ``line`` to ``staged``, or raise NeedsWritePath (nothing added)."""
    if isinstance(line, OutletLine):
        _check(line.slug)
        staged.rows["outlets"].append((number, line.slug, line.name, line.website))
    elif isinstance(line, SpeakerLine):
        _check(line.slug)
        if (line.kind == SpeakerKind.OUTLET) != (line.outlet is not None):
            raise NeedsWritePath
        staged.rows["speakers"].append(
            (
                number,
                line.slug,
                line.name,
                line.kind.value,
                line.description,
                line.outlet,
            )
        )
        staged.rows["aliases"].extend(
            (number, index, alias, kind.value) for index, (alias, kind) in enumerate(line.aliases)
        )
    elif isinstance(line, QuotationLine):
        _check(line.slug)
        if not line.text.strip():
            raise NeedsWritePath
        staged.rows["quotations"].append(
            (number, line.slug, line.speaker, line.text, line.language)
        )
    else:
        _article_rows(number, line, staged)


@dataclass
class ParsedChunk:
    """A chunk's lines parsed and staged: picklable, so a worker process can make it."""

    entries: list[tuple[int, Staged | None]]  # (line number, its rows or None: write path)
    problems: list[tuple[int, str, str | None]]  # (line number, message, field)
    skipped: int  # lines before from_line


def parse_chunk(first: int, chunk: list[bytes], from_line: int) -> ParsedChunk:
    """Parse and stage the lines of a chunk whose first line is number ``first``."""
    from provenance.services.importing import _text_of
    from provenance.services.jsonl_format import parse_line

    parsed = ParsedChunk([], [], 0)
    for number, raw in enumerate(chunk, start=first):
        if number < from_line:
            parsed.skipped += 1
            continue
        if not raw.strip():
            continue
        try:
            line = parse_line(_text_of(raw, number))
        except ProvenanceError as error:
            parsed.problems.append((number, str(error), error.field))
            continue
        staged: Staged | None = Staged()
        try:
            stage(number, line, staged)  # type: ignore[arg-type]
        except NeedsWritePath:
            staged = None
        parsed.entries.append((number, staged))
    return parsed


def worker_start() -> None:
    """Set up the parse worker process: no cyclic garbage collector (its rows hold no
    cycles), and gone as soon as the importing process is (even after a SIGKILL, which
    leaves the worker's queue open)."""
    import gc
    import os
    import threading
    import time

    gc.disable()
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
