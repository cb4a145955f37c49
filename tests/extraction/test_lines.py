from provenance.extraction.lines import soft_newlines


def test_wrapped_lines_are_soft_and_paragraph_ends_are_not() -> None:
    text = (
        "The mayor said the bridge\nwould reopen in May, and the\n"
        "council agreed.\nA new paragraph starts here.\n\nAnother one."
    )
    soft = soft_newlines(text)
    assert text.index("\nwould") in soft  # next line starts in lower case
    assert text.index("\ncouncil") in soft  # the line ends with "the"
    assert text.index("\nA new") not in soft  # after a full stop
    assert text.index("\n\nAnother") not in soft  # a blank line


def test_a_line_opening_with_a_quotation_mark_starts_a_paragraph() -> None:
    text = 'He was asked about the plan for the new stadium and the budget for it\n"No comment."'
    assert soft_newlines(text) == frozenset()


def test_headlines_stay_paragraphs() -> None:
    text = "Council approves stadium\nThe council voted on Tuesday."
    assert soft_newlines(text) == frozenset()


def test_a_line_of_only_a_no_break_space_is_no_line_to_wrap() -> None:
    text = "The mayor said the bridge would reopen.\n\u00a0\nThe council agreed."
    assert soft_newlines(text) == frozenset()
