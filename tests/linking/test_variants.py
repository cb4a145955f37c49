"""Names spelt two ways in two renderings of one statement are made alike before scoring."""

from __future__ import annotations

from provenance.linking.score import (
    JOIN_SCORE,
    content_stems,
    is_description,
    names_itself,
    same_speaker,
    same_statement_score,
    score_statements,
)
from provenance.linking.variants import reconcile


def test_an_acronym_stands_for_the_name_it_abbreviates() -> None:
    one, two = reconcile(
        "IRB inspectors closed the harbour",
        "inspectors of the Island Revenue Board closed the harbour",
    )
    assert one == "IRB inspectors closed the harbour"
    assert two == "inspectors of the IRB closed the harbour"


def test_a_text_that_spells_both_keeps_its_name() -> None:
    one, two = reconcile(
        "We in the IRB [Island Revenue Board] have resolved to close it",
        "Island Revenue Board (IRB) leaders resolved to close it",
    )
    assert "Island Revenue Board" in one
    assert "Island Revenue Board" in two


def test_runs_whose_initials_are_no_acronym_of_the_other_stay() -> None:
    assert reconcile("Mayor Petra Voss said", "the PV said") == (
        "Mayor Petra Voss said",
        "the PV said",
    )


def test_a_hyphenated_compound_is_closed_up_where_the_other_text_has_it_closed() -> None:
    assert reconcile("the run-off vote", "Friday's runoff") == (
        "the runoff vote",
        "Friday's runoff",
    )
    # "human rights" written apart in the other text: nothing to close up.
    assert reconcile("human-rights groups", "human rights groups")[0] == "human-rights groups"


def test_a_short_given_name_before_one_surname() -> None:
    _, two = reconcile("aide Rob Brenner resigned", "aide Robert Brenner resigned")
    assert two == "aide Rob Brenner resigned"
    # Other first letters are other people.
    _, other = reconcile("aide Rob Brenner", "aide Anna Brenner")
    assert other == "aide Anna Brenner"


def test_reconciled_renderings_join() -> None:
    one = "IRB forces sealed the harbour during the run-off"
    two = "Island Revenue Board forces sealed the harbour during the runoff"
    assert same_statement_score(one, two, speaker_a="Voss", speaker_b="Voss") >= JOIN_SCORE
    # A place name and its adjective are one word ("Zimbabwe" / "Zimbabwean").
    three = "the Lindholmian ferry will close in March"
    four = "the Lindholm ferry will close in March"
    assert same_statement_score(three, four, speaker_a="Voss", speaker_b="Voss") >= 0.95


def test_descriptions_are_no_names() -> None:
    assert is_description("Provisional government officials in Lindholm")
    assert is_description("The City Hall statement")
    assert not is_description("Movement for Democratic Change")
    assert not is_description("Petra Voss")
    # Two descriptions: neither one speaker nor two; a description and a name: two.
    assert same_speaker("senior harbour officials", "port authority officials") is None
    assert same_speaker("harbour officials", "harbour officials") is True
    assert same_speaker("harbour officials", "Petra Voss") is False


def test_words_of_one_sense_are_one_word() -> None:
    one = "harbour troops took custody of the smuggler, who was killed later"
    two = "the smuggler was captured by harbour forces and died later"
    assert content_stems(one)[:2] == ("harbour", "forc")
    shared = set(content_stems(one)) & set(content_stems(two))
    assert {"forc", "captur", "die", "smuggler"} <= shared
    # "dead" in a headline is no report of a killing.
    assert "die" not in content_stems("Former Mayor Dead")


def test_a_quotation_naming_its_own_speaker_has_run_on() -> None:
    text = "her plans are ready Opposition leader Anna Berg has quit the race"
    assert names_itself(text, "Anna Berg")
    assert not names_itself("she has quit the race", "Anna Berg")
    assert not names_itself(text, "Berg")  # a surname alone may be a family or a firm
    assert not names_itself("harbour officials were told", "harbour officials")


def test_a_dotted_acronym_is_the_acronym_and_the_name() -> None:
    one, two = reconcile("the U.K. will not pay the levy", "the United Kingdom will not pay")
    assert one == "the UK will not pay the levy"
    assert two == "the UK will not pay"


def test_an_acronym_spelt_like_a_stop_word_is_a_word() -> None:
    # "US" and "IS" count; the pronoun "us" and the verb "is" do not.
    assert content_stems("US troops left") == ("us", "forc", "left")
    assert content_stems("they told us it is finished") == ("finish",)
    printed = "the U.S. will not pay the levy"
    assert same_statement_score(printed, "the United States will not pay the levy") == (
        same_statement_score(printed, printed)
    )
    # Another country is no match for it.
    other = score_statements("US troops will leave", "UK troops will leave")
    assert other.containment < score_statements("US troops will leave", "U.S. troops leave").text
