"""relay-compiler compiles a tiny Relay frontend (tests/relay_client) against the schema.

The frontend pages the root quotations both ways (@refetchable + @connection, the shape
usePaginationFragment turns into loadNext/loadPrevious), pages a speaker's quotations
(a Node refetched by id) and lists the review queue. Each run compiles a copy of
tests/relay_client/src into a temporary folder, so no artifacts land in the tree.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from tests.npm_packages import installed

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "tests" / "relay_client"
SCHEMA = ROOT / "graphql" / "schema.graphql"


def compile_client(schema: Path, into: Path) -> subprocess.CompletedProcess[str]:
    """relay-compiler on a copy of the client's sources in ``into``, against ``schema``."""
    folder = installed(CLIENT, "relay-compiler")
    config = json.loads((CLIENT / "relay.config.json").read_text(encoding="utf-8"))
    assert (CLIENT / config["schema"]).resolve() == SCHEMA
    skip = shutil.ignore_patterns("__generated__")
    shutil.copytree(CLIENT / config["src"], into / "src", ignore=skip)
    config.update(src="./src", schema=str(schema))
    (into / "relay.config.json").write_text(json.dumps(config), encoding="utf-8")
    node = shutil.which("node")
    assert node
    return subprocess.run(
        [node, str(folder / "node_modules" / "relay-compiler" / "cli.js"), "relay.config.json"],
        cwd=into,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_relay_frontend_compiles_with_both_directions(tmp_path: Path) -> None:
    run = compile_client(SCHEMA, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    generated = tmp_path / "src" / "__generated__"
    assert {p.name for p in generated.iterdir()} == {
        f"{name}.graphql.js"
        for name in (
            "QuotationListQuery",
            "QuotationList_query",
            "QuotationListPaginationQuery",
            "SpeakerQuotations_speaker",
            "SpeakerQuotationsPaginationQuery",
            "ReviewQueueQuery",
        )
    }

    def artifact(name: str) -> str:
        return (generated / f"{name}.graphql.js").read_text(encoding="utf-8")

    for fragment in ("QuotationList_query", "SpeakerQuotations_speaker"):
        text = artifact(fragment)
        assert re.search(r'"backward": \{\s*"count": "last",\s*"cursor": "before"', text), fragment
        assert re.search(r'"forward": \{\s*"count": "first",\s*"cursor": "after"', text), fragment
    both_ways = "quotations(first: $first, after: $after, last: $last, before: $before)"
    assert both_ways in artifact("QuotationListPaginationQuery")
    assert "node(id: $id)" in artifact("SpeakerQuotationsPaginationQuery")
    queue = "attributions(filter: {status: EXTRACTED}, orderBy: CONFIDENCE_ASC, first: $first)"
    assert queue in artifact("ReviewQueueQuery")


def test_a_schema_without_before_fails_to_compile(tmp_path: Path) -> None:
    schema, removed = re.subn(
        r'\n\n\s*"""\n\s*End before this cursor[^"]*"""\n\s*before: String = null',
        "",
        SCHEMA.read_text(encoding="utf-8"),
    )
    assert removed >= 2
    assert "before: String" not in schema
    (tmp_path / "schema.graphql").write_text(schema, encoding="utf-8")
    (tmp_path / "client").mkdir()
    run = compile_client(tmp_path / "schema.graphql", tmp_path / "client")
    assert run.returncode != 0
    output = run.stdout + run.stderr
    assert "Unknown argument 'before' on field 'Query.quotations'" in output
    assert "Unknown argument 'before' on field 'Speaker.quotations'" in output
    assert not (tmp_path / "client" / "src" / "__generated__").exists()
