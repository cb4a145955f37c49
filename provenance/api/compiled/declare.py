"""Each field of a read type declared once: its SQL for compiled reads and its resolver.

The fields of the types in api/types are declared with these helpers instead of
``strawberry.field``; the compiler reads the SQL off the schema (compiled/sources.py) and
the resolvers come from the same declaration:

=====================================  =====================================================
``sql_field(column=Model.attr)``       a column of the type's row; ``from_model`` reads the
                                       same attribute of a row (enums by the field's type)
``sql_field(expr=...)``                an SQL expression over the row (Core, over the
                                       models' columns), computed by PostgreSQL on both
                                       paths: the resolver reads it by id (as a deferred
                                       column's, which the row does not hold)
``related(Model.foreign_key)``         the object the key names, through its type's loader
``rows(Child.key, loader=...)``        the child rows pointing here, oldest first
``children(Child.key)``                a connection over the child rows pointing here
``inline(Type, when=Model.attr)``      an object of columns of the same row, if ``when``
``chain(resolver=f)``                  an attribution's chain of hops
``resolver_only(reason=, resolver=)``  computed in Python on purpose (never compiled)
=====================================  =====================================================

``@read_type(Model)`` marks a strawberry type as compiled and names its table (a node
type's rows are loaded by its LoadedNode.node_loader); ``build(cls, row)`` makes one
from a row. A value is written as the resolvers' scalars write it: an enum by its
member's name, a DateTime as Python's isoformat, a Float with its ".0".
tests/api/compiled/test_coverage.py fails for a field of a read type declared otherwise.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from operator import attrgetter
from typing import Any, TypeVar

import strawberry
from sqlalchemy import ColumnClause, ColumnElement, func, literal
from sqlalchemy.orm import InstrumentedAttribute
from strawberry.types.base import StrawberryList, StrawberryObjectDefinition, StrawberryOptional
from strawberry.types.enum import StrawberryEnumDefinition
from strawberry.types.field import StrawberryField

from provenance.api.compiled.translation import (
    ROW,
    Chain,
    Children,
    Column,
    Inline,
    Related,
    Rows,
    Translation,
    enum_names,
    float_json,
    iso_datetime,
    render,
    row_column,
)
from provenance.api.connection import After, First
from provenance.api.context import Info
from provenance.api.paging import Before, Last
from provenance.api.types.nodes import child_connection

T = TypeVar("T")
#: A model's column (``models.Article.slug``) or a Core column of a table without a model.
Key = InstrumentedAttribute[Any] | ColumnClause[Any]
#: Where the declaration of a field is kept in its strawberry metadata.
METADATA = "provenance.compiled"


@dataclass(frozen=True)
class Declaration:
    """What a field is in SQL (``translate``) and how a row gives its value, if it does."""

    #: The translation, given the field's resolved type and the schema's read types;
    #: None for a field computed in Python on purpose.
    translate: Callable[[Any, ReadTypes], Translation] | None
    #: Why the field is resolver-only.
    reason: str | None = None
    #: The row attribute ``build`` copies into the field (a plain column).
    attribute: str | None = None
    null_as: object = None
    #: An inline object ``build`` makes from the same row when ``attribute`` is not null.
    inline: type[Any] | None = None
    #: The resolver reads the field's SQL by the row's id (its type needs a table).
    by_id: bool = False
    #: An enum column that holds the member's name, not its value.
    named: bool = False


@dataclass(frozen=True)
class ReadType:
    """A compiled type: its table (None: inlined or built)."""

    table: str | None


class ReadTypes:
    """The read types of one schema, by GraphQL name and by table."""

    def __init__(self, types: dict[str, type[Any]]) -> None:
        self.by_name = types
        self.by_table: dict[str, str] = {}
        for name, cls in types.items():
            read = read_type_of(cls)
            if read is None or read.table is None:
                continue
            # The type first declared over a table stands for its rows (a subclass, or
            # another view of the same rows, does not).
            if read.table not in self.by_table or _BY_TABLE.get(read.table) is cls:
                self.by_table[read.table] = name

    def on_table(self, table: str) -> str:
        """The GraphQL name of the type whose rows are ``table``'s."""
        return self.by_table[table]


def read_type(model: type[Any] | None = None) -> Callable[[T], T]:
    """Mark a strawberry type as compiled: its rows are ``model``'s (None: not a table's).

    related() loads a row of ``model`` through the type's ``node_loader`` (a LoadedNode).
    """
    table = None if model is None else str(model.__tablename__)

    def mark(cls: T) -> T:
        cls.__read_type__ = ReadType(table=table)  # type: ignore[attr-defined]
        if table is not None:
            _BY_TABLE.setdefault(table, cls)
        return cls

    return mark


