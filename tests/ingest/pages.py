"""Pages for the ingest tests: seed articles and the shared real articles in site chrome."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from provenance.ingest.synthetic import PageSpec, news_page

ROOT = Path(__file__).resolve().parents[2]
REAL_ARTICLES = ROOT.parent / "shared" / "real-articles" / "articles"


def seed_bodies() -> dict[str, str]:
    """The seed articles' texts by file stem."""
    return {
        p.stem: p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "seeds/articles").glob("*.txt"))
    }


def real_bodies(limit: int = 6) -> dict[str, str]:
    """Bodies of the shared real articles (the text after the three header lines)."""
    bodies: dict[str, str] = {}
    for path in sorted(REAL_ARTICLES.glob("*.txt"))[:limit]:
        text = path.read_text(encoding="utf-8")
        bodies[path.stem] = text.split("\n\n", 1)[1].removesuffix("\n")
    return bodies


def as_paragraphs(body: str) -> str:
    """A body with one blank line between paragraphs (the way a page's <p>s come back)."""
    lines = [" ".join(line.split()) for line in re.split(r"\n+", body)]
    return "\n\n".join(line for line in lines if line)


def page_of(
    stem: str,
    body: str,
    *,
    site_name: str | None = "Daily Example",
    host: str = "www.dailyexample.com",
    published: date | None = date(2024, 3, 4),
    author: str | None = "Jane Reporter",
    language: str = "en",
) -> tuple[PageSpec, bytes]:
    """A page holding ``body``, and its HTML bytes."""
    spec = PageSpec(
        body=as_paragraphs(body),
        title=f"Story {stem.replace('_', ' ')}",
        url=f"https://{host}/news/2024/03/04/{stem}",
        site_name=site_name,
        published=published,
        author=author,
        language=language,
        caption="CAPTION-MARKER the scene on Monday.",
        related=("RELATED-MARKER one", "RELATED-MARKER two"),
    )
    return spec, news_page(spec).encode()
