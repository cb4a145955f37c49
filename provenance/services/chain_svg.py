"""A quotation's relay graph as an SVG picture (Graphviz ``dot``).

The speaker on the left, then each appearance (article, outlet, date, how it was put), with
each hop's arrow labelled by the kind of change and the lag in days.
"""

from __future__ import annotations

import shutil
import textwrap

import graphviz  # type: ignore[import-untyped]  # no stubs published

from provenance.services.errors import ProvenanceError
from provenance.services.fidelity import Change, ChangeKind
from provenance.services.relay_bundle import RelayBundle
from provenance.services.relay_graph import RelayNode

_VERDICT_COLOURS = {
    "identical": "#2e7d32",
    "truncated": "#f9a825",
    "elided": "#f9a825",
    "inserted": "#ef6c00",
    "translated": "#1565c0",
    "reworded": "#c62828",
}


class GraphvizMissingError(ProvenanceError):
    """The Graphviz ``dot`` program is not installed."""

    code = "GRAPHVIZ_MISSING"


def _short(text: str | None, width: int = 48) -> str:
    if text is None:
        return "(wording not archived)"
    return textwrap.shorten(text, width=width, placeholder=" …")


def _change_label(change: Change) -> str:
    before = f"“{_short(change.upstream_text, 24)}”" if change.upstream_text else ""
    after = f"“{_short(change.text, 24)}”" if change.text else ""
    if change.kind is ChangeKind.INSERT:
        return f"+ {after}"
    if change.kind is ChangeKind.DELETE:
        return f"- {before}"
    return f"{before} → {after}"


def _node_label(node: RelayNode, speaker: str) -> str:
    where = node.outlet_name or "unknown outlet"
    when = node.published_on.isoformat() if node.published_on else "undated"
    said_by = f"{speaker} (as “{node.speaker_label}”)" if node.speaker_label else speaker
    lines = [
        node.article_slug,
        f"{where} · {when}",
        f"{node.kind}: “{_short(node.text)}”",
        f"said by {_short(said_by, 44)}",
    ]
    if node.anchor_status == "orphaned":
        lines.append("ORPHANED: words gone from the revised text")
    return "\n".join(lines)


def relay_graph_dot(bundle: RelayBundle) -> graphviz.Digraph:
    """The Graphviz description of one quotation's relay graph."""
    dot = graphviz.Digraph(
        name=bundle.quotation.slug,
        graph_attr={
            "rankdir": "LR",
            "label": _short(bundle.quotation.text, 80),
            "labelloc": "t",
            "fontname": "Helvetica",
        },
        node_attr={"fontname": "Helvetica", "fontsize": "10"},
        edge_attr={"fontname": "Helvetica", "fontsize": "9"},
    )
    speaker = bundle.speaker
    dot.node(
        "speaker",
        f"{textwrap.fill(speaker.name, 28)}\n({speaker.kind})",
        shape="ellipse",
        style="filled",
        fillcolor="#eeeeee",
    )
    first = bundle.graph.first_appearance_id
    for node in bundle.graph.nodes:
        dot.node(
            f"a{node.attribution_id}",
            _node_label(node, bundle.speakers[node.speaker_id].name),
            shape="box",
            style="dashed" if node.anchor_status == "orphaned" or node.citation_only else "solid",
            penwidth="2" if node.attribution_id == first else "1",
        )
        fidelity = bundle.fidelity.get(node.attribution_id)
        verdict = fidelity.comparison.verdict.value if fidelity else None
        parts = [verdict] if verdict else []
        if node.lag_days is not None:
            parts.append(f"+{node.lag_days} d")
        colour = _VERDICT_COLOURS.get(verdict or "", "#555555")
        source = f"a{node.upstream_id}" if node.upstream_id is not None else "speaker"
        label = " · ".join(parts) if parts else ("said" if source == "speaker" else "")
        if fidelity:
            label = "\n".join([label, *map(_change_label, fidelity.comparison.changes[:2])])
        dot.edge(source, f"a{node.attribution_id}", label=label, color=colour, fontcolor=colour)
    return dot


def relay_graph_svg(bundle: RelayBundle) -> str:
    """Render the relay graph to SVG text."""
    if shutil.which("dot") is None:
        raise GraphvizMissingError(
            "drawing needs the Graphviz 'dot' program, which is not installed",
            hint="install it with your package manager, e.g. apt-get install graphviz",
        )
    return str(relay_graph_dot(bundle).pipe(format="svg", encoding="utf-8"))
