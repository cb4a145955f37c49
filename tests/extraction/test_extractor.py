"""End to end, on short news texts of other topics written for these tests."""

import random

from provenance.extraction import Candidate, CandidateKind, Knowledge, KnownSpeaker, extract
from provenance.extraction.model import SpeakerType

ECONOMY = """LONDON (Reuters) - Britain's economy shrank unexpectedly in October, official \
figures showed on Friday.

"These figures are disappointing," Rachel Reeves said in a statement. "But I am determined \
to deliver growth."

Paul Dales, chief UK economist at Capital Economics, said the fall was driven by weak \
manufacturing. He added that a recession was "not our central forecast" but could not be \
ruled out.

According to the Office for National Statistics, output fell 0.1% in the month."""

LIBRARIES = """Speaking to WXYZ Radio on Tuesday, Mayor Linda Hart said: \u201cWe had to \
make hard choices. Nobody wanted this.\u201d

\u201cThis is a short-sighted decision,\u201d said Tom Becker, who chairs the Friends of \
Springfield Libraries.

Hart insisted the savings were necessary. \u201cIf we don\u2019t act now, the cuts will be \
deeper,\u201d she said.

One librarian, who asked not to be named, said staff had been told only on Monday."""

REEFS = """"We see bleaching every two years now," said Dr. Maria Lopez, a marine biologist.

"In the past, reefs could bounce back. That is no longer the case.

"Unless emissions fall, we will lose these reefs," she said.

The government said it was "deeply concerned" by the findings."""


def _find(found: list[Candidate], start_of_text: str) -> Candidate:
    matches = [c for c in found if c.text.startswith(start_of_text)]
    assert len(matches) == 1, [c.text for c in found]
    return matches[0]


def test_every_span_is_the_text_it_claims() -> None:
    for text in (ECONOMY, LIBRARIES, REEFS):
        for candidate in extract(text):
            assert text[candidate.start : candidate.end] == candidate.text
            assert 0 < candidate.confidence < 1


def test_speaker_after_the_quote_and_continued_quote() -> None:
    found = extract(ECONOMY)
    first = _find(found, "These figures")
    assert (first.kind, first.speaker.resolved, first.cue) == (
        CandidateKind.DIRECT,
        "Rachel Reeves",
        "Rachel Reeves said",
    )
    second = _find(found, "But I am determined")
    assert second.speaker.resolved == "Rachel Reeves"
    assert second.confidence < first.confidence


def test_pronoun_and_partial_quote_inside_reported_speech() -> None:
    found = extract(ECONOMY)
    reported = _find(found, "a recession was")
    assert (reported.kind, reported.speaker.as_printed, reported.speaker.resolved) == (
        CandidateKind.INDIRECT,
        "He",
        "Paul Dales",
    )
    partial = _find(found, "not our central forecast")
    assert (partial.kind, partial.speaker.resolved) == (CandidateKind.PARTIAL, "Paul Dales")
    plain = _find(found, "the fall was driven")
    assert plain.speaker.description == "chief UK economist at Capital Economics"


def test_according_to() -> None:
    found = _find(extract(ECONOMY), "output fell")
    assert found.text == "output fell 0.1% in the month."
    assert found.speaker.as_printed == "the Office for National Statistics"


def test_speaker_before_the_quote_and_intermediary() -> None:
    found = _find(extract(LIBRARIES), "We had to make")
    assert (found.kind, found.speaker.resolved, found.intermediary) == (
        CandidateKind.DIRECT,
        "Linda Hart",
        "WXYZ Radio",
    )


def test_curly_quotes_pronoun_and_unnamed_source() -> None:
    found = extract(LIBRARIES)
    assert _find(found, "This is a short-sighted").speaker.resolved == "Tom Becker"
    assert _find(found, "If we don").speaker.resolved == "Linda Hart"
    unnamed = _find(found, "staff had been told")
    assert (unnamed.speaker.resolved, unnamed.speaker.as_printed) == (None, "One librarian")


def test_quote_over_two_paragraphs_is_one_candidate_per_paragraph() -> None:
    # The reviewers' convention (shared/real-articles): each reopened paragraph is a quote.
    first = _find(extract(REEFS), "In the past")
    second = _find(extract(REEFS), "Unless emissions")
    assert first.text == "In the past, reefs could bounce back. That is no longer the case."
    assert second.text == "Unless emissions fall, we will lose these reefs,"
    assert second.rule == "quote-continues"
    assert first.speaker.resolved == second.speaker.resolved == "Maria Lopez"


