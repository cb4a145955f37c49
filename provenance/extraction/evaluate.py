"""Score the extractor against hand annotations in the seed format.

Real-article annotations (``provenance evaluate --real``) are scored by ``realscore``
(``evaluate_real``, re-exported here).

The seeds (seeds/seeds.yaml) by default, or any file in that format such as the held-out
dev set tests/extraction/dev_articles.yaml. Gold attributions are those of articles with a
body_file; each gold span is found by exact search in the body. Spans are scored exactly and
by overlap (one-to-one, largest overlap first); kinds, speakers, speaker types, cues and
intermediaries are scored on overlapping pairs.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provenance.extraction.extractor import extract
from provenance.extraction.lexicon import REPORTING_PARTICIPLES, REPORTING_VERBS
from provenance.extraction.mentions import normalise
from provenance.extraction.model import Candidate, Knowledge, KnownSpeaker, SpeakerType
from provenance.extraction.realscore import RealReport, evaluate_real, format_real_report
from provenance.seed_file import default_seed_file, read_seed_file
from provenance.spans import find_span

__all__ = ["RealReport", "Report", "evaluate", "evaluate_real", "format_real_report"]

_TYPES = frozenset(t.value for t in SpeakerType)
_CUE_WORDS = REPORTING_VERBS | REPORTING_PARTICIPLES | {"according"}


@dataclass(frozen=True)
class GoldAttribution:
    """One hand-annotated attribution of a seed article."""

    article: str
    start: int
    end: int
    text: str
    kind: str
    speaker_names: frozenset[str]  # normalised name and aliases of the gold speaker
    cue: str | None
    intermediary: str | None
    speaker_kind: str = "unknown"  # person, organisation, outlet or unnamed


@dataclass(frozen=True)
class Counts:
    correct: int
    total: int

    @property
    def rate(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class SpanScores:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Scores of one evaluation run, and the disagreements behind them."""

    exact: SpanScores
    overlap: SpanScores
    kind: Counts
    speaker: Counts
    speaker_type: Counts
    cue: Counts
    cue_exact: Counts
    intermediary: Counts
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The scores as a JSON-ready dict (``provenance evaluate --json``)."""

        def spans(s: SpanScores) -> dict[str, Any]:
            return {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "true_positives": s.true_positives,
                "predicted": s.predicted,
                "gold": s.gold,
            }

        rates = {
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_type": self.speaker_type,
            "cue": self.cue,
            "cue_exact": self.cue_exact,
            "intermediary": self.intermediary,
        }
        return {
            "exact": spans(self.exact),
            "overlap": spans(self.overlap),
            **{
                name: {"rate": round(c.rate, 4), "correct": c.correct, "total": c.total}
                for name, c in rates.items()
            },
            "problems": self.problems,
        }


def _speaker_names(entry: dict[str, Any]) -> frozenset[str]:
    names = {normalise(entry["name"])}
    names.update(normalise(alias["alias"]) for alias in entry.get("aliases", []))
    return frozenset(names)


def load_gold(path: Path | None = None) -> tuple[dict[str, str], list[GoldAttribution]]:
    """The bodies of annotated seed articles (by slug) and their gold attributions."""
    seed_file = path or default_seed_file()
    data = read_seed_file(seed_file)
    speakers = {s["slug"]: _speaker_names(s) for s in data.get("speakers", [])}
    kinds = {s["slug"]: str(s.get("kind", "unknown")) for s in data.get("speakers", [])}
    quotation_speaker = {q["slug"]: q["speaker"] for q in data.get("quotations", [])}
    bodies: dict[str, str] = {}
    gold: list[GoldAttribution] = []
    for article in data.get("articles", []):
        if "body_file" not in article:
            continue
        body = (seed_file.parent / article["body_file"]).read_text(encoding="utf-8")
        bodies[article["slug"]] = body
        for entry in article.get("attributions", []):
            start, end = find_span(body, entry["text"], start=entry.get("start"))
            speaker = entry.get("speaker") or quotation_speaker[entry["quotation"]]
            gold.append(
                GoldAttribution(
                    article["slug"],
                    start,
                    end,
                    entry["text"],
                    entry["kind"],
                    speakers[speaker],
                    entry.get("cue"),
                    entry.get("intermediary"),
                    kinds[speaker],
                )
            )
    return bodies, gold


def seed_knowledge(path: Path | None = None) -> Knowledge:
    """The seed file's speakers and outlets, as the database would provide them."""
    data = read_seed_file(path or default_seed_file())
    speakers: tuple[KnownSpeaker, ...] = tuple(
        KnownSpeaker(
            s["name"],
            tuple(a["alias"] for a in s.get("aliases", [])),
            SpeakerType(s["kind"]) if s["kind"] in _TYPES else SpeakerType.UNKNOWN,
            s["slug"],
        )
        for s in data.get("speakers", [])
    )
    return Knowledge(speakers, tuple(o["name"] for o in data.get("outlets", [])))


def _type_class(kind: str) -> str:
    # A person described but not named ("a spokesman") is typed unnamed or person alike.
    return "person" if kind == "unnamed" else kind


def _cue_word(cue: str) -> str | None:
    words: list[str] = re.findall(r"[a-z]+", cue.lower())
    return next((word for word in words if word in _CUE_WORDS), None)


