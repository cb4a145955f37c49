"""The bulk import's checks, in Python: natural keys to ids, references, upstreams.

A segment of a chunk (lines in file order) is resolved in one pass. What the database
already holds for the segment's keys is read first, set-wise (``lookup``: one indexed
``= ANY`` query per kind of key, then the appearances of the articles involved); then
each line in turn gets the ids its rows have (found in the database) or will have (new,
numbered when the segment is written), and its references resolve to a row that exists
already or comes on an earlier line, as when lines load one at a time.

The first line the checks cannot vouch for ends the segment (``Resolved.cut``): anything
that would change an existing row (a new body is a revision; a changed attribution
replaces its markers), a reference that does not resolve, an upstream that is not exactly
one appearance of the same quotation, a relay circle, a duplicate that differs. Nothing
of that line or after it is written; the loader sends it through the line-by-line write
path. Every other row is new and only inserted, so that each line reads exactly like what
the line-by-line path would have written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import psycopg

from provenance.services.bulk_rows import STAGING, Row, Staged
from provenance.services.jsonl_format import Line

#: Final tables the bulk import writes, in foreign-key order, with the columns it COPYs.
TABLES: dict[str, tuple[str, ...]] = {
    "outlets": ("id", "slug", "name", "website"),
    "speakers": ("id", "slug", "name", "kind", "description", "outlet_id"),
    "speaker_aliases": ("id", "speaker_id", "alias", "kind"),
    "quotations": ("id", "slug", "speaker_id", "text", "language"),
    "articles": (
        "id", "slug", "outlet_id", "url", "title", "published_on", "language", "body", "cited_as",
    ),
    "attributions": (
        "id", "article_id", "quotation_id", "speaker_id", "speaker_label", "kind", "text",
        "start_offset", "end_offset", "prefix", "suffix", "cue", "upstream_id", "status",
        "confidence",
    ),
    "attribution_markers": ("id", "attribution_id", "kind", "text", "position", "note"),
    "attribution_verdicts": ("id", "attribution_id", "verdict", "actor", "reason", "created_at"),
}  # fmt: skip

_TYPES = {
    "start_offset": "int4", "end_offset": "int4", "position": "int4", "published_on": "date",
    "confidence": "float8", "created_at": "timestamptz",
}  # fmt: skip


def copy_types(table: str) -> list[str]:
    """The PostgreSQL types of ``TABLES[table]``, for a binary COPY."""
    return [
        "int8" if column == "id" or column.endswith("_id") else _TYPES.get(column, "text")
        for column in TABLES[table]
    ]


# The id columns of each table's rows that may hold a new (not yet numbered) id: (column
# index, table of that id).
_REFERENCES: dict[str, tuple[tuple[int, str], ...]] = {
    "outlets": (),
    "speakers": ((5, "outlets"),),
    "speaker_aliases": ((1, "speakers"),),
    "quotations": ((2, "speakers"),),
    "articles": ((2, "outlets"),),
    "attributions": (
        (1, "articles"), (2, "quotations"), (3, "speakers"), (12, "attributions"),
    ),
    "attribution_markers": ((1, "attributions"),),
    "attribution_verdicts": ((1, "attributions"),),
}  # fmt: skip

Marker = tuple[Any, ...]  # (kind, text, position, note)


class Source(Protocol):
    """Where a staged line came from: parsed again only to compare duplicates."""

    @property
    def line(self) -> Line: ...


@dataclass
class _Appearance:
    """An attribution already in the database: what a line's must equal to add nothing."""

    id: int
    fields: tuple[Any, ...]  # speaker_id ... confidence, as _fields() orders them
    markers: list[Marker]


@dataclass
class Known:
    """What the database holds for one segment's keys."""

    outlets: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # slug: id, name, website
    outlet_names: set[str] = field(default_factory=set)
    speakers: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # slug: id, name, ...
    aliases: dict[int, set[str]] = field(default_factory=dict)
    quotations: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # slug: id, speaker ...
    articles: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # slug: id, outlet_id ...
    article_keys: dict[str, set[int]] = field(default_factory=dict)  # slug or URL: ids
    urls: set[str] = field(default_factory=set)
    # (article, quotation, start) of anchored appearances, and every appearance by
    # (article, quotation) for upstreams: (start, id).
    appearances: dict[tuple[Any, ...], _Appearance] = field(default_factory=dict)
    upstreams: dict[tuple[int, int], list[tuple[int | None, int]]] = field(default_factory=dict)
    verdicts: set[tuple[Any, ...]] = field(default_factory=set)


