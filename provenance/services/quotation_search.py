"""Quotation search: a page of the best matches and a bounded count, fast for any word.

Whole words first (PostgreSQL full text, English stemming): in the quotation's own text
(``quotations.search_vector``), then in the words only its printings have
(``quotation_printed_words``, migration 0007). Near-misses (pg_trgm word similarity over
quotations and the other wordings printed, ``quotation_printed_wordings``, migration 0010)
only when no word matches, as for a misspelt quote, and never for a search of stop words
only.

Order, best first, with ties newest first (a keyset over (score, id) pages through it):

- a search whose words are in at most ``limit`` quotations (1,000) ranks every match:
  ``0.6 + ts_rank`` for the quotation's own text, 0.6 for printed wording only;
- a search of very common words (more than ``limit`` quotations) lists its matches newest
  first, all with score 0.6: ranking them would mean reading every one of them (80,000
  quotations and 380,000 printings for "country" at a million quotations);
- near-misses by word similarity.

The count stops at ``limit``: ``total`` is exact when ``exact`` is true, else the search
matched more than ``total`` quotations. Each stage reads at most ``limit + 1`` matches.
"""

from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Float, Row, String, TextClause, bindparam, inspect, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import TypeEngine

from provenance import models
from provenance.errors import InvalidInputError
from provenance.services.pages import Page, decode_cursor

MATCH_LIMIT = 1000
# Own words score above this (0.6 + ts_rank, as written in the SQL below); printed wording
# only and common searches score exactly this.
WORDS = 0.6
_NO_ID = 2**63 - 1

# One statement: how many quotations have the words (up to limit + 1 of each kind), and
# the page, from whichever branch the counts select. Every branch reads its own index;
# the printed words are looked up by any of the search's words (few quotations print a
# word their text lacks), then checked with the text's own words.
# Any of the search's words: its lexemes (a tsvector's text) joined by | (or).
_ANY_WORD = "replace(strip(to_tsvector('english', :search))::text, ''' ''', ''' | ''')::tsquery"
_WORDS_SQL = """
WITH own AS MATERIALIZED (
    SELECT q.id, q.search_vector FROM quotations q
    WHERE q.search_vector @@ websearch_to_tsquery('english', :search) {speaker}
    LIMIT :limit + 1
),
printed AS MATERIALIZED (
    SELECT p.quotation_id AS id FROM quotation_printed_words p
    JOIN quotations q ON q.id = p.quotation_id
    WHERE p.words @@ {any_word}
      AND (q.search_vector || p.words) @@ websearch_to_tsquery('english', :search)
      AND NOT q.search_vector @@ websearch_to_tsquery('english', :search) {speaker}
    LIMIT :limit + 1
),
found AS MATERIALIZED (
    SELECT (SELECT count(*) FROM own) AS own, (SELECT count(*) FROM printed) AS printed,
           numnode(websearch_to_tsquery('english', :search)) AS terms
),
matches AS (
    SELECT id, 0.6 + ts_rank(search_vector, websearch_to_tsquery('english', :search)) AS score
    FROM own WHERE (SELECT own FROM found) <= :limit
  UNION ALL
    (SELECT q.id, 0.6::float8 FROM quotations q
     WHERE (SELECT own FROM found) > :limit
       AND q.search_vector @@ websearch_to_tsquery('english', :search) {speaker}
       AND q.id < :below
     ORDER BY q.id DESC LIMIT :first + 1)
  UNION ALL
    (SELECT p.quotation_id, 0.6::float8 FROM quotation_printed_words p
     JOIN quotations q ON q.id = p.quotation_id
     WHERE (SELECT printed FROM found) > 0
       AND p.words @@ {any_word}
       AND (q.search_vector || p.words) @@ websearch_to_tsquery('english', :search)
       AND NOT q.search_vector @@ websearch_to_tsquery('english', :search) {speaker}
       AND p.quotation_id < :below
     ORDER BY p.quotation_id DESC LIMIT :first + 1)
)
SELECT f.own + f.printed AS total, f.terms, m.score, {row}
FROM found f LEFT JOIN LATERAL (
    SELECT id, score::float8 AS score FROM matches
    WHERE score < :after_score OR (score = :after_score AND id < :after_id)
    ORDER BY score DESC, id DESC LIMIT :first + 1
) m ON true {row_join}
ORDER BY m.score DESC, m.id DESC
"""


# The page's quotations and their speakers come with it (one statement per search, no
# ORM: hydrating ORM rows cost several times the SQL), looked up by primary key once the
# page is cut. Each is a record of what an ORM load of its model holds: every column
# attribute that is not deferred, under the attribute's name, so a read type builds from
# either alike and a column added to the model is read here without a second declaration.
def loaded_columns(model: type[models.Base]) -> tuple[tuple[str, str], ...]:
    """(attribute, column name) of each column an ORM load of ``model`` holds."""
    return tuple(
        (prop.key, prop.columns[0].name)
        for prop in inspect(model).column_attrs
        if not prop.deferred
    )


@functools.cache
def record_type(model: type[models.Base]) -> Any:
    """A named tuple of ``model``'s loaded columns (``loaded_columns``), by attribute."""
    return namedtuple(  # the fields are known at run time only
        f"{model.__name__}Record", [key for key, _ in loaded_columns(model)]
    )


