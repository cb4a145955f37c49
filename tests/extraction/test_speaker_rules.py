"""Speaker and hop rules of issue 11: coordination, relatives, what-X-calls, the one told."""

from provenance.extraction import extract
from provenance.extraction.model import Candidate


def _by_text(text: str) -> dict[str, Candidate]:
    return {c.text: c for c in extract(text)}


def _best(candidate: Candidate) -> str | None:
    return candidate.speaker.resolved or candidate.speaker.description


def test_a_coordinated_verb_keeps_the_first_verbs_subject() -> None:
    found = _by_text("NATO has not confirmed his death but says its jets struck two vehicles.")
    assert _best(found["its jets struck two vehicles"]) == "NATO"


def test_a_named_antecedent_before_who_speaks() -> None:
    text = (
        "This follows an address by Didymus Mutasa, minister of state security, "
        "who threatened physical harm to the opposition leader."
    )
    found = _by_text(text)
    assert _best(found["physical harm to the opposition leader"]) == "Didymus Mutasa"


def test_clause_openers_count_after_a_time_stamp() -> None:
    text = (
        "9:20 p.m.: As the U.S. reopens its embassy, one officer has been brought back, "
        "but the Pentagon said Thursday that no other troops will follow."
    )
    assert _best(_by_text(text)["no other troops will follow"]) == "Pentagon"


def test_the_object_of_a_speech_act_is_no_antecedent_for_he() -> None:
    text = (
        "Anthony Scaramucci then accused chief of staff Reince Priebus of leaking information. "
        "He also threatened to fire the rest of the team."
    )
    assert _best(_by_text(text)["to fire the rest of the team"]) == "Anthony Scaramucci"


def test_what_x_calls_inside_a_quotation_gives_the_nested_words_to_x() -> None:
    text = (
        '"The ministry has revoked the credentials of three reporters for what the '
        "government calls 'illegal journalistic activities' and 'unbalanced reporting' "
        'on the protests," said director Anna Berg.'
    )
    found = _by_text(text)
    for words in ("illegal journalistic activities", "unbalanced reporting"):
        assert found[words].speaker.as_printed == "the government"
    outer = next(c for c in found.values() if c.text.startswith("The ministry"))
    assert outer.speaker.resolved == "Anna Berg"


def test_said_name_after_speech_acts_quotes_them() -> None:
    text = (
        "Austin thanked legislators for their support and encouraged passage of the bill, "
        "said Deputy Press Secretary Sabrina Singh, who held a press briefing today."
    )
    found = _by_text(text)
    for words in ("legislators for their support", "passage of the bill"):
        roles = [(h.role.value, h.name) for h in found[words].hops]
        assert ("quoted_by", "Sabrina Singh") in roles
        assert _best(found[words]) == "Austin"


def test_the_one_told_runs_up_to_the_pronoun() -> None:
    found = _by_text("The colonel said the man told authorities he was headed to Kismayo.")
    told = found["he was headed to Kismayo"]
    assert ("told", "authorities") in [(h.role.value, h.name) for h in told.hops]


def test_a_call_to_a_reporter_is_a_told_hop() -> None:
    text = (
        "In a late-night telephone call to reporter Ryan Lizza of The New Yorker, "
        "Scaramucci said the leaks would stop."
    )
    hops = [(h.role.value, h.name) for h in _by_text(text)["the leaks would stop"].hops]
    assert ("told", "Ryan Lizza of The New Yorker") in hops
