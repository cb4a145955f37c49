"""The SVG picture of a relay graph: speakers, outlets, articles, dates, change per hop."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sqlalchemy.ext.asyncio import AsyncSession

from provenance.services.chain_svg import relay_graph_dot, relay_graph_svg
from provenance.services.relay_bundle import RelayBundle, load_relay_bundle
from tests.services.chains_support import in_session, quotation_id


def bundle(url: str, slug: str) -> RelayBundle:
    async def work(session: AsyncSession) -> RelayBundle:
        return await load_relay_bundle(session, quotation_id=await quotation_id(session, slug))

    return in_session(url, work)


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_shows_speaker_outlet_articles_dates_and_the_insertion(seeded_url: str) -> None:
    shown = texts(relay_graph_svg(bundle(seeded_url, "truck-driver-took-everything")))
    assert "One of the truck drivers who" in shown  # the speaker, wrapped
    assert "(unnamed)" in shown
    assert "BBC · 2017-11-13" in shown
    assert "seed-000" in shown
    assert "unknown outlet · 2017-11-14" in shown
    assert "inserted · +1 d" in shown
    assert "+ “[Daesh]”" in shown  # the change itself, under the verdict


def test_rewording_is_drawn_in_its_own_colour(seeded_url: str) -> None:
    source = relay_graph_dot(bundle(seeded_url, "pahon-confirms-deal")).source
    edges = re.findall(r"\w+ -> \w+ \[.*?\]", source, re.S)
    reworded = [e for e in edges if "reworded" in e]
    identical = [e for e in edges if "identical" in e]
    assert len(reworded) == 1
    assert 'color="#c62828"' in reworded[0]
    assert "“secret deal between …” → “evacuation”" in reworded[0]
    assert len(identical) == 1
    assert 'color="#2e7d32"' in identical[0]
