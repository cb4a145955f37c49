"""The synthetic cast: outlets, speakers and their aliases, with heavy-tailed popularity."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import accumulate

from provenance.bench.names import (
    ORGANISATION_NOUNS,
    OUTLET_NOUNS,
    ROLES,
    UNNAMED,
    title,
    word,
)
from provenance.bench.plan import CorpusPlan, IdBase
from provenance.bench.tsv import row


@dataclass
class Cast:
    """Who publishes and who speaks, as rows ready to COPY and as lookups for articles."""

    outlet_ids: list[int] = field(default_factory=list)
    outlet_names: list[str] = field(default_factory=list)
    outlet_words: list[str] = field(default_factory=list)
    #: Cumulative weights: a few outlets publish most articles.
    outlet_cum: list[float] = field(default_factory=list)
    speaker_ids: list[int] = field(default_factory=list)
    speaker_names: list[str] = field(default_factory=list)
    #: How articles may name each speaker (its name, aliases, a pronoun).
    speaker_labels: list[tuple[str, ...]] = field(default_factory=list)
    #: Cumulative weights: a few speakers are quoted far more often than the rest.
    speaker_cum: list[float] = field(default_factory=list)
    outlet_rows: list[str] = field(default_factory=list)
    speaker_rows: list[str] = field(default_factory=list)
    alias_rows: list[str] = field(default_factory=list)


def _zipf_cum(count: int, shift: int) -> list[float]:
    return list(accumulate(1.0 / (rank + shift) for rank in range(count)))


def make_cast(plan: CorpusPlan, base: IdBase, rng: random.Random) -> Cast:
    """Outlets, speakers and aliases for ``plan``, with ids after ``base``."""
    cast = Cast()
    for i in range(plan.outlets):
        stem = word(base.outlet + i + 1)
        noun = OUTLET_NOUNS[i % len(OUTLET_NOUNS)]
        name = f"The {title(stem)} {title(noun)}"
        cast.outlet_ids.append(base.outlet + i + 1)
        cast.outlet_names.append(name)
        cast.outlet_words.append(stem)
        cast.outlet_rows.append(
            row(
                base.outlet + i + 1,
                f"{stem}-{noun}-{base.outlet + i + 1}",
                name,
                f"https://{stem}.example/",
            )
        )
    cast.outlet_cum = _zipf_cum(plan.outlets, 5)

    alias_id = base.alias
    for i in range(plan.speakers):
        speaker_id = base.speaker + i + 1
        draw = rng.random()
        speaker_outlet: int | None = None
        aliases: list[tuple[str, str]] = []
        if draw < 0.04:
            kind = "outlet"
            outlet = i % plan.outlets
            speaker_outlet = cast.outlet_ids[outlet]
            name = cast.outlet_names[outlet]
            labels: tuple[str, ...] = (name,)
        elif draw < 0.16:
            kind = "organisation"
            name = f"the {title(word(rng.randrange(50_000)))} {rng.choice(ORGANISATION_NOUNS)}"
            short = "the " + name.rsplit(" ", 1)[1]
            aliases.append((short, "role"))
            labels = (name, short)
        elif draw < 0.26:
            kind = "unnamed"
            name = f"{rng.choice(UNNAMED)} {speaker_id}"
            labels = (name,)
        else:
            kind = "person"
            first = title(word(rng.randrange(3_000)))
            last = title(word(rng.randrange(200_000)))
            name = f"{first} {last}"
            aliases.append((last, "name"))
            pronoun = rng.choice(("he", "she"))
            if rng.random() < 0.5:
                organisation = (
                    f"{title(word(rng.randrange(50_000)))} {rng.choice(ORGANISATION_NOUNS)}"
                )
                role = f"the {rng.choice(ROLES)} of the {organisation}"
                aliases.append((role, "role"))
                labels = (name, last, role, pronoun)
            else:
                labels = (name, last, pronoun)
        slug = "-".join(name.lower().split()) + f"-{speaker_id}"
        cast.speaker_ids.append(speaker_id)
        cast.speaker_names.append(name)
        cast.speaker_labels.append(labels)
        cast.speaker_rows.append(row(speaker_id, slug, name, kind, None, speaker_outlet))
        for alias, alias_kind in aliases:
            alias_id += 1
            cast.alias_rows.append(row(alias_id, speaker_id, alias, alias_kind))
    cast.speaker_cum = _zipf_cum(plan.speakers, 10)
    return cast
