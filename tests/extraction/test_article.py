from provenance.extraction.article import ArticleState
from provenance.extraction.model import CandidateKind, Knowledge


def test_reported_speech_is_found_before_quotations() -> None:
    article = ArticleState("The union told Reuters that the strike would go on.", Knowledge())
    article.reported_speech()
    (draft,) = article.drafts
    assert draft.kind is CandidateKind.INDIRECT
    assert article.text[draft.span[0] : draft.span[1]] == "the strike would go on"
    assert (draft.cue_text, draft.intermediary) == ("The union told Reuters that", "Reuters")


def test_sentence_at() -> None:
    article = ArticleState("One. Two.", Knowledge())
    first = article.sentence_at(0)
    assert first is not None
    assert article.sentence_at(5) is not first
    assert article.sentence_at(100) is None
