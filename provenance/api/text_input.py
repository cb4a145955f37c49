"""Text that PostgreSQL cannot hold, refused before execution with the argument named.

A NUL character (U+0000) cannot be stored in or compared with PostgreSQL text, and a lone
surrogate (U+D800..U+DFFF) is not Unicode at all: either, in any argument's string (as a
literal or through a variable), is INVALID_INPUT naming the argument.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    ListValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
    VariableNode,
    Visitor,
    visit,
)


def unstorable(text: str) -> str | None:
    """What in ``text`` PostgreSQL cannot hold, or None."""
    if text.isascii():
        return "a NUL character (\\u0000)" if "\x00" in text else None
    if "\x00" in text:
        return "a NUL character (\\u0000)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "a lone surrogate (\\ud800-\\udfff)"
    return None


def _strings(value: Any) -> Iterator[str]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _literal_strings(value: ValueNode, variables: Mapping[str, Any]) -> Iterator[str]:
    stack: list[ValueNode] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, StringValueNode):
            yield node.value
        elif isinstance(node, VariableNode):
            yield from _strings(variables.get(node.name.value))
        elif isinstance(node, ListValueNode):
            stack.extend(node.values)
        elif isinstance(node, ObjectValueNode):
            stack.extend(field.value for field in node.fields)


class _Arguments(Visitor):
    def __init__(self, variables: Mapping[str, Any]) -> None:
        super().__init__()
        self.variables = variables
        self.error: GraphQLError | None = None

    def enter_argument(self, node: ArgumentNode, *_: Any) -> Any:
        for text in _literal_strings(node.value, self.variables):
            problem = unstorable(text)
            if problem is not None:
                name = node.name.value
                self.error = GraphQLError(
                    f"argument {name} holds {problem}, which text cannot hold: remove it",
                    extensions={"code": "INVALID_INPUT", "field": name},
                )
                return Visitor.BREAK
        return None


def check_text(document: DocumentNode, variables: Mapping[str, Any] | None) -> GraphQLError | None:
    """The first argument holding text PostgreSQL cannot hold, as an error; else None."""
    visitor = _Arguments(variables or {})
    visit(document, visitor)
    return visitor.error
