"""Node.js tools the tests run, installed from their lock file (npm ci) the first time."""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path


def installed(folder: Path, package: str) -> Path:
    """``folder`` with its locked node_modules (``package`` among them) installed.

    One process installs at a time (a file lock per folder): pytest-xdist's workers may
    ask for the same folder at once, and ``npm ci`` first deletes node_modules.
    """
    npm = shutil.which("npm")
    assert npm, f"{folder.name} needs Node.js and npm (apt-get install npm)"
    key = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    lock_path = Path(tempfile.gettempdir()) / f"provenance-npm-ci-{key}.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "node_modules" / package).exists():
            subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund"], cwd=folder, check=True, capture_output=True
            )
    return folder
