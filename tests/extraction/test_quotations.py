from provenance.extraction.model import CandidateKind, Knowledge
from provenance.extraction.quotations import QuotationRules


def _kinds(text: str) -> list[tuple[str, CandidateKind, str]]:
    article = QuotationRules(text, Knowledge())
    article.reported_speech()
    article.quotations()
    return [
        (text[d.span[0] : d.span[1]], d.kind, d.rule)
        for d in article.drafts
        if d.kind is not CandidateKind.INDIRECT
    ]


def test_direct_partial_and_split_quotes() -> None:
    text = '"We won," she said, "and we earned it." The club hailed "a fair result".'
    assert _kinds(text) == [
        ("We won,", CandidateKind.DIRECT, "direct-cue"),
        ("and we earned it.", CandidateKind.DIRECT, "direct-cue"),
    ]  # "a fair result" has no cue of speech: a scare quote, dropped


def test_called_it_quotes_the_words_of_the_one_who_called() -> None:
    # "called X 'Y'" is speech (PolNeAR and the real-articles annotations both count it).
    assert _kinds('The club called it "a fair result".') == [
        ("a fair result", CandidateKind.PARTIAL, "partial")
    ]


def test_partial_quote_inside_reported_speech() -> None:
    assert _kinds('The coach said that the referee was "a disgrace".') == [
        ("a disgrace", CandidateKind.PARTIAL, "partial")
    ]


def test_signed_and_cueless_quotes() -> None:
    text = '"Nobody is safe" - Mayor Ann Bell.\n\n"We will rebuild the whole district together."'
    assert _kinds(text) == [
        ("Nobody is safe", CandidateKind.DIRECT, "signed-quote"),
        ("We will rebuild the whole district together.", CandidateKind.DIRECT, "continued-quote"),
    ]
