from provenance.extraction.quotes import scan_quotes


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in scan_quotes(text)]


def test_straight_marks() -> None:
    text = 'The minister said: "We will not raise taxes." Critics disagreed.'
    assert _texts(text) == ["We will not raise taxes."]


def test_curly_marks_keep_inner_comma() -> None:
    text = "\u201cThe vote is tomorrow,\u201d the speaker said."
    assert _texts(text) == ["The vote is tomorrow,"]
    (quote,) = scan_quotes(text)
    assert quote.balanced


def test_mixed_straight_opening_and_curly_closing() -> None:
    text = 'He paused. "Where is the money?\u201d she asked.'
    assert _texts(text) == ["Where is the money?"]


def test_apostrophes_are_not_quotes() -> None:
    text = "The company\u2019s chief said the workers\u2019 union was \u201cnot serious\u201d."
    assert _texts(text) == ["not serious"]


def test_unclosed_quote_stops_at_paragraph_end() -> None:
    text = 'The coach said "we were unlucky today\n\nThe season resumes in May.'
    (quote,) = scan_quotes(text)
    assert text[quote.start : quote.end] == "we were unlucky today"
    assert quote.close_mark is None


def test_unclosed_quote_gives_back_the_cue_it_swallowed() -> None:
    text = '"We do not comment on ongoing cases, a police spokesman said.'
    assert _texts(text) == ["We do not comment on ongoing cases,"]


def test_closing_mark_without_opening_starts_at_paragraph() -> None:
    text = "Nobody expected this result,\u201d the mayor said."
    (quote,) = scan_quotes(text)
    assert quote.open_mark is None
    assert text[quote.start : quote.end] == "Nobody expected this result,"


def test_quote_running_over_paragraphs() -> None:
    text = (
        "\u201cThe first years were hard. We had nothing.\n\n"
        "\u201cBut the town helped us rebuild,\u201d she said."
    )
    (quote,) = scan_quotes(text)
    assert quote.paragraphs == 2
    assert text[quote.start : quote.end].startswith("The first years")
    assert text[quote.start : quote.end].endswith("rebuild,")


def test_two_quotes_in_one_sentence() -> None:
    text = '"Yes," he said, "and again tomorrow."'
    assert _texts(text) == ["Yes,", "and again tomorrow."]


def test_single_curly_marks_quote_and_apostrophes_inside_do_not_close() -> None:
    text = "The minister said: \u2018We don\u2019t negotiate with anyone.\u2019 Then she left."
    assert _texts(text) == ["We don\u2019t negotiate with anyone."]


def test_single_marks_inside_double_marks_belong_to_the_outer_quote() -> None:
    text = "\u201cHe told me \u2018never again\u2019 and walked out,\u201d she said."
    assert _texts(text) == ["He told me \u2018never again\u2019 and walked out,"]


def test_possessive_apostrophes_are_not_single_quotes() -> None:
    assert _texts("The drivers\u2019 union and the nurses\u2019 union met.") == []
