"""Score the extractor against real-article annotations (``provenance evaluate --real``).

Definitions (docs/extraction.md, "Measured"):

- **match**: a gold quotation and a candidate whose spans overlap by at least half of the
  longer of the two (one-to-one, largest overlap first); **exact**: the same start and end.
  Recall per kind counts gold quotations of that kind matched by a candidate of any kind;
  precision per kind counts candidates of that kind matched to any gold quotation.
- **speaker**: on matched quotations whose annotation names or describes a speaker, the
  candidate's resolved name, description or printed name (a bare pronoun does not count)
  shares a head word with the annotated name, the referent in its parentheses
  ("He (Kargbo)") or the annotated role: a surname, a head noun ("officials"), the whole
  phrase, or an acronym ("MDC" = "Movement for Democratic Change"), case-insensitive.
- **intermediary**: on matched quotations, the annotated told / reported_by / quoted_by /
  reader hops (and any relayed_by before the last, which is this article's outlet), each
  counted when a predicted hop of a compatible role shares a head or proper word with it.
- **channel**: the annotated via hops, likewise against predicted channel hops.
- **whole chain**: matched quotations whose predicted intermediary hops are, in order, as
  many as the annotated ones and each compatible with its counterpart (none, when none).
- **linking**: for annotated ``shared_with`` pairs across articles, whether a supplied
  linker joins the two candidates matched to them; precision over the pairs it joins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from provenance.extraction.extractor import extract
from provenance.extraction.headwords import compatible, is_pronoun, keys, outside_parentheses
from provenance.extraction.headwords import parenthetical as referent
from provenance.extraction.mentions import person_names
from provenance.extraction.model import Candidate, Hop, HopRole, Knowledge
from provenance.extraction.realgold import KINDS, GoldHop, RealArticle, RealQuote

_INTERMEDIARY_ROLES = frozenset(
    [HopRole.TOLD, HopRole.REPORTED_BY, HopRole.QUOTED_BY, HopRole.READER]
)
_COMPATIBLE: dict[HopRole, frozenset[HopRole]] = {
    HopRole.CHANNEL: frozenset([HopRole.CHANNEL]),
    HopRole.TOLD: frozenset([HopRole.TOLD]),
    HopRole.REPORTED_BY: frozenset([HopRole.REPORTED_BY, HopRole.QUOTED_BY]),
    HopRole.QUOTED_BY: frozenset([HopRole.QUOTED_BY, HopRole.REPORTED_BY, HopRole.READER]),
    HopRole.READER: frozenset([HopRole.READER, HopRole.QUOTED_BY]),
}


@dataclass(frozen=True)
class LinkSide:
    """One side of a pair offered to a linker: a candidate of one article."""

    article: str
    body: str
    candidate: Candidate


# A linker gets pairs of candidates from different articles of one story and says, for each
# pair, whether it would join them as one statement.
Linker = Callable[[Sequence[tuple[LinkSide, LinkSide]]], Sequence[bool]]


@dataclass(frozen=True)
class Rate:
    correct: int
    total: int

    @property
    def rate(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def as_json(self) -> dict[str, Any]:
        return {"rate": round(self.rate, 4), "correct": self.correct, "total": self.total}


@dataclass(frozen=True)
class PR:
    """Recall (gold found) and precision (candidates right) for one kind, by overlap or exact."""

    gold: int
    gold_found: int
    predicted: int
    predicted_right: int

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "gold": self.gold,
            "gold_found": self.gold_found,
            "predicted": self.predicted,
            "predicted_right": self.predicted_right,
        }


@dataclass
class RealReport:
    articles: int
    overlap: dict[str, PR]  # per kind, plus "direct+partial" and "all"
    exact: dict[str, PR]
    kind: Rate
    speaker: Rate
    intermediary: Rate
    channel: Rate
    hop_precision: Rate  # predicted hops of matched quotations that match an annotated hop
    whole_chain: Rate
    linking: Rate | None = None  # recall over annotated cross-article pairs
    linking_precision: Rate | None = None
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "overlap": {k: v.as_json() for k, v in self.overlap.items()},
            "exact": {k: v.as_json() for k, v in self.exact.items()},
            "kind": self.kind.as_json(),
            "speaker": self.speaker.as_json(),
            "intermediary": self.intermediary.as_json(),
            "channel": self.channel.as_json(),
            "hop_precision": self.hop_precision.as_json(),
            "whole_chain": self.whole_chain.as_json(),
            "linking": self.linking.as_json() if self.linking else None,
            "linking_precision": (
                self.linking_precision.as_json() if self.linking_precision else None
            ),
            "problems": self.problems,
        }


def _pairs(gold: Sequence[RealQuote], found: Sequence[Candidate]) -> list[tuple[int, int]]:
    options = []
    for g, quote in enumerate(gold):
        for c, candidate in enumerate(found):
            overlap = min(quote.end, candidate.end) - max(quote.start, candidate.start)
            longer = max(quote.end - quote.start, candidate.end - candidate.start)
            if overlap > 0 and 2 * overlap >= longer:
                options.append((overlap, -abs(quote.start - candidate.start), g, c))
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs = []
    for _, _, g, c in sorted(options, reverse=True):
        if g not in used_gold and c not in used_found:
            used_gold.add(g)
            used_found.add(c)
            pairs.append((g, c))
    return pairs


def gold_speaker_keys(quote: RealQuote) -> set[str]:
    """Every way the annotation names or describes the speaker."""
    found: set[str] = set()
    for text in (quote.speaker_name, quote.speaker_role):
        if not text:
            continue
        bare = outside_parentheses(text)
        if bare and not is_pronoun(bare):
            found |= keys(bare)
        inner = referent(text)
        if inner:
            found |= keys(inner)
        for note in re.findall(r"\(([^()]*)\)", text):
            # "(pull quote; attributed ... to VOA Director David S. Jackson)"
            found |= {k for name in person_names(note, 0, len(note)) for k in keys(name.name)}
    return found


def predicted_speaker_keys(candidate: Candidate) -> set[str]:
    speaker = candidate.speaker
    found: set[str] = set()
    for text in (speaker.resolved, speaker.description, speaker.as_printed):
        if text and not is_pronoun(text):
            found |= keys(text)
    return found


def _hop_keys(name: str) -> set[str]:
    return keys(name, proper_words=True)


def hop_matches(gold: GoldHop, hop: Hop) -> bool:
    return hop.role in _COMPATIBLE[gold.role] and compatible(
        _hop_keys(gold.name), _hop_keys(hop.name)
    )


def _count_hops(gold: Sequence[GoldHop], predicted: Sequence[Hop]) -> int:
    used: set[int] = set()
    hits = 0
    for item in gold:
        for index, hop in enumerate(predicted):
            if index not in used and hop_matches(item, hop):
                used.add(index)
                hits += 1
                break
    return hits


def _chain_right(gold: Sequence[GoldHop], predicted: Sequence[Hop]) -> bool:
    return len(gold) == len(predicted) and all(
        hop_matches(g, p) for g, p in zip(gold, predicted, strict=True)
    )


def _describe(candidate: Candidate) -> str:
    chain = " > ".join(f"{h.role.value}:{h.name}" for h in candidate.hops) or "-"
    return f"{candidate.speaker.best!r} [{chain}]"


@dataclass
class _Tally:
    overlap_gold: dict[str, int] = field(default_factory=dict)
    overlap_found: dict[str, int] = field(default_factory=dict)
    exact_found: dict[str, int] = field(default_factory=dict)
    predicted: dict[str, int] = field(default_factory=dict)
    predicted_right: dict[str, int] = field(default_factory=dict)
    predicted_exact: dict[str, int] = field(default_factory=dict)
    counts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, table: dict[str, int], kind: str, n: int = 1) -> None:
        table[kind] = table.get(kind, 0) + n

    def rate(self, name: str, correct: bool) -> None:
        entry = self.counts.setdefault(name, [0, 0])
        entry[0] += int(correct)
        entry[1] += 1

    def rate_n(self, name: str, correct: int, total: int) -> None:
        entry = self.counts.setdefault(name, [0, 0])
        entry[0] += correct
        entry[1] += total

    def get(self, name: str) -> Rate:
        correct, total = self.counts.get(name, [0, 0])
        return Rate(correct, total)


def _groups(kind: str) -> tuple[str, ...]:
    return (kind, "direct+partial", "all") if kind in ("direct", "partial") else (kind, "all")


def evaluate_real(
    articles: Sequence[RealArticle],
    *,
    knowledge: Knowledge | None = None,
    linker: Linker | None = None,
) -> RealReport:
    """Run the extractor on every article and score it against the annotations."""
    tally = _Tally()
    problems: list[str] = []
    matched: dict[str, tuple[RealArticle, Candidate]] = {}
    found_by_article: dict[str, list[Candidate]] = {}
    for article in articles:
        found = extract(article.body, knowledge=knowledge)
        found_by_article[article.name] = found
        gold = article.quotes
        for quote in gold:
            for group in _groups(quote.kind):
                tally.add(tally.overlap_gold, group)
        for candidate in found:
            for group in _groups(candidate.kind.value):
                tally.add(tally.predicted, group)
        pairs = _pairs(gold, found)
        paired_gold = {g for g, _ in pairs}
        paired_found = {c for _, c in pairs}
        short = article.name[:2]
        for index, quote in enumerate(gold):
            if index not in paired_gold:
                problems.append(f"{short} {quote.id}: missed {quote.kind} {quote.text[:60]!r}")
        for index, candidate in enumerate(found):
            if index not in paired_found:
                problems.append(f"{short}: extra {candidate.kind.value} {candidate.text[:60]!r}")
        for g_index, c_index in pairs:
            quote, candidate = gold[g_index], found[c_index]
            matched[quote.ref] = (article, candidate)
            exact = (quote.start, quote.end) == (candidate.start, candidate.end)
            for group in _groups(quote.kind):
                tally.add(tally.overlap_found, group)
                tally.add(tally.exact_found, group, int(exact))
            for group in _groups(candidate.kind.value):
                tally.add(tally.predicted_right, group)
                tally.add(tally.predicted_exact, group, int(exact))
            tally.rate("kind", quote.kind == candidate.kind.value)
            wanted = gold_speaker_keys(quote)
            if wanted:
                right = compatible(wanted, predicted_speaker_keys(candidate))
                tally.rate("speaker", right)
                if not right:
                    problems.append(
                        f"{short} {quote.id}: speaker {_describe(candidate)} != gold "
                        f"{quote.speaker_name!r}/{quote.speaker_role!r}"
                    )
            gold_middle = [h for h in quote.hops if h.role in _INTERMEDIARY_ROLES]
            gold_channel = [h for h in quote.hops if h.role is HopRole.CHANNEL]
            ours_middle = [h for h in candidate.hops if h.role in _INTERMEDIARY_ROLES]
            ours_channel = [h for h in candidate.hops if h.role is HopRole.CHANNEL]
            hits = _count_hops(gold_middle, ours_middle)
            channel_hits = _count_hops(gold_channel, ours_channel)
            tally.rate_n("intermediary", hits, len(gold_middle))
            tally.rate_n("channel", channel_hits, len(gold_channel))
            tally.rate_n(
                "hop_precision",
                _count_hops(quote.hops, candidate.hops),
                len(candidate.hops),
            )
            chain_right = _chain_right(gold_middle, ours_middle)
            tally.rate("whole_chain", chain_right)
            if hits < len(gold_middle) or channel_hits < len(gold_channel) or not chain_right:
                wanted_chain = " > ".join(f"{h.role.value}:{h.name}" for h in quote.hops) or "-"
                problems.append(
                    f"{short} {quote.id}: chain {_describe(candidate)} != gold [{wanted_chain}]"
                )
    linking, linking_precision = (
        _linking(articles, matched, found_by_article, linker) if linker else (None, None)
    )

    def table(right: dict[str, int], found_right: dict[str, int]) -> dict[str, PR]:
        return {
            group: PR(
                tally.overlap_gold.get(group, 0),
                right.get(group, 0),
                tally.predicted.get(group, 0),
                found_right.get(group, 0),
            )
            for group in (*KINDS, "direct+partial", "all")
        }

    return RealReport(
        articles=len(articles),
        overlap=table(tally.overlap_found, tally.predicted_right),
        exact=table(tally.exact_found, tally.predicted_exact),
        kind=tally.get("kind"),
        speaker=tally.get("speaker"),
        intermediary=tally.get("intermediary"),
        channel=tally.get("channel"),
        hop_precision=tally.get("hop_precision"),
        whole_chain=tally.get("whole_chain"),
        linking=linking,
        linking_precision=linking_precision,
        problems=problems,
    )


def cross_article_pairs(articles: Sequence[RealArticle]) -> set[frozenset[str]]:
    """Annotated ``shared_with`` pairs whose two quotations are in different articles."""
    pairs: set[frozenset[str]] = set()
    for article in articles:
        for quote in article.quotes:
            for other in quote.shared_with:
                if other.split("#", 1)[0] != article.name:
                    pairs.add(frozenset((quote.ref, other)))
    return pairs


def _linking(
    articles: Sequence[RealArticle],
    matched: dict[str, tuple[RealArticle, Candidate]],
    found: dict[str, list[Candidate]],
    linker: Linker,
) -> tuple[Rate, Rate]:
    gold = cross_article_pairs(articles)
    clusters: dict[str, list[RealArticle]] = {}
    for article in articles:
        if article.story_cluster:
            clusters.setdefault(article.story_cluster, []).append(article)
    offered: list[tuple[LinkSide, LinkSide]] = []
    for members in clusters.values():
        for one, two in combinations(members, 2):
            offered += [
                (LinkSide(one.name, one.body, a), LinkSide(two.name, two.body, b))
                for a in found[one.name]
                for b in found[two.name]
            ]
    verdicts = list(linker(offered)) if offered else []
    if len(verdicts) != len(offered):
        raise ValueError(f"the linker answered {len(verdicts)} of {len(offered)} pairs")
    joined = {
        frozenset(((left.article, id(left.candidate)), (right.article, id(right.candidate))))
        for (left, right), verdict in zip(offered, verdicts, strict=True)
        if verdict
    }
    wanted = {
        frozenset((matched[one][0].name, id(matched[one][1])) for one in pair)
        for pair in gold
        if all(ref in matched for ref in pair)
    }
    return Rate(len(wanted & joined), len(gold)), Rate(len(joined & wanted), len(joined))


def format_real_report(report: RealReport, *, verbose: bool = False) -> str:
    """The scores as small tables, with the disagreements when ``verbose``."""
    lines = [
        f"{report.articles} articles",
        "kind              recall  precision   (50% overlap | exact)",
    ]
    for group in (*KINDS, "direct+partial", "all"):
        o, e = report.overlap[group], report.exact[group]
        lines.append(
            f"  {group:<15} {o.recall:6.3f} {o.precision:9.3f}   |"
            f" {e.recall:6.3f} {e.precision:6.3f}"
            f"   ({o.gold_found}/{o.gold} gold, {o.predicted_right}/{o.predicted} found)"
        )
    lines.append("on matched quotations")
    rows: list[tuple[str, Rate | None]] = [
        ("kind", report.kind),
        ("speaker", report.speaker),
        ("intermediary", report.intermediary),
        ("channel", report.channel),
        ("hop precision", report.hop_precision),
        ("whole chain", report.whole_chain),
    ]
    rows += [
        ("linking (recall)", report.linking),
        ("linking (precision)", report.linking_precision),
    ]
    for name, rate in rows:
        if rate is None:
            lines.append(f"  {name:<22} (no linker supplied)")
        else:
            lines.append(f"  {name:<22} {rate.rate:6.3f}   ({rate.correct}/{rate.total})")
    if verbose and report.problems:
        lines.append("disagreements")
        lines.extend(f"  {p}" for p in report.problems)
    return "\n".join(lines)