#: The first type declared over each table: related()/rows()/children() resolve to it.
_BY_TABLE: dict[str, Any] = {}


def read_type_of(cls: Any) -> ReadType | None:
    """The ReadType of a strawberry type, None unless it is marked compiled."""
    read = cls.__dict__.get("__read_type__") if isinstance(cls, type) else None
    return read if isinstance(read, ReadType) else None


def declaration_of(field: StrawberryField) -> Declaration | None:
    declared = field.metadata.get(METADATA) if field.metadata else None
    return declared if isinstance(declared, Declaration) else None


def _field(
    declaration: Declaration,
    *,
    description: str,
    deprecation_reason: str | None,
    resolver: Callable[..., Any] | None,
) -> Any:
    metadata = {METADATA: declaration}
    if resolver is None:
        return strawberry.field(
            description=description, deprecation_reason=deprecation_reason, metadata=metadata
        )
    return strawberry.field(
        resolver=resolver,
        description=description,
        deprecation_reason=deprecation_reason,
        metadata=metadata,
    )


def _core(key: Key) -> ColumnClause[Any]:
    if isinstance(key, InstrumentedAttribute):
        (column,) = key.property.columns
        assert isinstance(column, ColumnClause)
        return column
    return key


def _enum_of(field_type: Any) -> type[Enum] | None:
    if isinstance(field_type, StrawberryOptional):
        field_type = field_type.of_type
    if isinstance(field_type, StrawberryEnumDefinition):
        members: Any = field_type.wrapped_cls
        return members if issubclass(members, Enum) else None
    return None


class RowColumns:
    """The columns of the row at ``{row}`` for an SQL expression: ``row[Model.attr]``."""

    def __getitem__(self, key: Key) -> ColumnElement[Any]:
        return row_column(_core(key).name)


def sql_field(
    *,
    description: str,
    column: Key | None = None,
    expr: Callable[[RowColumns], ColumnElement[Any]] | None = None,
    resolver: Callable[..., Any] | None = None,
    null_as: str | None = None,
    named: bool = False,
    deprecation_reason: str | None = None,
) -> Any:
    """A leaf field: a column of the row (``null_as`` for NULL), or an SQL expression.

    A column's value comes from the row on both paths, unless ``resolver`` computes it
    (a value the row may lack, say). An expression, and a deferred column (never loaded
    with the row), is computed by PostgreSQL on both paths: its resolver reads the same
    SQL for the rows of a request by id, in one statement. An enum column holds the
    member's value, as the models store it; ``named``: its name.
    """
    if (column is None) == (expr is None):
        raise TypeError("sql_field takes a column or an expr, not both or neither")
    if expr is not None and resolver is not None:
        raise TypeError("an sql_field expr is computed by PostgreSQL on both paths: no resolver")

    def sql(field_type: Any) -> str:
        if expr is not None:
            return f"({render(_written(expr(RowColumns()), field_type))})"
        assert column is not None
        value = row_column(_core(column).name)
        members = _enum_of(field_type)
        if members is not None and not named:
            value = enum_names(value, members)
        if null_as is not None:
            value = func.coalesce(value, literal(null_as))
        return render(_written(value, field_type))

    def translate(field_type: Any, _types: ReadTypes) -> Translation:
        return Column(sql(field_type))

    by_id = resolver is None and (expr is not None or (column is not None and _deferred(column)))
    if by_id:
        resolver = _read_by_id(sql)
    attribute = None if column is None or resolver is not None else _core(column).key
    return _field(
        Declaration(translate, attribute=attribute, null_as=null_as, by_id=by_id, named=named),
        description=description,
        deprecation_reason=deprecation_reason,
        resolver=resolver,
    )


def _deferred(key: Key) -> bool:
    """Whether the model loads this column only when asked (``deferred=True``)."""
    return isinstance(key, InstrumentedAttribute) and bool(getattr(key.property, "deferred", False))


def _scalar_of(field_type: Any) -> Any:
    return field_type.of_type if isinstance(field_type, StrawberryOptional) else field_type


def _written(value: ColumnElement[Any], field_type: Any) -> ColumnElement[Any]:
    """``value`` written as the field's scalar writes it (DateTime, Float)."""
    scalar = _scalar_of(field_type)
    if scalar is datetime:
        return iso_datetime(value)
    if scalar is float:
        return float_json(value)
    return value


