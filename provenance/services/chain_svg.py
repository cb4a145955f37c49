"""A quotation's relay graph as an SVG picture (Graphviz ``dot``), readable without help.

The speaker on the left, then each appearance: the outlet's name (or "outlet not stated"),
the article's headline or citation, its date, how it put the words and the words themselves.
Each hop's arrow is coloured by what happened to the words and says how many days later it
came; a legend explains the colours and borders.
"""

from __future__ import annotations

import shutil
import textwrap
from datetime import date

import graphviz  # type: ignore[import-untyped]  # no stubs published

from provenance.errors import ProvenanceError
from provenance.services.fidelity import Change, ChangeKind
from provenance.services.relay_bundle import RelayBundle
from provenance.services.relay_graph import RelayNode

#: What happened to the words on a hop: (colour, words for a reader), in the legend's order.
VERDICTS: dict[str, tuple[str, str]] = {
    "identical": ("#2e7d32", "same words"),
    "truncated": ("#b26a00", "words cut"),
    "elided": ("#b26a00", "words left out"),
    "inserted": ("#e65100", "words inserted in [brackets]"),
    "translated": ("#1565c0", "translated"),
    "reworded": ("#c62828", "reworded"),
}
_NEUTRAL = "#555555"
KINDS = {"direct": "direct quote", "partial": "partial quote", "indirect": "reported speech"}
SPEAKER_KINDS = {
    "person": "person",
    "organisation": "organisation",
    "outlet": "news outlet",
    "unnamed": "unnamed source",
}
NO_OUTLET = "Outlet not stated"
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_FONT = "Helvetica"


class GraphvizMissingError(ProvenanceError):
    """The Graphviz ``dot`` program is not installed."""

    code = "GRAPHVIZ_MISSING"


def day(value: date | None) -> str:
    """A date as a reader writes it (13 Nov 2017), or that none is known."""
    if value is None:
        return "date not stated"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def lag(days: int | None) -> str | None:
    """Days between a hop and its source in words; None when a date is missing."""
    if days is None:
        return None
    if days == 0:
        return "same day"
    if days < 0:
        return f"{-days} day{'s' if days < -1 else ''} earlier (dates disagree)"
    return f"{days} day{'s' if days > 1 else ''} later"


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _lines(text: str, width: int, max_lines: int) -> str:
    """Wrapped to ``width`` characters, at most ``max_lines`` lines (then shortened), HTML."""
    shortened = textwrap.shorten(text, width=width * max_lines, placeholder=" …")
    return "<BR ALIGN='LEFT'/>".join(_escape(line) for line in textwrap.wrap(shortened, width))


def _html(rows: list[str]) -> str:
    return "<" + "<BR ALIGN='LEFT'/>".join(rows) + "<BR ALIGN='LEFT'/>>"


def _quoted(text: str, width: int = 36) -> str:
    return textwrap.shorten(f"“{text}”", width=width, placeholder=" …”")


def _change_label(change: Change) -> str:
    before = _quoted(change.upstream_text, 28) if change.upstream_text else ""
    after = _quoted(change.text, 28) if change.text else ""
    if change.kind is ChangeKind.INSERT:
        return f"added {after}"
    if change.kind is ChangeKind.DELETE:
        return f"cut {before}"
    return f"{before} → {after}"


def _node_label(bundle: RelayBundle, node: RelayNode, first: bool) -> str:
    article = bundle.articles.get(node.article_id)
    outlet = node.outlet_name or NO_OUTLET
    if article is not None and article.title:
        name = article.title
    elif node.citation_only and article is not None and article.cited_as:
        name = f"cited as “{article.cited_as}”"
    else:
        name = f"article {node.article_slug}"
    kind = KINDS.get(node.kind, node.kind)
    role = f"first report, {kind}" if first else kind
    # One font run per line: a browser's fonts differ from dot's, so runs side by side drift.
    rows = [
        f"<B>{_escape(outlet)}</B>",
        _escape(f"{day(node.published_on)} · {role}"),
        _lines(name, 44, 2),
    ]
    if node.text:
        rows.append(_lines(f"“{node.text}”", 44, 4))
    else:
        rows.append("<I>wording not archived</I>")
    speaker = bundle.speakers[node.speaker_id].name
    if node.speaker_label:
        rows.append(_lines(f"names the speaker “{node.speaker_label}”", 44, 2))
    elif node.speaker_id != bundle.quotation.speaker_id:
        rows.append(_lines(f"names the speaker {speaker}", 44, 2))
    if node.anchor_status == "orphaned":
        rows.append("<B>the words are gone from the revised article</B>")
    return _html(rows)


