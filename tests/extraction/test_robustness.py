"""Any text gives candidates or none, never an exception, and every span is the printed text.

The suite draws the same examples on every run, so it passes or fails the same way each time;
``PROVENANCE_FUZZ_EXAMPLES=N`` draws N fresh random examples a test instead, to look for new
crashes (each one found is fixed and kept below as an ``@example``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
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
_FUZZ = os.environ.get("PROVENANCE_FUZZ_EXAMPLES")
_SETTINGS = settings(
    max_examples=int(_FUZZ) if _FUZZ else 300,
    derandomize=not _FUZZ,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
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
@example("according to ...")  # a source of no words once gave a speaker of no words
@example("according to ... said")
def test_news_like_fragments_and_unbalanced_marks_never_raise(body: str) -> None:
    _check(body)


@settings(max_examples=15, derandomize=not _FUZZ, deadline=None, database=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=20).map("".join))
def test_a_huge_paragraph_never_raises(piece: str) -> None:
    body = "The minister said that " + piece * (4000 // len(piece) + 1)
    _check(body)


def test_a_line_of_only_a_no_break_space() -> None:
    _check("The minister said the bridge would reopen.\n\u00a0\nShe told Reuters it would.")
