"""The root lists (quotations, articles, attributions, speakers, outlets) as one SQL shape.

A ``ListShape`` is all a list's statement text depends on (the table, which conditions,
the ordering, the direction and which cursors bound it); its values (filter values,
cursor keys, the page size) are parameters. The resolvers run the page statement and load
the rows by id; the compiled path (api/compiled) wraps the same statement in the JSON of
the connection, so both paths list the same rows with the same cursors.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from strawberry import relay
from strawberry.dataloader import DataLoader

from provenance.api.connection import Connection, Edge
from provenance.api.context import Info
from provenance.api.filters import Conditions
from provenance.api.ordering import SORT_KEYS, SortKey
from provenance.api.paging import Window
from provenance.errors import InvalidInputError
from provenance.services.pages import cursor_sql

RowT = TypeVar("RowT")
NodeT = TypeVar("NodeT")

_MAX_BIGINT = 2**63 - 1


@dataclass(frozen=True)
class ListShape:
    """What the SQL of one root list depends on; ``value_count`` parameters fill it."""

    type_name: str
    table: str
    conditions: tuple[str, ...]
    order: str  # the ordering's name, written in its cursors
    key: SortKey | None  # None: by id alone
    backward: bool
    after: bool
    before: bool
    filter_values: int
    value_count: int


def bind(
    *,
    type_name: str,
    table: str,
    conditions: Conditions,
    order: Enum,
    page: Window,
) -> tuple[ListShape, list[Any]]:
    """The shape of a list and its values: the filters', the cursors', then the size."""
    key = SORT_KEYS.get(order)
    values = list(conditions.values)
    for name, cursor in (("after", page.after), ("before", page.before)):
        if cursor is not None:
            values.extend(_decode(cursor, order=order.name, key=key, field=name))
    values.append(page.size)
    shape = ListShape(
        type_name=type_name,
        table=table,
        conditions=tuple(conditions.sql),
        order=order.name,
        key=key,
        backward=page.backward,
        after=page.after is not None,
        before=page.before is not None,
        filter_values=len(conditions.values),
        value_count=len(values),
    )
    return shape, values


def _decode(cursor: str, *, order: str, key: SortKey | None, field: str) -> list[Any]:
    """The key values inside ``cursor``, refusing a cursor of another list or ordering."""
    try:
        parts = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        parts = None
    hint = f"pass a cursor of a page of the same list with the same orderBy ({order})"
    if isinstance(parts, list):
        if key is None and len(parts) == 1 and _bigint(parts[0]):
            return parts
        ours = key is not None and len(parts) == 3 and parts[0] == order
        if ours and key is not None and _bigint(parts[2]) and _key_value(parts[1], key):
            return parts[1:]
        tagged = len(parts) == 3 and isinstance(parts[0], str) and parts[0] != order
        if tagged or (key is not None and len(parts) == 1):
            raise InvalidInputError(
                f"{cursor!r} is a cursor of another ordering than {order}",
                field=field,
                hint=hint,
            )
    raise InvalidInputError(f"{cursor!r} is not a cursor of this list", field=field, hint=hint)


def _bigint(value: Any) -> bool:
    return type(value) is int and 0 <= value <= _MAX_BIGINT


def _key_value(value: Any, key: SortKey) -> bool:
    if key.type == "bigint":
        return _bigint(value)
    if key.type == "float8":
        return type(value) in (int, float) and abs(value) < 1e300
    if key.type == "date":
        if value in ("infinity", "-infinity"):
            return True
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return False
        return True
    return isinstance(value, str) and "\x00" not in value


def render(sql: str, row: str, names: Sequence[str]) -> str:
    """``sql`` over the alias ``row`` with its ``{vN}`` placeholders named."""
    for index in reversed(range(len(names))):
        sql = sql.replace(f"{{v{index}}}", names[index])
    return sql.replace("{row}", row)


def where(shape: ListShape, names: Sequence[str], row: str = "c") -> str:
    """The filter conditions (no cursors): what totalCount counts."""
    rendered = [render(sql, row, names) for sql in shape.conditions]
    return " AND ".join(rendered) if rendered else "true"


def _cursor_sql(shape: ListShape, row: str) -> str:
    if shape.key is None:
        parts = f"json_build_array({row}.id)"
    else:
        parts = f"json_build_array('{shape.order}', list_key, {row}.id)"
    return cursor_sql(f"{parts}::text")


def order_by(shape: ListShape, row: str, *, reverse: bool = False) -> str:
    """The list's order (``reverse``: backward) over the page columns of ``row``."""
    descending = shape.key is not None and shape.key.descending
    direction = "DESC" if descending != reverse else "ASC"
    columns = ["id"] if shape.key is None else ["list_key", "id"]
    return ", ".join(f"{row}.{column} {direction}" for column in columns)


