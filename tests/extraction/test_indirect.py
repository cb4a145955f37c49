from provenance.extraction.cues import find_cues
from provenance.extraction.indirect import contents
from provenance.extraction.phrases import masked
from provenance.extraction.quotes import scan_quotes
from provenance.extraction.segmentation import sentences


def _reported(text: str) -> list[tuple[str, str]]:
    quotes = scan_quotes(text)
    hidden = masked(text, [(q.outer_start, q.outer_end) for q in quotes])
    found = []
    for sentence in sentences(text, quotes):
        for content in contents(hidden, find_cues(hidden, sentence)):
            found.append((content.rule, text[content.span[0] : content.span[1]]))
    return found


def test_that_clause_without_final_stop() -> None:
    assert _reported("The coach said that the team was tired.") == [
        ("that-clause", "the team was tired")
    ]


def test_that_clause_split_into_statements() -> None:
    assert _reported("She added that prices rose, they fell later, but wages stayed flat.") == [
        ("that-clause", "prices rose"),
        ("that-clause", "they fell later"),
        ("that-clause", "wages stayed flat"),
    ]


def test_told_someone_that() -> None:
    assert _reported("The farmer told the BBC that his crops had failed.") == [
        ("that-clause", "his crops had failed")
    ]


def test_clause_without_that() -> None:
    assert _reported("Police said a man had been arrested.") == [
        ("bare-complement", "a man had been arrested")
    ]


def test_according_to_before_and_after() -> None:
    assert _reported("According to the ministry, 40 people died.") == [
        ("according-to", "40 people died.")
    ]
    assert _reported("Forty people died, according to the ministry.") == [
        ("according-to", "Forty people died")
    ]


def test_trailing_cue() -> None:
    assert _reported("The strike will go ahead on Friday, the union said.") == [
        ("trailing-cue", "The strike will go ahead on Friday")
    ]


def test_noun_content_and_its_recipient() -> None:
    (found,) = _reported("The company confirmed the layoffs to Bloomberg News.")
    assert found == ("noun-content", "the layoffs")


def test_speech_nouns_are_not_content() -> None:
    assert _reported("The army denied the reports.") == []


def test_content_stops_at_the_next_cue() -> None:
    assert _reported("The bridge is safe, the engineer said, adding that it will reopen.") == [
        ("trailing-cue", "The bridge is safe"),
        ("that-clause", "it will reopen"),
    ]


def test_clause_with_an_irregular_past_verb() -> None:
    assert _reported("The coach said the team went home early.") == [
        ("bare-complement", "the team went home early")
    ]


def test_an_event_that_threatens_to_is_not_a_speaker() -> None:
    assert _reported("The drought threatens to ruin the harvest.") == []
    assert _reported("The union threatened to strike in May.") == [
        ("object-content", "to strike in May")
    ]
    assert _reported("The new policy promises to cut waiting times.") == []


def test_a_vow_stops_before_its_purpose() -> None:
    assert _reported("Farmers vowed to hold a large rally in the capital to protest the tax.") == [
        ("object-content", "to hold a large rally in the capital")
    ]
    assert _reported("The mayor promised to find the money to repair the bridge.") == [
        ("object-content", "to find the money to repair the bridge")  # too short to split
    ]