def test_partial_quote_of_an_organisation() -> None:
    found = _find(extract(REEFS), "deeply concerned")
    assert (found.kind, found.speaker.as_printed) == (CandidateKind.PARTIAL, "The government")


def test_stored_aliases_resolve_role_descriptions() -> None:
    text = "The club's head coach said the players were exhausted."
    known = KnownSpeaker("Ana Costa", ("the club's head coach",))
    (found,) = extract(text, knowledge=Knowledge(speakers=(known,)))
    assert found.speaker.resolved == "Ana Costa"
    (bare,) = extract(text)
    assert bare.speaker.resolved is None


def test_editorial_markers_and_truncation() -> None:
    text = 'The minister said that the law "protects [the] workers \u2026 first" and left.\n'
    (reported, partial) = sorted(extract(text), key=lambda c: c.kind.value)
    assert partial.kind is CandidateKind.PARTIAL
    assert [m.kind for m in partial.markers] == ["insertion", "elision"]
    cut = extract('Officials said the country "respects"\n\nNext paragraph.')
    assert [m.kind for m in _find(cut, "respects").markers] == ["truncation"]
    assert reported.kind is CandidateKind.INDIRECT


def test_scare_quotes_are_not_speech() -> None:
    assert extract('The so-called "peace plan" was published in May.') == []


def test_json_shape() -> None:
    (found,) = [c for c in extract(REEFS) if c.text.startswith("We see")]
    data = found.as_json()
    assert set(data) >= {
        "text",
        "start",
        "end",
        "kind",
        "speaker",
        "cue",
        "intermediary",
        "markers",
        "confidence",
    }
    assert data["speaker"]["resolved"] == "Maria Lopez"


def test_garbled_text_never_breaks_the_invariants() -> None:
    pieces = [
        '"', "\u201c", "\u201d", "\u2019", "said", "he", "told", "Reuters", "according to",
        "the BBC", ",", ".", "\n\n", "that", "John Smith", "Mr.", "[x]", "\u2026", "adding that",
        "citing", "who", "confirmed", "the deal", ":", "It", "(AP) -", "Speaking to", "CNN",
    ]  # fmt: skip
    chooser = random.Random(7)
    for _ in range(300):
        text = " ".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 50)))
        for candidate in extract(text):
            assert text[candidate.start : candidate.end] == candidate.text
            assert 0 < candidate.confidence < 1
            for marker in candidate.markers:
                if marker.text is not None and marker.position is not None:
                    at = marker.position
                    assert candidate.text[at : at + len(marker.text)] == marker.text


HEALTH = """GENEVA (AP) \u2014 The World Health Organization said Thursday that a new variant \
was spreading, but there was no evidence it caused more severe illness.

\u201cWe are watching this very closely,\u201d WHO chief Tedros Adhanom Ghebreyesus told \
reporters. \u201cThere is no need to panic,\u201d he said, \u201cbut there is a need to be \
careful.\u201d

Officials in South Africa, where the variant was first detected, said cases had doubled.

A Treasury source told the BBC the budget would include new measures.

Sir Keir Starmer spoke at a factory. Later, Sir Keir said: \u201cThere will be tough \
decisions.\u201d"""


def test_cues_in_wire_copy() -> None:
    found = extract(HEALTH)
    assert _find(found, "a new variant").cue == "The World Health Organization said Thursday that"
    assert _find(found, "there was no evidence").kind is CandidateKind.INDIRECT
    watching = _find(found, "We are watching")
    assert watching.speaker.resolved == "Tedros Adhanom Ghebreyesus"  # not "who"
    careful = _find(found, "but there is a need")
    assert (careful.kind, careful.speaker.resolved) == (
        CandidateKind.DIRECT,
        "Tedros Adhanom Ghebreyesus",
    )
    assert _find(found, "cases had doubled").speaker.as_printed == "Officials in South Africa"
    budget = _find(found, "the budget would")
    assert (budget.speaker.as_printed, budget.intermediary) == ("A Treasury source", "BBC")
    decisions = _find(found, "There will be tough")
    assert (decisions.speaker.resolved, decisions.speaker.description) == ("Keir Starmer", None)


STADIUM = """The council voted 7-2 to approve the new stadium on Tuesday night.

Councillor Priya Shah, who voted against, was scathing. "This is a gift to developers."

"We have waited twenty years for this," said club chairman Dave Morris. "Tonight the town \
showed it believes in us.\""""


