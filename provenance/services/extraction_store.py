"""Record an article and the extractor's candidate attributions through the write path.

Candidates are stored with status ``extracted`` and the extractor's confidence, for a person
to confirm. Speakers are matched only through their stored names and aliases (exact, case
insensitive), or a surname of a speaker this article already credited: similar spellings
never merge two people. Each stated intermediary becomes a hop (``extraction_hops``); a
candidate scored as the same statement as a stored appearance (``statement_links``) joins
its quotation with that appearance as upstream, uncertain ones are only proposed. Storing
an article twice adds nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError
from provenance.extraction import (
    PRONOUNS,
    Candidate,
    Knowledge,
    KnownSpeaker,
    SpeakerRef,
    SpeakerType,
    classify,
    extract,
    strip_determiner,
)
from provenance.linking.score import is_description
from provenance.linking.story import channel_of, sentence_around, sentence_channel, story_names
from provenance.models import (
    AliasKind,
    AnchorStatus,
    Article,
    Attribution,
    AttributionKind,
    AttributionStatus,
    LinkDecision,
    MarkerKind,
    Outlet,
    Quotation,
    Speaker,
    SpeakerAlias,
    SpeakerKind,
)
from provenance.services import records
from provenance.services.extraction_hops import (
    CitedArticles,
    OutletCache,
    outlet_named,
    record_hops,
)
from provenance.services.slugs import slugify
from provenance.services.statement_links import (
    EarlierAppearance,
    Neighbour,
    Neighbours,
    PlannedLink,
    PoolRow,
    earlier_appearances,
    links_of,
    neighbours_of,
    plan_links,
    pools_of,
    scored_pool,
    set_thresholds,
    write_links,
)
from provenance.services.story_links import Probe, StoryMatch, merge_story, plan_story_links

_SPEAKER_KINDS = {
    SpeakerType.PERSON: SpeakerKind.PERSON,
    SpeakerType.ORGANISATION: SpeakerKind.ORGANISATION,
    SpeakerType.OUTLET: SpeakerKind.OUTLET,
    SpeakerType.UNNAMED: SpeakerKind.UNNAMED,
    SpeakerType.UNKNOWN: SpeakerKind.UNNAMED,
}


@dataclass(frozen=True)
class StoredCandidate:
    """What became of one candidate."""

    candidate: Candidate
    attribution_id: int | None  # None when a person's record at that place was kept
    quotation_slug: str | None
    speaker_slug: str | None
    new_speaker: bool
    new_quotation: bool
    upstream_id: int | None  # the proposed upstream appearance
    similarity: float | None  # linker score of the joined earlier appearance, if any
    # Other stored appearances that may be the same statement: (attribution id, score).
    proposals: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True)
class StoredArticle:
    """The stored article and its candidates."""

    article_slug: str
    article_id: int
    candidates: list[StoredCandidate]


@dataclass
class _ArticleState:
    """What storing one article keeps in memory instead of asking again for each candidate:
    its recorded attributions (looked up once, then kept up to date), the speakers found for
    a label (until a speaker is written) and the outlets found by name. It lives for one
    ``store_extraction`` call, inside the caller's transaction."""

    article: Article
    here: list[Attribution]  # the article's attributions, in id order
    credited: dict[int, Speaker]  # the speakers they credit
    labels: dict[str, list[Speaker]] | None = None  # lower(label) -> speakers, by id
    pending: tuple[str, ...] = ()  # the labels still to resolve, fetched together
    outlets: OutletCache = field(default_factory=OutletCache)
    cited: CitedArticles | None = None  # the citations made for a new article's hops
    thresholds_set: bool = False  # statement_links.set_thresholds ran
    speaker_written: bool = False  # a speaker was created or updated by this call
    links: list[PlannedLink] = field(default_factory=list)  # statement links to write
    # The score with which each attribution stored by this call joined an earlier one.
    join_scores: dict[int, float] = field(default_factory=dict)

    def at(self, start: int, end: int) -> Attribution | None:
        return next((a for a in self.here if (a.start_offset, a.end_offset) == (start, end)), None)

    def placed(self, quotation_id: int, start: int) -> bool:
        return any(
            a.quotation_id == quotation_id
            and a.start_offset == start
            and a.anchor_status == AnchorStatus.ANCHORED
            for a in self.here
        )

    def enclosing(self, start: int, end: int, speaker_id: int) -> Attribution | None:
        """The attribution of this article, credited to the same speaker, whose span holds
        ``start:end`` or lies inside it (the partial "what he called ..." inside his reported
        sentence): one statement, rendered twice. The closest one when there are several."""
        found = [
            a
            for a in self.here
            if a.speaker_id == speaker_id
            and a.start_offset is not None
            and a.end_offset is not None
            and (start, end) != (a.start_offset, a.end_offset)
            and (
                (a.start_offset <= start and end <= a.end_offset)
                or (start <= a.start_offset and a.end_offset <= end)
            )
        ]
        length = end - start
        return min(
            found,
            key=lambda a: abs((a.end_offset or 0) - (a.start_offset or 0) - length),
            default=None,
        )

    def continued(self, candidate: Candidate, speaker: Speaker) -> Attribution | None:
        """The attribution this candidate goes on quoting when its cue names "the
        statement" (or letter) just mentioned: the latest one before it through that channel,
        of the same speaker or an unnamed one ("officials said in a statement that ... The
        White House statement read ...")."""
        body = self.article.body or ""
        channel = _definite_channel(candidate.cue)
        if channel is None:
            return None
        for earlier in sorted(self.here, key=lambda a: a.start_offset or 0, reverse=True):
            start, end = earlier.start_offset, earlier.end_offset
            if start is None or end is None or start >= candidate.start or earlier.text is None:
                continue
            sentence = sentence_around(body, start, end)
            if (channel_of(earlier.cue) or sentence_channel(sentence, earlier.text)) != channel:
                continue
            other = self.credited.get(earlier.speaker_id)
            if earlier.speaker_id == speaker.id or _unnamed(speaker) or _unnamed(other):
                return earlier
            return None
        return None

    def add(self, attribution: Attribution, speaker: Speaker) -> None:
        self.here.append(attribution)
        self.credited[speaker.id] = speaker


