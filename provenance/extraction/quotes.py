"""Finding quoted passages: straight and curly marks, unbalanced marks, multi-paragraph quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from provenance.extraction.lexicon import REPORTING_VERBS
from provenance.extraction.lines import hard_newline_before, soft_newlines

OPENING_GLYPHS = "\u201c\u201e\u00ab\u201f"
CLOSING_GLYPHS = "\u201d\u00bb"
AMBIGUOUS_GLYPHS = '"'
QUOTE_GLYPHS = OPENING_GLYPHS + CLOSING_GLYPHS + AMBIGUOUS_GLYPHS
_LEFT_OPEN = "([{\u2014\u2013-/\u00a0"
_RIGHT_CLOSE = ".,;:!?)]}\u2026\u2014\u2013-"


class Direction(Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted words: ``start``/``end`` bound the words, the marks lie just outside."""

    start: int
    end: int
    open_mark: int | None  # offset of the opening mark; None when it is missing
    close_mark: int | None  # offset of the closing mark; None when it is missing
    paragraphs: int = 1  # more than one for a quote running over several paragraphs

    @property
    def balanced(self) -> bool:
        return self.open_mark is not None and self.close_mark is not None

    @property
    def outer_start(self) -> int:
        return self.open_mark if self.open_mark is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close_mark + 1 if self.close_mark is not None else self.end


def direction(text: str, at: int, width: int = 1) -> Direction:
    """Whether the mark at ``at`` opens or closes, judged from the characters around it."""
    before = text[at - 1] if at > 0 else "\n"
    after = text[at + width] if at + width < len(text) else "\n"
    left_open = before.isspace() or before in _LEFT_OPEN
    right_closed = after.isspace() or after in _RIGHT_CLOSE
    if left_open and not right_closed:
        return Direction.OPEN
    if right_closed and not left_open:
        return Direction.CLOSE
    glyph = text[at]
    if glyph in OPENING_GLYPHS:
        return Direction.OPEN
    if glyph in CLOSING_GLYPHS:
        return Direction.CLOSE
    return Direction.EITHER


def _paragraph_start(text: str, at: int, soft: frozenset[int] = frozenset()) -> int:
    return hard_newline_before(text, at, soft) + 1


def _at_paragraph_start(text: str, at: int, soft: frozenset[int]) -> bool:
    return text[_paragraph_start(text, at, soft) : at].strip() == ""


