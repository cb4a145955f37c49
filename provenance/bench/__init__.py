"""Performance tooling: a synthetic corpus at scale, and the benchmark harness behind it."""