# A stored row by its slug: the slug, the id, then its other COPY columns (``TABLES``).
_BY_SLUG = {
    table: "SELECT slug, id, {} FROM {} WHERE slug = ANY(%s)".format(
        ", ".join(c for c in TABLES[table] if c not in ("id", "slug")), table
    )
    for table in ("outlets", "speakers", "quotations", "articles")
}


def _column(rows: Iterable[Row], index: int) -> set[Any]:
    return {row[index] for row in rows if row[index] is not None}


async def lookup(connection: psycopg.AsyncConnection, lines: list[tuple[int, Staged]]) -> Known:
    """Read what the database holds for the keys of ``lines`` (a few indexed queries)."""
    rows: dict[str, list[Row]] = {table: [] for table in STAGING}
    for _, staged in lines:
        for table, table_rows in staged.rows.items():
            rows[table].extend(table_rows)
    known = Known()
    outlets = _column(rows["outlets"], 1) | _column(rows["speakers"], 5)
    outlets |= _column(rows["articles"], 3)
    speakers = _column(rows["speakers"], 1) | _column(rows["quotations"], 2)
    speakers |= _column(rows["attributions"], 9)
    quotations = _column(rows["quotations"], 1) | _column(rows["attributions"], 2)
    article_slugs = _column(rows["articles"], 1)
    keys = _column([r for r in rows["attributions"] if not r[14]], 12)
    urls = _column(rows["articles"], 2)

    async def fetch(query: str, *params: object) -> list[tuple[Any, ...]]:
        return await (await connection.execute(query, params)).fetchall()

    by_slug = (
        (known.outlets, "outlets", outlets),
        (known.speakers, "speakers", speakers),
        (known.quotations, "quotations", quotations),
        (known.articles, "articles", article_slugs),
    )
    for found, table, slugs in by_slug:
        if slugs:
            for slug, *rest in await fetch(_BY_SLUG[table], list(slugs)):
                found[slug] = tuple(rest)
    names = _column(rows["outlets"], 2)
    if names:
        known.outlet_names = {
            name
            for (name,) in await fetch("SELECT name FROM outlets WHERE name = ANY(%s)", list(names))
        }
    if keys or urls:
        for slug, url, article_id in await fetch(
            "SELECT slug, url, id FROM articles WHERE slug = ANY(%s) "
            "UNION SELECT slug, url, id FROM articles WHERE url = ANY(%s)",
            list(keys),
            list(keys | urls),
        ):
            for key in (slug, url):
                if key is not None:
                    known.article_keys.setdefault(key, set()).add(article_id)
            if url is not None:
                known.urls.add(url)
    defined_speakers = [
        known.speakers[slug][0] for slug in _column(rows["speakers"], 1) if slug in known.speakers
    ]
    if defined_speakers:
        for speaker_id, alias in await fetch(
            "SELECT speaker_id, alias FROM speaker_aliases WHERE speaker_id = ANY(%s)",
            defined_speakers,
        ):
            known.aliases.setdefault(speaker_id, set()).add(alias)
    articles = {known.articles[slug][0] for slug in article_slugs if slug in known.articles}
    for key in keys:
        articles |= known.article_keys.get(key, set())
    if articles:
        await _appearances(fetch, known, sorted(articles))
    return known


async def _appearances(fetch: Any, known: Known, articles: list[int]) -> None:
    markers: dict[int, list[Marker]] = {}
    for attribution_id, *marker in await fetch(
        "SELECT m.attribution_id, m.kind, m.text, m.position, m.note "
        "FROM attribution_markers m JOIN attributions a ON a.id = m.attribution_id "
        "WHERE a.article_id = ANY(%s) ORDER BY m.id",
        articles,
    ):
        markers.setdefault(attribution_id, []).append(tuple(marker))
    for row in await fetch(
        "SELECT id, article_id, quotation_id, start_offset, anchor_status, speaker_id, "
        "speaker_label, kind, text, start_offset, end_offset, cue, upstream_id, status, "
        "confidence FROM attributions WHERE article_id = ANY(%s) ORDER BY id",
        articles,
    ):
        attribution_id, article_id, quotation_id, start, anchor = row[:5]
        known.upstreams.setdefault((article_id, quotation_id), []).append((start, attribution_id))
        if anchor == "anchored":
            known.appearances[(article_id, quotation_id, start)] = _Appearance(
                attribution_id, tuple(row[5:]), markers.get(attribution_id, [])
            )
    for verdict in await fetch(
        "SELECT v.attribution_id, v.created_at, v.actor, v.verdict FROM attribution_verdicts v "
        "JOIN attributions a ON a.id = v.attribution_id WHERE a.article_id = ANY(%s)",
        articles,
    ):
        known.verdicts.add(tuple(verdict))


