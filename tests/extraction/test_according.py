from provenance.extraction import extract
from provenance.extraction.cues import find_cues
from provenance.extraction.segmentation import Sentence


def _according(text: str) -> tuple[str | None, str | None]:
    (cue,) = [c for c in find_cues(text, Sentence(0, len(text), 0, 0)) if c.word == "according"]
    subject = text[cue.subject[0] : cue.subject[1]] if cue.subject else None
    apposition = text[cue.apposition[0] : cue.apposition[1]] if cue.apposition else None
    return subject, apposition


def test_a_name_apposed_to_the_source() -> None:
    text = "According to its director, Paul Johnson, the Treasury faces a shortfall."
    assert _according(text) == ("its director", "Paul Johnson")


def test_figures_seen_by_an_outlet_are_the_source() -> None:
    text = "Waits are long, according to figures seen by the Evening Chronicle."
    assert _according(text) == ("figures", None)


def test_we_got_that_according_to_points_back_to_the_sentence_before() -> None:
    text = (
        "The clinic was hit while treating wounded fighters. We got that according to "
        "Dr. Sara Haddad, the head of the aid group.\n"
    )
    found = extract(text)
    assert [(c.rule, c.text) for c in found] == [
        ("refers-back", "The clinic was hit while treating wounded fighters")
    ]
    assert found[0].speaker.resolved == "Sara Haddad"