async def _article_state(
    session: AsyncSession, article: Article, *, created: bool = False
) -> _ArticleState:
    """``created``: the article was just created, so it holds no attribution yet."""
    if created:
        return _ArticleState(article, [], {})
    here = list(
        await session.scalars(
            select(Attribution).where(Attribution.article_id == article.id).order_by(Attribution.id)
        )
    )
    ids = {a.speaker_id for a in here}
    credited = (
        {s.id: s for s in await session.scalars(select(Speaker).where(Speaker.id.in_(ids)))}
        if ids
        else {}
    )
    return _ArticleState(article, here, credited)


def short_hash(*parts: str) -> str:
    """Eight hex digits identifying ``parts`` (for unique, repeatable slugs)."""
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:8]


async def load_knowledge(session: AsyncSession) -> Knowledge:
    """Stored speakers with their aliases, and outlet names, for the extractor."""
    rows = await session.execute(
        select(Speaker.name, Speaker.kind, Speaker.slug, SpeakerAlias.alias)
        .outerjoin(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
        .order_by(Speaker.id, SpeakerAlias.id)
    )
    grouped: dict[str, tuple[str, str, list[str]]] = {}
    for name, kind, slug, alias in rows:
        entry = grouped.setdefault(slug, (name, kind, []))
        if alias is not None:
            entry[2].append(alias)
    speakers = tuple(
        KnownSpeaker(name, tuple(aliases), SpeakerType(kind), slug)
        for slug, (name, kind, aliases) in grouped.items()
    )
    outlets = tuple(await session.scalars(select(Outlet.name).order_by(Outlet.id)))
    return Knowledge(speakers, outlets)


def _variants(label: str) -> set[str]:
    return {label.lower(), strip_determiner(label).lower()}


async def _fetch_labels(session: AsyncSession, labels: set[str]) -> dict[str, list[Speaker]]:
    """Speakers whose trimmed name or alias is one of ``labels`` (lowercase), by label."""
    found: dict[str, dict[int, Speaker]] = {}
    if labels:
        rows = await session.execute(
            select(
                Speaker,
                func.lower(func.btrim(Speaker.name)),
                func.lower(func.btrim(SpeakerAlias.alias)),
            )
            .outerjoin(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
            .where(
                func.lower(func.btrim(Speaker.name)).in_(labels)
                | func.lower(func.btrim(SpeakerAlias.alias)).in_(labels)
            )
        )
        for speaker, name, alias in rows:
            for key in (name, alias):
                if key in labels:
                    found.setdefault(key, {})[speaker.id] = speaker
    return {key: sorted(f.values(), key=lambda s: s.id) for key, f in found.items()}


async def _speakers_with_label(
    session: AsyncSession, label: str, state: _ArticleState
) -> list[Speaker]:
    """Speakers named or aliased exactly ``label`` (case aside), by id; the labels of the
    article's candidates are fetched in one statement, again after a speaker is written."""
    variants = _variants(label)
    if state.labels is None or not variants <= state.labels.keys():
        wanted = variants | {v for p in state.pending for v in _variants(p)}
        fetched = await _fetch_labels(session, wanted)
        state.labels = {key: fetched.get(key, []) for key in wanted}
    found: dict[int, Speaker] = {}
    for variant in variants:
        found.update((s.id, s) for s in state.labels[variant])
    return sorted(found.values(), key=lambda s: s.id)


def _labels(speaker: SpeakerRef) -> list[str]:
    labels = [speaker.resolved, speaker.description, speaker.as_printed]
    return [x for x in labels if x and x.strip().lower() not in PRONOUNS]


def _alias_labels(ref: SpeakerRef) -> list[str]:
    """The labels worth keeping as aliases: not a role run into the name it precedes
    ("London Mayor Sadiq Khan" is the role "London Mayor" and the name "Sadiq Khan")."""
    labels = _labels(ref)
    if ref.resolved and ref.as_printed and ref.as_printed.endswith(" " + ref.resolved):
        labels = [x for x in labels if x != ref.as_printed]
    return labels


def _credited_here_by_surname(label: str, state: _ArticleState) -> Speaker | None:
    """The one speaker this article already credited whose name ends with the one word
    ``label`` ("Khan" after "Sadiq Khan"); None when there is none or more than one."""
    word = strip_determiner(label).strip()
    if not word or " " in word or not word[:1].isupper():
        return None
    ending = " " + word.lower()
    found = [s for s in state.credited.values() if s.name.lower().endswith(ending)]
    return found[0] if len(found) == 1 else None


async def _known_pools(
    session: AsyncSession,
    candidates: Sequence[Candidate],
    state: _ArticleState,
    neighbours: Neighbours,
) -> dict[int, tuple[int, list[PoolRow]]]:
    """The linking pools of the candidates (of two words or more) whose speaker is stored
    under one of their labels, by position, in one statement: ``_speaker`` finds that
    speaker for them first (by its label; a speaker written later has a higher id), so
    their pools need not wait for the candidates before them. Only for a new article,
    whose own appearances no pool holds."""
    if not state.thresholds_set:
        return {}
    known: list[tuple[int, Speaker]] = []
    for index, candidate in enumerate(candidates):
        if len(candidate.text.split()) < 2:
            continue
        for label in _labels(candidate.speaker):
            found = await _speakers_with_label(session, label, state)
            if found:
                known.append((index, found[0]))
                break
    fetched = await pools_of(
        session,
        article=state.article,
        wanted=[(speaker, neighbours.of_texts[index]) for index, speaker in known],
    )
    return {
        index: (speaker.id, rows) for (index, speaker), rows in zip(known, fetched, strict=True)
    }


async def _speaker(
    session: AsyncSession, ref: SpeakerRef, state: _ArticleState
) -> tuple[Speaker, bool]:
    article = state.article
    for label in _labels(ref):
        found = await _speakers_with_label(session, label, state)
        if found:
            return found[0], False
    for label in _labels(ref):
        here = _credited_here_by_surname(label, state)
        if here is not None:
            return here, False
    name = ref.best if ref.best and ref.best.lower() not in PRONOUNS else None
    if name is None:
        name = f"Unidentified speaker in {article.slug}"
    kind = _SPEAKER_KINDS[ref.type] if name == ref.best else SpeakerKind.UNNAMED
    outlet_id = None
    if kind is SpeakerKind.OUTLET:
        outlet = await outlet_named(session, name, create=True, cache=state.outlets)
        outlet_id = outlet.id if outlet else None
    aliases: list[tuple[str, AliasKind]] = []
    for label in _alias_labels(ref):
        alias_kind = AliasKind.NAME if classify(label).name else AliasKind.ROLE
        if label not in [a for a, _ in aliases]:
            aliases.append((label, alias_kind))
    slug = f"{slugify(name, max_words=6)}-{short_hash(name, ref.type.value)}"
    speaker = await records.upsert_speaker(
        session,
        slug=slug,
        name=name,
        kind=kind,
        outlet_id=outlet_id,
        description="Found by the extractor; not yet confirmed.",
        aliases=aliases,
    )
    state.labels = None  # the new speaker's name and aliases now find it
    return speaker, True


def _unnamed(speaker: Speaker | None) -> bool:
    """An unnamed source, or one the extractor could only describe ("officials")."""
    return speaker is not None and (
        speaker.kind == SpeakerKind.UNNAMED or is_description(speaker.name)
    )


# A cue naming a written statement already introduced: "The White House statement read".
_DEFINITE = re.compile(r"(?i)\bthe (?:[\w.'-]+ ){0,3}(statement|letter|press release)\b")


def _definite_channel(cue: str | None) -> str | None:
    """The channel ("statement", "letter") a cue names with a definite article, or None."""
    found = _DEFINITE.search(cue or "")
    return channel_of(found.group(0)) if found else None


def _quotation_text(candidate: Candidate) -> str:
    """The words without editorial insertions or a trailing comma."""
    words = re.sub(r"\s*\[[^\]]*\]", "", candidate.text) if candidate.markers else candidate.text
    return words.rstrip(" ,;:") or candidate.text


async def _already_stored(
    session: AsyncSession, row: Attribution, candidate: Candidate
) -> StoredCandidate:
    quotation = await session.get_one(Quotation, row.quotation_id)
    speaker = await session.get_one(Speaker, row.speaker_id)
    links = await links_of(session, attribution_id=row.id)
    joined = next((x.score for x in links if x.decision == LinkDecision.JOINED.value), None)
    proposals = tuple(
        (x.earlier_id, x.score) for x in links if x.decision == LinkDecision.PROPOSED.value
    )
    return StoredCandidate(
        candidate,
        row.id,
        quotation.slug,
        speaker.slug,
        False,
        False,
        row.upstream_id,
        joined,
        proposals,
    )


def _published_later(joined: EarlierAppearance, article: Article) -> bool:
    """Whether the appearance's article is dated after ``article`` (then it is no upstream)."""
    if article.published_on is None:
        return False
    return joined.published_on is not None and joined.published_on > article.published_on


async def store_candidate(
    session: AsyncSession, *, article: Article, candidate: Candidate
) -> StoredCandidate:
    """Record one candidate in ``article`` (status extracted), linking what is known.

    A candidate at a place where an attribution is already recorded changes nothing: a
    person's record is kept, and an extracted one stays as it was (storing twice is a no-op).
    """
    state = await _article_state(session, article)
    stored = await _store_candidate(session, candidate, state)
    await write_links(session, state.links)
    return stored


async def _store_candidate(
    session: AsyncSession,
    candidate: Candidate,
    state: _ArticleState,
    story: dict[int, StoryMatch] | None = None,
    neighbours: Sequence[Neighbour] | None = None,
    pool: tuple[int, list[PoolRow]] | None = None,
) -> StoredCandidate:
    """``pool``: the linking pool fetched already for the speaker of that id (``pools_of``),
    used while no speaker has been written for this article."""
    article = state.article
    here = state.at(candidate.start, candidate.end)
    if here is not None:
        if here.status != AttributionStatus.EXTRACTED:
            return StoredCandidate(candidate, None, None, None, False, False, None, None)
        await write_links(session, state.links)  # it may be one stored by this call
        state.links.clear()
        return await _already_stored(session, here, candidate)
    speaker, new_speaker = await _speaker(session, candidate.speaker, state)
    if new_speaker:
        state.speaker_written = True
    if pool is not None and pool[0] == speaker.id and not state.speaker_written:
        earlier = scored_pool(candidate.text, speaker, pool[1])
    else:
        earlier = await earlier_appearances(
            session,
            text=candidate.text,
            speaker=speaker,
            article=article,
            thresholds_set=state.thresholds_set,
            neighbours=neighbours,
        )
    if story:
        earlier = merge_story(earlier, story)
    joined = earlier[0] if earlier and earlier[0].joins else None
    enclosing = state.enclosing(candidate.start, candidate.end, speaker.id) or state.continued(
        candidate, speaker
    )
    if enclosing is not None and (
        joined is None or state.join_scores.get(enclosing.id, 0.0) >= joined.score
    ):
        # Part of a statement this article already renders: its quotation, unless it joins
        # an earlier appearance better than that one does; what it would join elsewhere is
        # then only proposed.
        quotation = await session.get_one(Quotation, enclosing.quotation_id)
        new_quotation = False
        joined = None
    elif joined is not None:
        quotation = await session.get_one(Quotation, joined.quotation_id)
        new_quotation = False
    else:
        words = _quotation_text(candidate)
        quotation = await records.upsert_quotation(
            session,
            slug=f"{slugify(words, max_words=6)}-{short_hash(words, speaker.slug)}",
            speaker_id=speaker.id,
            text=words,
        )
        new_quotation = True
    upstream_id = await record_hops(
        session,
        candidate=candidate,
        quotation=quotation,
        speaker=speaker,
        article=article,
        outlets=state.outlets,
        cited=state.cited,
    )
    if upstream_id is None and joined is not None and not _published_later(joined, article):
        upstream_id = joined.attribution_id
    attribution = await records.record_attribution(
        session,
        article=article,
        quotation=quotation,
        kind=AttributionKind(candidate.kind.value),
        text=candidate.text,
        start=candidate.start,
        speaker_id=speaker.id,
        speaker_label=candidate.speaker.as_printed,
        cue=candidate.cue,
        upstream_id=upstream_id,
        markers=[
            records.MarkerInput(MarkerKind(m.kind), m.text, m.position, m.note)
            for m in candidate.markers
        ],
        status=AttributionStatus.EXTRACTED,
        confidence=round(candidate.confidence, 3),
        known_new=not state.placed(quotation.id, candidate.start),
    )
    state.add(attribution, speaker)
    if joined is not None:
        state.join_scores[attribution.id] = joined.score
    links, proposed = plan_links(attribution_id=attribution.id, earlier=earlier, joined=joined)
    state.links += links  # written together once the article's candidates are stored
    return StoredCandidate(
        candidate,
        attribution.id,
        quotation.slug,
        speaker.slug,
        new_speaker,
        new_quotation,
        upstream_id,
        None if joined is None else joined.score,
        tuple((p.attribution_id, p.score) for p in proposed),
    )


_NAMED = (SpeakerType.PERSON, SpeakerType.ORGANISATION, SpeakerType.OUTLET)


def _probe(candidate: Candidate) -> Probe:
    return Probe(
        candidate.text,
        candidate.start,
        candidate.end,
        tuple(_labels(candidate.speaker)),
        candidate.speaker.type in _NAMED,
        candidate.cue,
    )


async def store_extraction(
    session: AsyncSession,
    *,
    body: str,
    slug: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published_on: date | None = None,
    url: str | None = None,
    candidates: Sequence[Candidate] | None = None,
    reference_search: bool = False,
    language: str | None = None,
    url_checked: bool = False,
    outlets: OutletCache | None = None,
) -> StoredArticle:
    """Record the article and its extracted candidates; the caller owns the transaction.

    ``reference_search``: find the trigram neighbours with the plain statement
    (``statement_links.REFERENCE_NEIGHBOURS_SQL``), to check the fast one against it.
    ``language``: the article's (BCP 47), when known; English otherwise. ``url_checked``:
    the caller knows no article has this url (the look-up is skipped; the database still
    refuses a second one). ``outlets``: the outlets found by name so far in this
    transaction (ingest keeps one for a batch of articles)."""
    if not body.strip():
        raise InvalidInputError("the article text is empty", field="text")
    article = None
    if url is not None and not url_checked:
        article = await session.scalar(select(Article).where(Article.url == url))
        if article is not None and article.body != body:
            raise InvalidInputError(
                f"an article with url {url!r} is already stored with other text",
                field="url",
                hint="store the new text under another url, or leave the url out",
            )
    if outlets is None:
        outlets = OutletCache()
    if article is not None and language is not None and article.language != language:
        article.language = language
        await session.flush()
    created = False
    if article is None:
        publisher = (
            await outlet_named(session, outlet, create=True, cache=outlets) if outlet else None
        )
        article_slug = slug or f"{slugify(title or body, max_words=6)}-{short_hash(body)}"
        created = (
            await session.scalar(select(Article.id).where(Article.slug == article_slug)) is None
        )
        article = await records.upsert_article(
            session,
            slug=article_slug,
            known_new=created,
            outlet_id=publisher.id if publisher else None,
            url=url,
            title=title,
            published_on=published_on,
            language=language or "en",
            body=body,
        )
    if candidates is None:
        candidates = extract(body, knowledge=await load_knowledge(session))
    state = await _article_state(session, article, created=created)
    state.outlets = outlets
    if created and slug is None:  # its slug ends with its text's hash: see CitedArticles
        state.cited = CitedArticles()
    state.pending = tuple(label for c in candidates for label in _labels(c.speaker))
    if any(len(c.text.split()) >= 2 for c in candidates):
        await set_thresholds(session)
        state.thresholds_set = True
    # The trigram neighbours of every candidate in one statement, for the story alignment
    # and for each candidate's pool,
    # and the appearances holding the article's names, to find the stored articles of its story.
    neighbours = (
        await neighbours_of(
            session,
            article_id=article.id,
            texts=[c.text for c in candidates],
            names=story_names(article.body or body),
            reference=reference_search,
        )
        if state.thresholds_set
        else Neighbours([[] for _ in candidates], [])
    )
    story = await plan_story_links(
        session,
        body=article.body or body,
        published_on=article.published_on,
        probes=[_probe(c) for c in candidates],
        neighbours=neighbours.of_texts,
        named=neighbours.of_names,
    )
    pools = await _known_pools(session, candidates, state, neighbours) if created else {}
    stored = [
        await _store_candidate(session, c, state, story.of(i), neighbours.of_texts[i], pools.get(i))
        for i, c in enumerate(candidates)
    ]
    await write_links(session, state.links)
    return StoredArticle(article.slug, article.id, stored)