class _Slow(Exception):
    """This line is not plainly fine: the segment ends before it."""


@dataclass
class _New:
    """A row this segment adds: its (new) id and the line that first gave it."""

    id: int
    line: int


@dataclass
class _NewAppearance:
    id: int
    line: int
    ord: int
    fields: tuple[Any, ...]  # speaker_id ... confidence, as _fields() orders them
    markers: list[Marker]


@dataclass
class Resolved:
    """The rows to write (new ids are negative until numbered) and where the segment ends."""

    rows: dict[str, list[list[Any]]] = field(default_factory=lambda: {t: [] for t in TABLES})
    cut: int | None = None  # the first line the write path must take
    lines: int = 0  # lines resolved before the cut
    attributions: int = 0


def _fields(row: Row, speaker_id: int, upstream_id: int | None) -> tuple[Any, ...]:
    """An appearance's compared values, from a staging row: speaker_id, speaker_label,
    kind, text, start, end, cue, upstream_id, status, confidence."""
    return (speaker_id, row[10], row[3], row[4], row[5], row[6], row[11], upstream_id,
            row[15], row[16])  # fmt: skip


class Resolver:
    """Resolves the lines of one segment against ``known`` and the lines before them."""

    def __init__(self, known: Known) -> None:
        self.known = known
        self.out = Resolved()
        self.counter = 0
        self.outlets: dict[str, _New] = {}
        self.outlet_names: dict[str, str] = {}  # name: slug, of the outlet lines taken
        self.speakers: dict[str, _New] = {}
        self.quotations: dict[str, _New] = {}
        self.quotation_speakers: dict[int, int] = {}
        self.articles: dict[str, _New] = {}  # new articles by slug
        self.article_keys: dict[str, set[int]] = {}  # new articles by slug and URL
        self.urls: dict[str, str] = {}  # URL: slug, of the article lines taken
        self.first: dict[str, dict[str, Any]] = {t: {} for t in ("o", "s", "q", "a")}
        self.appearances: dict[tuple[Any, ...], _NewAppearance] = {}
        self.by_article: dict[tuple[int, int], list[_NewAppearance]] = {}
        self.verdicts: set[tuple[Any, ...]] = set()

    def _new_id(self) -> int:
        self.counter += 1
        return -self.counter

    def _duplicate(self, kind: str, slug: str, values: tuple[Any, ...]) -> None:
        """A later line of a key this segment has seen must say the same: every field of
        its line (an article's attributions apart), so the same canonical form."""
        first = self.first[kind].setdefault(slug, values)
        if first is not values and first != values:
            raise _Slow

    def resolve(self, lines: Sequence[tuple[int, Staged, Source]]) -> Resolved:
        rows = self.out.rows
        for number, staged, _ in lines:
            sizes = [len(table_rows) for table_rows in rows.values()]
            try:
                self._line(number, staged, rows)
            except _Slow:
                self.out.cut = number
                for table_rows, size in zip(rows.values(), sizes, strict=True):
                    del table_rows[size:]  # nothing of this line
                break
            self.out.lines += 1
        self.out.attributions = len(rows["attributions"])
        return self.out

    def _reference(self, slug: str | None, known: dict[str, tuple[Any, ...]],
                   new: dict[str, _New]) -> int | None:  # fmt: skip
        if slug is None:
            return None
        if slug in known:
            return int(known[slug][0])
        if slug in new:
            return new[slug].id
        raise _Slow

    def _line(self, number: int, staged: Staged, rows: dict[str, list[list[Any]]]) -> None:
        known = self.known
        for row in staged.rows["outlets"]:
            _, slug, name, website = row
            self._duplicate("o", slug, row[1:])
            if slug in known.outlets:
                if known.outlets[slug][1:] != (name, website):
                    raise _Slow
            elif slug not in self.outlets:
                if name in known.outlet_names or self.outlet_names.get(name, slug) != slug:
                    raise _Slow
                self.outlets[slug] = _New(self._new_id(), number)
                rows["outlets"].append([self.outlets[slug].id, slug, name, website])
            elif self.outlet_names.get(name, slug) != slug:
                raise _Slow
            self.outlet_names.setdefault(name, slug)
        for row in staged.rows["speakers"]:
            _, slug, name, kind, description, outlet = row
            aliases = staged.rows["aliases"]
            self._duplicate("s", slug, (*row[1:], *(a[2:] for a in aliases)))
            outlet_id = self._reference(outlet, known.outlets, self.outlets)
            if slug in known.speakers:
                speaker = known.speakers[slug]
                if speaker[1:] != (name, kind, description, outlet_id):
                    raise _Slow
                present = known.aliases.get(speaker[0], set())
                if any(alias not in present for _, _, alias, _ in aliases):
                    raise _Slow
            elif slug not in self.speakers:
                new = self.speakers[slug] = _New(self._new_id(), number)
                rows["speakers"].append([new.id, slug, name, kind, description, outlet_id])
                seen: set[str] = set()
                for _, _, alias, alias_kind in aliases:
                    if alias not in seen:
                        seen.add(alias)
                        rows["speaker_aliases"].append([self._new_id(), new.id, alias, alias_kind])
        for row in staged.rows["quotations"]:
            _, slug, speaker, text, language = row
            self._duplicate("q", slug, row[1:])
            speaker_id = self._reference(speaker, known.speakers, self.speakers)
            if slug in known.quotations:
                if known.quotations[slug][1:] != (speaker_id, text, language):
                    raise _Slow
            elif slug not in self.quotations:
                new = self.quotations[slug] = _New(self._new_id(), number)
                assert speaker_id is not None
                self.quotation_speakers[new.id] = speaker_id
                rows["quotations"].append([new.id, slug, speaker_id, text, language])
        for article in staged.rows["articles"]:
            self._article(number, article, staged, rows)

    def _article(
        self,
        number: int,
        article: Row,
        staged: Staged,
        rows: dict[str, list[list[Any]]],
    ) -> None:
        known = self.known
        _, slug, url, outlet, title, published_on, language, body, cited_as = article
        self._duplicate("a", slug, article[1:])
        outlet_id = self._reference(outlet, known.outlets, self.outlets)
        values = (outlet_id, url, title, published_on, language, body, cited_as)
        in_database = slug in known.articles
        if in_database:
            if tuple(known.articles[slug][1:]) != values:
                raise _Slow
            article_id = int(known.articles[slug][0])
        elif slug in self.articles:
            article_id = self.articles[slug].id
        else:
            if url is not None and (url in known.urls or self.urls.get(url, slug) != slug):
                raise _Slow
            new = self.articles[slug] = _New(self._new_id(), number)
            article_id = new.id
            rows["articles"].append([article_id, slug, *values])
            for key in (slug, url):
                if key is not None:
                    self.article_keys.setdefault(key, set()).add(article_id)
        if url is not None:
            self.urls.setdefault(url, slug)
        self._attributions(number, article_id, in_database, staged, rows)

    def _attributions(
        self,
        number: int,
        article_id: int,
        in_database: bool,
        staged: Staged,
        rows: dict[str, list[list[Any]]],
    ) -> None:
        known = self.known
        markers: dict[int, list[Marker]] = {}
        for _, ord_, _, kind, text, position, note in staged.rows["markers"]:
            markers.setdefault(ord_, []).append((kind, text, position, note))
        verdicts: dict[int, list[tuple[Any, ...]]] = {}
        for _, ord_, _, verdict, actor, reason, at in staged.rows["verdicts"]:
            verdicts.setdefault(ord_, []).append((verdict, actor, reason, at))
        # First pass: each appearance's quotation, speaker and identity.
        items: list[tuple[Row, int, int, tuple[Any, ...], int, bool, bool]] = []
        line_keys: set[tuple[Any, ...]] = set()
        for row in staged.rows["attributions"]:
            quotation_id = self._reference(row[2], known.quotations, self.quotations)
            assert quotation_id is not None
            speaker_id = self._reference(row[9], known.speakers, self.speakers)
            if speaker_id is None:
                if row[2] in known.quotations:
                    speaker_id = int(known.quotations[row[2]][1])
                else:
                    speaker_id = self.quotation_speakers[quotation_id]
            key = (article_id, quotation_id, row[5])
            if key in line_keys:
                raise _Slow  # the same appearance twice in one line
            line_keys.add(key)
            found = known.appearances.get(key) if in_database else None
            if found is not None:
                items.append((row, quotation_id, speaker_id, key, found.id, True, False))
            elif key in self.appearances:
                items.append((row, quotation_id, speaker_id, key, self.appearances[key].id, False,
                              False))  # fmt: skip
            else:
                items.append((row, quotation_id, speaker_id, key, self._new_id(), False, True))
        # The line's own new appearances, for upstreams within the same article.
        own: dict[tuple[int, int], list[tuple[int | None, int]]] = {}
        for row, quotation_id, _, _, attribution_id, _, first in items:
            if first:
                own.setdefault((article_id, quotation_id), []).append((row[5], attribution_id))
        upstream_of: dict[int, int] = {}
        taken: list[_NewAppearance] = []
        for row, quotation_id, speaker_id, key, attribution_id, in_db, first in items:
            upstream_id = None
            if row[12] is not None:
                upstream_id = self._upstream(row, article_id, quotation_id, own)
                if first:
                    upstream_of[attribution_id] = upstream_id
            values = _fields(row, speaker_id, upstream_id)
            ord_ = row[1]
            mine = markers.get(ord_, [])
            if in_db:
                appearance = known.appearances[key]
                if appearance.fields != values or appearance.markers != mine:
                    raise _Slow
            elif not first:
                earlier = self.appearances[key]
                if earlier.fields != values or earlier.markers != mine:
                    raise _Slow
            else:
                taken.append(_NewAppearance(attribution_id, number, ord_, values, mine))
                rows["attributions"].append(
                    [attribution_id, article_id, quotation_id, speaker_id, row[10], row[3],
                     row[4], row[5], row[6], row[7], row[8], row[11], upstream_id, row[15],
                     row[16]]
                )  # fmt: skip
                for kind, text, position, note in mine:
                    rows["attribution_markers"].append(
                        [self._new_id(), attribution_id, kind, text, position, note]
                    )
            for verdict, actor, reason, at in verdicts.get(ord_, ()):
                mark = (attribution_id, at, actor, verdict)
                if mark in self.verdicts or mark in known.verdicts:
                    continue
                self.verdicts.add(mark)
                rows["attribution_verdicts"].append(
                    [self._new_id(), attribution_id, verdict, actor, reason, at]
                )
        _no_circle(upstream_of)
        for new, (_, quotation_id, _, key, _, _, _) in zip(
            taken, [item for item in items if item[6]], strict=True
        ):
            self.appearances[key] = new
            self.by_article.setdefault((article_id, quotation_id), []).append(new)

    def _upstream(
        self,
        row: Row,
        article_id: int,
        quotation_id: int,
        own: dict[tuple[int, int], list[tuple[int | None, int]]],
    ) -> int:
        """The one appearance of the same quotation the upstream names, or _Slow."""
        reference, start, same = row[12], row[13], row[14]
        if same:
            if start is None:
                raise _Slow  # which one depends on the order
            up_article = article_id
        else:
            ids = self.known.article_keys.get(reference, set()) | self.article_keys.get(
                reference, set()
            )
            if len(ids) != 1:
                raise _Slow
            (up_article,) = ids
        candidates = {
            attribution_id
            for found_start, attribution_id in self.known.upstreams.get(
                (up_article, quotation_id), []
            )
            if start is None or found_start == start
        }
        candidates |= {
            a.id
            for a in self.by_article.get((up_article, quotation_id), [])
            if start is None or a.fields[4] == start
        }
        if same:
            candidates |= {
                attribution_id
                for found_start, attribution_id in own.get((up_article, quotation_id), [])
                if found_start == start
            }
        if len(candidates) != 1:
            raise _Slow
        return candidates.pop()


def _no_circle(upstream_of: dict[int, int]) -> None:
    """Upstreams among one line's new appearances must not come back to where they began."""
    for start in upstream_of:
        seen = {start}
        current = upstream_of.get(start)
        while current is not None:
            if current == start:
                raise _Slow
            if current in seen:
                break
            seen.add(current)
            current = upstream_of.get(current)


def number(resolved: Resolved, ids: dict[str, list[int]]) -> None:
    """Replace the new (negative) ids of ``resolved`` by ``ids`` (in row order per table)."""
    mapping: dict[str, dict[int, int]] = {}
    for table, table_rows in resolved.rows.items():
        assigned = ids.get(table, [])
        mapping[table] = {row[0]: assigned[i] for i, row in enumerate(table_rows)}
    for table, table_rows in resolved.rows.items():
        references = _REFERENCES[table]
        own = mapping[table]
        for row in table_rows:
            row[0] = own[row[0]]
            for index, target in references:
                value = row[index]
                if value is not None and value < 0:
                    row[index] = mapping[target][value]