def test_quote_without_cue_goes_to_the_person_just_named() -> None:
    found = extract(STADIUM)
    gift = _find(found, "This is a gift")
    assert (gift.speaker.as_printed, gift.speaker.resolved, gift.cue) == (None, "Priya Shah", None)
    waited = _find(found, "We have waited")
    assert (waited.speaker.resolved, waited.speaker.description) == ("Dave Morris", "club chairman")
    assert _find(found, "Tonight the town").speaker.resolved == "Dave Morris"


TALKS = """Negotiations in Cairo have stalled, officials from both sides said on Sunday, as aid \
agencies warned of famine.

A senior Hamas official, Basem Naim, told Al Jazeera that Israel had "rejected every serious \
proposal". "The occupation wants to continue the war," Naim said.

The UN's humanitarian chief, Martin Griffiths, said the situation was "beyond catastrophic". \
He urged both sides to "put the lives of civilians first"."""


def test_appositions_name_the_described_speaker() -> None:
    found = extract(TALKS)
    stalled = _find(found, "Negotiations in Cairo")
    assert (stalled.kind, stalled.speaker.as_printed) == (
        CandidateKind.INDIRECT,
        "officials from both sides",
    )
    rejected = _find(found, "Israel had")
    assert (rejected.speaker.resolved, rejected.intermediary) == ("Basem Naim", "Al Jazeera")
    assert _find(found, "The occupation").speaker.resolved == "Basem Naim"
    assert _find(found, "put the lives").speaker.resolved == "Martin Griffiths"


COMPANY = """The company said in a statement: "We regret the inconvenience caused."

Its chief executive, Anna Berg, told shareholders on Monday: "This was a difficult year."

"The situation is dire," according to Jane Doe, a local nurse.

"It's a scandal," one shareholder, who declined to give his name, told the meeting."""


def test_cue_before_a_colon_with_time_words_and_according_to_after_a_quote() -> None:
    found = extract(COMPANY)
    assert _find(found, "We regret").speaker.as_printed == "The company"
    year = _find(found, "This was a difficult")
    assert (year.speaker.resolved, year.speaker.description) == ("Anna Berg", "Its chief executive")
    dire = _find(found, "The situation is dire")
    assert (dire.speaker.resolved, dire.speaker.description) == ("Jane Doe", "a local nurse")
    assert not any(c.text == "a local nurse" for c in found)
    assert _find(found, "It's a scandal").speaker.as_printed == "one shareholder"


def test_headline_name_colon_quote_and_a_country_as_it() -> None:
    text = (
        'Minister Anna Berg: "We will not resign"\n\nRussia said talks failed. "We tried," it said.'
    )
    found = extract(text)
    headline = _find(found, "We will not resign")
    assert (headline.speaker.resolved, headline.markers) == ("Anna Berg", ())
    assert _find(found, "We tried").speaker.resolved == "Russia"


MINISTRY = """The Trade Secretary today opened the summit and told delegates that tariffs \
would fall.

Minister of Energy Sara Lind said that "the pipeline deal is finished, and we will not reopen \
it," pointing out that "the contracts are signed."

"The report contains serious errors," the statement read.

The ministry added in an official statement that the figures were wrong."""


def test_quoted_complements_titles_and_statements() -> None:
    found = extract(MINISTRY)
    tariffs = _find(found, "tariffs would fall")
    assert tariffs.speaker.as_printed == "The Trade Secretary"
    deal = _find(found, "the pipeline deal")
    assert (deal.kind, deal.speaker.resolved, deal.speaker.description) == (
        CandidateKind.PARTIAL,
        "Sara Lind",
        "Minister of Energy",
    )
    assert not any(c.text.startswith('"the pipeline') for c in found)  # no reported copy
    assert _find(found, "the contracts are signed").speaker.resolved == "Sara Lind"
    assert _find(found, "The report contains").speaker.as_printed == "the statement"
    assert _find(found, "the figures were wrong").cue == (
        "The ministry added in an official statement that"
    )


MARKETS = """\u201cWe are not selling,\u201d said Ruth Ames, the founder of Ames Foods Inc. \
\u201cThe family will keep control.\u201d

Two brokers and one former director told Bloomberg News they expected a bid. A rival had \
asked about the price, which Ames said was \u201claughable\u201d.

In a letter, Ames was quoted as saying: \u201cWe have never been stronger.\u201d"""


