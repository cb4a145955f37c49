"""Printed words per quotation, so search reads one small index instead of every printing

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 11:15:00

Search matched the words of every printed appearance through a full-text index over
attributions (0004): a common word ("country") is printed 380,000 times at a million
quotations, each read from the heap to find its quotation. Almost every printing repeats
words of the quotation's own text; only an insertion or another wording adds some (2.5% of
appearances in the synthetic corpus). quotation_printed_words keeps, for those quotations
only, the words their printings add (a search checks them together with the text's own);
triggers keep it current, bulk loads call quotation_printed_words_fill. The attributions'
full-text index is no longer read.

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The lexemes printed texts add to their quotation's own, for the rows of ``source``.
_ADDED = """
    SELECT q.id AS quotation_id, array_to_tsvector(array_agg(DISTINCT w.lexeme)) AS words
    FROM {source}
    JOIN quotations q ON q.id = a.quotation_id
    CROSS JOIN LATERAL unnest(tsvector_to_array(to_tsvector('english'::regconfig, a.text)))
        AS w(lexeme)
    WHERE a.text IS DISTINCT FROM q.text {condition}
      AND w.lexeme <> ALL (tsvector_to_array(q.search_vector))
    GROUP BY q.id
"""
_NEW_ROW = "(SELECT NEW.quotation_id, NEW.text) a(quotation_id, text)"
_MERGE = (
    "ON CONFLICT (quotation_id) DO UPDATE "
    "SET words = quotation_printed_words.words || excluded.words"
)

FUNCTIONS = f"""
CREATE FUNCTION quotation_printed_words_refresh(target bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM quotation_printed_words WHERE quotation_id = target;
    INSERT INTO quotation_printed_words (quotation_id, words)
    {_ADDED.format(source="attributions a", condition="AND a.quotation_id = target")};
END $$;

CREATE FUNCTION quotation_printed_words_fill(from_attribution bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO quotation_printed_words (quotation_id, words)
    {_ADDED.format(source="attributions a", condition="AND a.id >= from_attribution")}
    {_MERGE}
$$;

CREATE FUNCTION attributions_printed_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO quotation_printed_words (quotation_id, words)
        {_ADDED.format(source=_NEW_ROW, condition="")}
        {_MERGE};
    ELSE
        PERFORM quotation_printed_words_refresh(OLD.quotation_id);
        IF TG_OP = 'UPDATE' AND NEW.quotation_id <> OLD.quotation_id THEN
            PERFORM quotation_printed_words_refresh(NEW.quotation_id);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION quotations_printed_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM quotation_printed_words_refresh(NEW.id);
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE quotation_printed_words (
            quotation_id bigint NOT NULL,
            words tsvector NOT NULL,
            CONSTRAINT pk_quotation_printed_words PRIMARY KEY (quotation_id),
            CONSTRAINT fk_quotation_printed_words_quotation_id_quotations
                FOREIGN KEY (quotation_id) REFERENCES quotations (id) ON DELETE CASCADE
        )
        """
    )
    op.execute(FUNCTIONS)
    op.execute(
        "CREATE TRIGGER attributions_printed_words "
        "AFTER INSERT OR DELETE OR UPDATE OF text, quotation_id ON attributions "
        "FOR EACH ROW EXECUTE FUNCTION attributions_printed_words()"
    )
    op.execute(
        "CREATE TRIGGER quotations_printed_words AFTER UPDATE OF text ON quotations "
        "FOR EACH ROW EXECUTE FUNCTION quotations_printed_words()"
    )
    op.execute("SELECT quotation_printed_words_fill(0)")
    op.execute(
        "CREATE INDEX ix_quotation_printed_words_words ON quotation_printed_words USING gin (words)"
    )
    op.execute("DROP INDEX ix_attributions_text_fts")
    for statement in (
        "COMMENT ON TABLE quotation_printed_words IS 'For each quotation whose appearances "
        "print words its own text lacks (an insertion, another wording): those words, so "
        "that search finds it by the words as printed (together with search_vector). "
        "Quotations whose printings add no word have no row. Maintained by triggers on "
        "quotations and attributions.'",
        "COMMENT ON COLUMN quotation_printed_words.quotation_id IS 'The quotation.'",
        "COMMENT ON COLUMN quotation_printed_words.words IS 'Lexemes (English stemming, no "
        "positions) of its attributions'' printed texts that its own text lacks.'",
        "COMMENT ON INDEX ix_quotation_printed_words_words IS "
        "'Quotation search: the words as printed.'",
        "COMMENT ON FUNCTION quotation_printed_words_refresh(bigint) IS "
        "'Recompute the printed words of one quotation from all its attributions.'",
        "COMMENT ON FUNCTION quotation_printed_words_fill(bigint) IS "
        "'Add the printed words of the attributions from this id on, set-based: for bulk "
        "loads that run with triggers off.'",
        "COMMENT ON FUNCTION attributions_printed_words() IS "
        "'Keeps quotation_printed_words current as appearances are added, edited or removed.'",
        "COMMENT ON FUNCTION quotations_printed_words() IS "
        "'Keeps quotation_printed_words current when a quotation''s text changes.'",
        "COMMENT ON TRIGGER attributions_printed_words ON attributions IS "
        "'Keeps quotation_printed_words current.'",
        "COMMENT ON TRIGGER quotations_printed_words ON quotations IS "
        "'Keeps quotation_printed_words current.'",
    ):
        op.execute(statement)


def downgrade() -> None:
    op.execute(
        "CREATE INDEX ix_attributions_text_fts ON attributions "
        "USING gin (to_tsvector('english'::regconfig, text))"
    )
    op.execute(
        "COMMENT ON INDEX ix_attributions_text_fts IS "
        "'Full-text search of the words as printed (English stemming), for quotation search.'"
    )
    op.execute("DROP TRIGGER quotations_printed_words ON quotations")
    op.execute("DROP TRIGGER attributions_printed_words ON attributions")
    op.execute("DROP FUNCTION quotations_printed_words()")
    op.execute("DROP FUNCTION attributions_printed_words()")
    op.execute("DROP FUNCTION quotation_printed_words_fill(bigint)")
    op.execute("DROP FUNCTION quotation_printed_words_refresh(bigint)")
    op.execute("DROP TABLE quotation_printed_words")
