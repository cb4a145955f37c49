"""`python -m provenance.bench`: the same commands as `provenance bench`."""

from provenance.bench.cli import bench

bench(prog_name="python -m provenance.bench")
