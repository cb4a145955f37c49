"""The same statement in two articles: a lexical score, no model, no database."""

from provenance.linking.score import (
    JOIN_SCORE,
    PROPOSE_SCORE,
    StatementScore,
    same_statement_score,
    score_statements,
)

__all__ = [
    "JOIN_SCORE",
    "PROPOSE_SCORE",
    "StatementScore",
    "same_statement_score",
    "score_statements",
]
