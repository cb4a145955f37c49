"""The README and docs cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

import click

from provenance import config
from provenance.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line]
    assert commands == ["make run", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_the_readme_configuration_table_is_the_generated_one() -> None:
    assert config.markdown_table() in README, "run `python -m provenance.config` into README.md"


READS_VARIABLE = r'(?:environ\.get\(|environ\[|getenv\()"((?:DATABASE_URL|PROVENANCE_)[A-Z_]*)"'


def test_every_environment_variable_the_code_reads_is_declared() -> None:
    declared = set(config.environment_names())
    read: set[str] = set()
    sources = sorted((ROOT / "provenance").rglob("*.py"))
    for source in [path for path in sources if path.name != "config.py"]:
        for variable in re.findall(READS_VARIABLE, source.read_text()):
            assert variable in declared, f"{source.name} reads {variable}: declare it in config.py"
            read.add(variable)
    assert "DATABASE_URL" in read  # the pattern finds what it looks for


def test_every_command_is_documented() -> None:
    for name in main.list_commands(click.Context(main)):
        assert f"`provenance {name}" in README, f"`provenance {name}` is missing from README"


def test_documents_link_to_existing_files() -> None:
    for document in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)\)", document.read_text()):
            assert (document.parent / target).exists(), f"{document.name} links to {target}"


def _where_things_live() -> str:
    section = README.split("## Where things live", 1)[1]
    return section.split("```")[1]


def test_where_things_live_names_paths_that_exist_and_every_package() -> None:
    block = _where_things_live()
    named = [line.split()[0] for line in block.splitlines() if line and not line[0].isspace()]
    for path in named:
        assert list(ROOT.glob(path)), f"README's 'Where things live' names {path}: no such path"
    packages = {
        f"provenance/{init.parent.name}/" for init in (ROOT / "provenance").glob("*/__init__.py")
    }
    missing = packages - set(named)
    assert not missing, f"README's 'Where things live' lacks {sorted(missing)}"
    for module in re.findall(r"\b([a-z_]+\.py)\b", block):
        found = list((ROOT / "provenance").rglob(module)) + list(ROOT.glob(f"*/{module}"))
        assert found, f"README's 'Where things live' names {module}: no such module"
