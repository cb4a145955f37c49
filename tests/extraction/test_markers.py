from provenance.extraction.markers import find_markers


def test_insertion_elision_and_sic() -> None:
    text = "They [the rebels] left \u2026 and we stayed ... as agreed [sic]"
    found = [(m.kind, m.text, m.position) for m in find_markers(text)]
    assert found == [
        ("insertion", "[the rebels]", 5),
        ("elision", "\u2026", 23),
        ("elision", "...", text.index("...")),
        ("sic", "[sic]", text.index("[sic]")),
    ]
    for marker in find_markers(text):
        assert marker.text is not None
        assert marker.position is not None
        assert text[marker.position : marker.position + len(marker.text)] == marker.text


def test_bracketed_ellipsis_is_one_elision() -> None:
    assert [(m.kind, m.text) for m in find_markers("we [...] won")] == [("elision", "[...]")]


def test_plain_words_have_no_markers() -> None:
    assert find_markers("We will win the next election.") == []