_Q = [column for _, column in loaded_columns(models.Quotation)]
_S = [column for _, column in loaded_columns(models.Speaker)]
_ROW = ", ".join(["m.id", *(f"r.q_{c}" for c in _Q), *(f"r.s_{c}" for c in _S)])
_ROW_JOIN = (
    "LEFT JOIN LATERAL (SELECT "
    + ", ".join([*(f"q.{c} AS q_{c}" for c in _Q), *(f"s.{c} AS s_{c}" for c in _S)])
    + " FROM quotations q JOIN speakers s ON s.id = q.speaker_id WHERE q.id = m.id OFFSET 0"
    + ") r ON true"
)
# Where the records sit in the select list, after total, terms, score and id.
_QUOTATION = slice(4, 4 + len(_Q))
_SPEAKER = slice(_QUOTATION.stop, _QUOTATION.stop + len(_S))

# Near-misses, run only when no word matched: trigram scans of the quotations' texts and
# of the wordings printed that are not runs of their words (migration 0010; any other
# printing is never more similar than its quotation's text). 30 to 160 ms at 1M quotations.
_NEAR_SQL = """
WITH near AS MATERIALIZED (
    SELECT c.id, max(c.score)::float8 AS score FROM (
        SELECT id, word_similarity(:search, text) AS score FROM quotations
        WHERE :search <% text
      UNION ALL
        SELECT quotation_id, word_similarity(:search, text) FROM quotation_printed_wordings
        WHERE :search <% text
    ) c {speaker_join}
    GROUP BY c.id
)
SELECT (SELECT count(*) FROM near) AS total, 1 AS terms, m.score, {row}
FROM (SELECT 1) one LEFT JOIN LATERAL (
    SELECT id, score FROM near
    WHERE score < :after_score OR (score = :after_score AND id < :after_id)
    ORDER BY score DESC, id DESC LIMIT :first + 1
) m ON true {row_join}
ORDER BY m.score DESC, m.id DESC
"""


@dataclass(frozen=True)
class SearchResult:
    """A page of matching quotations, and how many quotations match (up to the limit)."""

    # The page's quotations and who said them (record_type(models.Quotation) and
    # record_type(models.Speaker): the loaded columns of each, by attribute name).
    page: Page[Any]
    total: int
    exact: bool
    speakers: dict[int, Any]  # by speaker id


async def search_quotations(
    session: AsyncSession,
    *,
    search: str,
    first: int,
    after: str | None = None,
    speaker_id: int | None = None,
    limit: int = MATCH_LIMIT,
) -> SearchResult:
    """A page of the quotations best matching ``search`` (see the module) and the count."""
    params: dict[str, Any] = {"search": search, "first": first, "limit": limit}
    params.update(_keyset(after))
    if speaker_id is not None:
        params["speaker_id"] = speaker_id
    speaker = "" if speaker_id is None else "AND q.speaker_id = :speaker_id"
    words = _WORDS_SQL.format(speaker=speaker, any_word=_ANY_WORD, row=_ROW, row_join=_ROW_JOIN)
    rows = await _run(session, words, params)
    total, terms = int(rows[0].total), int(rows[0].terms)
    if total == 0 and terms > 0:
        join = (
            ""
            if speaker_id is None
            else "JOIN quotations q ON q.id = c.id AND q.speaker_id = :speaker_id"
        )
        near_sql = _NEAR_SQL.format(speaker_join=join, row=_ROW, row_join=_ROW_JOIN)
        rows = await _run(session, near_sql, params)
        total = int(rows[0].total)
    found = [row for row in rows if row.id is not None]
    quotation, speaker = record_type(models.Quotation), record_type(models.Speaker)
    keyed = [(quotation(*row[_QUOTATION]), (float(row.score), int(row.id))) for row in found]
    return SearchResult(
        page=Page.from_rows(keyed, first=first),
        total=min(total, limit),
        exact=total <= limit,
        speakers={row.s_id: speaker(*row[_SPEAKER]) for row in found},
    )


# Every parameter is written into the statement as a literal but the cursor's score (a
# float, possibly infinite), and needs a type to be rendered.
_PARAMETERS: dict[str, TypeEngine[Any]] = {
    "search": String(),
    "first": BigInteger(),
    "limit": BigInteger(),
    "after_score": Float(),
    "after_id": BigInteger(),
    "below": BigInteger(),
    "speaker_id": BigInteger(),
}


@functools.cache
def _statement(sql: str) -> TextClause:
    """``sql`` with the words and limits written into it, the cursor's score bound.

    The plan depends on how common the words are: planned for these words, a statement
    takes 1 to 10 ms at 1M quotations; as a generic plan (the API forces them, see
    provenance.db) 10 to 45 ms. SQLAlchemy renders the literals (quoted and escaped) at
    execution; the clause is built once per statement (0.15 ms of CPU less per search).
    """
    return text(sql).bindparams(
        *(
            bindparam(name, type_=type_, literal_execute=name != "after_score")
            for name, type_ in _PARAMETERS.items()
            if f":{name}" in sql
        )
    )


async def _run(session: AsyncSession, sql: str, params: dict[str, Any]) -> Sequence[Row[Any]]:
    used = {name: value for name, value in params.items() if f":{name}" in sql}
    return (await session.execute(_statement(sql), used)).all()


def _keyset(after: str | None) -> dict[str, Any]:
    """The cursor's (score, id), and the id below which the 0.6 branches may still list."""
    if after is None:
        return {"after_score": float("inf"), "after_id": 0, "below": _NO_ID}
    score, after_id = decode_cursor(after, length=2)
    if not isinstance(score, int | float) or not isinstance(after_id, int):
        raise InvalidInputError(f"{after!r} is not a cursor of this search", field="after")
    below = _NO_ID if score > WORDS else after_id if score == WORDS else 0
    return {"after_score": float(score), "after_id": after_id, "below": below}
