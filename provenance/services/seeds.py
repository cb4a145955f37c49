"""Load hand-annotated articles (seeds/seeds.yaml) through the write path."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError
from provenance.models import AliasKind, AttributionKind, MarkerKind, SpeakerKind
from provenance.seed_file import read_seed_file
from provenance.services import records


@dataclass(frozen=True)
class SeedSummary:
    """What a seed file holds (a second load changes nothing)."""

    outlets: int
    speakers: int
    quotations: int
    articles: int
    attributions: int


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


async def load_seeds(session: AsyncSession, *, path: Path) -> SeedSummary:
    """Record everything in the seed file at ``path``; the caller commits."""
    data = read_seed_file(path)
    outlets = {}
    for item in data.get("outlets", []):
        outlets[item["slug"]] = await records.upsert_outlet(
            session, slug=item["slug"], name=item["name"], website=item.get("website")
        )
    speakers = {}
    for item in data.get("speakers", []):
        outlet_slug = item.get("outlet")
        speakers[item["slug"]] = await records.upsert_speaker(
            session,
            slug=item["slug"],
            name=item["name"],
            kind=SpeakerKind(item["kind"]),
            description=item.get("description"),
            outlet_id=outlets[outlet_slug].id if outlet_slug else None,
            aliases=[(a["alias"], AliasKind(a["kind"])) for a in item.get("aliases", [])],
        )
    quotations = {}
    for item in data.get("quotations", []):
        quotations[item["slug"]] = await records.upsert_quotation(
            session,
            slug=item["slug"],
            speaker_id=speakers[item["speaker"]].id,
            text=item["text"],
            language=item.get("language"),
        )
    # Upstream appearances are looked up by (article slug, quotation slug); articles are
    # listed upstream first, so one pass in file order suffices.
    appearances: dict[tuple[str, str], int] = {}
    attribution_count = 0
    for item in data.get("articles", []):
        body = None
        if "body_file" in item:
            body = (path.parent / item["body_file"]).read_text(encoding="utf-8")
        outlet_slug = item.get("outlet")
        article = await records.upsert_article(
            session,
            slug=item["slug"],
            outlet_id=outlets[outlet_slug].id if outlet_slug else None,
            url=item.get("url"),
            title=item.get("title"),
            published_on=_date(item.get("published_on")),
            language=item.get("language", "en"),
            body=body,
            cited_as=item.get("cited_as"),
        )
        for entry in item.get("attributions", []):
            quotation = quotations[entry["quotation"]]
            upstream = entry.get("upstream")
            if upstream is not None and (upstream, entry["quotation"]) not in appearances:
                raise InvalidInputError(
                    f"{item['slug']}: upstream {upstream!r} has no appearance of "
                    f"{entry['quotation']!r} listed before it",
                    field="upstream",
                )
            speaker_slug = entry.get("speaker")
            attribution = await records.record_attribution(
                session,
                article=article,
                quotation=quotation,
                kind=AttributionKind(entry["kind"]),
                text=entry.get("text"),
                start=entry.get("start"),
                speaker_id=speakers[speaker_slug].id if speaker_slug else None,
                speaker_label=entry.get("speaker_label"),
                cue=entry.get("cue"),
                upstream_id=appearances[(upstream, entry["quotation"])] if upstream else None,
                markers=[
                    records.MarkerInput(
                        kind=MarkerKind(m["kind"]),
                        text=m.get("text"),
                        position=m.get("position"),
                        note=m.get("note"),
                    )
                    for m in entry.get("markers", [])
                ],
            )
            appearances[(item["slug"], entry["quotation"])] = attribution.id
            attribution_count += 1
    return SeedSummary(
        outlets=len(outlets),
        speakers=len(speakers),
        quotations=len(quotations),
        articles=len(data.get("articles", [])),
        attributions=attribution_count,
    )
