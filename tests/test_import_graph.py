"""The package's import graph, read from the source (every import, at any depth of a module).

The services store what the extractor finds, so they import ``provenance.extraction`` (the
package, whose ``__init__`` names what it offers); the extractor imports nothing of the
services, not even through a third module. Span finding (``provenance.spans``), the seed
file (``provenance.seed_file``) and the errors (``provenance.errors``) are leaves both use.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import provenance

PACKAGE = Path(provenance.__file__).parent


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "migrations" in parts:  # Alembic's scripts, not imported by the package
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imported(name: str) -> Iterator[str]:
    path = modules()[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            yield base
            # ``from provenance import models``: the submodule, when there is one
            yield from (f"{base}.{alias.name}" for alias in node.names)


@cache
def imports(name: str) -> frozenset[str]:
    """The package's modules ``name`` imports directly (a submodule implies its parents)."""
    direct: set[str] = set()
    for imported in _imported(name):
        if imported in modules():
            parts = imported.split(".")
            direct.update(".".join(parts[:n]) for n in range(2, len(parts) + 1))
    return frozenset(direct & modules().keys() - {name})


def reachable(name: str) -> set[str]:
    """Every module of the package that importing ``name`` may load."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        for imported in imports(todo.pop()):
            if imported not in seen:
                seen.add(imported)
                todo.append(imported)
    return seen


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_the_graph_sees_the_imports_it_must() -> None:
    assert "provenance.extraction" in imports("provenance.services.extraction_store")
    assert "provenance.spans" in imports("provenance.services.records")
    assert "provenance.services.records" in reachable("provenance.services.seeds")


def test_the_extractor_reaches_nothing_of_the_services() -> None:
    for name in modules():
        if within(name, "provenance.extraction"):
            services = {m for m in reachable(name) if within(m, "provenance.services")}
            assert not services, f"{name} imports {sorted(services)}"


def test_the_services_import_the_extractor_by_its_package_only() -> None:
    for name in modules():
        if within(name, "provenance.services"):
            inner = {m for m in imports(name) if within(m, "provenance.extraction")}
            assert inner <= {"provenance.extraction"}, f"{name} imports {sorted(inner)}"


def test_the_shared_leaves_import_no_layer() -> None:
    for leaf in ("provenance.errors", "provenance.spans", "provenance.seed_file"):
        layers = {
            m
            for m in reachable(leaf)
            if any(within(m, f"provenance.{layer}") for layer in ("services", "extraction", "api"))
        }
        assert not layers, f"{leaf} imports {sorted(layers)}"


def test_the_product_imports_no_benchmark() -> None:
    # Only the command line reaches provenance.bench, inside the commands that run one
    # (tests/cli/test_startup.py checks that their --help loads none).
    for name in modules():
        if not within(name, "provenance.bench") and not within(name, "provenance.cli"):
            bench = {m for m in reachable(name) if within(m, "provenance.bench")}
            assert not bench, f"{name} imports {sorted(bench)}"
