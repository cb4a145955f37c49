"""The SVG picture of a relay graph: speakers, outlets, articles, dates, change per hop."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.services.chain_svg import relay_graph_dot, relay_graph_svg
from provenance.services.relay_bundle import RelayBundle, load_relay_bundle
from tests.services.chains_support import in_session, quotation_id

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database


def bundle(url: str, slug: str) -> RelayBundle:
    async def work(session: AsyncSession) -> RelayBundle:
        return await load_relay_bundle(session, quotation_id=await quotation_id(session, slug))

    return in_session(url, work)


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_shows_speaker_outlet_articles_dates_and_the_insertion(seeded_url: str) -> None:
    shown = texts(relay_graph_svg(bundle(seeded_url, "truck-driver-took-everything")))
    assert "One of the truck drivers" in shown  # the speaker, wrapped
    assert "unnamed source, said it" in shown
    assert "BBC" in shown
    assert "13 Nov 2017 · first report, direct quote" in shown
    assert "cited as “reports by the BBC on Monday”" in shown  # not its slug
    assert "Outlet not stated" in shown  # never "unknown outlet"
    assert "article seed-000" in shown  # no headline or citation: the slug, said as such
    assert "words inserted in [brackets] · 1 day later" in shown
    assert "added “[Daesh]”" in shown  # the change itself, under the verdict
    # The whole quote, wrapped, not cut: every word of the printed text is in the picture.
    printed = " ".join(shown)
    assert "with weapons and ammunition,”" in printed
    assert "IS [Daesh] fighters" in printed


def test_svg_has_a_legend_of_every_colour_and_border(seeded_url: str) -> None:
    shown = texts(relay_graph_svg(bundle(seeded_url, "truck-driver-fighter-jet")))
    assert "Legend" in shown
    for words in ("same words", "words cut / words left out", "words inserted in [brackets]"):
        assert words in shown
    assert "translated" in shown
    assert "reworded" in shown
    assert "thick border: the first appearance" in shown
    assert "dashed border: known only because a later article cites it" in shown


def test_rewording_is_drawn_in_its_own_colour(seeded_url: str) -> None:
    source = relay_graph_dot(bundle(seeded_url, "pahon-confirms-deal")).source
    edges = re.findall(r"\w+ -> \w+ \[.*?\]", source, re.S)
    reworded = [e for e in edges if "reworded" in e]
    identical = [e for e in edges if "same words" in e]
    assert len(reworded) == 1
    assert 'color="#c62828"' in reworded[0]
    assert "“secret deal between the …” → “evacuation”" in reworded[0]
    assert len(identical) == 1
    assert 'color="#2e7d32"' in identical[0]


def test_markup_in_the_data_cannot_break_the_picture() -> None:
    from provenance.services.chain_svg import _lines

    assert _lines('a <b> & "c"', 40, 1) == "a &lt;b&gt; &amp; &quot;c&quot;"
