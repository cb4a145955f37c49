"""Live updates: every new attribution is announced on the provenance_attributions channel

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 17:30:00

An AFTER INSERT trigger on attributions calls pg_notify with the new row's ids (JSON:
attribution, quotation, speaker, status), so the API's subscriptions hear of appearances
written by any path: the API, the CLI, bulk loads, an analyst's INSERT. PostgreSQL
delivers a notification when the inserting transaction commits, and never if it rolls back.

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "provenance_attributions"


def upgrade() -> None:
    op.execute(
        f"""
        CREATE FUNCTION notify_attribution_added() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify(
                '{CHANNEL}',
                json_build_object(
                    'attribution', NEW.id,
                    'quotation', NEW.quotation_id,
                    'speaker', NEW.speaker_id,
                    'status', NEW.status
                )::text
            );
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        "COMMENT ON FUNCTION notify_attribution_added() IS 'Announces a new attribution on "
        f"the {CHANNEL} channel (JSON of its id, quotation, speaker and status), delivered "
        "when the transaction commits; the API turns it into GraphQL subscription events.'"
    )
    op.execute(
        "CREATE TRIGGER attributions_notify_added AFTER INSERT ON attributions "
        "FOR EACH ROW EXECUTE FUNCTION notify_attribution_added()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER attributions_notify_added ON attributions")
    op.execute("DROP FUNCTION notify_attribution_added()")
