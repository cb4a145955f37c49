from provenance.extraction.complements import after_when, bare_complement, has_finite
from provenance.extraction.cues import Cue, find_cues
from provenance.extraction.phrases import MASK
from provenance.extraction.segmentation import Sentence


def _cue(text: str) -> Cue:
    (cue,) = find_cues(text, Sentence(0, len(text), 0, 0))
    return cue


def test_finite_verbs_regular_and_irregular() -> None:
    assert has_finite(" he understood the anger")
    assert has_finite(" the plan failed")
    assert not has_finite(" the plan of the city")


def test_a_day_between_the_verb_and_the_clause_is_skipped() -> None:
    text = "The minister said on Tuesday the government would not raise taxes."
    cue = _cue(text)
    assert text[after_when(text, cue) :].startswith(" the government")
    assert bare_complement(text, cue)


def test_quoted_predicate_and_apposed_subject_make_a_clause() -> None:
    quoted = "Dr Kent said studies of this kind " + MASK * 12 + "."
    assert bare_complement(quoted, _cue(quoted))
    apposed = "Police said the victim, a 22-year-old man, remained in hospital."
    assert bare_complement(apposed, _cue(apposed))
    assert not bare_complement("She said goodbye.", _cue("She said goodbye."))
