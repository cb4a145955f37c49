"""Node.js tools the tests run, installed from their lock file (npm ci) the first time."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def installed(folder: Path, package: str) -> Path:
    """``folder`` with its locked node_modules (``package`` among them) installed."""
    npm = shutil.which("npm")
    assert npm, f"{folder.name} needs Node.js and npm (apt-get install npm)"
    if not (folder / "node_modules" / package).exists():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=folder, check=True, capture_output=True
        )
    return folder