def _next_paragraph_opens_quote(text: str, newline: int) -> bool:
    rest = text[newline : newline + 200].lstrip()
    return (
        bool(rest)
        and rest[0] in QUOTE_GLYPHS
        and direction(text, newline + len(text[newline : newline + 200]) - len(rest))
        in (
            Direction.OPEN,
            Direction.EITHER,
        )
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_SCANNED = re.compile("[\n'" + re.escape(QUOTE_GLYPHS) + "]")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[QuoteSpan] = []
        self.open_at: int | None = None
        self.width = 1  # two for a mark of two apostrophes (''words'')
        self.paragraphs = 1
        self.last_end = 0
        self.soft = soft_newlines(text)

    def emit(self, start: int, end: int, open_mark: int | None, close_mark: int | None) -> None:
        start, end = _trimmed(self.text, start, end)
        if end > start:
            self.spans.append(QuoteSpan(start, end, open_mark, close_mark, self.paragraphs))
        self.open_at = None
        self.width = 1
        self.paragraphs = 1
        self.last_end = close_mark + 1 if close_mark is not None else end

    def open(self, at: int) -> None:
        if self.open_at is not None:
            if _at_paragraph_start(self.text, at, self.soft) and self.paragraphs > 1:
                return  # the conventional re-opening mark of a continued quote
            # The previous quote never closed: it ends where this one begins.
            self.emit(self.open_at + self.width, at, self.open_at, None)
        self.open_at = at
        self.width = 1

    def close(self, at: int, width: int = 1) -> None:
        if self.open_at is not None:
            self.emit(self.open_at + self.width, at, self.open_at, at + width - 1)
            return
        # A closing mark with no opening one: the quote starts with its paragraph.
        start = max(_paragraph_start(self.text, at, self.soft), self.last_end)
        if len(self.text[start:at].split()) >= 2:
            self.emit(start, at, None, at + width - 1)

    def newline(self, at: int) -> None:
        if self.open_at is None:
            return
        if _next_paragraph_opens_quote(self.text, at):
            if self.text[_paragraph_start(self.text, at, self.soft) : at].strip():
                self.paragraphs += 1
            return
        self.emit(self.open_at + self.width, at, self.open_at, None)

    def run(self) -> list[QuoteSpan]:
        text = self.text
        skip = -1
        for found in _SCANNED.finditer(text):  # only the characters that matter
            at, char = found.start(), found.group(0)
            if at == skip:
                continue
            if char == "'" and _double_apostrophe(text, at):
                way = direction(text, at, 2)
                if way is Direction.EITHER:
                    way = Direction.CLOSE if self.open_at is not None else Direction.OPEN
                if way is Direction.OPEN:
                    self.open(at)
                    self.width = 2
                else:
                    self.close(at, 2)
                skip = at + 1
            elif char == "\n":
                if at not in self.soft:  # a wrapped line goes on with the paragraph
                    self.newline(at)
            elif char in QUOTE_GLYPHS:
                way = direction(text, at)
                if way is Direction.EITHER:
                    way = Direction.CLOSE if self.open_at is not None else Direction.OPEN
                if way is Direction.OPEN:
                    self.open(at)
                else:
                    self.close(at)
        if self.open_at is not None:
            self.emit(self.open_at + self.width, len(text), self.open_at, None)
        return self.spans


def _double_apostrophe(text: str, at: int) -> bool:
    """Two straight apostrophes used as a double quotation mark (''like this'')."""
    return (
        text[at + 1 : at + 2] == "'" and text[at - 1 : at] != "'" and text[at + 2 : at + 3] != "'"
    )


def _without_swallowed_cue(text: str, quote: QuoteSpan) -> QuoteSpan:
    """An unclosed quote ends before a cue it swallowed ("...investigations, he said.")."""
    if quote.close_mark is not None:
        return quote
    comma = text.rfind(",", quote.start, quote.end)
    if comma == -1:
        return quote
    tail = text[comma + 1 : quote.end].strip()
    words = re.findall(r"[A-Za-z]+", tail.lower())
    if tail[-1:] in ".!?" and len(words) <= 10 and any(w in REPORTING_VERBS for w in words):
        return replace(quote, end=comma + 1)
    return quote


# Single curly marks quote too (some outlets, headlines); an apostrophe inside ("don\u2019t")
# is one when a letter follows it. Straight single marks are too ambiguous to use.
_SINGLE = re.compile(
    r"(?<![\w\u2019'])\u2018(?=\S)((?:[^\u2018\u2019\n]|\u2019(?=\w))*?\S)\u2019(?!\w)"
)


def _single_quotes(text: str, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    found = []
    for match in _SINGLE.finditer(text):
        if any(q.outer_start <= match.start() < q.outer_end for q in taken):
            continue  # a quote inside a quote belongs to the outer one
        found.append(QuoteSpan(match.start(1), match.end(1), match.start(), match.end() - 1))
    return found


# Inside double quotation marks, single marks (straight or curly) quote someone else's words:
# "... for what the government calls 'illegal journalistic activities' ...".
_NESTED = re.compile(
    r"(?<![\w\u2019'])(['\u2018])(?=[^\s'\u2019])((?:[^'\u2018\u2019\n]|['\u2019](?=\w))*?[^\s'\u2018])"
    r"['\u2019](?![A-Za-z])"
)


def nested_quotes(text: str, quote: QuoteSpan) -> list[QuoteSpan]:
    """Quotations in single marks inside ``quote`` (its words, not its marks)."""
    found = []
    for match in _NESTED.finditer(text, quote.start, quote.end):
        if match.group(1) == "'" and text[match.end() - 1] != "'":
            continue  # a straight mark closes a straight one, a curly mark a curly one
        if match.group(1) == "\u2018" and text[match.end() - 1] != "\u2019":
            continue
        words = match.group(2)
        if len(words.split()) > 80 or len(words) < 3 or not re.search(r"[A-Za-z]{2}", words):
            continue  # "rock 'n' roll", "the '90s": apostrophes
        found.append(QuoteSpan(match.start(2), match.end(2), match.start(), match.end() - 1))
    return found


_HEADLINE_SINGLE = re.compile(r"(?<![\w'])'(?=[A-Za-z])([^'\n]*?[\w.!?])'(?![A-Za-z])")


def _headline_singles(text: str, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """Straight single marks quote in a headline (a short line without a full stop)."""
    found = []
    at = 0
    for line in text.split("\n"):
        start, at = at, at + len(line) + 1
        if "'" not in line or line.rstrip()[-1:] in ".!?" or len(line.split()) > 20:
            continue
        for match in _HEADLINE_SINGLE.finditer(line):
            if len(match.group(1)) < 3:
                continue  # "Rock 'n' Roll"
            begin = start + match.start()
            if any(q.outer_start <= begin < q.outer_end for q in taken):
                continue
            found.append(
                QuoteSpan(
                    start + match.start(1), start + match.end(1), begin, start + match.end() - 1
                )
            )
    return found


def scan_quotes(text: str) -> list[QuoteSpan]:
    """Every quoted passage of ``text`` in order, recovering from unbalanced marks."""
    double = [_without_swallowed_cue(text, q) for q in _Scanner(text).run()]
    single = _single_quotes(text, double)
    return sorted(double + single + _headline_singles(text, double + single), key=lambda q: q.start)
