from provenance.extraction import extract
from provenance.extraction.model import Knowledge
from provenance.extraction.speakers import SpeakerRules


def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    article = SpeakerRules(text, Knowledge())
    article.reported_speech()
    article.quotations()
    article.speakers()
    return [
        (d.speaker.as_printed, d.speaker.resolved) if d.speaker else (None, None)
        for d in sorted(article.drafts, key=lambda d: d.span)
    ]


def test_pronouns_surnames_and_appositions() -> None:
    text = (
        "A senior official, Mia Lund, said the deal was done. "
        '"It is signed," Lund added. "Now we wait," she said.'
    )
    assert _speakers(text) == [
        ("A senior official", "Mia Lund"),
        ("Lund", "Mia Lund"),
        ("she", "Mia Lund"),
    ]


def test_a_quote_without_cue_continues_the_last_speaker() -> None:
    text = '"We lost," said Tom Hale.\n\n"Next week will be different."'
    assert _speakers(text) == [("Tom Hale", "Tom Hale"), (None, "Tom Hale")]


def test_how_a_cueless_quote_got_its_speaker_is_recorded() -> None:
    text = (
        '"We lost," said Tom Hale. "It hurts."\n\n'
        'Ann Bell was calm. "We go again."\n\n"Next week will be different."'
    )
    article = SpeakerRules(text, Knowledge())
    article.reported_speech()
    article.quotations()
    article.speakers()
    rules = [
        (text[d.span[0] : d.span[1]], d.rule) for d in sorted(article.drafts, key=lambda d: d.span)
    ]
    assert rules == [
        ("We lost,", "direct-cue"),
        ("It hurts.", "quote-continues"),
        ("We go again.", "named-before-quote"),
        ("Next week will be different.", "continued-quote"),
    ]


def test_page_markup_before_a_subject_is_not_part_of_it() -> None:
    text = "<!--IMAGE-LEFT-->Harbour officials said they had found the boat."
    assert _speakers(text) == [("Harbour officials", None)]


def test_here_after_a_subject_is_not_its_head() -> None:
    text = (
        "The police chief was silent. The observer mission here has said the count was "
        "flawed, and it has called for a recount."
    )
    assert _speakers(text) == [("The observer mission", None), ("it", None)]
    found = extract(text)
    assert [c.speaker.best for c in found] == ["The observer mission"] * 2
