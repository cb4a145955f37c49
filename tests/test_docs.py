"""The README and docs cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

from provenance.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line]
    assert commands == ["make run", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_setting_is_documented() -> None:
    source = (ROOT / "provenance" / "config.py").read_text()
    variables = set(re.findall(r'"((?:DATABASE_URL|PROVENANCE_)[A-Z_]*)"', source))
    assert variables
    for variable in variables:
        assert f"`{variable}`" in README, f"{variable} is not in the README's configuration"


def test_every_command_is_documented() -> None:
    for name in main.commands:
        assert f"`provenance {name}" in README, f"`provenance {name}` is missing from README"


def test_documents_link_to_existing_files() -> None:
    for document in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)\)", document.read_text()):
            assert (document.parent / target).exists(), f"{document.name} links to {target}"