def _legend() -> str:
    """A key to the colours and borders, two columns wide, as a Graphviz HTML table."""
    entries: list[tuple[str, str]] = []
    for colour, _words in VERDICTS.values():
        same = [w for c, w in VERDICTS.values() if c == colour]
        if colour not in [c for c, _ in entries]:
            entries.append((colour, " / ".join(same)))
    swatches = [
        f"<TD BGCOLOR='{colour}' WIDTH='28' HEIGHT='6' FIXEDSIZE='TRUE'></TD>"
        f"<TD ALIGN='LEFT'><FONT COLOR='{colour}'>{_escape(words)}</FONT></TD>"
        for colour, words in entries
    ]
    sample = "COLOR='black' WIDTH='28' HEIGHT='14'> </TD><TD ALIGN='LEFT'>"
    swatches += [
        f"<TD BORDER='3' {sample}thick border: the first appearance</TD>",
        f"<TD BORDER='1' STYLE='dashed' {sample}dashed border: known only because a later "
        "article cites it</TD>",
    ]
    half = (len(swatches) + 1) // 2
    rows = [
        "<TR><TD COLSPAN='4' ALIGN='LEFT'><B>Legend</B></TD></TR>",
        "<TR><TD COLSPAN='4' ALIGN='LEFT'>Each arrow: the words were taken from the box it "
        "leaves; its colour says what happened to them.</TD></TR>",
    ]
    for left, right in zip(swatches[:half], [*swatches[half:], "<TD></TD><TD></TD>"], strict=False):
        rows.append(f"<TR>{left}{right}</TR>")
    return (
        "<<TABLE BORDER='1' COLOR='#999999' STYLE='rounded' CELLBORDER='0' CELLSPACING='5' "
        "CELLPADDING='2'>" + "".join(rows) + "</TABLE>>"
    )


def relay_graph_dot(bundle: RelayBundle) -> graphviz.Digraph:
    """The Graphviz description of one quotation's relay graph."""
    said_by = f"“{bundle.quotation.text}” (said by {bundle.speaker.name})"
    title = _lines(said_by, 90, 3)
    dot = graphviz.Digraph(
        name=bundle.quotation.slug,
        graph_attr={
            "rankdir": "LR",
            "label": _legend(),  # at the bottom; the quotation heads the cluster
            "labelloc": "b",
            "labeljust": "l",
            "fontname": _FONT,
            "fontsize": "10",
            "nodesep": "0.3",
            "ranksep": "0.5",
            "pad": "0.2",
        },
        node_attr={"fontname": _FONT, "fontsize": "11", "margin": "0.15,0.08"},
        edge_attr={"fontname": _FONT, "fontsize": "10"},
    )
    with dot.subgraph(name="cluster_quotation") as graph:
        graph.attr(
            label=f"<<B>{title}</B>>", labelloc="t", labeljust="l", fontsize="14", peripheries="0"
        )
        _draw(bundle, graph)
    return dot


def _draw(bundle: RelayBundle, dot: graphviz.Digraph) -> None:
    """The speaker, each appearance, and each hop's arrow."""
    speaker = bundle.speaker
    kind = SPEAKER_KINDS.get(speaker.kind, speaker.kind)
    dot.node(
        "speaker",
        _html([f"<B>{_lines(speaker.name, 26, 4)}</B>", _escape(f"{kind}, said it")]),
        shape="box",
        style="rounded,filled",
        fillcolor="#eeeeee",
    )
    first = bundle.graph.first_appearance_id
    for node in bundle.graph.nodes:
        is_first = node.attribution_id == first
        dashed = node.anchor_status == "orphaned" or node.citation_only
        dot.node(
            f"a{node.attribution_id}",
            _node_label(bundle, node, is_first),
            shape="box",
            style="dashed" if dashed else "solid",
            penwidth="3" if is_first else "1",
        )
        fidelity = bundle.fidelity.get(node.attribution_id)
        verdict = fidelity.comparison.verdict.value if fidelity else None
        source = f"a{node.upstream_id}" if node.upstream_id is not None else "speaker"
        colour, words = VERDICTS.get(verdict or "", (_NEUTRAL, ""))
        parts = [words] if words else []
        if source == "speaker" and not parts:
            parts.append("reported")
        when = lag(node.lag_days)
        if when:
            parts.append(when)
        lines = [" · ".join(parts)]
        if fidelity:
            lines += [_change_label(c) for c in fidelity.comparison.changes[:3]]
            if len(fidelity.comparison.changes) > 3:
                lines.append(f"and {len(fidelity.comparison.changes) - 3} more changes")
        dot.edge(
            source,
            f"a{node.attribution_id}",
            label="\n".join(lines),
            color=colour,
            fontcolor=colour,
            penwidth="2",
        )


def relay_graph_svg(bundle: RelayBundle) -> str:
    """Render the relay graph to SVG text."""
    if shutil.which("dot") is None:
        raise GraphvizMissingError(
            "drawing needs the Graphviz 'dot' program, which is not installed",
            hint="install it with your package manager, e.g. apt-get install graphviz",
        )
    return str(relay_graph_dot(bundle).pipe(format="svg", encoding="utf-8"))
