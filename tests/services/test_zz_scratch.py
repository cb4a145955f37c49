from pathlib import Path
from tests.services.test_chain_svg import bundle
from provenance.services.chain_svg import relay_graph_svg, relay_graph_dot

def test_dump(seeded_url: str) -> None:
    for slug in ["truck-driver-fighter-jet", "truck-driver-took-everything", "pahon-confirms-deal", "us-respects"]:
        b = bundle(seeded_url, slug)
        Path(f"/tmp/viewer/{slug}.svg").write_text(relay_graph_svg(b))
        Path(f"/tmp/viewer/{slug}.png").write_bytes(relay_graph_dot(b).pipe(format="png"))
