"""The harness end to end on a small corpus: the API and every floor statement answer alike."""

from __future__ import annotations

from pathlib import Path

from provenance.bench.harness import RunConfig, run_sync
from provenance.bench.load import load_corpus
from provenance.bench.plan import CorpusPlan
from provenance.bench.report import table

ROOT = Path(__file__).resolve().parents[2]


def test_every_case_answers_without_errors_and_agrees_with_its_floor(empty_url: str) -> None:
    load_corpus(empty_url, CorpusPlan(quotations=120, seed=4), vacuum=False)
    config = RunConfig(
        database_url=empty_url,
        root=ROOT,
        concurrency=2,
        requests=6,
        time_limit=20,
        samples=6,
        warmup=0,
        statement_samples=3,
        postgraphile=False,
    )
    report = run_sync(config)
    assert report["database"]["quotations"] == 120
    for name, case in report["cases"].items():
        for target in ("api", "floor"):
            assert case["measured"][target]["errors"] == 0, (name, target, case["measured"])
            assert case["measured"][target]["requests"] > 0
        assert case["statements_per_request"]["mean"] >= 1
        assert case["same_data"] is not False, (name, case["item_counts"])
    assert "AttributionChain" in table(report)
