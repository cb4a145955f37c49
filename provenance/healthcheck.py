"""`python -m provenance.healthcheck`: exit 0 when the API on this host answers /healthz.

For container health checks: it asks the port the API was configured with
(PROVENANCE_PORT), so a changed port needs no changed check. Standard library only.
"""

from __future__ import annotations

import sys
import urllib.request

from provenance.config import Settings


def check(*, timeout: float = 3.0) -> int:
    """0 if http://127.0.0.1:PORT/healthz answers 200, else 1 (with the reason on stderr)."""
    port = Settings.from_env().port
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=timeout) as r:
            return 0 if r.status == 200 else 1
    except OSError as error:
        print(f"provenance API on port {port} is not healthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(check())