def _pairs(gold: Sequence[GoldAttribution], found: Sequence[Candidate]) -> list[tuple[int, int]]:
    options = []
    for g, item in enumerate(gold):
        for c, candidate in enumerate(found):
            overlap = min(item.end, candidate.end) - max(item.start, candidate.start)
            if overlap > 0:
                options.append((overlap, g, c))
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs = []
    for _, g, c in sorted(options, reverse=True):
        if g not in used_gold and c not in used_found:
            used_gold.add(g)
            used_found.add(c)
            pairs.append((g, c))
    return pairs


def evaluate(*, path: Path | None = None, knowledge: Knowledge | None = None) -> Report:
    """Run the extractor on every annotated seed article and score it."""
    bodies, gold = load_gold(path)
    exact_hits = predicted = overlaps = 0
    kind = speaker = speaker_type = cue = cue_exact = middle = matched = cue_total = 0
    problems: list[str] = []
    for slug, body in bodies.items():
        found = extract(body, knowledge=knowledge)
        wanted = [g for g in gold if g.article == slug]
        predicted += len(found)
        spans = {(c.start, c.end) for c in found}
        exact_hits += sum((g.start, g.end) in spans for g in wanted)
        pairs = _pairs(wanted, found)
        overlaps += len(pairs)
        paired_gold = {g for g, _ in pairs}
        paired_found = {c for _, c in pairs}
        problems += [
            f"{slug}: missed {g.kind} {g.text[:60]!r}"
            for i, g in enumerate(wanted)
            if i not in paired_gold
        ]
        problems += [
            f"{slug}: extra {c.kind.value} {c.text[:60]!r}"
            for i, c in enumerate(found)
            if i not in paired_found
        ]
        for g_index, c_index in pairs:
            g, c = wanted[g_index], found[c_index]
            matched += 1
            if (g.start, g.end) != (c.start, c.end):
                problems.append(f"{slug}: span {c.text[:50]!r} != gold {g.text[:50]!r}")
            kind += g.kind == c.kind.value
            if g.kind != c.kind.value:
                problems.append(f"{slug}: kind {c.kind.value} != gold {g.kind}: {g.text[:40]!r}")
            best = c.speaker.best
            if best is not None and normalise(best) in g.speaker_names:
                speaker += 1
            else:
                problems.append(f"{slug}: speaker {best!r} for {g.text[:40]!r}")
            ours_type, gold_type = _type_class(c.speaker.type.value), _type_class(g.speaker_kind)
            speaker_type += ours_type == gold_type
            if ours_type != gold_type:
                problems.append(f"{slug}: type {ours_type} != gold {gold_type}: {best!r}")
            if g.cue is not None:
                cue_total += 1
                word = _cue_word(g.cue)
                if (
                    c.cue is not None
                    and word is not None
                    and word in re.findall(r"[a-z]+", c.cue.lower())
                ):
                    cue += 1
                else:
                    problems.append(f"{slug}: cue {c.cue!r} != gold {g.cue!r}")
                cue_exact += c.cue is not None and normalise(c.cue) == normalise(g.cue)
            gold_middle = normalise(g.intermediary) if g.intermediary else None
            ours = normalise(c.intermediary) if c.intermediary else None
            middle += gold_middle == ours
            if gold_middle != ours:
                problems.append(f"{slug}: via {ours!r} != gold {gold_middle!r}: {g.text[:40]!r}")
    return Report(
        exact=SpanScores(exact_hits, predicted, len(gold)),
        overlap=SpanScores(overlaps, predicted, len(gold)),
        kind=Counts(kind, matched),
        speaker=Counts(speaker, matched),
        speaker_type=Counts(speaker_type, matched),
        cue=Counts(cue, cue_total),
        cue_exact=Counts(cue_exact, cue_total),
        intermediary=Counts(middle, matched),
        problems=problems,
    )


def format_report(report: Report, *, verbose: bool = False) -> str:
    """The scores as a small table, with the disagreements when ``verbose``."""
    lines = ["metric                       precision  recall     f1"]
    for name, spans in (("spans (exact)", report.exact), ("spans (overlapping)", report.overlap)):
        lines.append(
            f"{name:<28} {spans.precision:9.3f} {spans.recall:7.3f} {spans.f1:6.3f}"
            f"   ({spans.true_positives} of {spans.gold} gold, {spans.predicted} found)"
        )
    lines.append("accuracy on overlapping pairs")
    for name, counts in (
        ("kinds", report.kind),
        ("speakers", report.speaker),
        ("speaker types", report.speaker_type),
        ("cues (reporting word)", report.cue),
        ("cues (exact words)", report.cue_exact),
        ("intermediaries", report.intermediary),
    ):
        lines.append(f"  {name:<26} {counts.rate:6.3f}   ({counts.correct}/{counts.total})")
    if verbose and report.problems:
        lines.append("disagreements")
        lines.extend(f"  {problem}" for problem in report.problems)
    return "\n".join(lines)


def main() -> None:
    """Print the scores of the extractor on the seed annotations (or the file named)."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print(format_report(evaluate(path=path), verbose=True))


if __name__ == "__main__":
    main()
