"""Any text gives candidates or none, never an exception, and every span is the printed text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.extraction import extract

_MARKS = "\"\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb'[]()"
_PIECES = [
    "said",
    " said ",
    "told Reuters that ",
    "according to ",
    "Mr. ",
    "U.S. ",
    ", he said. ",
    "Ms. May says ",
    " (R-Utah) ",
    "\u2026",
    "...",
    ": ",
    ". ",
    "\n",
    "\n\n",
    "\u00a0",
    "\u00a0\n",
    "\t",
    " ",
    *_MARKS,
    "The minister",
    "who said he",
    "Reports: ",
    "Accuses ",
    "''",
    "asked whether ",
    "what he called ",
    "It was noted that ",
    "-- ",
    "\u2014",
]
_NEWSLIKE = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=60).map(
    "".join
)
_SETTINGS = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def _check(body: str) -> None:
    for candidate in extract(body):
        assert candidate.text == body[candidate.start : candidate.end]
        assert 0 <= candidate.start < candidate.end <= len(body)


@_SETTINGS
@given(st.text())
def test_random_unicode_never_raises(body: str) -> None:
    _check(body)


@_SETTINGS
@given(_NEWSLIKE)
def test_news_like_fragments_and_unbalanced_marks_never_raise(body: str) -> None:
    _check(body)


@settings(max_examples=15, deadline=None, database=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=20).map("".join))
def test_a_huge_paragraph_never_raises(piece: str) -> None:
    body = "The minister said that " + piece * (4000 // len(piece) + 1)
    _check(body)


def test_a_line_of_only_a_no_break_space() -> None:
    _check("The minister said the bridge would reopen.\n\u00a0\nShe told Reuters it would.")