def _from_json(field_type: Any) -> Callable[[Any], Any]:
    """The Python value a field's resolver returns for its value as JSON."""
    scalar = _scalar_of(field_type)
    if isinstance(scalar, StrawberryList):
        item = _from_json(scalar.of_type)
        return lambda value: None if value is None else [item(v) for v in value]
    members = _enum_of(scalar)
    parse: Callable[[Any], Any] | None = None
    if members is not None:
        enum = members
        parse = lambda name: enum[name]  # noqa: E731
    elif scalar is datetime:
        parse = datetime.fromisoformat
    elif scalar is date:
        parse = date.fromisoformat
    elif scalar is float:
        parse = float
    if parse is None:
        return lambda value: value
    convert = parse
    return lambda value: None if value is None else convert(value)


def _table_of(cls: type[Any]) -> str:
    for klass in cls.__mro__:
        read = read_type_of(klass)
        if read is not None and read.table is not None:
            return read.table
    raise TypeError(f"{cls.__name__} has no table to read an sql_field expr from")


def _read_by_id(sql: Callable[[Any], str]) -> Callable[..., Any]:
    """The resolver of a value PostgreSQL computes: the same SQL, for this row by id.

    The rows of a request asking the field are read together, in one statement.
    """
    prepared: dict[tuple[type[Any], int], tuple[str, Callable[[Any], Any]]] = {}

    async def value(self: Any, info: Info) -> Any:
        field_type = info.return_type
        key = (type(self), id(field_type))
        if key not in prepared:
            table = _table_of(type(self))
            expression = sql(field_type).replace(ROW, "r")
            statement = (
                f"SELECT r.id, to_json({expression}) FROM {table} r WHERE r.id = ANY(%(ids)s)"
            )
            prepared[key] = (statement, _from_json(field_type))
        statement, convert = prepared[key]
        return convert(await info.context.loaders.compiled_objects(statement, {}).load(self.id))

    return value


def _target_table(key: Key, target: type[Any] | None) -> str:
    if target is not None:
        return str(target.__tablename__)
    # The key's own foreign key, before a composite one it is part of.
    keys = sorted(
        _core(key).foreign_keys,
        key=lambda fk: 1 if fk.constraint is None else len(fk.constraint.columns),
    )
    return str(keys[0].column.table.name)


def _convert(cls: Any) -> Callable[[Any], Any]:
    convert = getattr(cls, "from_model", None)
    return convert if convert is not None else lambda row: build(cls, row)


def related(
    key: Key,
    *,
    description: str,
    target: type[Any] | None = None,
    resolver: Callable[..., Any] | None = None,
) -> Any:
    """The object of the row ``key`` names (a foreign key, or a column naming ``target``'s).

    Its resolver loads the row by the instance's attribute named like ``key`` with the
    target type's node_loader, unless ``resolver`` is given.
    """
    core = _core(key)
    table = _target_table(key, target)

    def translate(_field_type: Any, types: ReadTypes) -> Translation:
        return Related(types.on_table(table), f"{ROW}.{core.name}")

    if resolver is None:
        attribute = core.key

        async def load(self: Any, info: Info) -> Any:
            target_id = getattr(self, attribute)
            if target_id is None:
                return None
            cls = _BY_TABLE[table]
            row = await cls.node_loader(info).load(target_id)
            return None if row is None else cls.from_model(row)

        resolver = load
    return _field(
        Declaration(translate), description=description, deprecation_reason=None, resolver=resolver
    )


def rows(key: InstrumentedAttribute[Any], *, loader: str, description: str) -> Any:
    """The rows whose ``key`` is this row's id, oldest first, read by ``loader``."""
    core = _core(key)
    table = str(key.class_.__tablename__)

    def translate(_field_type: Any, types: ReadTypes) -> Translation:
        return Rows(types.on_table(table), core.name)

    async def load(self: Any, info: Info) -> list[Any]:
        convert = _convert(_BY_TABLE[table])
        return [convert(row) for row in await getattr(info.context.loaders, loader).load(self.id)]

    return _field(
        Declaration(translate), description=description, deprecation_reason=None, resolver=load
    )