def test_company_suffixes_relatives_and_quoted_as_saying() -> None:
    found = extract(MARKETS)
    family = _find(found, "The family will keep")
    assert (family.kind, family.speaker.resolved) == (CandidateKind.DIRECT, "Ruth Ames")
    bid = _find(found, "they expected a bid")
    assert bid.speaker.as_printed == "Two brokers and one former director"
    assert bid.intermediary == "Bloomberg News"
    assert _find(found, "laughable").speaker.resolved == "Ruth Ames"
    assert _find(found, "We have never been").speaker.resolved == "Ruth Ames"


def test_quotes_signed_with_a_dash() -> None:
    text = (
        '"We gave them two goals" \u2013 Rovers manager Tom Lane after the 3-1 defeat.\n\n'
        '"Nobody is safe" - Councillor Amy Ward (Labour).'
    )
    found = extract(text)
    goals = _find(found, "We gave them")
    assert (goals.speaker.resolved, goals.rule, goals.cue) == ("Tom Lane", "signed-quote", None)
    assert _find(found, "Nobody is safe").speaker.resolved == "Amy Ward"


WRAPPED = """Page furniture
News

HAMBURG (dpa) \u2014 Port Commissioner Lena Vogt said the strike
would end on Friday. "If the
unions sign tonight, ships sail tomorrow," Vogt said.

Sgt. Paul Kern also said at that time that the gates were closed."""


def test_hard_wrapped_text_datelines_after_furniture_and_inner_titles() -> None:
    found = extract(WRAPPED)
    strike = _find(found, "the strike")
    assert "\n" in strike.text
    assert (strike.speaker.resolved, strike.speaker.description) == (
        "Lena Vogt",
        "Port Commissioner",
    )
    sail = _find(found, "If the")
    assert (sail.kind, sail.speaker.resolved) == (CandidateKind.DIRECT, "Lena Vogt")
    assert sail.text.endswith("tomorrow,")
    gates = _find(found, "the gates were closed")
    assert gates.speaker.resolved == "Paul Kern"


DEBATE = """Speaking to Radio Kent on Monday, Omar Said said the council had "lost control".

Sky News' Jane Holt replied: "Are you saying the council misled residents?"

The leader, citing figures from a meeting of councillors on Tuesday, said to Said during \
the debate: "You have no evidence for that."

Omar Said pointed out that the figures were old."""


def test_possessive_affiliations_cue_phrases_and_participle_asides() -> None:
    found = extract(DEBATE)
    control = _find(found, "lost control")
    assert (control.speaker.resolved, control.intermediary) == ("Omar Said", "Radio Kent")
    misled = _find(found, "Are you saying")
    assert (misled.speaker.resolved, misled.speaker.description) == ("Jane Holt", "Sky News'")
    evidence = _find(found, "You have no evidence")
    assert (evidence.kind, evidence.speaker.as_printed) == (CandidateKind.DIRECT, "The leader")
    assert _find(found, "the figures were old").cue == "Omar Said pointed out that"


WIRE = """ANKARA (AA) - Stressing that the deal is "fragile" -- as both sides admit -- \
Senator Ann Lowe told reporters that talks would resume.

"We need patience," said Lowe."""


def test_double_hyphen_dashes_and_a_participle_before_its_subject() -> None:
    found = extract(WIRE)
    fragile = _find(found, "the deal is")
    assert fragile.text == 'the deal is "fragile" -- as both sides admit'
    assert (fragile.speaker.resolved, fragile.cue) == ("Ann Lowe", "Stressing that")
    resume = _find(found, "talks would resume")
    assert resume.speaker.resolved == "Ann Lowe"
    assert _find(found, "We need patience").speaker.resolved == "Ann Lowe"


_WIRE = (
    "LONDON (Reuters) - Britain's finance minister said on Tuesday the government would not "
    'raise income tax, dismissing reports of a planned increase as "pure speculation".\n'
    '"We have been clear that we will not put up taxes on working people," Rachel Reeves told '
    'reporters in Westminster. "That promise stands."\n'
    "The Institute for Fiscal Studies warned that the numbers did not add up.\n"
)


def test_wire_story_clause_after_a_day_and_a_participle_phrase() -> None:
    found = {c.text: c for c in extract(_WIRE)}
    tax = found["the government would not raise income tax"]
    assert (tax.kind, tax.speaker.as_printed) == (
        CandidateKind.INDIRECT,
        "Britain's finance minister",
    )
    assert tax.speaker.resolved is None  # the text never says the minister is Reeves
    assert found["pure speculation"].speaker.as_printed == "Britain's finance minister"


