"""Run the benchmarks: `python bench/run.py --database-url URL` (same as `provenance bench run`).

See docs/performance.md for the whole procedure (cluster, corpus, PostGraphile).
"""

from provenance.bench.cli import run

if __name__ == "__main__":
    run()
