"""graphql-schema-linter on graphql/schema.graphql: descriptions, naming and the Relay specs.

The rules are listed in tests/schema_lint/package.json. relay-connection-arguments-spec
holds for connections paged forward (first/after); the spec accepts that or last/before.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tests.npm_packages import installed

ROOT = Path(__file__).resolve().parents[2]
LINT = ROOT / "tests" / "schema_lint"


def lint(schema: str) -> list[dict[str, Any]]:
    folder = installed(LINT, "graphql-schema-linter")
    node = shutil.which("node")
    assert node
    run = subprocess.run(
        [node, "node_modules/graphql-schema-linter/lib/cli.js", "--format", "json", "--stdin"],
        cwd=folder,
        input=schema,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    errors: list[dict[str, Any]] = json.loads(run.stdout)["errors"]
    return errors


def test_the_committed_schema_passes_every_rule() -> None:
    errors = lint((ROOT / "graphql" / "schema.graphql").read_text(encoding="utf-8"))
    assert [f"{e['location']['line']}: {e['message']} ({e['rule']})" for e in errors] == []


def test_the_rules_are_those_configured() -> None:
    rules = {e["rule"] for e in lint("type Query { a_b(x: Int): Int }\nenum E { lower }")}
    assert {
        "types-have-descriptions",
        "fields-have-descriptions",
        "arguments-have-descriptions",
        "enum-values-have-descriptions",
        "fields-are-camel-cased",
        "enum-values-all-caps",
        "relay-page-info-spec",
        "defined-types-are-used",
    } <= rules