def test_second_part_of_a_split_quote_keeps_the_cue() -> None:
    found = {c.text: c for c in extract(_WIRE)}
    assert found["That promise stands."].cue == "Rachel Reeves told reporters"
    assert found["That promise stands."].speaker.resolved == "Rachel Reeves"


def test_organisation_names_are_kept_whole() -> None:
    found = {c.text: c for c in extract(_WIRE)}
    ifs = found["the numbers did not add up"].speaker
    assert (ifs.resolved, ifs.type) == ("Institute for Fiscal Studies", SpeakerType.ORGANISATION)
    text = "The International Energy Agency said on Thursday that demand would fall.\n"
    (agency,) = extract(text)
    assert agency.speaker.type is SpeakerType.ORGANISATION
    assert agency.intermediary is None


def test_according_to_a_role_then_the_name() -> None:
    text = (
        "According to its director, Paul Johnson, the Treasury faces a shortfall of up to "
        "20 billion pounds.\n"
    )
    (shortfall,) = extract(text)
    assert shortfall.text.startswith("the Treasury faces")
    assert (shortfall.speaker.resolved, shortfall.speaker.description) == (
        "Paul Johnson",
        "its director",
    )


def test_participle_speaks_for_the_subject_of_its_clause() -> None:
    text = (
        "The plan faced a backlash last night, as more than 40 MPs signed a letter warning "
        'that it would "concrete over the countryside".\n'
        "A federal judge on Monday blocked the closures, saying the plan would cause harm.\n"
    )
    found = {c.text: c for c in extract(text)}
    assert found["concrete over the countryside"].speaker.as_printed == "more than 40 MPs"
    assert found["the plan would cause harm"].speaker.as_printed == "A federal judge"


def test_role_before_the_name_after_a_quote() -> None:
    text = (
        '"Workers should not pay for mistakes," the union\'s regional head, Birgit Hollander, '
        "said in a statement on Thursday.\n"
    )
    (quote,) = extract(text)
    assert quote.speaker.resolved == "Birgit Hollander"
    assert quote.cue is not None
    assert quote.cue.endswith("said")


def test_content_runs_over_nested_verbs_and_stops_at_a_second_verb() -> None:
    text = (
        "Hrytsenko said Ukraine had asked its allies for six more air defence systems.\n"
        'The Alzheimer\'s Society said the findings were "encouraging" and called for more '
        "funding.\n"
    )
    found = {c.text: c for c in extract(text)}
    assert "Ukraine had asked its allies for six more air defence systems" in found
    society = found['the findings were "encouraging"'].speaker
    assert (society.as_printed, society.type) == (
        "The Alzheimer's Society",
        SpeakerType.ORGANISATION,
    )


def test_clauses_whose_verb_is_quoted_or_whose_subject_has_an_apposition() -> None:
    text = (
        "Dr Rosa Kent, a neurologist who was not involved, said studies of this kind "
        '"often promise more than they deliver".\n'
        "Councillor Mohammed Siddiqui said he understood people's frustration.\n"
        "Police said the victim, a 22-year-old man, remained in hospital.\n"
    )
    texts = {c.text for c in extract(text)}
    assert 'studies of this kind "often promise more than they deliver"' in texts
    assert "he understood people's frustration" in texts
    assert "the victim, a 22-year-old man, remained in hospital" in texts


def test_pronoun_prefers_a_subject_to_a_name_mentioned_as_object() -> None:
    text = (
        '"We created chances," Ruben Alves told reporters.\n'
        "The Portuguese refused to criticise goalkeeper Andre Lindqvist.\n"
        '"Andre has saved us many points this season," he said.\n'
        'Marco Estevez was delighted. "That was our best game," said the Spaniard.\n'
    )
    found = {c.text: c for c in extract(text)}
    assert found["Andre has saved us many points this season,"].speaker.resolved == "Ruben Alves"
    spaniard = found["That was our best game,"].speaker
    assert (spaniard.resolved, spaniard.type) == ("Marco Estevez", SpeakerType.PERSON)


def test_people_at_a_bank_are_people() -> None:
    (note,) = extract("Analysts at Deutsche Bank wrote that the cuts were overdue.\n")
    assert note.speaker.type is SpeakerType.UNNAMED


