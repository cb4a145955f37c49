from provenance.extraction.cues import Cue, CueForm, find_cues
from provenance.extraction.phrases import masked
from provenance.extraction.quotes import scan_quotes
from provenance.extraction.segmentation import sentences


def _cues(text: str) -> tuple[str, list[Cue]]:
    quotes = scan_quotes(text)
    hidden = masked(text, [(q.outer_start, q.outer_end) for q in quotes])
    found = [c for s in sentences(text, quotes) for c in find_cues(hidden, s)]
    return hidden, found


def _subject(text: str, cue: Cue) -> str | None:
    return None if cue.subject is None else text[cue.subject[0] : cue.subject[1]]


def test_subject_before_the_verb() -> None:
    text, (cue,) = _cues("The health minister said on Monday that hospitals were full.")
    assert (cue.word, cue.form, _subject(text, cue)) == (
        "said",
        CueForm.FINITE,
        "The health minister",
    )


def test_inverted_subject_with_apposition() -> None:
    text, (cue,) = _cues('"It is over," said Jane Doe, a lawyer for the family.')
    assert _subject(text, cue) == "Jane Doe"
    assert cue.inverted
    assert cue.apposition is not None
    assert text[cue.apposition[0] : cue.apposition[1]] == "a lawyer for the family"


def test_name_with_apposition_before_the_verb() -> None:
    text, (cue,) = _cues(
        "Omar Khalid, the head of the port authority, told Reuters that ships waited."
    )
    assert _subject(text, cue) == "Omar Khalid"
    assert cue.recipient is not None
    assert text[cue.recipient[0] : cue.recipient[1]] == "Reuters"


def test_participle_takes_the_subject_of_its_clause() -> None:
    text, cues = _cues("The mayor spoke briefly, adding that the bridge would reopen.")
    (adding,) = [c for c in cues if c.word == "adding"]
    assert adding.form is CueForm.PARTICIPLE
    assert _subject(text, adding) == "The mayor"


def test_coordinated_verb_shares_the_subject() -> None:
    text, cues = _cues("The club confirmed the transfer, said it was delighted.")
    assert [_subject(text, c) for c in cues] == ["The club", "The club"]


def test_according_to_with_a_relayed_source() -> None:
    text, (cue,) = _cues("According to Le Monde, which spoke to two diplomats, the talks failed.")
    assert cue.form is CueForm.ACCORDING
    assert _subject(text, cue) == "Le Monde"
    text2, (cue2,) = _cues("According to the AFP, who spoke to two diplomats, the talks failed.")
    assert cue2.source is not None
    assert text2[cue2.source[0] : cue2.source[1]] == "two diplomats"


def test_citing_names_the_real_source() -> None:
    text, (cue,) = _cues(
        '"Prices will rise," the agency reported, citing statements by local traders.'
    )
    assert _subject(text, cue) == "the agency"
    assert cue.source is not None
    assert text[cue.source[0] : cue.source[1]] == "local traders"


def test_nouns_are_not_cues() -> None:
    _, cues = _cues("There were reports of fighting. The government denied the reports.")
    assert [c.word for c in cues] == ["denied"]


def test_passive_is_not_a_cue() -> None:
    _, cues = _cues("He was told to leave the building.")
    assert cues == []


def test_citing_before_the_verb_names_the_source() -> None:
    text, (cue,) = _cues("The Times, citing two officials, reported that talks had failed.")
    assert _subject(text, cue) == "The Times"
    assert cue.source is not None
    assert text[cue.source[0] : cue.source[1]] == "two officials"
