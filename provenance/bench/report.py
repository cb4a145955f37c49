"""The benchmark report as a plain-text table."""

from __future__ import annotations

from typing import Any

COLUMNS = ("p50_ms", "p95_ms", "p99_ms", "throughput_rps", "requests", "errors")


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


def table(report: dict[str, Any]) -> str:
    """One line per case and target, then the ratios the targets are judged by."""
    database = report["database"]
    lines = [
        f"database: {database['quotations']:,} quotations, {database['attributions']:,} "
        f"attributions, {database['bytes'] / 2**30:.1f} GiB; "
        f"concurrency {report['config']['concurrency']}, "
        f"processes per server {report['config'].get('workers', 1)}",
        "",
        f"{'case':<20} {'target':<13} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'req/s':>8} {'n':>5} {'err':>4} {'stmts':>6}",
    ]
    for name, case in report["cases"].items():
        for target, numbers in case["measured"].items():
            statements = case["statements_per_request"].get("mean") if target == "api" else None
            lines.append(
                f"{name:<20} {target:<13} "
                + " ".join(f"{_cell(numbers.get(c)):>8}" for c in COLUMNS[:4])
                + f" {_cell(numbers.get('requests')):>5} {_cell(numbers.get('errors')):>4}"
                + f" {_cell(statements):>6}"
            )
    lines += [
        "",
        f"{'case':<20} {'api/floor p95':>14} {'api/pg p95':>11} {'api/pg rps':>11} same data",
    ]
    for name, case in report["cases"].items():
        lines.append(
            f"{name:<20} {_cell(case['api_p95_over_floor_p95']):>14} "
            f"{_cell(case['api_p95_over_postgraphile_p95']):>11} "
            f"{_cell(case['api_rps_over_postgraphile_rps']):>11} {_cell(case['same_data'])}"
        )
    for name, reason in report.get("skipped", {}).items():
        lines.append(f"skipped {name}: {reason}")
    errors = [
        f"{name} {target}: {numbers['first_error']}"
        for name, case in report["cases"].items()
        for target, numbers in case["measured"].items()
        if numbers.get("first_error")
    ]
    return "\n".join(lines + [f"first error of {e}" for e in errors])