def test_told_a_station_with_a_number_after_an_aside_with_because() -> None:
    text = (
        "One store clerk, who spoke on condition of anonymity because she feared retaliation, "
        "told KHOU 11 News that a man had held a gun to her head.\n"
    )
    (clerk,) = extract(text)
    assert clerk.speaker.as_printed == "One store clerk"
    assert clerk.intermediary == "KHOU 11 News"


def test_citing_after_a_day_makes_the_reporter_the_intermediary() -> None:
    text = (
        "Nimbus is in talks to buy Sentinel Labs, The Information reported on Tuesday, citing "
        "two people with knowledge of the discussions.\n"
    )
    (deal,) = extract(text)
    assert deal.speaker.as_printed == "two people with knowledge of the discussions"
    assert deal.intermediary == "Information"


def test_admitted_takes_a_clause_and_content_drops_a_dangling_but() -> None:
    text = (
        'Coach Declan Byrne admitted his side had been "second best" on Saturday.\n'
        'Professor Daniel Osei said the declaration was "long overdue" but warned that '
        "vaccines remained scarce.\n"
    )
    texts = {c.text for c in extract(text)}
    assert 'his side had been "second best" on Saturday' in texts
    assert 'the declaration was "long overdue"' in texts
    assert "vaccines remained scarce" in texts


def test_dated_dateline_and_an_inverted_possessive_role() -> None:
    text = (
        "LONDON, Nov 6 (Reuters) - The Bank of England kept rates on hold on Thursday and "
        "said inflation was likely to fall slowly.\n"
        '"Businesses have been waiting for relief," said its head of economics, Vicky Harland.\n'
    )
    found = {c.text: c for c in extract(text)}
    bank = found["inflation was likely to fall slowly"].speaker
    assert (bank.as_printed, bank.type) == ("The Bank of England", SpeakerType.ORGANISATION)
    assert found["Businesses have been waiting for relief,"].speaker.resolved == "Vicky Harland"


def test_participle_aside_and_and_that_and_a_channel_at_the_sentence_end() -> None:
    text = (
        "A Hezbollah official, speaking on condition of anonymity because he was not "
        'authorized to speak, told The Associated Press that the group would respond "soon".\n'
        'In a memo seen by Reuters, Chief Executive Jonas Weber wrote that the cuts were "painful" '
        "and that staff would get four months of pay.\n"
        '"This is about focus," Weber said in an interview with Bloomberg Television.\n'
    )
    found = {c.text: c for c in extract(text)}
    assert found['the group would respond "soon"'].speaker.as_printed == "A Hezbollah official"
    pay = found["staff would get four months of pay"]
    assert (pay.speaker.resolved, pay.intermediary) == ("Jonas Weber", "Reuters")
    assert 'the cuts were "painful"' in found
    assert found["This is about focus,"].intermediary == "Bloomberg Television"


def test_quoted_as_saying_and_outlets_by_description() -> None:
    text = (
        "Iran has arrested eight people, the state news agency IRNA reported on Thursday.\n"
        "IRNA quoted the intelligence ministry as saying the suspects had been "
        '"in contact with Mossad officers".\n'
        "A representative told People magazine that refunds would be issued.\n"
    )
    found = {c.text: c for c in extract(text)}
    arrests = found["Iran has arrested eight people"]
    assert (arrests.speaker.type, arrests.intermediary) == (SpeakerType.OUTLET, "IRNA")
    contact = found["in contact with Mossad officers"]
    assert contact.speaker.as_printed == "the intelligence ministry"
    assert contact.intermediary == "IRNA"
    assert found["refunds would be issued"].intermediary == "People magazine"


def test_figures_seen_by_a_newspaper_and_a_campaign_and_dismissed_as() -> None:
    text = (
        "Patients are waiting up to 14 hours, according to figures seen by the Evening "
        "Chronicle.\n"
        'His rival dismissed the speech as "the same old promises". In a statement, his '
        'campaign said Dawson had "voted to raise taxes".\n'
    )
    found = {c.text: c for c in extract(text)}
    waits = found["Patients are waiting up to 14 hours"]
    assert (waits.speaker.as_printed, waits.intermediary) == ("figures", "Evening Chronicle")
    assert found["the same old promises"].cue == "His rival dismissed"
    assert found['Dawson had "voted to raise taxes"'].speaker.type is SpeakerType.ORGANISATION