def page_statement(shape: ListShape, names: Sequence[str]) -> str:
    """The rows of the page and one more (``page_position`` > size), with their cursors.

    Columns: the table's, ``list_key``, ``list_cursor`` and ``page_position`` (1 is the
    row nearest the cursor the page starts from).
    """
    conditions = [render(sql, "c", names) for sql in shape.conditions]
    values = iter(names[shape.filter_values :])
    key = None if shape.key is None else render(shape.key.sql, "c", names)
    typed = "bigint" if shape.key is None else shape.key.type
    for present, bound in ((shape.after, ">"), (shape.before, "<")):
        if not present:
            continue
        if shape.key is not None and shape.key.descending:
            bound = "<" if bound == ">" else ">"
        if key is None:
            conditions.append(f"c.id {bound} {next(values)}::bigint")
        else:
            value, row_id = next(values), next(values)
            conditions.append(f"({key}, c.id) {bound} ({value}::{typed}, {row_id}::bigint)")
    size = f"{next(values)}::int"
    selected = "c.*" if key is None else f"c.*, {key} AS list_key"
    inner = (
        f"SELECT {selected} FROM {shape.table} c"
        f" WHERE {' AND '.join(conditions) if conditions else 'true'}"
    )
    scan = order_by(shape, "k", reverse=shape.backward)
    return (
        f"SELECT k.*, {_cursor_sql(shape, 'k')} AS list_cursor,"
        f" row_number() OVER (ORDER BY {scan}) AS page_position"
        f" FROM ({inner}) k ORDER BY {scan} LIMIT {size} + 1"
    )


def size_name(names: Sequence[str]) -> str:
    """The placeholder of the page size."""
    return f"{names[-1]}::int"


def page_info_sql(shape: ListShape, page: str, names: Sequence[str]) -> dict[str, str]:
    """pageInfo's fields as aggregates over the rows of ``page_statement`` (alias ``page``)."""
    size = size_name(names)
    in_page = f"{page}.page_position <= {size}"
    more = f"(count(*) > {size})"
    forward, backward = order_by(shape, page), order_by(shape, page, reverse=True)
    return {
        "hasNextPage": ("true" if shape.before else "false") if shape.backward else more,
        "hasPreviousPage": more if shape.backward else ("true" if shape.after else "false"),
        "startCursor": f"(array_agg({page}.list_cursor ORDER BY {forward})"
        f" FILTER (WHERE {in_page}))[1]",
        "endCursor": f"(array_agg({page}.list_cursor ORDER BY {backward})"
        f" FILTER (WHERE {in_page}))[1]",
    }


async def list_connection(
    info: Info,
    *,
    shape: ListShape,
    values: list[Any],
    loader: DataLoader[int, RowT | None],
    convert: Callable[[RowT], NodeT],
) -> Connection[NodeT]:
    """The resolvers' page: the page statement's ids and cursors, rows from ``loader``."""
    names = [f"%(v{i})s" for i in range(len(values))]
    parameters = {f"v{i}": value for i, value in enumerate(values)}
    page = "p"
    info_sql = page_info_sql(shape, page, names)
    fields = ", ".join(f"'{name}', {sql}" for name, sql in info_sql.items())
    statement = (
        f"SELECT json_build_object('rows', coalesce(json_agg(json_build_array({page}.id,"
        f" {page}.list_cursor) ORDER BY {order_by(shape, page)})"
        f" FILTER (WHERE {page}.page_position <= {size_name(names)}), '[]'::json), {fields})"
        f" FROM ({page_statement(shape, names)}) {page}"
    )
    loaders = info.context.loaders
    answer = await loaders.one_value(statement, parameters)
    rows = await loader.load_many([row_id for row_id, _ in answer["rows"]])
    edges = []
    for (_, cursor), row in zip(answer["rows"], rows, strict=True):
        assert row is not None  # read in the same transaction
        edges.append(Edge(cursor=cursor, node=convert(row)))
    page_info = relay.PageInfo(
        has_next_page=answer["hasNextPage"],
        has_previous_page=answer["hasPreviousPage"],
        start_cursor=answer["startCursor"],
        end_cursor=answer["endCursor"],
    )

    async def count() -> int:
        sql = f"SELECT count(*) FROM {shape.table} c WHERE {where(shape, names)}"
        return int(await loaders.one_value(sql, parameters))

    return Connection(edges=edges, page_info=page_info, _count=count)