def children(key: InstrumentedAttribute[Any], *, description: str) -> Any:
    """A connection over the rows whose ``key`` is this row's id, paged by id."""
    core = _core(key)
    table = str(key.class_.__tablename__)
    model = key.class_
    assert isinstance(model, type), key

    def translate(_field_type: Any, types: ReadTypes) -> Translation:
        return Children(types.on_table(table), core.name)

    async def connection(
        self: Any,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Any:
        return await child_connection(
            info,
            model=model,
            parent=key,
            parent_id=self.id,
            convert=_convert(_BY_TABLE[table]),
            first=first,
            after=after,
            last=last,
            before=before,
        )

    return _field(
        Declaration(translate),
        description=description,
        deprecation_reason=None,
        resolver=connection,
    )


def inline(cls: type[Any], *, when: Key, description: str) -> Any:
    """An object of ``cls`` made of columns of the same row, null when ``when`` is null."""
    present = f"{ROW}.{_core(when).name} IS NOT NULL"
    name = cls.__strawberry_definition__.name

    def translate(_field_type: Any, _types: ReadTypes) -> Translation:
        return Inline(name, present)

    return _field(
        Declaration(translate, attribute=_core(when).key, inline=cls),
        description=description,
        deprecation_reason=None,
        resolver=None,
    )


def chain(*, resolver: Callable[..., Any], description: str) -> Any:
    """An attribution's chain of hops (compiled as services.chains.CHAIN_HOPS)."""
    return _field(
        Declaration(lambda _type, _types: Chain()),
        description=description,
        deprecation_reason=None,
        resolver=resolver,
    )


def resolver_only(*, reason: str, resolver: Callable[..., Any], description: str) -> Any:
    """A field computed in Python on purpose: an operation asking it is not compiled."""
    if not reason.strip():
        raise TypeError("resolver_only needs the reason the field is not compiled")
    return _field(
        Declaration(None, reason=reason),
        description=description,
        deprecation_reason=None,
        resolver=resolver,
    )


Getter = Callable[[Any], Any]


@dataclass(frozen=True)
class _Plan:
    """How ``build`` reads a type's constructor arguments off a row."""

    copied: tuple[str, ...]  # fields that are a column's value as it is
    copy: Getter  # reads them all at once (operator.attrgetter)
    converted: tuple[tuple[str, Getter], ...]  # enums, null_as, inline objects
    plain: tuple[str, ...]  # the id and private attributes, when the row has them


@cache
def _plan(cls: Any) -> _Plan:
    definition: StrawberryObjectDefinition = cls.__strawberry_definition__
    copied: list[tuple[str, str]] = []
    converted: list[tuple[str, Getter]] = []
    for field in definition.fields:
        declaration = declaration_of(field)
        if declaration is None or declaration.attribute is None or field.base_resolver:
            continue
        getter = _converter(field, declaration)
        if getter is None:
            copied.append((field.python_name, declaration.attribute))
        else:
            converted.append((field.python_name, getter))
    taken = {name for name, _ in copied} | {name for name, _ in converted}
    plain = tuple(f.name for f in dataclasses.fields(cls) if f.init and f.name not in taken)
    attributes = [attribute for _, attribute in copied]
    copy: Getter = attrgetter(*attributes) if len(attributes) > 1 else _one_or_none(attributes)
    return _Plan(tuple(name for name, _ in copied), copy, tuple(converted), plain)


def _one_or_none(attributes: list[str]) -> Getter:
    if not attributes:
        return lambda _row: ()
    (attribute,) = attributes
    return lambda row: (getattr(row, attribute),)


def _converter(field: StrawberryField, declaration: Declaration) -> Getter | None:
    """How a field's value is read off a row, unless it is the column's value as it is."""
    attribute = declaration.attribute
    assert attribute is not None
    if declaration.inline is not None:
        inline_cls = declaration.inline
        return lambda row: None if getattr(row, attribute) is None else build(inline_cls, row)
    members = _enum_of(field.type)
    if members is not None:
        enum: Any = members
        if declaration.named:
            return lambda row: None if (value := getattr(row, attribute)) is None else enum[value]
        return lambda row: None if (value := getattr(row, attribute)) is None else enum(value)
    null_as = declaration.null_as
    if null_as is not None:
        return lambda row: null_as if (value := getattr(row, attribute)) is None else value
    return None


_ABSENT = object()


def build(cls: type[T], row: Any, **values: Any) -> T:
    """An instance of the read type ``cls`` with every column field copied from ``row``.

    The id and private attributes are copied too when the row has them (the keys
    related() loads by); ``values`` give the rest, or override.
    """
    kind: Any = cls
    plan = _plan(kind)
    arguments = dict(zip(plan.copied, plan.copy(row), strict=True))
    for name, getter in plan.converted:
        arguments[name] = getter(row)
    for name in plan.plain:
        value = getattr(row, name, _ABSENT)
        if value is not _ABSENT:
            arguments[name] = value
    arguments.update(values)
    return cls(**arguments)
