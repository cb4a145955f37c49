from provenance.extraction.quotes import scan_quotes
from provenance.extraction.segmentation import dateline_end, paragraphs, sentences


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text, scan_quotes(text))]


def test_sentences_do_not_end_inside_quotes() -> None:
    text = '"It failed. We know that," said Dr. Ann Lee. The board met later.'
    assert _sentences(text) == [
        '"It failed. We know that," said Dr. Ann Lee.',
        "The board met later.",
    ]


def test_quote_ending_a_sentence_closes_it() -> None:
    text = 'She said: "We won." Then she left.'
    assert _sentences(text) == ['She said: "We won."', "Then she left."]


def test_paragraphs_are_separate() -> None:
    text = "First line\n\nSecond line.\nThird"
    assert [text[a:b] for a, b in paragraphs(text)] == ["First line", "Second line.", "Third"]
    assert [s.paragraph for s in sentences(text, [])] == [0, 1, 2]


def test_datelines_are_skipped() -> None:
    assert dateline_end("ANKARA (AA) - The parliament met.") == len("ANKARA (AA) - ")
    assert dateline_end("date 2020-01-02 Rain fell.") == len("date 2020-01-02 ")
    assert dateline_end("Rain fell in Paris.") == 0


def test_dateline_with_a_country() -> None:
    text = "KYIV, Ukraine (AP) \u2014 Drones struck the city overnight."
    assert text[dateline_end(text) :] == "Drones struck the city overnight."


def test_a_parenthesis_in_the_first_sentence_is_not_a_dateline() -> None:
    text = "The Syrian Democratic Forces (SDF) allowed the convoy to leave."
    assert dateline_end(text) == 0
