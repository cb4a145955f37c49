"""Files the package ships besides its modules: the Alembic migrations and the seed articles.

They live at the top of the source tree (``migrations/``, ``seeds/``) and the package reaches
them through the symlinks ``provenance/migrations`` and ``provenance/seeds``; a built wheel
holds real copies there (package data), so an installed package finds them the same way,
from any folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _packaged(name: str) -> Path:
    folder = Path(str(resources.files("provenance").joinpath(name)))
    if not folder.is_dir():
        raise SystemExit(
            f"the provenance package has no {name}/ folder ({folder}): reinstall it from a "
            "wheel or a source checkout"
        )
    return folder


def migrations_dir() -> Path:
    """The Alembic script folder (env.py and versions/)."""
    return _packaged("migrations")


def seeds_dir() -> Path:
    """The seed articles and their annotations (seeds.yaml and articles/)."""
    return _packaged("seeds")
