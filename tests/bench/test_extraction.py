import pytest

from provenance.bench.extraction import format_throughput, measure


def test_measure_counts_what_it_ran() -> None:
    result = measure(repeat=2)
    assert result.articles == 4
    assert result.candidates == 2 * 29
    assert result.articles_per_second > 0
    assert "articles per second" in format_throughput(result)


def test_repeat_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        measure(repeat=0)
