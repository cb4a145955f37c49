"""The analyst's SQL from migration 0002: views on the seeds and the read-only role."""

from __future__ import annotations

import psycopg
import pytest


@pytest.mark.reads_only
def test_attribution_hops_gives_truck_driver_bbc_seed_000(
    seeded_connection: psycopg.Connection,
) -> None:
    rows = seeded_connection.execute(
        """
        SELECT hop, role, speaker_name, outlet_name, article_slug, published_on::text, lag_days
        FROM attribution_hops WHERE quotation_slug = 'truck-driver-fighter-jet' ORDER BY hop
        """
    ).fetchall()
    driver = "One of the truck drivers who took Daesh out of Raqqa"
    assert rows == [
        (0, "SPEAKER", driver, None, None, None, None),
        (1, "REPORTER", driver, "BBC", "bbc-2017-11-13", "2017-11-13", None),
        (2, "RELAY", driver, None, "seed-000", "2017-11-14", 1),
    ]


@pytest.mark.reads_only
def test_every_attribution_is_one_hop(seeded_connection: psycopg.Connection) -> None:
    counts = seeded_connection.execute(
        """
        SELECT (SELECT count(*) FROM attribution_hops WHERE role <> 'SPEAKER'),
               (SELECT count(*) FROM attributions),
               (SELECT count(*) FROM attribution_hops WHERE role = 'SPEAKER'),
               (SELECT count(*) FROM quotations)
        """
    ).fetchone()
    assert counts is not None
    assert counts[0] == counts[1] == 53
    assert counts[2] == counts[3] == 26


@pytest.mark.reads_only
def test_quotation_overview_summarises_a_quote(seeded_connection: psycopg.Connection) -> None:
    row = seeded_connection.execute(
        """
        SELECT appearances, articles, outlets, first_article_slug, longest_chain, altered_hops
        FROM quotation_overview WHERE quotation_slug = 'pahon-confirms-deal'
        """
    ).fetchone()
    assert row == (3, 3, 1, "anadolu-agency-pahon-statement", 2, 1)


def test_read_only_role_reads_everything_and_writes_nothing(
    seeded_connection: psycopg.Connection,
) -> None:
    seeded_connection.execute("SET ROLE provenance_readonly")
    for relation in ("attributions", "article_revisions", "attribution_hops", "outlet_relays"):
        assert seeded_connection.execute(f"SELECT count(*) FROM {relation}").fetchone() is not None
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        seeded_connection.execute(
            "INSERT INTO outlets (slug, name) VALUES ('intruder', 'Intruder')"
        )


def test_read_only_role_cannot_create_or_delete(seeded_connection: psycopg.Connection) -> None:
    seeded_connection.execute("SET ROLE provenance_readonly")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        seeded_connection.execute("CREATE TABLE public.scratch (x int)")


def test_tables_created_later_are_readable_too(seeded_connection: psycopg.Connection) -> None:
    seeded_connection.execute("CREATE TABLE later_table (x int)")
    seeded_connection.execute("COMMENT ON TABLE later_table IS 'test'")
    seeded_connection.execute("SET ROLE provenance_readonly")
    assert seeded_connection.execute("SELECT count(*) FROM later_table").fetchone() == (0,)
