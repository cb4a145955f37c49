"""Rows in PostgreSQL's COPY text format, built as strings (faster than per-field adapters)."""

from __future__ import annotations

NULL = "\\N"


def escape(text: str) -> str:
    """Escape the characters COPY text format treats specially."""
    if "\\" in text or "\n" in text or "\t" in text or "\r" in text:
        return (
            text.replace("\\", "\\\\")
            .replace("\n", "\\n")
            .replace("\t", "\\t")
            .replace("\r", "\\r")
        )
    return text


def field(value: object) -> str:
    """One field: NULL for None, escaped text otherwise."""
    if value is None:
        return NULL
    return escape(str(value))


def row(*values: object) -> str:
    """One line of COPY text format."""
    return "\t".join(field(value) for value in values) + "\n"
