"""Intermediaries as ordered hops: channels, the one told, readers, reporting outlets."""

from __future__ import annotations

from provenance.extraction import extract
from provenance.extraction.model import Candidate, HopRole


def _find(found: list[Candidate], words: str) -> Candidate:
    return next(c for c in found if words in c.text)


def _chain(candidate: Candidate) -> list[tuple[str, str]]:
    return [(h.role.value, h.name) for h in candidate.hops]


def test_channel_and_the_one_told() -> None:
    text = (
        "The ministry said in a statement on Monday that the border would stay closed.\n\n"
        "Mayor Ann Hale told Reuters the bridge was safe.\n\n"
        "The minister told reporters that talks would resume.\n"
    )
    found = extract(text)
    assert _chain(_find(found, "border would stay closed")) == [("channel", "statement")]
    bridge = _find(found, "bridge was safe")
    assert _chain(bridge) == [("told", "Reuters")]
    assert bridge.intermediary == "Reuters"
    talks = _find(found, "talks would resume")
    assert _chain(talks) == [("told", "reporters")]
    assert talks.intermediary is None  # an audience, not a named intermediary


def test_platforms_addresses_testimony_and_press_events() -> None:
    text = (
        "Zelenskyy said in his nightly video address that the city would hold.\n\n"
        "The senator wrote on X that the vote was rigged.\n\n"
        "Bennett said in prepared testimony that the agency needed funds.\n\n"
        "Speaking at a news conference, the coach said the team was tired.\n"
    )
    found = extract(text)
    assert _chain(_find(found, "city would hold")) == [("channel", "nightly video address")]
    assert _chain(_find(found, "vote was rigged")) == [("channel", "X")]
    assert _chain(_find(found, "agency needed funds")) == [("channel", "prepared testimony")]
    tired = _chain(_find(found, "team was tired"))
    assert ("channel", "news conference") in tired
    assert ("told", "reporters") in tired


def test_outlets_that_report_come_last() -> None:
    text = (
        "The Ukrainian military said in a statement that two drones were downed, "
        "the BBC reported.\n\n"
        "Xinhua quoted the ministry as saying that exports rose.\n"
    )
    found = extract(text)
    exports = _find(found, "exports rose")
    assert exports.hops[-1].role is HopRole.REPORTED_BY
    assert exports.hops[-1].name == "Xinhua"
    assert exports.intermediary == "Xinhua"


def test_hops_carry_over_to_later_statements_of_the_same_speaker() -> None:
    text = (
        "Sabrina Singh told reporters at the Pentagon that aid would continue.\n\n"
        "\u201cWe are not slowing down,\u201d Singh said.\n\n"
        "She added that more air defences were coming.\n"
    )
    found = extract(text)
    for words in ("We are not slowing down", "more air defences"):
        assert ("told", "reporters") in _chain(_find(found, words))


def test_nested_speech_is_quoted_by_the_outer_speaker() -> None:
    text = (
        "Colonel Abdi Barre told VOA they had detained a British passport holder who said "
        "he was traveling to Kismayo.\n"
    )
    found = extract(text)
    inner = next(c for c in found if c.text.startswith("he was traveling"))
    assert inner.speaker.best == "a British passport holder"
    roles = [h.role for h in inner.hops]
    assert HopRole.QUOTED_BY in roles
    quoted = inner.hops[roles.index(HopRole.QUOTED_BY)]
    assert quoted.name == "Abdi Barre"
    assert inner.hops[-1].name == "VOA"  # the outer speaker's hops follow


def test_readers_posts_on_platforms_and_outlet_programmes() -> None:
    text = (
        "A spokesman read a statement from Moqtada al-Sadr, saying the protests must end.\n\n"
        "In a post on X, Elon Musk wrote that the launch would be delayed.\n\n"
        "The minister told VOA's Persian service that the sanctions had failed.\n"
    )
    found = extract(text)
    protests = _find(found, "protests must end")
    assert protests.speaker.best == "Moqtada al-Sadr"
    assert _chain(protests) == [("reader", "A spokesman")]
    assert _chain(_find(found, "launch would be delayed")) == [("channel", "post on X")]
    sanctions = _find(found, "sanctions had failed")
    assert _chain(sanctions) == [("told", "VOA's Persian service")]
    assert sanctions.intermediary == "VOA's Persian service"


def test_another_outlets_report_does_not_inherit_an_earlier_briefing() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov told reporters that no meeting was planned.\n\n"
        "Interfax quoted Peskov as saying that the Kremlin had no comment.\n"
    )
    found = extract(text)
    assert _chain(_find(found, "no meeting was planned")) == [("told", "reporters")]
    assert _chain(_find(found, "Kremlin had no comment")) == [("reported_by", "Interfax")]


