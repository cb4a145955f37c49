"""Printed wordings per quotation, so misspelt searches scan a small trigram index

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-21 12:45:00

A search none of whose words match looks for near-misses by trigram word similarity over
every quotation's text and every printed text: 5.5 million appearances at a million
quotations, 0.15 to 0.6 s in the attributions' trigram index alone. Almost every printing
is the quotation's text, or a run of its words (a partial quote), and a run of the text's
words is never more similar to a search than the text itself (its trigrams are a run of
the text's). quotation_printed_wordings keeps only the other printed wordings (insertions,
elisions, rewordings: 256,484 distinct ones at a million quotations) with their own
trigram index; triggers keep it current, bulk loads call quotation_printed_wordings_fill.

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The distinct printed wordings of the rows of attributions a (joined to quotations q)
# that are not a run of their quotation's words.
_WORDINGS = """
    SELECT DISTINCT a.quotation_id, a.text
    FROM attributions a JOIN quotations q ON q.id = a.quotation_id
    WHERE {condition} AND a.text <> q.text AND NOT wording_within(a.text, q.text)
"""

FUNCTIONS = f"""
CREATE FUNCTION wording_within(wording text, own text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    -- Words as pg_trgm sees them: runs of letters and digits, lowercase. The first test
    -- is a cheap sufficient one (the wording between spaces, a full stop aside), the
    -- second the exact one. Not STRICT, so that PostgreSQL inlines it (a fifth faster
    -- fill).
    SELECT strpos(' ' || rtrim(lower(own), '.!?') || ' ',
                  ' ' || rtrim(lower(wording), '.!?') || ' ') > 0
        OR strpos(' ' || btrim(lower(regexp_replace(own, '[^[:alnum:]]+', ' ', 'g'))) || ' ',
                  ' ' || btrim(lower(regexp_replace(wording, '[^[:alnum:]]+', ' ', 'g')))
                  || ' ') > 0
$$;

CREATE FUNCTION quotation_printed_wordings_refresh(target bigint) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM quotation_printed_wordings WHERE quotation_id = target;
    INSERT INTO quotation_printed_wordings (quotation_id, text)
    {_WORDINGS.format(condition="a.quotation_id = target")};
$$;

CREATE FUNCTION quotation_printed_wordings_fill(from_attribution bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO quotation_printed_wordings (quotation_id, text)
    {_WORDINGS.format(condition="a.id >= from_attribution")}
    ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION attributions_printed_wordings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.text IS NOT NULL THEN
        -- A wording goes with the last appearance that printed it (this row is gone or
        -- changed already: the trigger runs after it).
        DELETE FROM quotation_printed_wordings w
        WHERE w.quotation_id = OLD.quotation_id AND w.text_md5 = md5(OLD.text)::uuid
          AND NOT EXISTS (SELECT FROM attributions a
                          WHERE a.quotation_id = OLD.quotation_id AND a.text = OLD.text);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.text IS NOT NULL THEN
        INSERT INTO quotation_printed_wordings (quotation_id, text)
        SELECT q.id, NEW.text FROM quotations q
        WHERE q.id = NEW.quotation_id AND NEW.text <> q.text
          AND NOT wording_within(NEW.text, q.text)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION quotations_printed_wordings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM quotation_printed_wordings_refresh(NEW.id);
    RETURN NULL;
END $$;
"""

COMMENTS = (
    "COMMENT ON TABLE quotation_printed_wordings IS 'Each distinct wording an appearance "
    "printed that is neither the quotation''s text nor a run of its words (an insertion, an "
    "elision, a rewording), so that near-miss search reads these instead of every "
    "appearance. Maintained by triggers on quotations and attributions.'",
    "COMMENT ON COLUMN quotation_printed_wordings.quotation_id IS 'The quotation.'",
    "COMMENT ON COLUMN quotation_printed_wordings.text_md5 IS "
    "'md5 of text, as a uuid: the key (texts may be too long for a btree).'",
    "COMMENT ON COLUMN quotation_printed_wordings.text IS 'The wording as printed.'",
    "COMMENT ON INDEX ix_quotation_printed_wordings_text_trgm IS "
    "'Quotation search: near-misses of the wordings as printed.'",
    "COMMENT ON FUNCTION wording_within(text, text) IS 'True when the words of wording "
    "(letters and digits, lowercase, as trigram search sees them) are a run of own''s.'",
    "COMMENT ON FUNCTION quotation_printed_wordings_refresh(bigint) IS "
    "'Recompute the printed wordings of one quotation from all its attributions.'",
    "COMMENT ON FUNCTION quotation_printed_wordings_fill(bigint) IS "
    "'Add the printed wordings of the attributions from this id on, set-based: for bulk "
    "loads that run with triggers off.'",
    "COMMENT ON FUNCTION attributions_printed_wordings() IS "
    "'Keeps quotation_printed_wordings current as appearances are added, edited or removed.'",
    "COMMENT ON FUNCTION quotations_printed_wordings() IS "
    "'Keeps quotation_printed_wordings current when a quotation''s text changes.'",
    "COMMENT ON TRIGGER attributions_printed_wordings ON attributions IS "
    "'Keeps quotation_printed_wordings current.'",
    "COMMENT ON TRIGGER quotations_printed_wordings ON quotations IS "
    "'Keeps quotation_printed_wordings current.'",
)


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE quotation_printed_wordings (
            quotation_id bigint NOT NULL,
            text_md5 uuid GENERATED ALWAYS AS (md5(text)::uuid) STORED NOT NULL,
            text text NOT NULL,
            CONSTRAINT pk_quotation_printed_wordings PRIMARY KEY (quotation_id, text_md5),
            CONSTRAINT fk_quotation_printed_wordings_quotation_id_quotations
                FOREIGN KEY (quotation_id) REFERENCES quotations (id) ON DELETE CASCADE
        )
        """
    )
    op.execute(FUNCTIONS)
    op.execute(
        "CREATE TRIGGER attributions_printed_wordings "
        "AFTER INSERT OR DELETE OR UPDATE OF text, quotation_id ON attributions "
        "FOR EACH ROW EXECUTE FUNCTION attributions_printed_wordings()"
    )
    op.execute(
        "CREATE TRIGGER quotations_printed_wordings AFTER UPDATE OF text ON quotations "
        "FOR EACH ROW EXECUTE FUNCTION quotations_printed_wordings()"
    )
    op.execute("SELECT quotation_printed_wordings_fill(0)")
    op.execute(
        "CREATE INDEX ix_quotation_printed_wordings_text_trgm ON quotation_printed_wordings "
        "USING gin (text gin_trgm_ops)"
    )
    for statement in COMMENTS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER quotations_printed_wordings ON quotations")
    op.execute("DROP TRIGGER attributions_printed_wordings ON attributions")
    op.execute("DROP FUNCTION quotations_printed_wordings()")
    op.execute("DROP FUNCTION attributions_printed_wordings()")
    op.execute("DROP FUNCTION quotation_printed_wordings_fill(bigint)")
    op.execute("DROP FUNCTION quotation_printed_wordings_refresh(bigint)")
    op.execute("DROP TABLE quotation_printed_wordings")
    op.execute("DROP FUNCTION wording_within(text, text)")
