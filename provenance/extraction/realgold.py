"""Hand annotations of real articles (the `real-articles` format): quotes, speakers, chains.

A set is a folder holding ``articles/NN_slug.txt`` (three header lines, a blank line, the
body, one added newline) and ``annotations/NN_slug.yaml`` (``article``, ``story_cluster``,
``quotes``: id, text, occurrence, kind, speaker {name, role}, cue, chain, shared_with). One
annotation file may also be given alone; its text is looked up in ``../articles/``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from provenance.extraction.model import HopRole

# Chain entries and the hop role each stands for (the first speaker and the last
# relayed_by, this article's outlet, are not hops).
_CHAIN_ROLES = {
    "via": HopRole.CHANNEL,
    "told": HopRole.TOLD,
    "quoted_by": HopRole.QUOTED_BY,
    "reported_by": HopRole.REPORTED_BY,
    "relayed_by": HopRole.REPORTED_BY,  # an intermediate outlet ("Reuters (credits)")
    "read_by": HopRole.READER,
    "reader": HopRole.READER,
}
KINDS = ("direct", "partial", "indirect")


class RealGoldError(ValueError):
    """An annotation set that cannot be read; the message names the file and the fix."""


@dataclass(frozen=True)
class GoldHop:
    role: HopRole
    name: str


@dataclass(frozen=True)
class RealQuote:
    """One annotated quotation of a real article."""

    article: str
    id: str
    start: int
    end: int
    text: str
    kind: str
    speaker_name: str | None
    speaker_role: str | None
    cue: str | None
    hops: tuple[GoldHop, ...]
    shared_with: tuple[str, ...]  # "article#qid" references

    @property
    def ref(self) -> str:
        return f"{self.article}#{self.id}"


@dataclass(frozen=True)
class RealArticle:
    name: str
    body: str
    story_cluster: str | None
    quotes: tuple[RealQuote, ...]


def looks_like_real(data: Any) -> bool:
    """Whether parsed YAML is one real-article annotation (not the seed format)."""
    return isinstance(data, dict) and "article" in data and "quotes" in data


def read_body(path: Path) -> str:
    """An article file's body: after the header's blank line, without the added newline."""
    raw = path.read_text(encoding="utf-8")
    _, sep, body = raw.partition("\n\n")
    if not sep:
        raise RealGoldError(f"{path}: no blank line after the header lines")
    return body[:-1] if body.endswith("\n") else body


def _find(body: str, text: str, occurrence: int, where: str) -> tuple[int, int]:
    at = -1
    for _ in range(occurrence):
        at = body.find(text, at + 1)
        if at < 0:
            raise RealGoldError(f"{where}: text not found (occurrence {occurrence}): {text[:60]!r}")
    return at, at + len(text)


def _hops(chain: Sequence[Any]) -> tuple[GoldHop, ...]:
    entries = [e for e in chain if isinstance(e, dict) and len(e) == 1]
    last_relay = max((i for i, e in enumerate(entries) if "relayed_by" in e), default=len(entries))
    hops: list[GoldHop] = []
    for index, entry in enumerate(entries):
        ((key, value),) = entry.items()
        role = _CHAIN_ROLES.get(str(key))
        if role is None or index == last_relay or not isinstance(value, str):
            continue
        hops.append(GoldHop(role, value))
    return tuple(hops)


def _refs(article: str, shared: Any) -> tuple[str, ...]:
    if not shared:
        return ()
    items = shared if isinstance(shared, list) else [shared]
    return tuple(str(s) if "#" in str(s) else f"{article}#{s}" for s in items)


def read_annotation(path: Path, articles_dir: Path | None = None) -> RealArticle:
    """One annotation file and the body of its article."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise RealGoldError(f"{path}: not valid YAML ({error})") from error
    if not looks_like_real(data):
        raise RealGoldError(f"{path}: not a real-article annotation (needs 'article' and 'quotes')")
    name = str(data["article"])
    folder = articles_dir or path.parent.parent / "articles"
    text_path = folder / f"{name}.txt"
    if not text_path.exists():
        raise RealGoldError(f"{path}: article text {text_path} not found")
    body = read_body(text_path)
    quotes: list[RealQuote] = []
    for entry in data.get("quotes") or []:
        where = f"{path.name} {entry.get('id')}"
        text = str(entry["text"])
        kind = str(entry.get("kind"))
        if kind not in KINDS:
            raise RealGoldError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
        start, end = _find(body, text, int(entry.get("occurrence") or 1), where)
        speaker = entry.get("speaker") or {}
        quotes.append(
            RealQuote(
                name,
                str(entry["id"]),
                start,
                end,
                text,
                kind,
                speaker.get("name"),
                speaker.get("role"),
                entry.get("cue"),
                _hops(entry.get("chain") or []),
                _refs(name, entry.get("shared_with")),
            )
        )
    return RealArticle(name, body, data.get("story_cluster"), tuple(quotes))


def _annotation_files(path: Path) -> list[Path]:
    if path.is_dir():
        inner = path / "annotations"
        return sorted((inner if inner.is_dir() else path).glob("*.yaml"))
    return [path]


def load_real(paths: Iterable[Path]) -> list[RealArticle]:
    """Every annotated article under the folders or files given, in name order."""
    articles: list[RealArticle] = []
    for path in paths:
        if not path.exists():
            raise RealGoldError(f"{path}: no such file or folder")
        files = _annotation_files(path)
        if not files:
            raise RealGoldError(f"{path}: no annotation files (*.yaml) found")
        articles.extend(read_annotation(f) for f in files)
    return sorted(articles, key=lambda a: a.name)


def is_real_set(path: Path) -> bool:
    """Whether ``path`` holds real-article annotations (a folder, or one such YAML file)."""
    if path.is_dir():
        return True
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return False
    return looks_like_real(data)
