"""How big a synthetic corpus is, and where its ids start."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CorpusPlan:
    """The shape of a synthetic corpus; the same plan and seed give the same rows."""

    quotations: int
    seed: int = 1
    #: Quotations generated (and copied) together; part of what the seed reproduces.
    batch_size: int = 10_000

    def __post_init__(self) -> None:
        if self.quotations < 1:
            raise ValueError(f"quotations must be at least 1, got {self.quotations}")
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")

    @property
    def outlets(self) -> int:
        """Thousands of outlets at a million quotations."""
        return max(10, self.quotations // 200)

    @property
    def speakers(self) -> int:
        """Tens of thousands of speakers at a million quotations."""
        return max(20, self.quotations // 40)

    @property
    def viral(self) -> int:
        """Quotations relayed hundreds of times along chains of depth six or more."""
        return max(2, self.quotations // 5_000)


@dataclass(frozen=True)
class IdBase:
    """The largest id already used in each table: generated rows take the ids after it."""

    outlet: int = 0
    speaker: int = 0
    alias: int = 0
    article: int = 0
    quotation: int = 0
    attribution: int = 0
    marker: int = 0
