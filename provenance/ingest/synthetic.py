"""News pages in the shape real sites serve, and WARC archives of them (for the benchmark
and the tests): a header and navigation, a byline, a photo caption, a "related" box, a
footer, Open Graph and article: meta tags, a canonical link and JSON-LD around the body.
"""

from __future__ import annotations

import html
import io
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import IO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class PageSpec:
    """What a synthetic page says about itself."""

    body: str  # paragraphs separated by blank lines
    title: str
    url: str
    site_name: str | None = "Daily Example"
    published: date | None = None
    author: str | None = None
    language: str = "en"
    caption: str = "Photo: the scene on Monday morning. (Agency photo)"
    related: tuple[str, ...] = ("Markets close higher", "Weather warning for the weekend")


def news_page(spec: PageSpec) -> str:
    """The HTML of a news article page wrapped in typical site chrome."""
    esc = html.escape
    paragraphs = [p.strip() for p in spec.body.split("\n\n") if p.strip()]
    meta = [f'<meta property="og:title" content="{esc(spec.title)}">']
    ld: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": spec.title,
        "mainEntityOfPage": spec.url,
    }
    if spec.site_name:
        meta.append(f'<meta property="og:site_name" content="{esc(spec.site_name)}">')
        ld["publisher"] = {"@type": "Organization", "name": spec.site_name}
    if spec.published:
        stamp = f"{spec.published.isoformat()}T08:30:00+00:00"
        meta.append(f'<meta property="article:published_time" content="{stamp}">')
        ld["datePublished"] = stamp
    if spec.author:
        meta.append(f'<meta name="author" content="{esc(spec.author)}">')
        ld["author"] = {"@type": "Person", "name": spec.author}
    byline = ""
    if spec.author:
        byline = f'<p class="byline">By <a href="/authors/x">{esc(spec.author)}</a></p>'
    related = "".join(
        f'<li><a href="/news/{i}">{esc(t)}</a></li>' for i, t in enumerate(spec.related)
    )
    site = esc(spec.site_name or "News")
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{esc(spec.language)}">
<head>
<meta charset="utf-8">
<title>{esc(spec.title)} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
{chr(10).join(meta)}
<link rel="canonical" href="{esc(spec.url)}">
<script type="application/ld+json">{json.dumps(ld)}</script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><div class="logo"><a href="/">{site}</a></div>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
</header>
<main id="main"><article class="story">
<h1 class="headline">{esc(spec.title)}</h1>
{byline}
<figure class="lead-image"><img src="/img/lead.jpg" alt="">
<figcaption>{esc(spec.caption)}</figcaption></figure>
<div class="story-body">
{body}
</div>
<aside class="related-stories"><h2>Related stories</h2><ul>{related}</ul></aside>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article></main>
<footer class="site-footer"><p>&copy; {site}. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li>
<li><a href="/contact">Contact us</a></li></ul></footer>
</body>
</html>
"""


def write_warc(stream: IO[bytes], pages: Iterable[tuple[str, bytes]], *, gzip: bool) -> int:
    """Write one request and one 200 text/html response record per (url, html); the count.

    Lengths are given, so that warcio digests the payloads without buffering them in
    temporary files.
    """
    writer = WARCWriter(stream, gzip=gzip)
    count = 0
    for url, payload in pages:
        request = writer.create_warc_record(
            url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "example")], is_http_request=True
            ),
        )
        writer.write_record(request)
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=headers
        )
        writer.write_record(record)
        count += 1
    return count


_FIRST = ("Maria", "James", "Aisha", "Tomasz", "Lena", "Kwame", "Sofia", "Daniel", "Yuki", "Omar")
_LAST = ("Okafor", "Lindqvist", "Moreau", "Castillo", "Brennan", "Haddad", "Novak", "Tanaka")
_ROLES = (
    "the city's mayor",
    "a union leader",
    "the health minister",
    "the company's chief executive",
)
_TOPICS = (
    "the new bridge",
    "the rail strike",
    "water prices",
    "the school budget",
    "the harbour plan",
)
_VERBS = ("said", "told reporters", "told the Daily Example", "added")


def synthetic_article(number: int, *, rng: random.Random) -> PageSpec:
    """A made-up news story with direct and reported quotations, distinct per ``number``."""
    name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    other = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    topic = rng.choice(_TOPICS)
    role = rng.choice(_ROLES)
    paragraphs = [
        f"Officials met for the {number}th time on Tuesday to discuss {topic}, "
        f"after weeks of talks in the capital.",
        f"\u201cWe will not accept plan number {number} as it stands,\u201d {name}, "
        f"{role}, {rng.choice(_VERBS)}.",
        f"{other} said the council would publish its review of {topic} "
        f"within {number % 9 + 2} weeks.",
        f"\u201cPeople deserve answers about case {number},\u201d {other} told Reuters. "
        f"\u201cThey have waited long enough.\u201d",
        f"The talks are due to resume on Friday, when {name} is expected to present a new "
        f"proposal on {topic}.",
    ]
    day = date(2024, 1 + number % 12, 1 + number % 28)
    return PageSpec(
        body="\n\n".join(paragraphs),
        title=f"Talks on {topic} stall for the {number}th time",
        url=f"https://www.dailyexample.com/news/{day.isoformat()}/story-{number}",
        published=day,
        author=rng.choice(_FIRST) + " " + rng.choice(_LAST),
    )
