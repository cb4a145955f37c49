"""Layers of reported speech that are one statement: a clause that only frames its
quotation, and a speaker's report of his or her own earlier words."""

from __future__ import annotations

from provenance.extraction import extract
from provenance.extraction.model import Candidate, CandidateKind


def _texts(found: list[Candidate], kind: CandidateKind) -> list[str]:
    return [c.text for c in found if c.kind is kind]


def test_a_clause_that_only_frames_its_quotation_is_not_a_statement() -> None:
    text = (
        "The union called the offer \u201can insult to every nurse on the ward.\u201d\n\n"
        'Critics called the stadium "a monument to waste and vanity."\n'
    )
    found = extract(text)
    assert _texts(found, CandidateKind.INDIRECT) == []
    assert _texts(found, CandidateKind.PARTIAL) == [
        "an insult to every nurse on the ward.",
        "a monument to waste and vanity.",
    ]
    insult = next(c for c in found if c.text.startswith("an insult"))
    assert insult.speaker.best == "The union"  # the frame's speaker stays with the quote


def test_a_clause_with_words_of_its_own_around_a_quotation_stays() -> None:
    text = (
        "The mayor said the council would close the old bridge next spring and "
        'build a "modern crossing."\n\n'
        'The airline said it was "deeply shaken" by a "wholly avoidable error."\n\n'
        'The airline said the pilots "ignored two warnings from the tower."\n'
    )
    found = extract(text)
    assert _texts(found, CandidateKind.INDIRECT) == [
        'the council would close the old bridge next spring and build a "modern crossing."',
        'it was "deeply shaken" by a "wholly avoidable error."',  # a verb of its own
        'the pilots "ignored two warnings from the tower."',  # a clause, not an object
    ]
    assert _texts(found, CandidateKind.PARTIAL) == [
        "modern crossing.",
        "deeply shaken",
        "wholly avoidable error.",
        "ignored two warnings from the tower.",
    ]


def test_a_speakers_own_earlier_words_are_one_statement() -> None:
    text = (
        "Auditors questioned the treasurer on Friday. She says she told them the "
        "accounts had been checked twice.\n\n"
        "Police said a witness told them the van was blue.\n"
    )
    found = extract(text)
    indirect = _texts(found, CandidateKind.INDIRECT)
    assert "she told them the accounts had been checked twice" in indirect
    assert "the accounts had been checked twice" not in indirect
    # someone else's words inside the police account are a layer of their own
    assert "the van was blue" in indirect
    found = extract("The coach said he would announce his choice of captain on Friday.\n")
    assert [c.text for c in found] == ["he would announce his choice of captain on Friday"]


def test_what_they_called_stays_a_layer() -> None:
    text = "Farmers vowed to block the road to protest what they called a land grab.\n"
    found = extract(text)
    assert "a land grab" in _texts(found, CandidateKind.INDIRECT)


def test_a_passive_with_an_adverb_is_not_a_cue() -> None:
    text = "The coach said the players were not told about the rule because it was new.\n"
    found = extract(text)
    assert _texts(found, CandidateKind.INDIRECT) == [
        "the players were not told about the rule because it was new"
    ]


def test_a_report_of_someones_words_is_their_hop() -> None:
    text = (
        "The Harbour Gazette reports that the minister said the port would close.\n\n"
        "Our correspondent reported from Lagos that police said two men were held.\n"
    )
    found = extract(text)
    assert _texts(found, CandidateKind.INDIRECT) == ["the port would close", "two men were held"]
    port, held = found
    assert port.speaker.best == "the minister"
    assert [(h.role.value, h.name) for h in port.hops] == [("reported_by", "Harbour Gazette")]
    assert [(h.role.value, h.name) for h in held.hops] == [("reported_by", "Our correspondent")]
