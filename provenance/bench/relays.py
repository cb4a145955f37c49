"""Quotations, their relay trees, and the articles that carry them, one batch at a time.

Most quotations appear once; the rest are relayed a heavy-tailed number of times, and a
few "viral" ones hundreds of times along chains six hops deep or more. Each relay takes
its upstream among the earlier appearances of the same quotation, published the same day
or later, so upstream ids are always smaller than their relays' ids (no cycle can form).
Appearances of one day are packed into articles whose bodies are written around them, so
every span matches its article body exactly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from provenance.bench.cast import Cast
from provenance.bench.names import COMMON_WORDS, title, word
from provenance.bench.plan import CorpusPlan, IdBase
from provenance.bench.tsv import row

VOCABULARY = [*COMMON_WORDS, *(word(n) for n in range(20_000))]
VOCABULARY_CUM = list(accumulate(1.0 / (rank + 2) for rank in range(len(VOCABULARY))))
FIRST_DAY = date(2015, 1, 1).toordinal()
DAYS = 3 * 365
DAY_GAPS = (0, 0, 0, 1, 1, 2, 3, 7)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FILLERS = (
    "Officials gave no further details.",
    "The statement came after days of talks.",
    "Fighting continued in the region overnight.",
    "Reporters were not allowed into the area.",
    "The claim could not be independently verified.",
)


@dataclass
class Counters:
    """The last id used per table, carried from batch to batch."""

    article: int
    attribution: int
    marker: int

    @classmethod
    def after(cls, base: IdBase) -> Counters:
        return cls(article=base.article, attribution=base.attribution, marker=base.marker)


@dataclass
class Batch:
    """COPY rows of one batch, in dependency order, and what they count."""

    quotations: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    attributions: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)


@dataclass
class _Appearance:
    id: int
    quotation_id: int
    quotation: int  # index into the batch's quotation lists
    upstream: int | None
    day: int
    kind: str
    text: str | None
    cited: bool  # in a citation-only article: no text, no span
    marker: tuple[str, str, int] | None = None  # (kind, text, position)
    article: int = 0
    outlet: int = 0


def relay_count(rng: random.Random) -> int:
    """How many articles carry one ordinary quotation: 1 for most, a Pareto tail for the rest."""
    if rng.random() < 0.55:
        return 1
    return min(400, int(2.0 / (1.0 - rng.random()) ** (1 / 1.05)))


def _relay_tree(rng: random.Random, count: int, viral: bool) -> list[int]:
    """parent index of each node (-1 for the first report); parents precede children."""
    parents = [-1]
    for k in range(1, count):
        if (viral and k < 8) or rng.random() < 0.35:
            parents.append(k - 1)  # the story travels on: chains get deep
        else:
            parents.append(rng.randrange(k))
    return parents


def _wording(
    rng: random.Random, words: list[str], text: str, root: bool
) -> tuple[str, str, tuple[str, str, int] | None]:
    """(kind, text as printed, marker) of one appearance."""
    draw = rng.random()
    if draw < (0.7 if root else 0.6):
        if not root and rng.random() < 0.05 and len(words) > 3:
            cut = rng.randrange(1, len(words) - 1)
            head = " ".join(words[:cut])
            insertion = f"[{word(rng.randrange(5_000))}]"
            printed = title(f"{head} {insertion} {' '.join(words[cut:])}.")
            return "direct", printed, ("insertion", insertion, len(head) + 1)
        return "direct", text, None
    if draw < 0.85 and len(words) > 4:
        start = rng.randrange(0, len(words) - 3)
        end = rng.randrange(start + 2, len(words) + 1)
        if end - start > 4 and rng.random() < 0.2:
            left = " ".join(words[start : start + 2])
            return (
                "partial",
                f"{left} … {' '.join(words[end - 2 : end])}",
                ("elision", "…", len(left) + 1),
            )
        return "partial", " ".join(words[start:end]), None
    return "indirect", text[0].lower() + text[1:], None


def make_batch(
    plan: CorpusPlan,
    base: IdBase,
    cast: Cast,
    counters: Counters,
    rng: random.Random,
    first: int,
    last: int,
) -> Batch:
    """Rows for quotations number ``first`` to ``last - 1`` of the plan."""
    batch = Batch()
    viral_every = max(1, plan.quotations // plan.viral)
    speakers: list[int] = []
    appearances: list[_Appearance] = []
    citations: list[_Appearance] = []
    for n in range(first, last):
        quotation_id = base.quotation + n + 1
        speaker = rng.choices(range(len(cast.speaker_ids)), cum_weights=cast.speaker_cum)[0]
        words = rng.choices(VOCABULARY, cum_weights=VOCABULARY_CUM, k=rng.randint(6, 20))
        text = title(" ".join(words)) + "."
        slug = "-".join(words[:4]) + f"-{quotation_id}"
        batch.quotations.append(row(quotation_id, slug, cast.speaker_ids[speaker], text, "en"))
        local = len(speakers)
        speakers.append(speaker)
        viral = n % viral_every == 0 and n // viral_every < plan.viral
        count = rng.randint(200, 800) if viral else relay_count(rng)
        cited_root = count > 1 and rng.random() < 0.1
        start_id = counters.attribution + 1
        counters.attribution += count
        days: list[int] = []
        for k, parent in enumerate(_relay_tree(rng, count, viral)):
            if parent < 0:
                day = FIRST_DAY + rng.randrange(DAYS)
            else:
                day = days[parent] + rng.choice(DAY_GAPS)
            days.append(day)
            upstream = None if parent < 0 else start_id + parent
            if k == 0 and cited_root:
                citations.append(
                    _Appearance(start_id, quotation_id, local, None, day, "indirect", None, True)
                )
                continue
            kind, printed, marker = _wording(rng, words, text, root=parent < 0)
            appearances.append(
                _Appearance(
                    start_id + k, quotation_id, local, upstream, day, kind, printed, False, marker
                )
            )
    _pack(cast, counters, rng, appearances, citations, batch)
    _write(cast, counters, rng, speakers, appearances, citations, batch)
    return batch


def _pack(
    cast: Cast,
    counters: Counters,
    rng: random.Random,
    appearances: list[_Appearance],
    citations: list[_Appearance],
    batch: Batch,
) -> None:
    """Give every appearance an article: same-day appearances share one, up to nine each."""
    outlets = range(len(cast.outlet_ids))
    for citation in citations:
        counters.article += 1
        citation.article = counters.article
        citation.outlet = rng.choices(outlets, cum_weights=cast.outlet_cum)[0]
        published = date.fromordinal(citation.day)
        cited_as = (
            f"reports by {cast.outlet_names[citation.outlet]} on {WEEKDAYS[published.weekday()]}"
        )
        stem = cast.outlet_words[citation.outlet]
        batch.articles.append(
            row(
                counters.article,
                f"{stem}-cited-{counters.article}",
                cast.outlet_ids[citation.outlet],
                None,
                None,
                published.isoformat(),
                "en",
                None,
                cited_as,
            )
        )
    # A multiplicative hash shuffles each day's appearances without another random draw.
    appearances.sort(key=lambda a: (a.day, (a.id * 2654435761) & 0xFFFFFFFF))
    size = 0
    day = -1
    present: set[int] = set()
    for appearance in appearances:
        if appearance.day != day or appearance.quotation in present or len(present) >= size:
            counters.article += 1
            day = appearance.day
            present = set()
            size = rng.randint(1, 9)
            outlet = rng.choices(outlets, cum_weights=cast.outlet_cum)[0]
        present.add(appearance.quotation)
        appearance.article = counters.article
        appearance.outlet = outlet


def _opener(cue: str, label: str, credited: str) -> str:
    """The words before the quoted text, for a cue naming ``credited`` (an outlet)."""
    if cue == "said":
        return f"{title(label)} said"
    if cue.startswith("told "):
        return f"{title(label)} told {credited}"
    if cue.startswith("according to "):
        return f"According to {credited}, {label} said"
    return f"{credited} reported, citing {label},"


def _cue(rng: random.Random, own: str, upstream: str | None) -> str:
    if upstream is None:
        return "said" if rng.random() < 0.7 else f"told {own}"
    draw = rng.random()
    if draw < 0.5:
        return f"according to {upstream}"
    if draw < 0.7:
        return f"{upstream} reported, citing"
    return "said"


def _status(rng: random.Random) -> tuple[str, float | None]:
    draw = rng.random()
    if draw < 0.05:
        return "extracted", round(rng.uniform(0.5, 1.0), 3)
    if draw < 0.07:
        return "verified", None
    return "recorded", None


def _write(
    cast: Cast,
    counters: Counters,
    rng: random.Random,
    speakers: list[int],
    appearances: list[_Appearance],
    citations: list[_Appearance],
    batch: Batch,
) -> None:
    """Article bodies written around their appearances, and the attribution rows."""
    outlet_of = {a.id: a.outlet for a in appearances}
    outlet_of.update((c.id, c.outlet) for c in citations)
    for citation in citations:
        speaker = speakers[citation.quotation]
        batch.attributions.append(
            row(
                citation.id,
                citation.article,
                citation.quotation_id,
                cast.speaker_ids[speaker],
                None,
                citation.kind,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "recorded",
                None,
            )
        )
    start = 0
    while start < len(appearances):
        end = start
        article = appearances[start].article
        while end < len(appearances) and appearances[end].article == article:
            end += 1
        _write_article(cast, counters, rng, speakers, appearances[start:end], outlet_of, batch)
        start = end


def _write_article(
    cast: Cast,
    counters: Counters,
    rng: random.Random,
    speakers: list[int],
    group: list[_Appearance],
    outlet_of: dict[int, int],
    batch: Batch,
) -> None:
    own = cast.outlet_names[group[0].outlet]
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    cues: list[str] = []
    labels: list[str] = []
    length = 0
    for appearance in group:
        assert appearance.text is not None
        upstream = None if appearance.upstream is None else outlet_of[appearance.upstream]
        credited = own if upstream is None else cast.outlet_names[upstream]
        cue = _cue(rng, own, None if upstream is None else credited)
        label = rng.choice(cast.speaker_labels[speakers[appearance.quotation]])
        opener = _opener(cue, label, credited)
        if appearance.kind == "direct":
            lead, tail = f"{opener}: “", "”"
        elif appearance.kind == "partial":
            lead, tail = f"{opener} it was “", "”."
        else:
            lead, tail = f"{opener} that ", ""
        begin = length + len(lead)
        spans.append((begin, begin + len(appearance.text)))
        cues.append(cue)
        labels.append(label)
        sentence = lead + appearance.text + tail
        if rng.random() < 0.4:
            sentence += " " + rng.choice(FILLERS)
        sentence += "\n\n" if rng.random() < 0.3 else " "
        pieces.append(sentence)
        length += len(sentence)
    body = "".join(pieces)
    first = group[0]
    published = date.fromordinal(first.day).isoformat()
    stem = cast.outlet_words[first.outlet]
    assert first.text is not None
    batch.articles.append(
        row(
            first.article,
            f"{stem}-{first.article}",
            cast.outlet_ids[first.outlet],
            f"https://{stem}.example/{published}/{first.article}",
            title(first.text[:60].rstrip(" .…")),
            published,
            "en",
            body,
            None,
        )
    )
    for appearance, (begin, end), cue, label in zip(group, spans, cues, labels, strict=True):
        status, confidence = _status(rng)
        batch.attributions.append(
            row(
                appearance.id,
                appearance.article,
                appearance.quotation_id,
                cast.speaker_ids[speakers[appearance.quotation]],
                label,
                appearance.kind,
                appearance.text,
                begin,
                end,
                body[max(begin - 32, 0) : begin],
                body[end : end + 32],
                cue,
                appearance.upstream,
                status,
                confidence,
            )
        )
        if appearance.marker is not None:
            counters.marker += 1
            kind, text, position = appearance.marker
            batch.markers.append(row(counters.marker, appearance.id, kind, text, position, None))
