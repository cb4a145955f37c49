"""The seed file (seeds/seeds.yaml): where the package ships it, and reading it.

A leaf module: the seed loader (services/seeds.py) and the extractor's evaluation
(extraction/evaluate.py) both read the file, and neither imports the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from provenance.errors import InvalidInputError
from provenance.resources import seeds_dir


def default_seed_file() -> Path:
    """seeds/seeds.yaml as the package ships it (found from any folder)."""
    return seeds_dir() / "seeds.yaml"


def read_seed_file(path: Path) -> dict[str, Any]:
    """Parse a seed file, refusing anything that is not the documented shape."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInputError(f"seed file {path} does not exist", field="file") from None
    except yaml.YAMLError as error:
        raise InvalidInputError(f"seed file {path} is not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise InvalidInputError(f"seed file {path} must be a mapping with outlets, speakers, ...")
    return data
