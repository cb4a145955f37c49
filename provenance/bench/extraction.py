"""Extraction throughput: articles per second over the seed texts, repeated."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from provenance.extraction.evaluate import load_gold
from provenance.extraction.extractor import extract


@dataclass(frozen=True)
class Throughput:
    """How fast the extractor ran."""

    articles: int
    characters: int
    candidates: int
    seconds: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def characters_per_second(self) -> float:
        return self.characters / self.seconds if self.seconds else 0.0


def measure(*, repeat: int = 50, path: Path | None = None) -> Throughput:
    """Extract from every annotated seed article ``repeat`` times and time it."""
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    bodies = list(load_gold(path)[0].values())
    candidates = 0
    started = time.perf_counter()
    for _ in range(repeat):
        for body in bodies:
            candidates += len(extract(body))
    seconds = time.perf_counter() - started
    return Throughput(
        articles=repeat * len(bodies),
        characters=repeat * sum(len(b) for b in bodies),
        candidates=candidates,
        seconds=seconds,
    )


def format_throughput(result: Throughput) -> str:
    """One line per number."""
    return "\n".join(
        [
            f"articles             {result.articles}",
            f"candidates           {result.candidates}",
            f"seconds              {result.seconds:.3f}",
            f"articles per second  {result.articles_per_second:.1f}",
            f"characters per second {result.characters_per_second:,.0f}",
        ]
    )


def main() -> None:
    """Print the throughput over 50 passes of the seed articles."""
    print(format_throughput(measure()))


if __name__ == "__main__":
    main()