def test_the_next_sentence_may_name_the_occasion_and_the_speaker() -> None:
    text = (
        "Ukraine's foreign minister says its most urgent need is rocket systems. "
        "Dmytro Kuleba made the remarks in a Twitter Q&A on Thursday.\n\n"
        "The senator said the bill was flawed. She made the comments in an interview with "
        "CNN.\n"
    )
    found = extract(text)
    rockets = _find(found, "rocket systems")
    assert rockets.speaker.resolved == "Dmytro Kuleba"
    assert _chain(rockets) == [("channel", "Twitter Q&A")]
    assert _chain(_find(found, "bill was flawed")) == [("channel", "interview"), ("told", "CNN")]


def test_a_correspondents_credit_line_reports_every_statement() -> None:
    text = (
        "The president has told the nation he will resign. VOA's Jane Ode reports from "
        "Nairobi.\n\n"
        "\u201cI leave with a clear conscience,\u201d the president said.\n"
    )
    found = extract(text)
    conscience = _find(found, "clear conscience")
    last = conscience.hops[-1]
    assert (last.role, last.name) == (HopRole.REPORTED_BY, "VOA's Jane Ode")


def test_according_to_an_outlet_reports_the_other_speakers_of_the_sentence() -> None:
    found = extract("According to the BBC, the minister said the talks had failed.\n")
    talks = _find(found, "talks had failed")
    assert talks.speaker.best == "the minister"
    assert _chain(talks) == [("reported_by", "BBC")]
    assert talks.intermediary == "BBC"


def test_wire_copy_channels() -> None:
    text = (
        '"We take these allegations seriously," spokesman Ned Price told a regular news '
        "briefing. He added that no decision had been made.\n\n"
        "The ministry said in a post on its Telegram channel that drones had been shot down.\n\n"
        "North Korea's state news agency KCNA said the test was a success.\n"
    )
    found = extract(text)
    for words in ("allegations seriously", "no decision had been made"):
        assert _chain(_find(found, words)) == [
            ("channel", "regular news briefing"),
            ("told", "reporters"),
        ]
    assert _chain(_find(found, "drones had been shot down")) == [("channel", "post on Telegram")]
    test = _find(found, "test was a success")
    assert test.speaker.resolved == "KCNA"
    assert _chain(test) == [("reported_by", "KCNA")]


def test_a_programme_named_after_a_weekday_keeps_its_name() -> None:
    text = (
        '"We will not raise income tax," Rachel Reeves told the BBC\'s Sunday programme. '
        '"That is a promise," she added.\n\n'
        "Mel Stride told reporters Friday that taxes would rise.\n"
    )
    found = extract(text)
    for words in ("raise income tax", "That is a promise"):
        assert _chain(_find(found, words)) == [("told", "BBC's Sunday programme")]
    assert _chain(_find(found, "taxes would rise")) == [("told", "reporters")]


def test_a_statement_to_an_outlet_is_told_to_it() -> None:
    found = extract("The company said in a statement to Reuters that it would appeal.\n")
    appeal = _find(found, "would appeal")
    assert _chain(appeal) == [("channel", "statement"), ("told", "Reuters")]
    assert appeal.intermediary == "Reuters"


def test_a_relative_speaker_told_the_outer_speaker() -> None:
    text = (
        "Harbour police said they had stopped a fisherman who said he had seen the tanker "
        "drop its anchor.\n\n"
        "The mayor said the council had met a farmer who said in a letter that the dam leaked.\n"
    )
    found = extract(text)
    seen = next(c for c in found if c.text.startswith("he had seen the tanker"))
    assert seen.speaker.best == "a fisherman"
    assert _chain(seen)[:2] == [("told", "Harbour police"), ("quoted_by", "Harbour police")]
    leaked = _chain(next(c for c in found if c.text == "the dam leaked"))
    # a channel of its own: the farmer wrote it, he did not say it to the mayor
    assert ("told", "The mayor") not in leaked
    assert leaked[0] == ("channel", "letter")


def test_a_speech_act_reported_by_a_trailing_outlet() -> None:
    text = (
        "The prime minister spoke angrily on Tuesday in two speeches about the rising price "
        "of bread, the Daily Courier reported.\n"
    )
    found = extract(text)
    assert [c.text for c in found] == ["the rising price of bread"]  # not the whole sentence
    (bread,) = found
    assert bread.speaker.best == "The prime minister"
    assert _chain(bread) == [("reported_by", "Daily Courier")]


def test_an_unnamed_source_an_outlet_quoted_told_it() -> None:
    text = (
        "The Daily Courier quoted an unnamed dock worker as saying the cranes had stopped.\n\n"
        "Interfax quoted Dmitry Peskov as saying no talks were planned.\n"
    )
    found = extract(text)
    assert _chain(_find(found, "the cranes had stopped")) == [
        ("told", "Daily Courier"),
        ("reported_by", "Daily Courier"),
    ]
    # a named speaker may have said it anywhere: the outlet only reported it
    assert _chain(_find(found, "no talks were planned")) == [("reported_by", "Interfax")]
